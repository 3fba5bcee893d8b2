"""Conversions between the data model and table rows, both ways.

What goes in is ``Event.to_record()``; what comes out is a dict equal to it, keys in the same order, so
exports read from the database match ``sitrep extract`` output exactly.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Row

from sitrep.model import Article, Claim, Event

# The output contract's keys in its order, taken from the model itself so the two can never drift.
RECORD_FIELDS: tuple[str, ...] = tuple(
    Event(article_id="", event_id="", event_type="", sub_event_type="").to_record()
)
CLAIM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Claim))
_NESTED = ("claims", "evidence")
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
    values = row._mapping
    nested = {"evidence": _evidence_record(evidence), "claims": [_claim_record(claim) for claim in claims]}
    record = {name: nested[name] if name in nested else values[name] for name in RECORD_FIELDS}
    record["event_date"] = _iso(values["event_date"])
    return record


def _claim_row(event_id: str, claim: dict[str, Any]) -> dict[str, Any]:
    row = {key: value for key, value in claim.items() if key not in _SPAN_COLUMNS}
    row["event_id"] = event_id
    for key, (start, end) in _SPAN_COLUMNS.items():
        span = claim[key]
        row[start], row[end] = span if span else (None, None)
    return row


def _claim_record(row: Row[Any]) -> dict[str, Any]:
    values = row._mapping
    record = {name: values[name] for name in CLAIM_FIELDS if name not in _SPAN_COLUMNS}
    for key, (start, end) in _SPAN_COLUMNS.items():
        record[key] = [values[start], values[end]] if values[start] is not None else None
    return {name: record[name] for name in CLAIM_FIELDS}


def _evidence_record(rows: list[Row[Any]]) -> dict[str, list[list[int]]]:
    record: dict[str, list[list[int]]] = {}
    for row in rows:
        spans = record.setdefault(row.field, [])
        if row.start is not None:
            spans.append([row.start, row.end])
    return record


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
