"""``/api/articles``: stored articles with their clean text and events; posting one runs the pipeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status

from sitrep.errors import InputError
from sitrep.serve.deps import READS, StoreDep, check_search
from sitrep.serve.extraction import PostedArticle
from sitrep.serve.queries import ArticleListing, article_detail, article_page
from sitrep.serve.security import json_body, write_access
from sitrep.store.review import Identity

router = APIRouter(prefix="/api", tags=["articles"])


@router.get("/articles", dependencies=READS)
def list_articles(store: StoreDep, listing: Annotated[ArticleListing, Query()]) -> dict[str, Any]:
    """Stored articles, newest publication first, each with its number of events (no text)."""
    check_search(store, listing.q)
    with store.engine.connect() as conn:
        total, articles = article_page(conn, listing)
    return {"total": total, "page": listing.page, "page_size": listing.page_size, "articles": articles}


@router.get("/articles/{article_id}", dependencies=READS)
def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """One article: its metadata, clean text and the records of the events extracted from it."""
    with store.engine.connect() as conn:
        found = article_detail(conn, article_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article {article_id!r}")
    return found


@router.post("/articles", status_code=status.HTTP_201_CREATED, dependencies=[Depends(json_body)])
def post_article(
    request: Request,
    response: Response,
    store: StoreDep,
    posted: PostedArticle,
    analyst: Annotated[Identity, Depends(write_access("analyst"))],
) -> dict[str, Any]:
    """Ingest one page through the pipeline and store it with its events (201; 200 when stored already).

    Needs a bearer token with role analyst or admin. 422 when the page has no usable text.
    """
    try:
        article, events = request.app.state.extract(posted, origin=f"POST /api/articles by {analyst.name}")
    except InputError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, error.reason) from None
    stored = store.save(article, events)
    if not stored:
        response.status_code = status.HTTP_200_OK
    with store.engine.connect() as conn:
        return {"stored": stored, "article": article_detail(conn, article.id)}
