"""Query parameters of ``GET /api/incidents``: the event filters, applied to incidents.

What an incident has of its own (date, type, place, reconciled toll) is filtered on the incident; what only
its reports have (actors beyond the main pair, alleged and historical flags, review status, text, article)
selects the incidents that have at least one matching report. By default an incident whose every report
an analyst rejected is left out, as rejected events are from event listings.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.sql.elements import UnaryExpression

from sitrep.serve.filters import EventFilters, EventListing, parse_bbox, within
from sitrep.store import schema

INCIDENT_SORTABLE: tuple[str, ...] = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "fatalities",
    "number_of_sources",
)
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
        if value.removeprefix("-") not in INCIDENT_SORTABLE:
            raise ValueError(f"cannot sort by {value!r}; choose one of {', '.join(INCIDENT_SORTABLE)}")
        return value

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE conditions these filters stand for, on ``schema.incidents``."""
        incidents = schema.incidents
        found: list[ColumnElement[bool]] = []
        if self.date_from:
            found.append(incidents.c.event_date >= self.date_from)
        if self.date_to:
            found.append(incidents.c.event_date <= self.date_to)
        if self.event_type:
            found.append(incidents.c.event_type.in_(self.event_type))
        if self.sub_event_type:
            found.append(incidents.c.sub_event_type.in_(self.sub_event_type))
        for name in ("country", "admin1"):
            if value := getattr(self, name):
                found.append(func.lower(incidents.c[name]) == value.lower())
        if self.bbox:
            found.append(within(*parse_bbox(self.bbox), table=incidents))
        if self.min_fatalities is not None:
            found.append(incidents.c.fatalities >= self.min_fatalities)
        reports = EventFilters(**self.model_dump(include=set(REPORT_FILTERS))).conditions()
        links, events = schema.incident_events, schema.events
        reported = select(links.c.incident_id).join(events, events.c.event_id == links.c.event_id)
        found.append(incidents.c.incident_id.in_(reported.where(*reports)))
        return found

    def order_by(self) -> list[Any]:
        """Empty values last in either direction, then a stable tie-break on the incident id."""
        key = schema.incidents.c[self.sort.removeprefix("-")]
        direction: UnaryExpression[Any] = key.desc() if self.sort.startswith("-") else key.asc()
        return [key.is_(None), direction, schema.incidents.c.incident_id]
