"""Hand-built articles and events, and a database dump, for the store, export and CLI tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.model import Actor, Article, Claim, Event, Fatalities, Place, Span
from sitrep.taxonomy import BATTLES, STRATEGIC

TEXT = (
    "Clashes between security forces and gunmen in Jableh killed at least 16 people on Thursday, "
    "according to the Syrian Observatory. Authorities later imposed a curfew in Ţarţūs."
)


def sample_article(article_id: str = "a1", text: str = TEXT, origin: str = "news/a1.txt") -> Article:
    return Article(
        id=article_id,
        raw=f"<p>{text}</p>",
        content_type="html",
        text=text,
        title="Clashes in Jableh",
        url=f"https://example.org/{article_id}",
        source="Example News",
        published=date(2025, 3, 7),
        origin=origin,
    )


def sample_events(article_id: str = "a1") -> list[Event]:
    """A located, dated battle with a claim, and an undated, unlocated curfew: both ends of the range."""
    clash = Event(
        article_id=article_id,
        event_id=f"{article_id}-1",
        event_type=BATTLES,
        sub_event_type="Armed clash",
        event_date=date(2025, 3, 6),
        time_precision=1,
        actor1=Actor("Military Forces of Syria (2024-)", 1, "Syria"),
        assoc_actor_1=[Actor("Police Forces of Syria (2024-)", 1, "Syria")],
        actor2=Actor("Unidentified Armed Group (Syria)", 2, "Syria"),
        place=Place(
            "Jableh",
            "Syria",
            "SY",
            "Latakia",
            "Jableh",
            35.3609,
            35.9256,
            geonames_id=170017,
            geo_precision=1,
        ),
        fatalities=Fatalities(best=16, low=16, high=None, by_category={"total": 16}, injured=None),
        claims=[
            Claim(
                figure=16,
                category="total",
                qualifier="at_least",
                low=16,
                claimant="Syrian Observatory for Human Rights",
                article_id=article_id,
                span=Span(61, 72),
                claimant_span=Span(111, 130),
            )
        ],
        sources=["Syrian Observatory for Human Rights", "Example News"],
        notes="Clashes between security forces and gunmen in Jableh killed at least 16 people.",
        confidence=0.8123,
    )
    clash.cite("event_type", Span(0, 7))
    clash.cite("location", Span(46, 52))
    clash.cite("fatalities", Span(61, 81))
    curfew = Event(
        article_id=article_id,
        event_id=f"{article_id}-2",
        event_type=STRATEGIC,
        sub_event_type="Other",
        actor1=Actor("Government of Syria (2024-)", 1),
        notes="Curfew imposed in Ţarţūs.",
        alleged=True,
        historical=True,
        confidence=0.4,
    )
    curfew.cite("event_type", Span(153, 159))
    curfew.cite("event_date")  # a field cited without a span: kept as an empty list
    return [clash, curfew]


# Columns holding wall-clock times: the only ones that differ between two identical runs.
_TIMESTAMPS = {"ingested_at", "seen_at"}


CONTENT_TABLES = ("articles", "events", "evidence", "claims", "errors")
INCIDENT_TABLES = ("incidents", "incident_events", "incident_claims", "incident_history")


def dump(
    db_path: str | Path, tables: tuple[str, ...] = CONTENT_TABLES + INCIDENT_TABLES
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the content tables, sorted, without timestamp columns: equal dumps, equal contents."""
    with closing(sqlite3.connect(db_path)) as conn:
        dumped = {}
        for table in tables:
            names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            columns = ", ".join(f'"{name}"' for name in names if name not in _TIMESTAMPS)
            query = f"SELECT {columns} FROM {table}"
            dumped[table] = sorted(conn.execute(query).fetchall(), key=repr)
        return dumped


def clash_report(
    article_id: str,
    sentence: str,
    *,
    published: date = date(2025, 3, 7),
    source: str = "Example News",
    killed: int | None = 16,
    claimant: str = "Syrian Observatory for Human Rights",
    place: Place | None = None,
) -> tuple[Article, list[Event]]:
    """An article of one sentence reporting a clash at Jableh on 6 March 2025, with the trigger, the place
    and (when ``killed``) a death toll cited in the sentence, the way the extractor cites them."""
    article = replace(sample_article(article_id, sentence), source=source, published=published)
    clash = replace(
        sample_events(article_id)[0],
        claims=[],
        evidence={},
        sources=[claimant, source],
        fatalities=Fatalities(),
    )
    clash.place = place or clash.place
    clash.cite("event_type", Span(0, sentence.index(" ")))
    if killed is not None:
        start = sentence.index(str(killed))
        clash.claims = [
            Claim(
                killed,
                "total",
                low=killed,
                claimant=claimant,
                article_id=article_id,
                span=Span(start, start + 2),
            )
        ]
        clash.fatalities = Fatalities(best=killed, low=killed, by_category={"total": killed})
        clash.cite("fatalities", Span(start, start + 2))
    return article, [clash]
