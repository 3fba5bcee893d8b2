"""``/api/events``, ``/api/stats``: listing, one event with its evidence, corrections and their history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy import select

from sitrep.serve.corrections import Correction
from sitrep.serve.deps import READS, AnswersDep, StoreDep, check_search
from sitrep.serve.filters import EventFilters, EventListing
from sitrep.serve.formats import csv_chunks, geojson_chunks
from sitrep.serve.queries import (
    event_detail,
    event_records,
    filters_key,
    listing_page,
    stats,
    stream_events,
)
from sitrep.serve.security import json_body, write_access
from sitrep.store import schema
from sitrep.store.database import writing
from sitrep.store.incidents import reattach
from sitrep.store.repository import lock_attaches
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
def list_events(store: StoreDep, answers: AnswersDep, listing: Annotated[EventListing, Query()]) -> Response:
    """Events matching every filter, sorted and paged, as JSON, ACLED-style CSV or GeoJSON.

    JSON: ``{"total", "total_exact", "page", "page_size", "next", "events": [record...]}``, each record
    ``Event.to_record()`` plus its review ``status``. ``total`` is exact up to 10,000 matching events; past
    that it reads 10,000 and ``total_exact`` is false (``/api/stats`` counts them all). ``next`` is the
    cursor (``after``) of the following page, null on the last. CSV has ACLED's columns in ACLED's order,
    then sitrep's.
    """
    check_search(store, listing.q)
    if listing.format == "json":
        with store.engine.connect() as conn:
            page = listing_page(conn, listing, event_records, answers)
        return JSONResponse(page.body(listing, "events"))
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


@router.patch("/events/{event_id}", dependencies=[Depends(json_body)])
def correct_event(
    store: StoreDep,
    event_id: str,
    correction: Correction,
    analyst: Annotated[Identity, Depends(write_access("analyst"))],
) -> dict[str, Any]:
    """Correct coded fields of an event, or verify or reject it; each change enters the event's history.

    Needs a bearer token with role analyst or admin. Answers the updated record and the changes made.
    A change to what decides an event's incident (date, type, actors, place, a rejection) clusters it
    again in the same transaction: it leaves its incident, and joins the one it now matches, if any.
    """
    events = schema.events
    with writing(store.engine).begin() as conn:
        lock_attaches(conn)
        current = conn.execute(select(events).where(events.c.event_id == event_id)).first()
        if current is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
        try:
            changes = correction.changes(current._mapping)
        except ValueError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
        changed = apply_correction(conn, event_id, analyst.name, changes, correction.status)
        reattach(conn, store.reconciler, event_id, [change["field"] for change in changed])
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
def event_stats(
    store: StoreDep, answers: AnswersDep, filters: Annotated[EventFilters, Query()]
) -> JSONResponse:
    """Counts and fatalities of the matching events by week (and type), type, admin1 and actor.

    The answer is kept until the next write to the database, so a dashboard asking again costs nothing.
    """
    check_search(store, filters.q)

    def computed() -> bytes:
        with store.engine.connect() as conn:
            return JSONResponse(stats(conn, filters)).body

    return Response(answers.get(("stats", *filters_key(filters)), computed), media_type="application/json")
