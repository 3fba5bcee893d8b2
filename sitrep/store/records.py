"""Conversions between the data model and table rows, both ways.

What goes in is ``Event.to_record()``; what comes out is a dict equal to it, keys in the same order, so
exports read from the database match ``sitrep extract`` output exactly. ``event_from_rows`` rebuilds the
``Event`` itself, for reconciliation to compare stored events with new ones.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Row, Table, select

from sitrep.model import Actor, Article, Claim, Event, Fatalities, Place, Span
from sitrep.store import schema

# The output contract's keys in its order, taken from the model itself so the two can never drift.
RECORD_FIELDS: tuple[str, ...] = tuple(
    Event(article_id="", event_id="", event_type="", sub_event_type="").to_record()
)
CLAIM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Claim))
_NESTED = ("claims", "evidence")
_PLACE_COLUMNS = (
    "location", "country", "admin1", "admin2", "latitude", "longitude", "geo_precision", "geonames_id"
)  # fmt: skip
SOURCE_SEPARATOR = "; "  # how ``Event.to_record()`` joins an event's sources into one column
# (field, start, end) of an evidence row, read by position: a row's attributes by name cost more.
_EVIDENCE_SPAN = itemgetter(
    *(list(schema.evidence.c.keys()).index(name) for name in ("field", "start", "end"))
)
_SPAN_COLUMNS = {"span": ("start", "end"), "claimant_span": ("claimant_start", "claimant_end")}


def content_hash(raw: str) -> str:
    """Fingerprint of an input as read: a page whose id is its URL is re-read when its content changes."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "origin": article.origin,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "published": article.published,
        "text": article.text,
        "content_type": article.content_type,
        "content_hash": content_hash(article.raw),
        "ingested_at": datetime.now(UTC),
    }


def event_rows(
    event: Event, position: int
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The event's own row, its evidence rows and its claim rows."""
    record = event.to_record()
    row = {key: value for key, value in record.items() if key not in _NESTED}
    row["event_date"] = event.event_date
    row["position"] = position
    evidence = [
        {"event_id": event.event_id, "field": name, "start": start, "end": end}
        for name, spans in record["evidence"].items()
        for start, end in spans or [(None, None)]
    ]
    claims = [_claim_row(event.event_id, claim) for claim in record["claims"]]
    for rows in (evidence, claims):
        for index, item in enumerate(rows):
            item["position"] = index
    return row, evidence, claims


def event_record(row: Row[Any], evidence: list[Row[Any]], claims: list[Row[Any]]) -> dict[str, Any]:
    """``Event.to_record()`` rebuilt from an event row and its evidence and claim rows, in position order."""
    values = row._asdict()
    values["event_date"] = _iso(values["event_date"])
    values["evidence"] = _evidence_record(evidence)
    values["claims"] = [claim_record(claim) for claim in claims]
    return {name: values[name] for name in RECORD_FIELDS}


def event_from_rows(row: Row[Any], claims: Sequence[Row[Any]], evidence: Sequence[Row[Any]] = ()) -> Event:
    """The ``Event`` an event row stands for, with its claims and (when given) its evidence spans.

    Associated actors are left out: the row keeps only their names, not their actor types.
    """
    values = row._mapping
    located = any(values[name] is not None for name in _PLACE_COLUMNS)
    return Event(
        article_id=values["article_id"],
        event_id=values["event_id"],
        event_type=values["event_type"],
        sub_event_type=values["sub_event_type"],
        event_date=values["event_date"],
        time_precision=values["time_precision"],
        actor1=_actor(values["actor1"], values["inter1"]),
        actor2=_actor(values["actor2"], values["inter2"]),
        place=_place(values) if located else None,
        fatalities=Fatalities(
            values["fatalities"],
            values["fatalities_low"],
            values["fatalities_high"],
            dict(values["fatalities_by_category"]),
            values["injured"],
        ),
        claims=[claim_from_row(claim) for claim in claims],
        sources=values["source"].split(SOURCE_SEPARATOR) if values["source"] else [],
        notes=values["notes"],
        confidence=values["confidence"],
        alleged=values["alleged"],
        historical=values["historical"],
        evidence={
            name: [Span(*span) for span in spans] for name, spans in _evidence_record(evidence).items()
        },
    )


def claim_from_row(row: Row[Any]) -> Claim:
    record = claim_record(row)
    spans = {key: Span(*record[key]) if record[key] else None for key in _SPAN_COLUMNS}
    return Claim(**{**record, **spans})


def rows_by_event(
    conn: Connection, table: Table, event_ids: Sequence[str]
) -> defaultdict[str, list[Row[Any]]]:
    """The rows of an event's child table (evidence, claims) for each of ``event_ids``, in position order."""
    query = select(table).where(table.c.event_id.in_(event_ids)).order_by(table.c.event_id, table.c.position)
    grouped: defaultdict[str, list[Row[Any]]] = defaultdict(list)
    event_id_of = itemgetter(list(table.c.keys()).index("event_id"))  # by position: faster than by name
    for event_id, rows in groupby(conn.execute(query).all(), key=event_id_of):
        grouped[event_id] = list(rows)
    return grouped


def _actor(name: str | None, inter: int | None) -> Actor | None:
    return Actor(name, inter) if name is not None and inter is not None else None


def _place(values: Any) -> Place:
    return Place(
        name=values["location"] or "",
        country=values["country"],
        admin1=values["admin1"],
        admin2=values["admin2"],
        latitude=values["latitude"],
        longitude=values["longitude"],
        geonames_id=values["geonames_id"],
        geo_precision=values["geo_precision"],
    )


def claim_row(event_id: str, claim: Claim) -> dict[str, Any]:
    """A claim's column values, as the ``claims`` and ``incident_claims`` tables hold them."""
    spans = {key: [span.start, span.end] if (span := getattr(claim, key)) else None for key in _SPAN_COLUMNS}
    return _claim_row(event_id, {**{name: getattr(claim, name) for name in CLAIM_FIELDS}, **spans})


def _claim_row(event_id: str, claim: dict[str, Any]) -> dict[str, Any]:
    row = {key: value for key, value in claim.items() if key not in _SPAN_COLUMNS}
    row["event_id"] = event_id
    for key, (start, end) in _SPAN_COLUMNS.items():
        span = claim[key]
        row[start], row[end] = span if span else (None, None)
    return row


def claim_record(row: Row[Any]) -> dict[str, Any]:
    """A claim row (of ``claims`` or ``incident_claims``) as ``Event.to_record()`` writes a claim."""
    values = row._mapping
    record = {name: values[name] for name in CLAIM_FIELDS if name not in _SPAN_COLUMNS}
    for key, (start, end) in _SPAN_COLUMNS.items():
        record[key] = [values[start], values[end]] if values[start] is not None else None
    return {name: record[name] for name in CLAIM_FIELDS}


def _evidence_record(rows: list[Row[Any]]) -> dict[str, list[list[int]]]:
    record: dict[str, list[list[int]]] = {}
    for field, start, end in map(_EVIDENCE_SPAN, rows):
        spans = record.setdefault(field, [])
        if start is not None:
            spans.append([start, end])
    return record


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
