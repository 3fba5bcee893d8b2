"""Dependencies the route modules share: the store the app serves, its answers kept until a write, and the
read-access check."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from sitrep.serve.cache import UntilWrite
from sitrep.serve.security import read_access
from sitrep.store import Store

READS = [Depends(read_access)]  # route dependencies of every read: open, or token-only under --private


async def store_of(request: Request) -> Store:  # async: no thread hop for an attribute read
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]


async def answers_of(request: Request) -> UntilWrite:
    return request.app.state.answers


AnswersDep = Annotated[UntilWrite, Depends(answers_of)]


def check_search(store: Store, query: str | None) -> None:
    """400 for a full-text query on a database without SQLite's FTS5."""
    if query and store.engine.dialect.name != "sqlite":
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "full-text search (q) needs a SQLite database")
