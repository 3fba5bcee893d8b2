"""Query parameters of the event endpoints, validated, and turned into parameterised SQL conditions.

Values from the URL only ever reach SQL as bound parameters: the sort key is looked up in a fixed table of
columns and the full-text query is rebuilt from quoted terms, so no input can change a statement's shape.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import ColumnElement, Select, String, Table, and_, column, func, or_, select, table
from sqlalchemy.sql.elements import UnaryExpression

from sitrep.store import schema
from sitrep.store.review import REJECTED, REVIEW_STATUSES
from sitrep.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

MAX_PAGE_SIZE = 500
MACHINE = "machine"  # the status the store gives an event no analyst has reviewed
STATUSES: tuple[str, ...] = (MACHINE, *REVIEW_STATUSES)
# The columns events and incidents can both be sorted by.
RECORD_SORTABLE: tuple[str, ...] = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "fatalities",
)
SORTABLE: tuple[str, ...] = (*RECORD_SORTABLE, "confidence", "status")
_ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_BBOX = re.compile(
    r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$"
)
_TERMS = re.compile(r'"([^"]*)"|(\S+)')
_search = table(
    schema.SEARCH_TABLE, column("kind", String), column("ref", String), column("article_id", String)
)


class EventFilters(BaseModel):
    """Which events: every given filter must hold. Rejected events are left out unless asked for."""

    model_config = ConfigDict(extra="forbid")

    date_from: date | None = Field(None, description="Events on or after this day (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Events on or before this day (YYYY-MM-DD).")
    event_type: list[str] = Field([], description="ACLED event type; repeat for any of several.")
    sub_event_type: list[str] = Field([], description="ACLED sub-event type; repeat for any of several.")
    actor: str | None = Field(
        None, max_length=200, description="Part of an actor's or associated actor's name."
    )
    country: str | None = Field(None, max_length=200)
    admin1: str | None = Field(None, max_length=200)
    bbox: str | None = Field(None, description="min_lon,min_lat,max_lon,max_lat (WGS 84).")
    min_fatalities: int | None = Field(None, ge=0, description="Best fatality estimate at least this.")
    alleged: bool | None = Field(None, description="Only events flagged alleged (true) or not (false).")
    historical: bool | None = Field(
        None, description="Only background events (true) or current ones (false)."
    )
    q: str | None = Field(
        None,
        max_length=500,
        description='Full-text search in notes and article text; "quoted phrase", word*.',
    )
    status: Literal[*STATUSES] | None = Field(None, description="Review status; default: all but rejected.")
    article_id: str | None = Field(None, max_length=200)

    @field_validator("event_type")
    @classmethod
    def _known_event_types(cls, values: list[str]) -> list[str]:
        return _known(values, EVENT_TYPES, "event type")

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_event_types(cls, values: list[str]) -> list[str]:
        return _known(values, SUB_EVENT_TYPES, "sub-event type")

    @field_validator("bbox")
    @classmethod
    def _valid_bbox(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    @field_validator("q")
    @classmethod
    def _has_terms(cls, value: str | None) -> str | None:
        if value is not None and not fts_query(value):
            return None
        return value

    @model_validator(mode="after")
    def _ordered_dates(self) -> EventFilters:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        return self

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE conditions these filters stand for, on ``schema.events``."""
        events = schema.events
        found = self.record_conditions(events)
        if self.actor:
            pattern = f"%{_escape_like(self.actor.lower())}%"
            found.append(
                or_(*(func.lower(events.c[name]).like(pattern, escape="\\") for name in _ACTOR_COLUMNS))
            )
        for flag in ("alleged", "historical"):
            if (wanted := getattr(self, flag)) is not None:
                found.append(events.c[flag] == wanted)
        if self.q:
            found.append(_matching(fts_query(self.q)))
        found.append(events.c.status == self.status if self.status else events.c.status != REJECTED)
        if self.article_id:
            found.append(events.c.article_id == self.article_id)
        return found

    def record_conditions(self, table: Table) -> list[ColumnElement[bool]]:
        """The conditions on what events and incidents both have (date, type, place, toll), on ``table``."""
        found: list[ColumnElement[bool]] = []
        if self.date_from:
            found.append(table.c.event_date >= self.date_from)
        if self.date_to:
            found.append(table.c.event_date <= self.date_to)
        if self.event_type:
            found.append(table.c.event_type.in_(self.event_type))
        if self.sub_event_type:
            found.append(table.c.sub_event_type.in_(self.sub_event_type))
        for name in ("country", "admin1"):
            if value := getattr(self, name):
                found.append(func.lower(table.c[name]) == value.lower())
        if self.bbox:
            found.append(within(*parse_bbox(self.bbox), table=table))
        if self.min_fatalities is not None:
            found.append(table.c.fatalities >= self.min_fatalities)
        return found


class EventListing(EventFilters):
    """Filters plus order, page and format of ``GET /api/events``."""

    sort: str = Field(
        "-event_date",
        description=f"A column, '-' first for descending: {', '.join(SORTABLE)}. Empty values last.",
    )
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int | None = Field(
        None,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Events per page (JSON: default 100, at most {MAX_PAGE_SIZE}). "
        "CSV and GeoJSON stream every matching event unless page_size is given.",
    )
    format: Literal["json", "csv", "geojson"] = "json"
    after: str | None = Field(
        None,
        max_length=1000,
        description="The `next` cursor of the previous page (same filters and sort): the page after it, "
        "found without reading the pages before. Use it instead of page to walk a long listing.",
    )

    @field_validator("sort")
    @classmethod
    def _sortable(cls, value: str) -> str:
        return sortable(value, SORTABLE)

    @model_validator(mode="after")
    def _cursor_or_page(self) -> EventListing:
        if self.after is not None:
            if self.page != 1:
                raise ValueError("give page or after, not both")
            read_cursor(self.after, self.sort, self.ordering()[0])
        return self

    def ordering(self) -> tuple[Table, ColumnElement[Any]]:
        """The table listed and the column that breaks ties of the sort key."""
        return schema.events, schema.events.c.event_id

    def order_by(self) -> list[Any]:
        """Empty values last in either direction, then a stable tie-break on the id."""
        return sort_order(self.sort, *self.ordering())

    def resume(self) -> list[ColumnElement[bool]]:
        """The condition for the rows after the ``after`` cursor in this order; none without a cursor."""
        if self.after is None:
            return []
        table, tie_break = self.ordering()
        return [after_cursor(self.sort, table, tie_break, self.after)]

    def cursor(self, row: Any) -> str:
        """The cursor naming ``row`` (a row of the listed table) in this order."""
        _table, tie_break = self.ordering()
        value = getattr(row, self.sort.removeprefix("-"))
        plain = value.isoformat() if isinstance(value, date) else value
        text = json.dumps([self.sort, plain, getattr(row, tie_break.name)])
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def sortable(sort: str, columns: tuple[str, ...]) -> str:
    """``sort`` when it names one of ``columns``, '-' first or not."""
    if sort.removeprefix("-") not in columns:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(columns)}")
    return sort


def sort_order(sort: str, table: Table, tie_break: ColumnElement[Any]) -> list[Any]:
    """ORDER BY for a validated ``sort`` on ``table``: empty values last either way, then ``tie_break``.

    Spelled ``NULLS LAST`` rather than sorting on ``key IS NULL`` first: SQLite then walks an index on the
    key for a descending sort (where empty values come last anyway) instead of sorting every matching row.
    """
    key = table.c[sort.removeprefix("-")]
    direction: UnaryExpression[Any] = key.desc() if sort.startswith("-") else key.asc()
    return [direction.nulls_last(), tie_break]


def read_cursor(cursor: str, sort: str, table: Table) -> tuple[Any, str]:
    """(sort key value, id) of the row a cursor names; ValueError for one no listing of this order gave."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        cursor_sort, value, last = json.loads(text)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise ValueError("after is not a cursor this API gave") from error
    if cursor_sort != sort or not isinstance(last, str):
        raise ValueError("after is a cursor from another listing order; use the sort it was made for")
    key = table.c[sort.removeprefix("-")]
    if value is None:
        return None, last
    try:
        return (
            date.fromisoformat(value) if key.type.python_type is date else key.type.python_type(value)
        ), last
    except (TypeError, ValueError) as error:
        raise ValueError("after is not a cursor this API gave") from error


def after_cursor(sort: str, table: Table, tie_break: ColumnElement[Any], cursor: str) -> ColumnElement[bool]:
    """Rows that ``sort_order`` puts after the cursor's row: further along the key, or level with it and
    a later id, or (empty values coming last) with no key at all."""
    value, last = read_cursor(cursor, sort, table)
    key = table.c[sort.removeprefix("-")]
    if value is None:
        return and_(key.is_(None), tie_break > last)
    further = key < value if sort.startswith("-") else key > value
    return or_(further, and_(key == value, tie_break > last), key.is_(None))


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat); a box crossing the antimeridian has min_lon > max_lon."""
    match = _BBOX.match(value)
    if not match:
        raise ValueError("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = (float(part) for part in match.groups())
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError("bbox is outside -180..180 longitude or -90..90 latitude, or min_lat > max_lat")
    return min_lon, min_lat, max_lon, max_lat


def fts_query(text: str) -> str:
    """A safe FTS5 query for what a user typed: every word or "phrase" must occur; ``word*`` is a prefix."""
    terms = []
    for phrase, word in _TERMS.findall(text):
        prefix = word.endswith("*")
        body = (phrase or word.rstrip("*")).replace('"', "").strip()
        if body:
            terms.append(f'"{body}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _known(values: list[str], known: Any, what: str) -> list[str]:
    unknown = [value for value in values if value not in known]
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r}; ACLED's are: {', '.join(known)}")
    return values


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def within(
    min_lon: float, min_lat: float, max_lon: float, max_lat: float, table: Table = schema.events
) -> ColumnElement[bool]:
    """Rows of ``table`` (events, incidents) whose coordinates lie in the box."""
    latitude = table.c.latitude.between(min_lat, max_lat)
    if min_lon <= max_lon:
        return and_(latitude, table.c.longitude.between(min_lon, max_lon))
    return and_(latitude, or_(table.c.longitude >= min_lon, table.c.longitude <= max_lon))


def articles_matching(query: str) -> Select[Any]:
    """Ids of the articles whose clean text matches an FTS5 query (SQLite)."""
    return select(_search.c.article_id).where(_match(query), _search.c.kind == "article")


def _matching(query: str) -> ColumnElement[bool]:
    """Events whose notes, or whose article's text, match an FTS5 query."""
    events = schema.events
    in_notes = select(_search.c.ref).where(_match(query), _search.c.kind == "event")
    return or_(events.c.article_id.in_(articles_matching(query)), events.c.event_id.in_(in_notes))


def _match(query: str) -> ColumnElement[bool]:
    return column(schema.SEARCH_TABLE).op("MATCH")(query)
