"""The store: write articles with their events atomically, read summaries, events and incidents back.

Each article is written in one transaction together with its events, evidence, claims, search rows and the
incidents its events join (``store.incidents``), so a run killed at any moment leaves either the whole
article or nothing of it. Writing an article whose id is stored with the same content hash changes nothing;
a changed page (same URL id, new content) replaces the article and its machine-extracted events, and the
incidents its old events were in are clustered again without them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import Connection, Engine, Select, bindparam, delete, func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite

from sitrep.model import Article, Event
from sitrep.store import schema
from sitrep.store.database import (
    DEFAULT_DB,
    StoreError,
    connect,
    database_url,
    display_name,
    readable_errors,
    sqlite_path,
    use_wal,
    writing,
)
from sitrep.store.incidents import (
    StoredReports,
    attach,
    default_reconciler,
    evidence_texts,
    iter_incident_records,
)
from sitrep.store.migrations import prepare
from sitrep.store.records import article_row, content_hash, event_record, event_rows, rows_by_event
from sitrep.store.review import REJECTED

if TYPE_CHECKING:
    from sitrep.reconcile import Reconciler

_CHUNK = 500  # events read per round trip when streaming an export
# PostgreSQL advisory lock key taken by every write that attaches events to incidents.
_ATTACH_LOCK = 0x5172_6570
_UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}  # INSERT ... ON CONFLICT
# Events an analyst rejected stay in the database (with their history) but out of summaries and exports.
_NOT_REJECTED = schema.events.c.status != REJECTED
# The save path's statements, built once: building and checking a statement costs more than running it.
_STORED_HASH = select(schema.articles.c.content_hash).where(schema.articles.c.id == bindparam("article_id"))
_CLEAR_ERROR = delete(schema.errors).where(schema.errors.c.origin == bindparam("error_origin"))
_INSERT = {table: insert(table) for table in (schema.articles, schema.events, schema.evidence, schema.claims)}
_INDEX_FOR_SEARCH = text(
    f"INSERT INTO {schema.SEARCH_TABLE} (kind, ref, article_id, body) "
    "VALUES (:kind, :ref, :article_id, :body)"
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; None means any."""

    event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    since: date | None = None
    until: date | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    articles: int
    events: int
    events_by_type: list[tuple[str, int]]
    fatalities: int
    top_places: list[tuple[str, int]]
    errors: int


def lock_attaches(conn: Connection) -> None:
    """Make incident attaches of concurrent transactions run one at a time: PostgreSQL takes an advisory
    lock for the rest of ``conn``'s transaction; SQLite writers already queue on the database lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ATTACH_LOCK})


class Store:
    """A sitrep database. Open with ``Store.open(path_or_url)``; use as a context manager to close it."""

    def __init__(self, engine: Engine, where: str, reconciler: Reconciler | None = None) -> None:
        self.engine = engine
        self.where = where
        self._reconciler = reconciler

    @property
    def reconciler(self) -> Reconciler:
        """What clusters events into incidents; the process-wide default unless one was given."""
        if self._reconciler is None:
            self._reconciler = default_reconciler()
        return self._reconciler

    @classmethod
    def open(
        cls, db: str | Path = DEFAULT_DB, *, create: bool = True, reconciler: Reconciler | None = None
    ) -> Self:
        """Open (and with ``create``, create) the database at a path or URL, upgrading an older schema.

        StoreError, never a driver traceback, for a missing file (without ``create``), a file that is not
        SQLite, a database that is not sitrep's, or one written by a newer sitrep.
        """
        url = database_url(db)
        path = sqlite_path(url)
        where = display_name(url)
        if path is not None and not create and not path.exists():
            raise StoreError(f"{where}: no such database (run `sitrep ingest` first)")
        store = cls(connect(url), where, reconciler)
        try:
            with readable_errors(where), writing(store.engine).begin() as conn:
                prepare(conn, where)
            with readable_errors(where):
                use_wal(store.engine)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def has_article(self, article_id: str, raw: str) -> bool:
        """Whether this exact input is stored already: a cheap check before spending time on extraction."""
        with readable_errors(self.where), self.engine.connect() as conn:
            return _stored_hash(conn, article_id) == content_hash(raw)

    def save(self, article: Article, events: Sequence[Event], texts: Mapping[str, str] | None = None) -> bool:
        """Write a cleaned article, its events and their incidents in one transaction; False when it was
        stored already. ``texts``: the events' ``evidence_texts``, when a worker process computed them."""
        article_values = article_row(article)
        texts = evidence_texts(events, article.text) if texts is None else texts
        with readable_errors(self.where), writing(self.engine).begin() as conn:
            lock_attaches(conn)
            stored = _stored_hash(conn, article.id)
            if stored == article_values["content_hash"]:
                return False
            released = []
            if stored is not None:
                released = StoredReports(conn).release(_event_ids(conn, article.id))
                _delete_article(conn, article.id)
            conn.execute(_INSERT[schema.articles], [article_values])
            _insert_events(conn, events)
            if conn.dialect.name == "sqlite":
                _index_for_search(conn, article, events)
            conn.execute(_CLEAR_ERROR, {"error_origin": article.origin})
            attach(conn, self.reconciler, texts, released)
        return True

    def record_error(self, origin: str, reason: str) -> None:
        """Remember an input that failed; a rerun that fails again updates the row instead of adding one."""
        values = {"origin": origin, "reason": reason, "seen_at": datetime.now(UTC)}
        statement = _UPSERTS[self.engine.dialect.name](schema.errors).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[schema.errors.c.origin], set_={"reason": reason, "seen_at": values["seen_at"]}
        )
        with readable_errors(self.where), writing(self.engine).begin() as conn:
            conn.execute(statement)

    def errors(self) -> list[tuple[str, str]]:
        """(origin, reason) of each input that failed and has not been stored since."""
        query = select(schema.errors.c.origin, schema.errors.c.reason).order_by(schema.errors.c.origin)
        with readable_errors(self.where), self.engine.connect() as conn:
            return [(origin, reason) for origin, reason in conn.execute(query)]

    def summary(self, top: int = 10) -> Summary:
        """Counts for a quick look: articles, events by type, fatalities, the places with most events."""
        events = schema.events
        by_type = select(events.c.event_type, func.count()).where(_NOT_REJECTED).group_by(events.c.event_type)
        place = (events.c.location, events.c.admin1, events.c.country)
        places = (
            select(*place, func.count().label("n"))
            .where(events.c.location.is_not(None), _NOT_REJECTED)
            .group_by(*place)
            .order_by(text("n DESC"), *place)
            .limit(top)
        )
        with readable_errors(self.where), self.engine.connect() as conn:
            type_counts = sorted(conn.execute(by_type), key=lambda pair: (-pair[1], pair[0]))
            return Summary(
                articles=conn.execute(select(func.count()).select_from(schema.articles)).scalar_one(),
                events=sum(count for _, count in type_counts),
                events_by_type=type_counts,
                fatalities=conn.execute(
                    select(func.coalesce(func.sum(events.c.fatalities), 0)).where(_NOT_REJECTED)
                ).scalar_one(),
                top_places=[(_place_label(*names), count) for *names, count in conn.execute(places)],
                errors=conn.execute(select(func.count()).select_from(schema.errors)).scalar_one(),
            )

    def iter_events(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """``Event.to_record()`` dicts of the stored events matching ``filters``, oldest event date first,
        with analysts' corrections applied and the events they rejected left out."""
        query = _event_query(filters or EventFilter())
        with readable_errors(self.where), self.engine.connect() as conn:
            for chunk in conn.execute(query).partitions(_CHUNK):
                ids = [row.event_id for row in chunk]
                evidence = rows_by_event(conn, schema.evidence, ids)
                claims = rows_by_event(conn, schema.claims, ids)
                for row in chunk:
                    yield event_record(row, evidence[row.event_id], claims[row.event_id])

    def iter_incidents(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Records of the stored incidents matching ``filters`` (``article_id``: incidents it reports),
        oldest first, each with the ids of its events and articles."""
        with readable_errors(self.where), self.engine.connect() as conn:
            yield from iter_incident_records(conn, _incident_query(filters or EventFilter()))

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of the articles whose text or event notes match an FTS5 query, best match first (SQLite)."""
        if self.engine.dialect.name != "sqlite":
            raise StoreError(f"{self.where}: full-text search needs SQLite")
        statement = text(
            f"SELECT article_id FROM {schema.SEARCH_TABLE} WHERE {schema.SEARCH_TABLE} MATCH :query "
            "GROUP BY article_id ORDER BY min(rank) LIMIT :limit"
        )
        with readable_errors(self.where), self.engine.connect() as conn:
            return list(conn.execute(statement, {"query": query, "limit": limit}).scalars())


def _place_label(*names: str | None) -> str:
    return ", ".join(name for name in names if name)


def _stored_hash(conn: Connection, article_id: str) -> str | None:
    return conn.execute(_STORED_HASH, {"article_id": article_id}).scalar_one_or_none()


def _event_ids(conn: Connection, article_id: str) -> list[str]:
    events = schema.events
    return list(conn.execute(select(events.c.event_id).where(events.c.article_id == article_id)).scalars())


def _delete_article(conn: Connection, article_id: str) -> None:
    """Remove an article; its events, evidence and claims go with it (ON DELETE CASCADE)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"DELETE FROM {schema.SEARCH_TABLE} WHERE article_id = :id"), {"id": article_id})
    conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))


def _insert_events(conn: Connection, events: Sequence[Event]) -> None:
    event_values, evidence_values, claim_values = [], [], []
    for position, event in enumerate(events):
        row, evidence, claims = event_rows(event, position)
        event_values.append(row)
        evidence_values.extend(evidence)
        claim_values.extend(claims)
    for table, values in (
        (schema.events, event_values),
        (schema.evidence, evidence_values),
        (schema.claims, claim_values),
    ):
        if values:
            conn.execute(_INSERT[table], values)


def _index_for_search(conn: Connection, article: Article, events: Sequence[Event]) -> None:
    rows = [{"kind": "article", "ref": article.id, "article_id": article.id, "body": article.text}]
    rows += [
        {"kind": "event", "ref": event.event_id, "article_id": article.id, "body": event.notes}
        for event in events
        if event.notes
    ]
    conn.execute(_INDEX_FOR_SEARCH, rows)


def _event_query(filters: EventFilter) -> Select[Any]:
    events = schema.events
    query = (
        select(events)
        .where(_NOT_REJECTED, *_conditions(events, filters))
        .order_by(events.c.event_date.is_(None), events.c.event_date, events.c.article_id, events.c.position)
    )
    if filters.article_id is not None:
        query = query.where(events.c.article_id == filters.article_id)
    return query


def _incident_query(filters: EventFilter) -> Select[Any]:
    incidents = schema.incidents
    query = (
        select(incidents)
        .where(*_conditions(incidents, filters))
        .order_by(incidents.c.event_date.is_(None), incidents.c.event_date, incidents.c.incident_id)
    )
    if filters.article_id is not None:
        links, events = schema.incident_events, schema.events
        reporting = select(links.c.incident_id).join(events).where(events.c.article_id == filters.article_id)
        query = query.where(incidents.c.incident_id.in_(reporting))
    return query


def _conditions(table: Any, filters: EventFilter) -> list[Any]:
    """The filters on type, place and date, on the columns of ``table`` (events or incidents)."""
    equal = {"event_type": filters.event_type, "country": filters.country, "admin1": filters.admin1}
    found = [table.c[column] == value for column, value in equal.items() if value is not None]
    if filters.since is not None:
        found.append(table.c.event_date >= filters.since)
    if filters.until is not None:
        found.append(table.c.event_date <= filters.until)
    return found
