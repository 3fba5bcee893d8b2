"""``/api/report``: the situation report for the dashboard's filters, as HTML, Markdown or PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response
from pydantic import Field
from sqlalchemy import Connection

from sitrep.report import FORMATS, Scope, build_report, render
from sitrep.report.query import dated_range
from sitrep.report.render import STYLESHEET
from sitrep.serve.deps import READS, StoreDep, check_search
from sitrep.serve.filters import EventFilters

router = APIRouter(prefix="/api", tags=["report"])
STYLESHEET_PATH = "/api/report.css"
DEFAULT_DAYS = 30  # the period when no date is given and no matching event is dated
_PERIOD_AND_REGION = ("date_from", "date_to", "country", "admin1")
_LABELS = {"md": "Markdown", "pdf": "PDF"}


class ReportRequest(EventFilters):
    """The event filters (a period and region, plus any others) and the report's format."""

    format: Literal["html", "md", "pdf"] = Field(
        "html", description="html (a page), md (Markdown, figures embedded) or pdf (A4)."
    )


@router.get(
    "/report",
    dependencies=READS,
    response_class=Response,
    responses={200: {"content": {media_type.split(";")[0]: {} for media_type in FORMATS.values()}}},
)
def situation_report(
    store: StoreDep, request: Request, wanted: Annotated[ReportRequest, Query()]
) -> Response:
    """A situation report: headline figures against the previous period of equal length, a map, a weekly
    trend, the deadliest incidents summarised, the sources and a methods note.

    The period is ``date_from``..``date_to``; a missing end is taken from the dated events that match. The
    region is ``country`` and ``admin1``. Every other filter selects the incidents with a matching report.
    """
    check_search(store, wanted.q)
    with store.engine.connect() as conn:
        report = build_report(conn, _scope(conn, wanted), "the server's database")
    links = [
        (f"Download {label}", _same_query(request, fmt))
        for fmt, label in _LABELS.items()
        if fmt != wanted.format
    ]
    rendered = render(
        report,
        wanted.format,
        stylesheet_url=STYLESHEET_PATH if wanted.format == "html" else None,
        links=links,
    )
    disposition = "inline" if wanted.format == "html" else "attachment"
    filename = f"sitrep-report-{report.scope.start}-{report.scope.end}.{wanted.format}"
    return Response(
        rendered.content,
        media_type=rendered.media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


@router.get("/report.css", include_in_schema=False)
def report_stylesheet() -> FileResponse:
    """The report page's stylesheet: served, not inlined, under the Content-Security-Policy."""
    return FileResponse(STYLESHEET, media_type="text/css")


def _scope(conn: Connection, wanted: ReportRequest) -> Scope:
    """The period and region asked for, the other filters as conditions; a missing end of the period is
    taken from the matching incidents, or, when none is dated, the last ``DEFAULT_DAYS`` days."""
    further = wanted.model_copy(update=dict.fromkeys(_PERIOD_AND_REGION))
    today = datetime.now(UTC).date()
    scope = Scope(
        today,
        today,
        country=wanted.country,
        admin1=wanted.admin1,
        conditions=tuple(further.conditions()),
        described=tuple(
            f"{name.replace('_', ' ')}: {_words(value)}"
            for name, value in further.model_dump(exclude_defaults=True, exclude={"format"}).items()
        ),
    )
    first, last = dated_range(conn, scope) or (None, None)
    end = wanted.date_to or last or today
    if wanted.date_from is None:
        start = first if first and first <= end else end - timedelta(days=DEFAULT_DAYS - 1)
    else:
        start = wanted.date_from
    return replace(scope, start=start, end=max(start, end))


def _words(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _same_query(request: Request, output_format: str) -> str:
    url = request.url.include_query_params(format=output_format)
    return f"{url.path}?{url.query}"
