"""Storage of articles, their events and the incidents they report (SQLAlchemy Core; SQLite by default,
PostgreSQL by URL)."""

from sitrep.store import review  # noqa: F401  (its tables belong to every database's schema)
from sitrep.store.database import DEFAULT_DB, StoreError
from sitrep.store.repository import EventFilter, Store, Summary

__all__ = ["DEFAULT_DB", "EventFilter", "Store", "StoreError", "Summary"]
