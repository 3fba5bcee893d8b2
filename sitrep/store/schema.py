"""The tables of a sitrep database (SQLAlchemy Core, so the same schema runs on SQLite and PostgreSQL).

An event row holds every scalar field of ``Event.to_record()``; its evidence spans and its claims are rows
of their own so they can be queried ("every claim by SANA"), and ``to_record()`` is rebuilt from the three.
``position`` columns keep the order the extractor gave, so a record read back equals the one written.

Incidents (schema version 2) are what ``sitrep.reconcile`` makes of the events: one row per incident, the
events it groups (with the evidence sentences it compared them by), every casualty claim of every report
(superseded ones flagged) and the history of its toll. They are derived data, rewritten whole for each
linked component of reports an article touches.

Schema version 3 adds the indexes the API's listings read by (``EVENT_READ_INDEXES``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)

SCHEMA_VERSION = 3
APPLICATION = "sitrep"

metadata = MetaData()


def _record_columns(*, associated_actors: bool) -> list[Column[Any]]:
    """The columns an event and an incident both have, from ``event_date`` to ``injured``, in that order.

    Events also keep each side's associated actors, after its main actor; incidents do not.
    """

    def actor_side(number: int) -> list[Column[Any]]:
        associated = [Column(f"assoc_actor_{number}", Text, nullable=False)] if associated_actors else []
        return [Column(f"actor{number}", Text), *associated, Column(f"inter{number}", Integer)]

    return [
        Column("event_date", Date, index=True),
        Column("time_precision", Integer),
        Column("event_type", String, nullable=False, index=True),
        Column("sub_event_type", String, nullable=False),
        *actor_side(1),
        *actor_side(2),
        Column("country", Text, index=True),
        Column("admin1", Text, index=True),
        Column("admin2", Text),
        Column("location", Text),
        Column("latitude", Float),
        Column("longitude", Float),
        Column("geo_precision", Integer),
        Column("geonames_id", Integer),
        Column("fatalities", Integer),
        Column("fatalities_low", Integer),
        Column("fatalities_high", Integer),
        Column("fatalities_by_category", JSON, nullable=False),
        Column("injured", Integer),
    ]


meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("origin", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("author", Text),
    Column("published", Date),
    Column("text", Text, nullable=False),
    Column("content_type", String, nullable=False),
    Column("content_hash", String, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    *_record_columns(associated_actors=True),
    Column("source", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("alleged", Boolean, nullable=False),
    Column("historical", Boolean, nullable=False),
    Column("status", String, nullable=False, server_default="machine"),
)

# What the API's event listings filter and sort by. Each filter's index leads with what it compares (country
# and province names without case, so on lower(name)), then the date for the default newest-first order,
# then the review status, so counting the matching events no analyst rejected reads the index, not the rows.
EVENT_READ_INDEXES = (
    Index("ix_events_country_ci", func.lower(events.c.country), events.c.event_date, events.c.status),
    Index("ix_events_admin1_ci", func.lower(events.c.admin1), events.c.event_date, events.c.status),
    Index("ix_events_type_date", events.c.event_type, events.c.event_date, events.c.status),
    Index("ix_events_coordinates", events.c.latitude, events.c.longitude, events.c.status),
    Index("ix_events_status", events.c.status),
    Index("ix_events_fatalities", events.c.fatalities),
)

evidence = Table(
    "evidence",
    metadata,
    Column("event_id", String, ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("field", String, nullable=False),
    Column("start", Integer),  # start and end are NULL for a field cited without a span
    Column("end", Integer),
    Index("ix_evidence_event", "event_id", "position", unique=True),
)


def _claim_columns(*, index_claimant: bool) -> list[Column[Any]]:
    """The columns of one casualty claim (``Claim``), as kept for an event and for an incident."""
    return [
        Column("article_id", String),
        Column("claimant", Text, index=index_claimant),
        Column("figure", Integer, nullable=False),
        Column("low", Integer),
        Column("high", Integer),
        Column("qualifier", String, nullable=False),
        Column("category", String, nullable=False),
        Column("kind", String, nullable=False),
        Column("start", Integer),
        Column("end", Integer),
        Column("claimant_start", Integer),
        Column("claimant_end", Integer),
    ]


claims = Table(
    "claims",
    metadata,
    Column("event_id", String, ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    *_claim_columns(index_claimant=True),
    Index("ix_claims_event", "event_id", "position", unique=True),
)

errors = Table(
    "errors",
    metadata,
    Column("origin", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# Full-text index over article text and event notes (SQLite only; PostgreSQL would use tsvector instead).
SEARCH_TABLE = "search"
CREATE_SEARCH = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} "
    "USING fts5(kind UNINDEXED, ref UNINDEXED, article_id UNINDEXED, body, tokenize='porter unicode61')"
)

incidents = Table(
    "incidents",
    metadata,
    Column("incident_id", String, primary_key=True),
    Column("component_id", String, nullable=False, index=True),
    *_record_columns(associated_actors=False),
    Column("flags", JSON, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("number_of_sources", Integer, nullable=False),
    Column("notes", Text, nullable=False),
)

incident_events = Table(
    "incident_events",
    metadata,
    Column("event_id", String, ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column(
        "incident_id",
        String,
        ForeignKey("incidents.incident_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("component_id", String, nullable=False, index=True),
    Column("evidence_text", Text, nullable=False),
)

incident_claims = Table(
    "incident_claims",
    metadata,
    Column("incident_id", String, ForeignKey("incidents.incident_id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("event_id", String, nullable=False),
    *_claim_columns(index_claimant=False),
    Column("superseded", Boolean, nullable=False),
    Index("ix_incident_claims_incident", "incident_id", "position", unique=True),
)

incident_history = Table(
    "incident_history",
    metadata,
    Column(
        "incident_id",
        String,
        ForeignKey("incidents.incident_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("seq", Integer, primary_key=True),
    Column("as_of", Date),
    Column("article_id", String, nullable=False),
    Column("best", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("flags", JSON, nullable=False),
)

INCIDENT_TABLES = (incidents, incident_events, incident_claims, incident_history)
