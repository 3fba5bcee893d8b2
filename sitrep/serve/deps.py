"""Dependencies the route modules share: the store the app serves, and the read-access check."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from sitrep.serve.security import read_access
from sitrep.store import Store

READS = [Depends(read_access)]  # route dependencies of every read: open, or token-only under --private


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]


def check_search(store: Store, query: str | None) -> None:
    """400 for a full-text query on a database without SQLite's FTS5."""
    if query and store.engine.dialect.name != "sqlite":
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "full-text search (q) needs a SQLite database")
