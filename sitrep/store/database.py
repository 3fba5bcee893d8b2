"""Opening a database: URL resolution, SQLite pragmas and transactions, and errors a user can read.

SQLite through Python's sqlite3 module does not open a transaction before DDL and opens it lazily before
DML; sitrep takes transaction control itself (``isolation_level=None`` plus an explicit ``BEGIN``) so that an
article and all its rows, or a schema migration, commit together or not at all. Writers use
``BEGIN IMMEDIATE`` so two writers queue on ``busy_timeout`` instead of failing on a lock upgrade, and a
BEGIN that still finds the database locked is tried again a few times (``LOCK_RETRY_PAUSES_S``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import make_url

from sitrep.errors import SitrepError

DEFAULT_DB = "sitrep.db"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
BUSY_TIMEOUT_MS = 10_000
# Pauses between tries of a BEGIN that found the database locked for all of BUSY_TIMEOUT_MS: a writer
# waits up to four busy timeouts in all before its error reaches the user.
LOCK_RETRY_PAUSES_S = (0.2, 0.5, 1.0)
_IMMEDIATE = "sitrep_immediate"


class StoreError(SitrepError):
    """A database sitrep cannot use or write: missing, not sitrep's, corrupt, newer, or a refused write."""


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``db``: a URL as given (``postgresql://...``), otherwise a SQLite file path."""
    text = str(db)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another backend or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def display_name(url: str) -> str:
    """How messages name a database: its file for SQLite, otherwise the URL without its password."""
    path = sqlite_path(url)
    return str(path) if path else make_url(url).render_as_string(hide_password=True)


def connect(url: str) -> Engine:
    """An engine for ``url``; on SQLite with a busy timeout, enforced foreign keys and explicit BEGIN."""
    try:
        backend = make_url(url).get_backend_name()
        if backend not in SUPPORTED_BACKENDS:
            raise StoreError(
                f"{url}: sitrep stores its data in {' or '.join(SUPPORTED_BACKENDS)}, not {backend}"
            )
        engine = create_engine(url)
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        raise StoreError(f"{display_name(url)}: cannot open ({error})") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def use_wal(engine: Engine) -> None:
    """Switch a SQLite database to write-ahead logging (readers never block the writer); it persists in the
    file. Done only once the database is known to be sitrep's: it rewrites the file header."""
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        connection.cursor().execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()


def writing(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at BEGIN (SQLite) instead of later."""
    return engine.execution_options(**{_IMMEDIATE: True})


@contextmanager
def readable_errors(where: str) -> Iterator[None]:
    """Turn a driver error (or a value the driver cannot bind) into a StoreError naming the database, so the
    user sees one line, no traceback."""
    try:
        yield
    except exc.DBAPIError as error:
        raise StoreError(f"{where}: {_driver_message(error)}") from error
    except OverflowError as error:  # sqlite3 binding an integer past 64 bits ("10^32 killed" as a count)
        raise StoreError(f"{where}: a number too large to store ({error})") from error


def _driver_message(error: exc.DBAPIError) -> str:
    message = str(error.orig).strip() or type(error.orig).__name__
    if "file is not a database" in message or "malformed" in message:
        return f"not a readable SQLite database ({message})"
    return message


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # With WAL, NORMAL still never loses or tears a committed transaction when the process is killed;
        # only a power cut may drop the last commits. It saves an fsync per article.
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    """BEGIN, tried again while another connection holds the lock past the busy timeout (an ingest writing
    a large article, a migration): nothing has happened in the transaction yet, so a retry is safe."""
    immediate = connection.get_execution_options().get(_IMMEDIATE, False)
    for pause in (*LOCK_RETRY_PAUSES_S, None):
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
            return
        except exc.OperationalError as error:
            if pause is None or "locked" not in str(error.orig):
                raise
            time.sleep(pause)
