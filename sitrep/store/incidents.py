"""Incidents in the database: the store's ``ReportIndex``, writing a reconciliation ``Change``, reading back.

``sitrep.reconcile`` decides which stored events report one incident; this module only feeds it and keeps
what it decides. Every report it hands over is rebuilt from the database (``records.event_from_rows``),
including the reports of the article being written, so a report reads the same whether it arrived first
or last and the incidents are the same whatever order the articles came in.

The attach runs inside the article's transaction (``Store.save``): an article and its incident updates
commit together, and writers take the database's write lock first, so attaches run one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Row, Select, and_, delete, insert, or_, select

from sitrep.model import Event
from sitrep.store import schema
from sitrep.store.records import claim_record, claim_row, event_from_rows, event_record, rows_by_event
from sitrep.store.review import CORRECTED, REJECTED, VERIFIED

if TYPE_CHECKING:
    from sitrep.reconcile import CandidateQuery, Change, IncidentState, Reconciler, Report

_CHUNK = 500  # ids per IN (...) list
# The incident columns that make up an incident's record, in order; the list of its events follows.
RECORD_COLUMNS: tuple[str, ...] = tuple(
    column.name for column in schema.incidents.columns if column.name != "component_id"
)
_ARTICLE_COLUMNS = ("id", "title", "url", "source", "published")
_REJECTED = schema.events.c.status == REJECTED  # an analyst's verdict: the event did not happen as coded


@cache
def default_reconciler() -> Reconciler:
    """The reconciler every store of this process shares: its text encoder loads once, on first use."""
    from sitrep.reconcile import Reconciler

    return Reconciler.default()


class StoredReports:
    """``ReportIndex`` over the events of a database that belong to an incident, read on ``conn``.

    Lookups first select event ids only; each report is rebuilt once per instance (one attach asks for
    overlapping candidates once per new report), so an instance must not outlive its transaction.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._components: dict[str, str] = {}
        self._reports: dict[str, Report] = {}

    def candidates(self, query: CandidateQuery) -> list[Report]:
        """The attached reports ``query`` admits, found through the indexes on event_date, event_type and
        country."""
        events = schema.events
        conditions = [events.c.event_type.in_(sorted(query.event_types))]
        if query.country:
            conditions.append(or_(events.c.country == query.country, events.c.country.is_(None)))
        undated = and_(
            events.c.event_date.is_(None), schema.articles.c.published.between(*query.published_bounds())
        )
        conditions.append(or_(*_dated_near(query), undated))
        return [report for report in self._attached(*conditions) if query.admits(report)]

    def component_of(self, event_id: str) -> str | None:
        if event_id not in self._components:
            links = schema.incident_events
            found = self.conn.execute(select(links.c.component_id).where(links.c.event_id == event_id))
            component = found.scalar_one_or_none()
            if component is None:
                return None
            self._components[event_id] = component
        return self._components[event_id]

    def component_members(self, component_id: str) -> list[Report]:
        return self._attached(schema.incident_events.c.component_id == component_id)

    def reports_of(self, evidence_texts: Mapping[str, str]) -> list[Report]:
        """The reports, as stored, of events in no incident yet; ``evidence_texts`` by event id names them."""
        ids = sorted(evidence_texts)
        self._load(_with_article(select(schema.events)), ids, evidence_texts)
        return [self._reports[event_id] for event_id in ids]

    def release(self, event_ids: Sequence[str]) -> list[Report]:
        """Delete the incidents of every component holding one of ``event_ids``; the components' other
        reports come back, unattached, to be clustered again without those events."""
        links = schema.incident_events
        found = self.conn.execute(select(links.c.component_id).where(links.c.event_id.in_(event_ids)))
        components = sorted(set(found.scalars()))
        leaving = set(event_ids)
        members = [r for c in components for r in self.component_members(c) if r.event_id not in leaving]
        self.conn.execute(delete(schema.incidents).where(schema.incidents.c.component_id.in_(components)))
        self._components.clear()
        return members

    def _attached(self, *conditions: ColumnElement[bool]) -> list[Report]:
        """The reports of attached events meeting ``conditions`` (on events and incident_events)."""
        events, links = schema.events, schema.incident_events
        query = (
            select(events.c.event_id, links.c.component_id)
            .join(links)
            .join(schema.articles)
            .where(*conditions)
        )
        rows = self.conn.execute(query.order_by(events.c.event_id)).all()
        self._components.update((row.event_id, row.component_id) for row in rows)
        ids = [row.event_id for row in rows]
        self._load(_with_article(select(events, links.c.evidence_text).join(links)), ids)
        return [self._reports[event_id] for event_id in ids]

    def _load(
        self, query: Select[Any], ids: list[str], evidence_texts: Mapping[str, str] | None = None
    ) -> None:
        """Rebuild the reports of ``ids`` not rebuilt yet, their rows read by ``query`` (texts stored in
        ``incident_events``, or given)."""
        from sitrep.reconcile import Report

        missing = [event_id for event_id in ids if event_id not in self._reports]
        for chunk in _chunks(missing, _CHUNK):
            rows = self.conn.execute(query.where(schema.events.c.event_id.in_(chunk))).all()
            claims = rows_by_event(self.conn, schema.claims, chunk)
            for row in rows:
                values = row._mapping
                text = values["evidence_text"] if evidence_texts is None else evidence_texts[row.event_id]
                event = event_from_rows(row, claims[row.event_id])
                reviewed = values["status"] in (VERIFIED, CORRECTED)
                self._reports[row.event_id] = Report(
                    event, text, values["published"], values["outlet"], reviewed
                )


def attach(
    conn: Connection,
    reconciler: Reconciler,
    evidence_texts: Mapping[str, str],
    released: Sequence[Report] = (),
) -> None:
    """Cluster newly written events (named by ``evidence_texts``) and ``released`` reports into the stored
    incidents."""
    index = StoredReports(conn)
    reports = [*released, *index.reports_of(evidence_texts)]
    if reports:
        write_change(conn, reconciler.attach(reports, index))


def attach_all(conn: Connection, reconciler: Reconciler) -> None:
    """Cluster every stored event that belongs to no incident: a database from before incidents existed."""
    loose = schema.events.c.event_id.not_in(select(schema.incident_events.c.event_id))
    attach(conn, reconciler, _texts_from_articles(conn, loose))


# The event columns that decide which incident an event joins (status: a rejected event joins none, and a
# reviewed event's place is taken as it is).
CLUSTERING_COLUMNS: frozenset[str] = frozenset(
    {"event_date", "time_precision", "event_type", "sub_event_type", "status"}
    | {"actor1", "inter1", "actor2", "inter2"}
    | {"country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "geonames_id"}
)


def reattach(conn: Connection, reconciler: Reconciler, event_id: str, changed: Iterable[str]) -> bool:
    """After an analyst changed the ``changed`` columns of an event (in this transaction), cluster it again
    when any of them decides its incident: its component is released and attached anew, as stored now,
    and nothing else is touched. A rejected event leaves its incident and joins none. Returns whether it
    was clustered again."""
    if CLUSTERING_COLUMNS.isdisjoint(changed):
        return False
    events, links = schema.events, schema.incident_events
    stored = conn.execute(select(links.c.evidence_text).where(links.c.event_id == event_id)).scalar()
    texts = (
        {event_id: stored}
        if stored is not None
        else _texts_from_articles(conn, events.c.event_id == event_id)
    )
    released = StoredReports(conn).release([event_id])
    status = conn.execute(select(events.c.status).where(events.c.event_id == event_id)).scalar()
    attach(conn, reconciler, {} if status == REJECTED else texts, released)
    return True


def _texts_from_articles(conn: Connection, *conditions: ColumnElement[bool]) -> dict[str, str]:
    """The evidence sentences (``reconcile.evidence_text``) of the events meeting ``conditions``, rebuilt
    from their articles' text; rejected events left out."""
    from sitrep.reconcile import evidence_text

    articles, events = schema.articles, schema.events
    query = select(events, articles.c.text).join(articles).where(*conditions, ~_REJECTED)
    texts = {}
    for chunk in conn.execute(query).partitions(_CHUNK):
        evidence = rows_by_event(conn, schema.evidence, [row.event_id for row in chunk])
        for row in chunk:
            texts[row.event_id] = evidence_text(event_from_rows(row, [], evidence[row.event_id]), row.text)
    return texts


def evidence_texts(events: Iterable[Event], article_text: str) -> dict[str, str]:
    """The sentences behind each event (``reconcile.evidence_text``), by event id."""
    from sitrep.reconcile import evidence_text

    return {event.event_id: evidence_text(event, article_text) for event in events}


def write_change(conn: Connection, change: Change) -> None:
    """Delete the incidents of the replaced components (their rows go with them), then write the new ones."""
    incidents = schema.incidents
    for components in _chunks(change.replaced_components, _CHUNK):
        conn.execute(delete(incidents).where(incidents.c.component_id.in_(components)))
    rows: dict[Any, list[dict[str, Any]]] = {table: [] for table in schema.INCIDENT_TABLES}
    for state in change.incidents:
        rows[schema.incidents].append(incident_row(state))
        rows[schema.incident_events] += _link_rows(state)
        rows[schema.incident_claims] += _claim_rows(state)
        rows[schema.incident_history] += _history_rows(state)
    for table, values in rows.items():
        if values:
            conn.execute(insert(table), values)


def incident_row(state: IncidentState) -> dict[str, Any]:
    from sitrep.reconcile.casualties import chronological

    incident = state.incident
    place = incident.place
    inter = _actor_types([r.event for r in state.reports])
    return {
        "incident_id": incident.incident_id,
        "component_id": state.component_id,
        "event_date": incident.event_date,
        "time_precision": incident.time_precision,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "inter1": inter.get(incident.actor1),
        "actor2": incident.actor2,
        "inter2": inter.get(incident.actor2),
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": (place.name or None) if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "geonames_id": place.geonames_id if place else None,
        "fatalities": incident.fatalities.best,
        "fatalities_low": incident.fatalities.low,
        "fatalities_high": incident.fatalities.high,
        "fatalities_by_category": dict(incident.fatalities.by_category),
        "injured": incident.fatalities.injured,
        "flags": list(incident.flags),
        "sources": list(incident.sources),
        "number_of_sources": len(incident.article_ids),  # UCDP: source materials (articles) consulted
        "notes": chronological(state.reports)[0].event.notes,  # as the earliest report tells it
    }


def _actor_types(events: Sequence[Event]) -> dict[str | None, int]:
    """The actor type (inter code) each actor name has in the incident's events."""
    return {actor.name: actor.inter for event in events for actor in (event.actor1, event.actor2) if actor}


def _link_rows(state: IncidentState) -> list[dict[str, Any]]:
    incident_id = state.incident.incident_id
    return [
        {
            "event_id": report.event_id,
            "incident_id": incident_id,
            "component_id": state.component_id,
            "evidence_text": report.text,
        }
        for report in state.reports
    ]


def _claim_rows(state: IncidentState) -> list[dict[str, Any]]:
    """Every claim of the incident in its order (publication order), with the event that made it."""
    event_of = {id(claim): r.event_id for r in state.reports for claim in r.event.claims}
    superseded = {id(claim) for claim in state.superseded}
    return [
        {
            **claim_row(event_of[id(claim)], claim),
            "incident_id": state.incident.incident_id,
            "position": position,
            "superseded": id(claim) in superseded,
        }
        for position, claim in enumerate(state.incident.claims)
    ]


def _history_rows(state: IncidentState) -> list[dict[str, Any]]:
    return [
        {
            "incident_id": state.incident.incident_id,
            "seq": seq,
            "as_of": revision.as_of,
            "article_id": revision.article_id,
            "best": revision.best,
            "low": revision.low,
            "high": revision.high,
            "flags": list(revision.flags),
        }
        for seq, revision in enumerate(state.history)
    ]


def incident_records(conn: Connection, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    """Records of incident rows: their columns (dates as ISO text), the ids of their events, and the
    articles that report them (id, title, url, outlet, publication date), earliest published first."""
    members = _members(conn, [row.incident_id for row in rows])
    articles = _articles(
        conn, sorted({article_id for events in members.values() for _, article_id in events})
    )
    records = []
    for row in rows:
        record = {name: row._mapping[name] for name in RECORD_COLUMNS}
        record["event_date"] = _iso(record["event_date"])
        events = members.get(row.incident_id, [])
        record["event_ids"] = [event_id for event_id, _ in events]
        reporting = {article_id for _, article_id in events}
        record["articles"] = [article for article in articles if article["id"] in reporting]
        records.append(record)
    return records


def iter_incident_records(conn: Connection, query: Select[Any]) -> Iterator[dict[str, Any]]:
    """The records of the incident rows ``query`` selects, read in chunks."""
    for chunk in conn.execute(query).partitions(_CHUNK):
        yield from incident_records(conn, chunk)


def incident_detail(conn: Connection, incident_id: str) -> dict[str, Any] | None:
    """An incident's record, every report of it (event record, article, the sentences compared), every
    claim (superseded ones flagged) and the history of its toll; None when there is no such incident."""
    incidents = schema.incidents
    row = conn.execute(select(incidents).where(incidents.c.incident_id == incident_id)).first()
    if row is None:
        return None
    return {
        "incident": incident_records(conn, [row])[0],
        "reports": _reports(conn, incident_id),
        "claims": _claims(conn, incident_id),
        "history": _history(conn, incident_id),
    }


def _members(conn: Connection, incident_ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    links, events = schema.incident_events, schema.events
    query = (
        select(links.c.incident_id, events.c.event_id, events.c.article_id)
        .join(events)
        .where(links.c.incident_id.in_(incident_ids))
        .order_by(links.c.incident_id, events.c.event_id)
    )
    members: dict[str, list[tuple[str, str]]] = {}
    for incident_id, event_id, article_id in conn.execute(query):
        members.setdefault(incident_id, []).append((event_id, article_id))
    return members


def _articles(conn: Connection, article_ids: list[str]) -> list[dict[str, Any]]:
    """Metadata of the given articles, earliest published first (undated first, as in the toll history)."""
    articles = schema.articles
    query = (
        select(*(articles.c[name] for name in _ARTICLE_COLUMNS))
        .where(articles.c.id.in_(article_ids))
        .order_by(articles.c.published.is_(None).desc(), articles.c.published, articles.c.id)
    )
    return [{**row._mapping, "published": _iso(row.published)} for row in conn.execute(query)]


def _reports(conn: Connection, incident_id: str) -> list[dict[str, Any]]:
    """The incident's reports, earliest published first, each with its event record and its article."""
    events, links = schema.events, schema.incident_events
    query = select(events, links.c.evidence_text).join(links).where(links.c.incident_id == incident_id)
    rows = conn.execute(query.order_by(events.c.event_id)).all()
    ids = [row.event_id for row in rows]
    evidence, claims = rows_by_event(conn, schema.evidence, ids), rows_by_event(conn, schema.claims, ids)
    articles = _articles(conn, sorted({row.article_id for row in rows}))
    reports = []
    for article in articles:
        for row in rows:
            if row.article_id == article["id"]:
                event = {
                    **event_record(row, evidence[row.event_id], claims[row.event_id]),
                    "status": row.status,
                }
                reports.append({"event": event, "article": article, "evidence_text": row.evidence_text})
    return reports


def _claims(conn: Connection, incident_id: str) -> list[dict[str, Any]]:
    claims = schema.incident_claims
    query = select(claims).where(claims.c.incident_id == incident_id).order_by(claims.c.position)
    return [
        {"event_id": row.event_id, **claim_record(row), "superseded": row.superseded}
        for row in conn.execute(query)
    ]


def _history(conn: Connection, incident_id: str) -> list[dict[str, Any]]:
    history = schema.incident_history
    query = select(history).where(history.c.incident_id == incident_id).order_by(history.c.seq)
    return [
        {
            "as_of": _iso(row.as_of),
            "article_id": row.article_id,
            "best": row.best,
            "low": row.low,
            "high": row.high,
            "flags": row.flags,
        }
        for row in conn.execute(query)
    ]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    return (items[start : start + size] for start in range(0, len(items), size))


def _dated_near(query: CandidateQuery) -> list[ColumnElement[bool]]:
    """Conditions on event_date (one range per time_precision class, each served by its index) that
    together hold every dated event whose window can overlap the query's days."""
    from sitrep.reconcile.match import DAY_PRECISION, MONTH_PRECISION

    events = schema.events
    precision = events.c.time_precision
    classes = {
        DAY_PRECISION: precision == DAY_PRECISION,
        MONTH_PRECISION: precision == MONTH_PRECISION,
        None: or_(precision.is_(None), precision.not_in((DAY_PRECISION, MONTH_PRECISION))),
    }
    return [
        and_(events.c.event_date.between(*query.event_date_bounds(code)), in_class)
        for code, in_class in classes.items()
    ]


def _with_article(query: Select[Any]) -> Select[Any]:
    """``query`` on events, with the publication date and outlet of each event's article."""
    articles = schema.articles
    return query.add_columns(articles.c.published, articles.c.source.label("outlet")).join(
        articles, articles.c.id == schema.events.c.article_id
    )
