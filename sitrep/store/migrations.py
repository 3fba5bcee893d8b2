"""Schema versions: create a fresh database, upgrade an older one step by step, refuse anything else.

A fresh database gets the current schema at once. An existing one records its version in ``meta``; each
step in ``MIGRATIONS`` takes it from version ``n - 1`` to ``n`` inside the opening transaction, so a failed
upgrade leaves the previous version intact. To change the schema: edit ``schema.py``, bump
``SCHEMA_VERSION`` and add the step that brings a database of the previous version to it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select
from sqlalchemy.schema import CreateIndex

from sitrep.store import schema
from sitrep.store.database import StoreError

Migration = Callable[[Connection], None]


def add_incidents(conn: Connection) -> None:
    """Version 2: incident tables, filled by clustering the events already stored."""
    from sitrep.store.incidents import attach_all, default_reconciler

    schema.metadata.create_all(conn, tables=list(schema.INCIDENT_TABLES))
    attach_all(conn, default_reconciler())


def add_read_indexes(conn: Connection) -> None:
    """Version 3: the indexes behind the API's event listings (kept where a database has them already)."""
    for index in schema.EVENT_READ_INDEXES:
        conn.execute(CreateIndex(index, if_not_exists=True))


MIGRATIONS: dict[int, Migration] = {2: add_incidents, 3: add_read_indexes}


def prepare(conn: Connection, where: str) -> None:
    """Bring the database at ``conn`` to ``schema.SCHEMA_VERSION``, creating it when it has no tables."""
    tables = set(inspect(conn).get_table_names())
    if not tables:
        _create(conn)
        return
    version = stored_version(conn, tables, where)
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"{where}: written by a newer sitrep (schema version {version}; this one reads up to "
            f"{schema.SCHEMA_VERSION}); upgrade sitrep to use it"
        )
    for target in range(version + 1, schema.SCHEMA_VERSION + 1):
        if target not in MIGRATIONS:
            raise StoreError(f"{where}: no migration from schema version {target - 1} to {target}")
        MIGRATIONS[target](conn)
        _set_version(conn, target)


def stored_version(conn: Connection, tables: set[str], where: str) -> int:
    """The schema version a sitrep database records; StoreError for a database that is not sitrep's."""
    if schema.meta.name not in tables:
        listed = ", ".join(sorted(tables)[:5])
        raise StoreError(f"{where}: not a sitrep database (it holds other tables: {listed}); not touching it")
    values = dict(conn.execute(select(schema.meta.c.key, schema.meta.c.value)).all())
    if values.get("application") != schema.APPLICATION:
        raise StoreError(f"{where}: not a sitrep database (its meta table names no sitrep schema)")
    version = values.get("schema_version", "")
    if not version.isdigit():
        raise StoreError(f"{where}: corrupt sitrep database (schema version {version!r})")
    return int(version)


def _create(conn: Connection) -> None:
    schema.metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(schema.CREATE_SEARCH)
    conn.execute(schema.meta.insert(), [{"key": "application", "value": schema.APPLICATION}])
    _set_version(conn, schema.SCHEMA_VERSION)


def _set_version(conn: Connection, version: int) -> None:
    conn.execute(schema.meta.delete().where(schema.meta.c.key == "schema_version"))
    conn.execute(schema.meta.insert(), [{"key": "schema_version", "value": str(version)}])
