"""``/api/events``, ``/api/stats``: listing, one event with its evidence, corrections and their history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy import select

from sitrep.serve.corrections import Correction
from sitrep.serve.deps import READS, StoreDep, check_search
from sitrep.serve.filters import EventFilters, EventListing
from sitrep.serve.formats import csv_chunks, geojson_chunks
from sitrep.serve.queries import (
    DEFAULT_PAGE_SIZE,
    event_detail,
    event_page,
    event_records,
    stats,
    stream_events,
)
from sitrep.serve.security import require
from sitrep.store import schema
from sitrep.store.database import writing
from sitrep.store.review import Identity, apply_correction, history

router = APIRouter(prefix="/api", tags=["events"])
_FILES = {
    "csv": ("text/csv; charset=utf-8", "sitrep-events.csv"),
    "geojson": ("application/geo+json", "sitrep-events.geojson"),
}


@router.get(
    "/events",
    dependencies=READS,
    response_class=JSONResponse,
    responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}},
)
def list_events(store: StoreDep, listing: Annotated[EventListing, Query()]) -> Response:
    """Events matching every filter, sorted and paged, as JSON, ACLED-style CSV or GeoJSON.

    JSON: ``{"total", "page", "page_size", "events": [record...]}``, each record ``Event.to_record()`` plus
    its review ``status``. CSV has ACLED's columns in ACLED's order, then sitrep's.
    """
    check_search(store, listing.q)
    if listing.format == "json":
        with store.engine.connect() as conn:
            total, records = event_page(conn, listing)
        page_size = listing.page_size or DEFAULT_PAGE_SIZE
        return JSONResponse({"total": total, "page": listing.page, "page_size": page_size, "events": records})
    media_type, filename = _FILES[listing.format]
    chunks = csv_chunks if listing.format == "csv" else geojson_chunks
    return StreamingResponse(
        chunks(stream_events(store.engine, listing)),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/events/{event_id}", dependencies=READS)
def get_event(store: StoreDep, event_id: str) -> dict[str, Any]:
    """One event's record and its article (``article.text`` is the clean text every evidence span indexes)."""
    with store.engine.connect() as conn:
        found = event_detail(conn, event_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
    return found


@router.patch("/events/{event_id}")
def correct_event(
    store: StoreDep,
    event_id: str,
    correction: Correction,
    analyst: Annotated[Identity, Depends(require("analyst"))],
) -> dict[str, Any]:
    """Correct coded fields of an event, or verify or reject it; each change enters the event's history.

    Needs a bearer token with role analyst or admin. Answers the updated record and the changes made.
    """
    events = schema.events
    with writing(store.engine).begin() as conn:
        current = conn.execute(select(events).where(events.c.event_id == event_id)).first()
        if current is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
        try:
            changes = correction.changes(current._mapping)
        except ValueError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
        changed = apply_correction(conn, event_id, analyst.name, changes, correction.status)
        updated = conn.execute(select(events).where(events.c.event_id == event_id)).one()
        return {"event": event_records(conn, [updated])[0], "changes": changed}


@router.get("/events/{event_id}/history", dependencies=READS)
def event_history(store: StoreDep, event_id: str) -> dict[str, Any]:
    """Every accepted correction of the event, oldest first: who, when, field, before, after."""
    events = schema.events
    with store.engine.connect() as conn:
        trail = history(conn, event_id)
        exists = conn.execute(select(events.c.event_id).where(events.c.event_id == event_id)).first()
    if exists is None and not trail:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
    return {"event_id": event_id, "history": trail}


@router.get("/stats", dependencies=READS)
def event_stats(store: StoreDep, filters: Annotated[EventFilters, Query()]) -> dict[str, Any]:
    """Counts and fatalities of the matching events by week (and type), type, admin1 and actor."""
    check_search(store, filters.q)
    with store.engine.connect() as conn:
        return stats(conn, filters)
