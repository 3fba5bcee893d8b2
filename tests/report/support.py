"""A hand-made database for the report tests: one month (March 2025) against the month before, with every
kind of event a report must count, leave out or qualify.

Counted in March: a battle two outlets report, with a disputed toll and civilian deaths, an alleged air
strike located only to its province, shelling dated only to the week, a protest without a toll, an attack
abroad from an article that names no outlet, and a battle with no coordinates dated only to the month.
Left out: a historical mention, an undated attack, a riot an analyst rejected, and February's battle (the
previous period).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from rich.console import Console

from sitrep.model import Actor, Article, Claim, Event, Fatalities, Place
from sitrep.report.query import Claimed, IncidentRow
from sitrep.store import Store
from sitrep.store.database import writing
from sitrep.store.review import REJECTED, apply_correction
from sitrep.taxonomy import (
    BATTLES,
    CIVILIANS,
    EXPLOSIONS,
    PROTESTERS,
    PROTESTS,
    REBEL_GROUPS,
    RIOTERS,
    RIOTS,
    STATE_FORCES,
    VAC,
)

MARCH = (date(2025, 3, 1), date(2025, 3, 31))
SAMPLES = Path(__file__).resolve().parents[2] / "sitrep" / "data" / "samples"
SOHR = "Syrian Observatory for Human Rights"
CLASH_NOTES = (
    "Clashes between security forces and gunmen loyal to the former government in Jableh killed dozens."
)

STATE = Actor("Military Forces of Syria (2024-)", STATE_FORCES, "Syria")
LOYALISTS = Actor("Militia (Pro-Assad)", REBEL_GROUPS, "Syria")
CIVILIANS_SY = Actor("Civilians (Syria)", CIVILIANS, "Syria")
CIVILIANS_LB = Actor("Civilians (Lebanon)", CIVILIANS, "Lebanon")
PROTESTERS_SY = Actor("Protesters (Syria)", PROTESTERS, "Syria")
RIOTERS_SY = Actor("Rioters (Syria)", RIOTERS, "Syria")

JABLEH = Place("Jableh", "Syria", "SY", "Latakia", "Jableh", 35.3609, 35.9256, geo_precision=1)
LATAKIA = Place("Latakia", "Syria", "SY", "Latakia", None, 35.6, 36.0, geo_precision=3)
ALEPPO = Place("Aleppo", "Syria", "SY", "Aleppo", "Jabal Saman", 36.2021, 37.1343, geo_precision=1)
IDLIB = Place("Idlib", "Syria", "SY", "Idlib", "Idlib", 35.9306, 36.6339, geo_precision=1)
HOMS = Place("Homs", "Syria", "SY", "Homs", "Homs", 34.7324, 36.7137, geo_precision=1)
DAMASCUS = Place("Damascus", "Syria", "SY", "Damascus", None, 33.5102, 36.2913, geo_precision=1)
BEIRUT = Place("Beirut", "Lebanon", "LB", "Beirut", None, 33.8938, 35.5018, geo_precision=1)
SYRIA = Place("Syria", "Syria", "SY")


# One incident as the report reads it, for the summary and map tests.
CLASH = IncidentRow(
    incident_id="i1",
    event_date=date(2025, 3, 6),
    time_precision=1,
    event_type="Battles",
    sub_event_type="Armed clash",
    actor1="Military Forces of Syria (2024-)",
    inter1=STATE_FORCES,
    actor2="Militia (Pro-Assad)",
    inter2=REBEL_GROUPS,
    location="Jableh",
    admin1="Latakia",
    country="Syria",
    latitude=35.36,
    longitude=35.93,
    geo_precision=1,
    fatalities=71,
    fatalities_low=49,
    fatalities_high=71,
    civilians=4,
    alleged=False,
    reviewed=False,
    articles=("a1",),
    outlets=("Example News",),
    cited=(SOHR,),
    killed=(Claimed(SOHR, 71, "over", "total"), Claimed("Ministry of Health", 49, "exact", "total")),
)


def deaths(best: int, low: int | None = None, high: int | None = None, civilians: int = 0) -> Fatalities:
    categories = {"civilians": civilians} if civilians else {}
    return Fatalities(best=best, low=best if low is None else low, high=high, by_category=categories)


def article(article_id: str, published: date, outlet: str | None) -> Article:
    text = f"Report {article_id}."
    return Article(
        id=article_id, raw=text, text=text, published=published, source=outlet, origin=f"tests/{article_id}"
    )


def articles() -> list[tuple[Article, list[Event]]]:
    coast = article("coast", date(2025, 3, 8), "Coast Monitor")
    gulf = article("gulf", date(2025, 3, 9), "Gulf Daily")
    north = article("north", date(2025, 3, 17), "North Wire")
    older = article("older", date(2025, 2, 16), "Coast Monitor")
    abroad = article("abroad", date(2025, 3, 21), None)
    rejected = article("rejected", date(2025, 3, 26), "North Wire")
    return [
        (
            coast,
            [
                Event(
                    "coast", "coast-clash", BATTLES, "Armed clash", date(2025, 3, 6), 1,
                    actor1=STATE, actor2=LOYALISTS, place=JABLEH, fatalities=deaths(49, 49, 71, civilians=4),
                    claims=[
                        Claim(49, "total", qualifier="at_least", low=49, claimant=SOHR),
                        Claim(71, "total", qualifier="exact", low=71, high=71, claimant="Ministry of Health"),
                    ],
                    sources=[SOHR, "Ministry of Health", "Coast Monitor"],
                    notes=CLASH_NOTES,
                ),
                Event(
                    "coast", "coast-strike", EXPLOSIONS, "Air/drone strike", date(2025, 3, 7), 1,
                    actor2=CIVILIANS_SY, place=LATAKIA, alleged=True, sources=["residents", "Coast Monitor"],
                ),
                Event(
                    "coast", "coast-history", BATTLES, "Armed clash", date(2025, 3, 3), 1,
                    actor1=STATE, place=DAMASCUS, fatalities=deaths(100), historical=True,
                    sources=["Coast Monitor"],
                ),
            ],
        ),
        (
            gulf,
            [
                Event(
                    "gulf", "gulf-clash", BATTLES, "Armed clash", date(2025, 3, 6), 1,
                    actor1=STATE, actor2=LOYALISTS, place=JABLEH, fatalities=deaths(52, civilians=4),
                    claims=[Claim(52, "total", qualifier="at_least", low=52, claimant=SOHR)],
                    sources=[SOHR, "Gulf Daily"], notes=CLASH_NOTES,
                ),
            ],
        ),
        (
            north,
            [
                Event(
                    "north", "north-shelling", EXPLOSIONS, "Shelling/artillery/missile attack",
                    date(2025, 3, 16), 2, actor1=STATE, actor2=CIVILIANS_SY, place=ALEPPO,
                    fatalities=deaths(7, civilians=7),
                    claims=[Claim(7, "civilians", claimant="Civil Defence")],
                    sources=["Civil Defence", "North Wire"],
                ),
                Event(
                    "north", "north-protest", PROTESTS, "Peaceful protest", date(2025, 3, 15), 1,
                    actor1=PROTESTERS_SY, place=IDLIB, sources=["North Wire"],
                ),
                Event(
                    "north", "north-undated", VAC, "Attack", None, None, actor2=CIVILIANS_SY, place=HOMS,
                    fatalities=deaths(3, civilians=3), sources=["North Wire"],
                ),
                Event(
                    "north", "north-somewhere", BATTLES, "Armed clash", date(2025, 3, 28), 3,
                    actor1=STATE, place=SYRIA, sources=["North Wire"],
                ),
            ],
        ),
        (
            older,
            [
                Event(
                    "older", "older-clash", BATTLES, "Armed clash", date(2025, 2, 15), 1,
                    actor1=STATE, actor2=LOYALISTS, place=HOMS, fatalities=deaths(10, civilians=2),
                    sources=[SOHR, "Coast Monitor"],
                )
            ],
        ),
        (
            abroad,
            [
                Event(
                    "abroad", "abroad-attack", VAC, "Attack", date(2025, 3, 20), 1,
                    actor2=CIVILIANS_LB, place=BEIRUT, fatalities=deaths(2, 2, 3, civilians=2),
                    sources=["Lebanese Army"],
                )
            ],
        ),
        (
            rejected,
            [
                Event(
                    "rejected", "rejected-riot", RIOTS, "Mob violence", date(2025, 3, 25), 1,
                    actor1=RIOTERS_SY, place=HOMS, fatalities=deaths(5), sources=["North Wire"],
                )
            ],
        ),
    ]  # fmt: skip


def fill(store: Store) -> None:
    """The hand-made articles, saved as ingest saves them; then an analyst rejects the riot."""
    for item, events in articles():
        store.save(item, events)
    with writing(store.engine).begin() as conn:
        apply_correction(conn, "rejected-riot", "alice", {}, REJECTED)


def ingest_samples(store: Store) -> bool:
    """The packaged samples through the real pipeline; False while the pipeline cannot be imported."""
    try:
        from sitrep.batch import ingest
    except ImportError:
        return False
    counts = ingest([str(SAMPLES)], store, console=Console(file=io.StringIO()))
    return counts.stored > 0


def forget_incidents(store: Store) -> None:
    """Make the database one written before reconciliation was stored: events only."""
    from sitrep.store import schema

    with writing(store.engine).begin() as conn:
        for table in reversed(schema.INCIDENT_TABLES):
            conn.execute(table.delete())
