"""The figures of a situation report, read from the store.

A report counts *incidents*. Once the store holds reconciled incidents (``incident_events`` filled by
``sitrep.reconcile``), those are what it counts; before that, each event row counts as one incident, so an
incident two articles report is counted twice. ``counting_unit`` picks the one the database supports and the
methods note names it. Either way an incident is in the report when its own date and place fall in the
scope and at least one report behind it is current (not a historical mention), not rejected by an analyst,
and matches the scope's further filters.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, Select, Subquery, Table, func, inspect, select, true

from sitrep.store import schema
from sitrep.store.review import REJECTED, REVIEW_STATUSES

EVENTS, INCIDENTS = "events", "incidents"
TOP_INCIDENTS = 10
_SOURCE_SEPARATOR = "; "  # how an event row joins its source names (Event.to_record)


@dataclass(frozen=True, slots=True)
class Scope:
    """The period and region a report covers, both ends inclusive, plus any further filters on events."""

    start: date
    end: date
    country: str | None = None
    admin1: str | None = None
    conditions: tuple[ColumnElement[bool], ...] = ()  # on ``schema.events``: the dashboard's other filters
    described: tuple[str, ...] = ()  # those filters in words ("event type: Battles"), for the header

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Scope:
        """The period of equal length just before this one, same region and filters."""
        return replace(self, start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1))

    @property
    def region(self) -> str | None:
        """The region in words ("Latakia, Syria"), or None for every region."""
        return ", ".join(part for part in (self.admin1, self.country) if part) or None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A death toll one report gave, and who gave it."""

    claimant: str | None
    figure: int
    qualifier: str
    category: str


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """One incident as the report counts it, with what its summary and the sources table need."""

    incident_id: str
    event_date: date
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    inter1: int | None
    actor2: str | None
    inter2: int | None
    location: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    civilians: int | None
    alleged: bool  # every report of it is flagged alleged
    reviewed: bool  # an analyst verified or corrected a report of it
    articles: tuple[str, ...]
    outlets: tuple[str, ...]  # who published the reports; empty when no article names its outlet
    cited: tuple[str, ...]  # other sources the reports name (monitors, agencies, officials)
    killed: tuple[Claimed, ...] = ()  # the death tolls reported, in report order
    flags: tuple[str, ...] = ()  # what reconciliation asks an analyst to check (none for single events)

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Totals:
    """Headline figures of a set of incidents. Fatality sums count an incident without a toll as 0."""

    incidents: int
    fatalities: int
    low: int
    high: int
    civilians: int
    by_type: Mapping[str, tuple[int, int]]  # event type -> (incidents, fatalities)

    @classmethod
    def of(cls, rows: Sequence[IncidentRow]) -> Totals:
        by_type: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            by_type[row.event_type][0] += 1
            by_type[row.event_type][1] += row.fatalities or 0
        return cls(
            incidents=len(rows),
            fatalities=sum(row.fatalities or 0 for row in rows),
            low=sum(_first(row.fatalities_low, row.fatalities) for row in rows),
            high=sum(_first(row.fatalities_high, row.fatalities) for row in rows),
            civilians=sum(row.civilians or 0 for row in rows),
            by_type={name: (count, deaths) for name, (count, deaths) in by_type.items()},
        )


@dataclass(frozen=True, slots=True)
class SourceCount:
    name: str | None  # None: the articles did not record their outlet
    published: int  # incidents reported in articles this outlet published
    cited: int  # incidents whose reports name it as a source


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a situation report shows, computed once; renderers only lay it out."""

    scope: Scope
    unit: str  # EVENTS or INCIDENTS: what was counted
    incidents: tuple[IncidentRow, ...]  # in the period, oldest first
    previous: Totals
    undated: int  # incidents in the region and filters with no date, left out of every period
    historical: int  # incidents in the period known only from background mentions, left out
    region_dates: tuple[date, date] | None  # first and last dated incident of the region, any period
    database: str
    generated: date = field(default_factory=lambda: datetime.now(UTC).date())

    @property
    def empty(self) -> bool:
        return not self.incidents

    @property
    def current(self) -> Totals:
        return Totals.of(self.incidents)

    def top(self, limit: int = TOP_INCIDENTS) -> list[IncidentRow]:
        """The deadliest incidents, most fatalities first (those without a toll last), then oldest first."""
        ranked = sorted(
            self.incidents, key=lambda row: -1 if row.fatalities is None else row.fatalities, reverse=True
        )
        return ranked[:limit]

    def weekly(self) -> list[tuple[date, Counter[str]]]:
        """Incidents per ISO week (named by its Monday) and event type, every week of the period included."""
        counts: defaultdict[date, Counter[str]] = defaultdict(Counter)
        for row in self.incidents:
            counts[monday(row.event_date)][row.event_type] += 1
        weeks = range(0, (monday(self.scope.end) - monday(self.scope.start)).days + 1, 7)
        return [(day, counts[day]) for day in (monday(self.scope.start) + timedelta(days=n) for n in weeks)]

    def sources(self) -> list[SourceCount]:
        """Each outlet and cited source with the number of incidents it published or is named in."""
        published: Counter[str | None] = Counter()
        cited: Counter[str | None] = Counter()
        for row in self.incidents:
            published.update(row.outlets or (None,))
            cited.update(set(row.cited) - set(row.outlets))
        names = sorted(
            published.keys() | cited.keys(),
            key=lambda name: (name is None, -(published[name] + cited[name]), name or ""),
        )
        return [SourceCount(name, published[name], cited[name]) for name in names]


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Unit:
    """What counts as an incident: a table with ACLED's columns, and the events standing behind each row."""

    name: str
    table: Table
    key: Column[Any]
    members: Subquery  # (unit_id, event_id)
    claims: Table  # with claimant, figure, qualifier, category, kind, position
    claim_key: Column[Any]
    current_claims: ColumnElement[bool]

    @property
    def order(self) -> tuple[Column[Any], ...]:
        return (self.table.c.event_date, self.key)


_EVENT_UNIT = Unit(
    name=EVENTS,
    table=schema.events,
    key=schema.events.c.event_id,
    members=select(
        schema.events.c.event_id.label("unit_id"), schema.events.c.event_id.label("event_id")
    ).subquery("members"),
    claims=schema.claims,
    claim_key=schema.claims.c.event_id,
    current_claims=true(),
)
_INCIDENT_UNIT = Unit(
    name=INCIDENTS,
    table=schema.incidents,
    key=schema.incidents.c.incident_id,
    members=select(
        schema.incident_events.c.incident_id.label("unit_id"), schema.incident_events.c.event_id
    ).subquery("members"),
    claims=schema.incident_claims,
    claim_key=schema.incident_claims.c.incident_id,
    current_claims=schema.incident_claims.c.superseded.is_(False),
)


def counting_unit(conn: Connection) -> Unit:
    """Incidents when the database has reconciled any events into them; otherwise events, one per incident."""
    if not inspect(conn).has_table(schema.incident_events.name):
        return _EVENT_UNIT
    reconciled = conn.execute(select(schema.incident_events.c.event_id).limit(1)).first()
    return _INCIDENT_UNIT if reconciled else _EVENT_UNIT


def build_report(conn: Connection, scope: Scope, database: str) -> Report:
    """The report of ``scope`` from the database at ``conn`` (named ``database`` in the methods note)."""
    unit = counting_unit(conn)
    scope = _as_stored(conn, unit, scope)
    current = _rows(conn, unit, scope)
    previous = _rows(conn, unit, scope.previous())
    return Report(
        scope=scope,
        unit=unit.name,
        incidents=tuple(current),
        previous=Totals.of(previous),
        undated=_count(
            conn, unit, *_in_region(unit, scope), unit.table.c.event_date.is_(None), _current(unit, scope)
        ),
        historical=_count(
            conn, unit, *_in_period(unit, scope), unit.key.in_(_matching(unit, scope)), ~_current(unit, scope)
        ),
        region_dates=_date_range(conn, unit, scope),
        database=database,
    )


def dated_range(conn: Connection, scope: Scope) -> tuple[date, date] | None:
    """The first and last day of the incidents in the scope's region and filters, whatever its period."""
    return _date_range(conn, counting_unit(conn), scope)


def _as_stored(conn: Connection, unit: Unit, scope: Scope) -> Scope:
    """The scope with its region spelled as the database spells it ("syria" matches, and reads, "Syria")."""
    spelled = {}
    for name in ("country", "admin1"):
        if value := getattr(scope, name):
            column = unit.table.c[name]
            stored = conn.execute(select(column).where(func.lower(column) == value.lower()).limit(1)).scalar()
            spelled[name] = stored or value
    return replace(scope, **spelled)


def _rows(conn: Connection, unit: Unit, scope: Scope) -> list[IncidentRow]:
    """The incidents of the scope, oldest first; their reports and claims read in one query each."""
    where = (*_in_period(unit, scope), _current(unit, scope))
    ids = select(unit.key).where(*where)
    records = [row._mapping for row in conn.execute(select(unit.table).where(*where).order_by(*unit.order))]
    reports, killed = _reports(conn, unit, ids), _killed(conn, unit, ids)
    key = unit.key.name
    return [_incident(record, key, reports[record[key]], killed[record[key]]) for record in records]


def _reports(conn: Connection, unit: Unit, ids: Select[Any]) -> dict[str, list[Mapping[str, Any]]]:
    """The current event rows behind each incident, with the article and outlet each came from."""
    events, articles = schema.events, schema.articles
    query = (
        select(
            unit.members.c.unit_id,
            events.c.article_id,
            events.c.alleged,
            events.c.status,
            events.c.source,
            articles.c.source.label("outlet"),
        )
        .join(events, events.c.event_id == unit.members.c.event_id)
        .join(articles, articles.c.id == events.c.article_id)
        .where(unit.members.c.unit_id.in_(ids), events.c.historical.is_(False), events.c.status != REJECTED)
        .order_by(unit.members.c.unit_id, events.c.article_id, events.c.position)
    )
    grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in conn.execute(query):
        grouped[row.unit_id].append(row._mapping)
    return grouped


def _killed(conn: Connection, unit: Unit, ids: Select[Any]) -> dict[str, list[Claimed]]:
    claims = unit.claims
    query = (
        select(unit.claim_key, claims.c["claimant", "figure", "qualifier", "category"])
        .where(unit.claim_key.in_(ids), claims.c.kind == "killed", unit.current_claims)
        .order_by(unit.claim_key, claims.c.position)
    )
    grouped: dict[str, list[Claimed]] = defaultdict(list)
    for key, claimant, figure, qualifier, category in conn.execute(query):
        grouped[key].append(Claimed(claimant, figure, qualifier, category))
    return grouped


def _incident(
    values: Mapping[str, Any], key: str, reports: list[Mapping[str, Any]], killed: list[Claimed]
) -> IncidentRow:
    outlets = _unique(report["outlet"] for report in reports)
    named = (name for report in reports for name in report["source"].split(_SOURCE_SEPARATOR))
    return IncidentRow(
        incident_id=values[key],
        event_date=values["event_date"],
        time_precision=values["time_precision"],
        event_type=values["event_type"],
        sub_event_type=values["sub_event_type"],
        actor1=values["actor1"],
        inter1=values["inter1"],
        actor2=values["actor2"],
        inter2=values["inter2"],
        location=values["location"],
        admin1=values["admin1"],
        country=values["country"],
        latitude=values["latitude"],
        longitude=values["longitude"],
        geo_precision=values["geo_precision"],
        fatalities=values["fatalities"],
        fatalities_low=values["fatalities_low"],
        fatalities_high=values["fatalities_high"],
        civilians=(values["fatalities_by_category"] or {}).get("civilians"),
        alleged=bool(reports) and all(report["alleged"] for report in reports),
        reviewed=any(
            report["status"] in REVIEW_STATUSES and report["status"] != REJECTED for report in reports
        ),
        articles=_unique(report["article_id"] for report in reports),
        outlets=outlets,
        cited=tuple(name for name in _unique(named) if name not in outlets),
        killed=tuple(killed),
        flags=tuple(values.get("flags") or ()),
    )


def _matching(unit: Unit, scope: Scope, *, current: bool = False) -> Select[Any]:
    """Ids of the incidents with an unrejected report matching the scope's further filters; with
    ``current``, a report that is not merely a historical mention."""
    events = schema.events
    conditions = [events.c.status != REJECTED, *scope.conditions]
    if current:
        conditions.append(events.c.historical.is_(False))
    return (
        select(unit.members.c.unit_id)
        .join(events, events.c.event_id == unit.members.c.event_id)
        .where(*conditions)
    )


def _current(unit: Unit, scope: Scope) -> ColumnElement[bool]:
    """Incidents with a current report matching the scope's filters: the ones a report counts."""
    return unit.key.in_(_matching(unit, scope, current=True))


def _in_region(unit: Unit, scope: Scope) -> list[ColumnElement[bool]]:
    columns = unit.table.c
    wanted = {"country": scope.country, "admin1": scope.admin1}
    return [func.lower(columns[name]) == value.lower() for name, value in wanted.items() if value]


def _in_period(unit: Unit, scope: Scope) -> list[ColumnElement[bool]]:
    return [*_in_region(unit, scope), unit.table.c.event_date.between(scope.start, scope.end)]


def _count(conn: Connection, unit: Unit, *where: ColumnElement[bool]) -> int:
    return conn.execute(select(func.count()).select_from(unit.table).where(*where)).scalar_one()


def _date_range(conn: Connection, unit: Unit, scope: Scope) -> tuple[date, date] | None:
    dates = unit.table.c.event_date
    query = select(func.min(dates), func.max(dates)).where(
        *_in_region(unit, scope), dates.is_not(None), _current(unit, scope)
    )
    first, last = conn.execute(query).one()
    return (first, last) if first else None


def _first(*values: int | None) -> int:
    return next((value for value in values if value is not None), 0)


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    """The non-empty values, each once, in first-seen order."""
    return tuple(dict.fromkeys(value.strip() for value in values if value and value.strip()))
