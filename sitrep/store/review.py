"""Analyst review: access tokens and the audit trail of corrections, on the store's MetaData.

A token is shown once, when created, and only its SHA-256 is stored. It reads ``sitrep_<key>_<secret>``:
the public ``key`` finds the row, then the secret's hash is compared in constant time, so a lookup never
depends on how much of a guessed secret is right. Secrets carry 256 random bits, so a fast hash is enough.

Every accepted correction writes one ``event_history`` row per changed field (who, when, field, before,
after) in the same transaction as the change itself, so the trail can never miss an edit that happened.
History rows have no foreign key: the trail outlives an event that a re-ingested article replaced.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
    text,
    update,
)

from sitrep.errors import SitrepError
from sitrep.store import schema

ROLES: tuple[str, ...] = ("reader", "analyst", "admin")  # each role may do what the ones before it may
VERIFIED, CORRECTED, REJECTED = "verified", "corrected", "rejected"
REVIEW_STATUSES: tuple[str, ...] = (VERIFIED, CORRECTED, REJECTED)  # what an analyst may set
_TOKEN_PREFIX = "sitrep"

tokens = Table(
    "tokens",
    schema.metadata,
    Column("name", String, primary_key=True),
    Column("key", String, nullable=False, unique=True),
    Column("token_hash", String, nullable=False),
    Column("role", String, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

event_history = Table(
    "event_history",
    schema.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String, nullable=False, index=True),
    Column("who", String, nullable=False),
    Column("when", DateTime(timezone=True), nullable=False),
    Column("field", String, nullable=False),
    Column("before", JSON),
    Column("after", JSON),
)


class ReviewError(SitrepError):
    """A review request the store refuses: an unknown role, a taken token name, an unknown event."""


@dataclass(frozen=True, slots=True)
class Identity:
    """Who presented a valid token."""

    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this identity's role includes ``role`` (admin ⊇ analyst ⊇ reader)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def create_token(conn: Connection, name: str, role: str) -> str:
    """Store a new token for ``name`` and return it; this is the only time the token is ever visible."""
    if role not in ROLES:
        raise ReviewError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if not name.strip():
        raise ReviewError("a token needs a non-empty name")
    if conn.execute(select(tokens.c.name).where(tokens.c.name == name)).first() is not None:
        raise ReviewError(f"a token named {name!r} exists already")
    key, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    row = {
        "name": name,
        "key": key,
        "token_hash": _digest(secret),
        "role": role,
        "created_at": datetime.now(UTC),
    }
    conn.execute(insert(tokens), [row])
    return f"{_TOKEN_PREFIX}_{key}_{secret}"


def authenticate(conn: Connection, token: str) -> Identity | None:
    """The identity a presented token belongs to, or None for a malformed or unknown token."""
    prefix, _, rest = token.partition("_")
    key, _, secret = rest.partition("_")
    if prefix != _TOKEN_PREFIX or not key or not secret:
        return None
    row = conn.execute(select(tokens).where(tokens.c.key == key)).first()
    if row is None or not hmac.compare_digest(row.token_hash, _digest(secret)):
        return None
    return Identity(name=row.name, role=row.role)


def list_tokens(conn: Connection) -> list[dict[str, Any]]:
    """Name, role and creation time of every token (never the token itself, which is not stored)."""
    query = select(tokens.c["name", "role", "created_at"]).order_by(tokens.c.name)
    return [dict(row._mapping) for row in conn.execute(query)]


def revoke_token(conn: Connection, name: str) -> bool:
    """Delete the token called ``name``; False when there is none."""
    return conn.execute(delete(tokens).where(tokens.c.name == name)).rowcount > 0


def apply_correction(
    conn: Connection, event_id: str, who: str, changes: Mapping[str, Any], status: str | None = None
) -> list[dict[str, Any]]:
    """Set the changed fields of an event and its review status, and record each change in the history.

    ``changes`` maps event columns to new values; values equal to the stored ones are neither written nor
    recorded. Without an explicit ``status`` the event becomes ``corrected`` when a value changed. Returns the
    history rows written (none when the event already reads as asked).
    """
    if status is not None and status not in REVIEW_STATUSES:
        raise ReviewError(f"unknown review status {status!r}")
    events = schema.events
    current = conn.execute(select(events).where(events.c.event_id == event_id)).first()
    if current is None:
        raise ReviewError(f"no event {event_id!r}")
    differing = {name: value for name, value in changes.items() if current._mapping[name] != value}
    final_status = status or (CORRECTED if differing else current.status)
    if current.status != final_status:
        differing["status"] = final_status
    if not differing:
        return []
    conn.execute(update(events).where(events.c.event_id == event_id).values(differing))
    if "notes" in differing and conn.dialect.name == "sqlite":
        _reindex_notes(conn, current.article_id, event_id, differing["notes"])
    now = datetime.now(UTC)
    rows = [
        {
            "who": who,
            "when": now,
            "field": name,
            "before": _plain(current._mapping[name]),
            "after": _plain(value),
        }
        for name, value in differing.items()
    ]
    conn.execute(insert(event_history), [{"event_id": event_id, **row} for row in rows])
    return [_public(row) for row in rows]


def history(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """The corrections of an event, oldest first: who, when (ISO 8601, UTC), field, before, after."""
    query = (
        select(event_history.c["who", "when", "field", "before", "after"])
        .where(event_history.c.event_id == event_id)
        .order_by(event_history.c.id)
    )
    return [_public(row._mapping) for row in conn.execute(query)]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _plain(value: Any) -> Any:
    """A JSON-storable form of a column value (dates as ISO strings)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _public(row: Mapping[str, Any]) -> dict[str, Any]:
    """A history row as the API shows it; SQLite hands back naive datetimes, and every stored time is UTC."""
    moment: datetime = row["when"]
    return {**row, "when": (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()}


def _reindex_notes(conn: Connection, article_id: str, event_id: str, notes: str | None) -> None:
    """Keep the full-text index of an event's notes in step with a corrected ``notes`` field."""
    search = schema.SEARCH_TABLE
    conn.execute(text(f"DELETE FROM {search} WHERE kind = 'event' AND ref = :ref"), {"ref": event_id})
    if notes:
        conn.execute(
            text(
                f"INSERT INTO {search} (kind, ref, article_id, body) "
                "VALUES ('event', :ref, :article_id, :body)"
            ),
            {"ref": event_id, "article_id": article_id, "body": notes},
        )
