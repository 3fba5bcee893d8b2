"""Query parameters of ``GET /api/incidents``: the event filters, applied to incidents.

What an incident has of its own (date, type, place, reconciled toll) is filtered on the incident; what only
its reports have (actors beyond the main pair, alleged and historical flags, review status, text, article)
selects the incidents that have at least one matching report. By default an incident whose every report
an analyst rejected is left out, as rejected events are from event listings.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import ColumnElement, Table, select

from sitrep.serve.filters import RECORD_SORTABLE, EventFilters, EventListing, sortable
from sitrep.store import schema

INCIDENT_SORTABLE: tuple[str, ...] = (*RECORD_SORTABLE, "number_of_sources")
# Filters that apply to an incident's reports rather than to the incident itself.
REPORT_FILTERS = frozenset({"actor", "alleged", "historical", "q", "status", "article_id"})


class IncidentListing(EventListing):
    """Filters plus order, page and format of ``GET /api/incidents``."""

    sort: str = Field(
        "-event_date",
        description=f"A column, '-' first for descending: {', '.join(INCIDENT_SORTABLE)}. Empty values last.",
    )

    @field_validator("sort")
    @classmethod
    def _sortable(cls, value: str) -> str:
        return sortable(value, INCIDENT_SORTABLE)

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE conditions these filters stand for, on ``schema.incidents``."""
        incidents = schema.incidents
        found = self.record_conditions(incidents)
        reports = EventFilters(**self.model_dump(include=set(REPORT_FILTERS))).conditions()
        links, events = schema.incident_events, schema.events
        reported = select(links.c.incident_id).join(events, events.c.event_id == links.c.event_id)
        found.append(incidents.c.incident_id.in_(reported.where(*reports)))
        return found

    def ordering(self) -> tuple[Table, ColumnElement[Any]]:
        return schema.incidents, schema.incidents.c.incident_id
