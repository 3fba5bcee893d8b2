"""The reads behind the API: pages of event records, one event with its article, articles, statistics.

An event comes out as ``Event.to_record()`` (rebuilt by the store from its rows) plus its review
``status``, so a client sees exactly what ``sitrep extract`` would print, and whether an analyst touched it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    Select,
    Table,
    func,
    literal_column,
    select,
    union_all,
)

from sitrep.serve.cache import UntilWrite
from sitrep.serve.filters import MAX_PAGE_SIZE, EventFilters, EventListing, articles_matching, fts_query
from sitrep.store import schema
from sitrep.store.records import event_record, rows_by_event

DEFAULT_PAGE_SIZE = 100
COUNT_LIMIT = 10_000  # an event listing counts its matches exactly up to this, then says "more"
TOP = 20  # rows in each ranked breakdown of the statistics
_STREAM_CHUNK = 500
_LISTING_ONLY = set(EventListing.model_fields) - set(EventFilters.model_fields)  # order, page, format
_ARTICLE_FIELDS = ("id", "title", "url", "source", "author", "published", "content_type", "ingested_at")


class ArticleListing(BaseModel):
    """Search, page and page size of ``GET /api/articles``; newest publication first."""

    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(
        None, max_length=500, description='Full-text search in article text; "phrase", word*.'
    )
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a listing: the matches counted up to ``COUNT_LIMIT + 1``, its records, the next cursor."""

    counted: int
    records: list[dict[str, Any]]
    next: str | None

    def body(self, listing: EventListing, key: str) -> dict[str, Any]:
        """The JSON answer, the records under ``key``; ``total`` reads ``COUNT_LIMIT`` past the limit."""
        return {
            "total": min(self.counted, COUNT_LIMIT),
            "total_exact": self.counted <= COUNT_LIMIT,
            "page": listing.page,
            "page_size": listing.page_size or DEFAULT_PAGE_SIZE,
            "next": self.next,
            key: self.records,
        }


Records = Callable[[Connection, Sequence[Row[Any]]], list[dict[str, Any]]]


def listing_page(
    conn: Connection, listing: EventListing, records: Records, answers: UntilWrite | None = None
) -> Page:
    """The page a listing asks for (by number, or after a cursor), its records built by ``records``.

    A numbered page that is neither full nor empty tells how many match without counting them; otherwise
    the count is kept in ``answers`` (when given) until the next write, whatever page or cursor asks.
    """
    table, _tie_break = listing.ordering()
    conditions = listing.conditions()
    size = listing.page_size or DEFAULT_PAGE_SIZE
    rows = conn.execute(page_query(listing, conditions)).all()
    following = listing.cursor(rows[-1]) if len(rows) == size else None
    if 0 < len(rows) < size and listing.after is None:
        counted = (listing.page - 1) * size + len(rows)
    else:
        count = partial(_count, conn, count_query(table, conditions, COUNT_LIMIT + 1))
        counted = answers.get(("count", *filters_key(listing)), count) if answers else count()
    return Page(counted, records(conn, rows), following)


def filters_key(filters: EventFilters) -> tuple[str, str]:
    """What decides which rows a listing or statistics request covers: its class and filter values, not
    its order, page or format."""
    return type(filters).__name__, filters.model_dump_json(exclude=_LISTING_ONLY)


def page_query(listing: EventListing, conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """The rows of the listing's page, in its order.

    The page's ids are found first and its rows read after, so SQLite sorts and skips ids rather than whole
    rows (page 40 of the default listing: 7 ms of SQL before, 4 ms after; the first page is unchanged).
    """
    table, tie_break = listing.ordering()
    size = listing.page_size or DEFAULT_PAGE_SIZE
    ids = select(tie_break).where(*conditions, *listing.resume()).order_by(*listing.order_by())
    on_page = ids.limit(size).offset((listing.page - 1) * size)
    return select(table).where(tie_break.in_(on_page)).order_by(*listing.order_by())


def count_query(table: Table, conditions: Sequence[ColumnElement[bool]], limit: int) -> Select[Any]:
    """How many rows of ``table`` meet ``conditions``, counting no further than ``limit``.

    A listing needs "more than a page" and a figure a person can read, not an exact count of every event
    at every request: the limit bounds the work, and selecting a constant lets an index cover the count.
    """
    matching = select(literal_column("1")).select_from(table).where(*conditions).limit(limit)
    return select(func.count()).select_from(matching.subquery())


def _count(conn: Connection, query: Select[Any]) -> int:
    return conn.execute(query).scalar_one()


def stream_events(engine: Engine, listing: EventListing) -> Iterator[dict[str, Any]]:
    """Every record matching the listing (or its page, when it names a page size), read in chunks."""
    query = (
        select(schema.events).where(*listing.conditions(), *listing.resume()).order_by(*listing.order_by())
    )
    if listing.page_size:
        query = query.limit(listing.page_size).offset((listing.page - 1) * listing.page_size)
    with engine.connect() as conn:
        for chunk in conn.execute(query).partitions(_STREAM_CHUNK):
            yield from event_records(conn, chunk)


def event_records(conn: Connection, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    """Records of event rows (with their evidence and claims, read in two queries), each with its status."""
    ids = [row.event_id for row in rows]
    evidence = rows_by_event(conn, schema.evidence, ids)
    claims = rows_by_event(conn, schema.claims, ids)
    return [
        {**event_record(row, evidence[row.event_id], claims[row.event_id]), "status": row.status}
        for row in rows
    ]


def event_detail(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """One event's record and its article, clean text included, that the evidence spans index into."""
    row = conn.execute(select(schema.events).where(schema.events.c.event_id == event_id)).first()
    if row is None:
        return None
    article = conn.execute(_article_query(with_text=True).where(schema.articles.c.id == row.article_id)).one()
    return {"event": event_records(conn, [row])[0], "article": _article(article)}


def article_page(conn: Connection, listing: ArticleListing) -> tuple[int, list[dict[str, Any]]]:
    articles = schema.articles
    matching = _article_query(with_text=False)
    if listing.q and (terms := fts_query(listing.q)):
        matching = matching.where(articles.c.id.in_(articles_matching(terms)))
    total = conn.execute(select(func.count()).select_from(matching.subquery())).scalar_one()
    ordered = matching.order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.id)
    page = ordered.limit(listing.page_size).offset((listing.page - 1) * listing.page_size)
    return total, [_article(row) for row in conn.execute(page)]


def article_detail(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """An article with its clean text and the records of its events, in the order they were extracted."""
    row = conn.execute(_article_query(with_text=True).where(schema.articles.c.id == article_id)).first()
    if row is None:
        return None
    events = schema.events
    rows = conn.execute(
        select(events).where(events.c.article_id == article_id).order_by(events.c.position)
    ).all()
    return {**_article(row), "events": event_records(conn, rows)}


def stats(conn: Connection, filters: EventFilters) -> dict[str, Any]:
    """Counts and fatalities of the matching events: overall, by week and type, by type, admin1 and actor."""
    events = schema.events
    matching = select(events).where(*filters.conditions()).subquery()
    fatalities = func.coalesce(func.sum(matching.c.fatalities), 0)
    count = func.count()
    total_events, total_fatalities = conn.execute(select(count, fatalities)).one()
    by_day = conn.execute(
        select(matching.c.event_date, matching.c.event_type, count, fatalities)
        .where(matching.c.event_date.is_not(None))
        .group_by(matching.c.event_date, matching.c.event_type)
    ).all()
    by_type = select(matching.c.event_type, count.label("events"), fatalities.label("fatalities"))
    by_admin1 = select(
        matching.c.country, matching.c.admin1, count.label("events"), fatalities.label("fatalities")
    )
    actors = union_all(
        select(matching.c.actor1.label("actor"), matching.c.fatalities).where(matching.c.actor1.is_not(None)),
        select(matching.c.actor2.label("actor"), matching.c.fatalities).where(matching.c.actor2.is_not(None)),
    ).subquery()
    by_actor = select(
        actors.c.actor,
        count.label("events"),
        func.coalesce(func.sum(actors.c.fatalities), 0).label("fatalities"),
    )
    return {
        "events": total_events,
        "fatalities": total_fatalities,
        "undated_events": total_events - sum(row[2] for row in by_day),
        "by_week": _weekly(by_day),
        "by_type": _ranked(conn, by_type.group_by(matching.c.event_type), limit=None),
        "by_admin1": _ranked(
            conn,
            by_admin1.where(matching.c.admin1.is_not(None)).group_by(matching.c.country, matching.c.admin1),
        ),
        "by_actor": _ranked(conn, by_actor.group_by(actors.c.actor)),
    }


def _article_query(*, with_text: bool) -> Select[Any]:
    articles, events = schema.articles, schema.events
    columns = [articles.c[name] for name in _ARTICLE_FIELDS] + ([articles.c.text] if with_text else [])
    event_count = select(func.count()).where(events.c.article_id == articles.c.id).scalar_subquery()
    return select(*columns, event_count.label("events"))


def _article(row: Row[Any]) -> dict[str, Any]:
    values = dict(row._mapping)
    values["published"] = values["published"].isoformat() if values["published"] else None
    values["ingested_at"] = values["ingested_at"].isoformat()
    return values


def _weekly(by_day: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    """Per-day counts folded into ISO weeks (named by their Monday), one row per week and event type."""
    weeks: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    for day, event_type, events, fatalities in by_day:
        totals = weeks[(day - timedelta(days=day.weekday()), event_type)]
        totals[0] += events
        totals[1] += fatalities
    return [
        {"week": week.isoformat(), "event_type": event_type, "events": events, "fatalities": fatalities}
        for (week, event_type), (events, fatalities) in sorted(weeks.items())
    ]


def _ranked(conn: Connection, query: Select[Any], limit: int | None = TOP) -> list[dict[str, Any]]:
    """Rows of a grouped count, most events first, as dicts keyed by the query's column names."""
    ordered = query.order_by(func.count().desc(), *query.selected_columns[:-2]).limit(limit)
    return [dict(row._mapping) for row in conn.execute(ordered)]
