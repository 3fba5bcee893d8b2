"""``/api/incidents``: incidents (one happening, every report of it merged), listed and one by one."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy import Engine, select

from sitrep.export.columns import INCIDENT_CSV_COLUMNS
from sitrep.export.incidents_csv import incident_row
from sitrep.serve.deps import READS, AnswersDep, StoreDep, check_search
from sitrep.serve.formats import csv_chunks, geojson_chunks
from sitrep.serve.incident_filters import IncidentListing
from sitrep.serve.queries import listing_page
from sitrep.store import schema
from sitrep.store.incidents import incident_detail, incident_records, iter_incident_records

router = APIRouter(prefix="/api", tags=["incidents"])
_FILES = {
    "csv": ("text/csv; charset=utf-8", "sitrep-incidents.csv"),
    "geojson": ("application/geo+json", "sitrep-incidents.geojson"),
}
_CHUNKS = {
    "csv": partial(csv_chunks, columns=INCIDENT_CSV_COLUMNS, row=incident_row),
    "geojson": partial(geojson_chunks, id_key="incident_id"),
}


@router.get(
    "/incidents",
    dependencies=READS,
    response_class=JSONResponse,
    responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}},
)
def list_incidents(
    store: StoreDep, answers: AnswersDep, listing: Annotated[IncidentListing, Query()]
) -> Response:
    """Incidents matching every filter, sorted and paged, as JSON, ACLED-style CSV or GeoJSON.

    An incident is one happening as every stored report of it tells it: fields agreed across reports, the
    reconciled toll (``fatalities`` best, ``fatalities_low``, ``fatalities_high``), ``flags`` for what an
    analyst should check, its ``sources``, ``event_ids`` and ``articles``. Filters on actors, flags, review
    status, text and article select incidents with at least one matching report.
    JSON: ``{"total", "total_exact", "page", "page_size", "next", "incidents": [record...]}``, paged as
    ``/api/events`` is.
    """
    check_search(store, listing.q)
    if listing.format == "json":
        with store.engine.connect() as conn:
            page = listing_page(conn, listing, incident_records, answers)
        return JSONResponse(page.body(listing, "incidents"))
    media_type, filename = _FILES[listing.format]
    return StreamingResponse(
        _CHUNKS[listing.format](_stream_incidents(store.engine, listing)),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/incidents/{incident_id}", dependencies=READS)
def get_incident(store: StoreDep, incident_id: str) -> dict[str, Any]:
    """One incident: its record; every report of it (the event's record with its review status, the article
    it came from, the sentences compared across reports), earliest published first; every casualty claim,
    ``superseded`` when its claimant later revised it; and the history of the toll, one entry per report
    that changed it."""
    with store.engine.connect() as conn:
        found = incident_detail(conn, incident_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id!r}")
    return found


def _stream_incidents(engine: Engine, listing: IncidentListing) -> Iterator[dict[str, Any]]:
    query = select(schema.incidents).where(*listing.conditions(), *listing.resume())
    query = query.order_by(*listing.order_by())
    if listing.page_size:
        query = query.limit(listing.page_size).offset((listing.page - 1) * listing.page_size)
    with engine.connect() as conn:
        yield from iter_incident_records(conn, query)
