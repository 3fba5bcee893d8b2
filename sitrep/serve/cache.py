"""Answers kept until the database changes: statistics and listing counts a dashboard asks for again.

SQLite numbers every change: ``PRAGMA data_version`` on one connection moves whenever any other connection,
in this process or another (an ingest, another server worker, a correction), commits. The cache reads it on
a connection of its own that never writes, and keeps each answer with the version it was computed at; an
answer is served only while the version is unchanged. The version is read before computing, so an answer
that raced a commit is stored under the older version and recomputed at the next request. Other backends
have no such counter here: their answers are computed every time.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from sqlalchemy import Engine

from sitrep.store.database import sqlite_path

T = TypeVar("T")
DEFAULT_ENTRIES = 256


class UntilWrite:
    """A small least-recently-used map of answers, each valid until the next committed write."""

    def __init__(self, engine: Engine, entries: int = DEFAULT_ENTRIES) -> None:
        path = sqlite_path(engine.url.render_as_string(hide_password=False))
        self._probe = sqlite3.connect(path, check_same_thread=False) if path else None
        self._entries = entries
        self._answers: OrderedDict[Hashable, tuple[int, object]] = OrderedDict()
        self._lock = Lock()
        self._computing: dict[Hashable, Lock] = {}  # a lock per answer being computed

    def version(self) -> int | None:
        """The database's change counter as this cache's connection sees it; None when there is none."""
        if self._probe is None:
            return None
        with self._lock:
            return self._probe.execute("PRAGMA data_version").fetchone()[0]

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer stored for ``key`` if nothing was written since, else ``compute()`` (then stored).

        Requests missing the same answer at once wait for the first one to compute it instead of each
        computing it again (a dashboard opened by many people right after an ingest).
        """
        if self._probe is None:
            return compute()
        found = self._kept(key)
        if found is None:
            with self._lock:
                gate = self._computing.setdefault(key, Lock())
            try:
                with gate:
                    found = self._kept(key) or self._keep(key, compute)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return found[0]  # type: ignore[return-value]

    def _kept(self, key: Hashable) -> tuple[object] | None:
        """The stored answer for ``key`` (in a 1-tuple) while the database is as it was computed."""
        version = self.version()
        with self._lock:
            kept = self._answers.get(key)
            if kept is None or kept[0] != version:
                return None
            self._answers.move_to_end(key)
            return (kept[1],)

    def _keep(self, key: Hashable, compute: Callable[[], object]) -> tuple[object]:
        """Compute the answer for ``key`` and store it under the version read before computing."""
        version = self.version()
        answer = compute()
        with self._lock:
            self._answers[key] = (version, answer)
            self._answers.move_to_end(key)
            while len(self._answers) > self._entries:
                self._answers.popitem(last=False)
        return (answer,)

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
