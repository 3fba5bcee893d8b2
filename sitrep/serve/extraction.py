"""One posted article through sitrep's pipeline: ingest, clean, extract. Resources load once, on first use."""

from __future__ import annotations

from datetime import date
from threading import Lock
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, ConfigDict, Field

from sitrep.model import Article, Event

if TYPE_CHECKING:
    from sitrep.pipeline import Resources

MAX_BODY_BYTES = 5 * 1024 * 1024  # request bodies over this are refused (413) before they are read


class PostedArticle(BaseModel):
    """Body of ``POST /api/articles``: one page's text or HTML, and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_BODY_BYTES, description="The page: plain text or HTML.")
    published: date | None = Field(None, description="Publication day; relative dates resolve against it.")
    url: str | None = Field(
        None, max_length=2000, description="The page's address; it then names the article."
    )
    source: str | None = Field(None, max_length=300, description="The outlet that published it.")
    title: str | None = Field(None, max_length=1000)


class Extract(Protocol):
    def __call__(self, posted: PostedArticle, origin: str) -> tuple[Article, list[Event]]: ...


class Extractor:
    """The real pipeline behind ``POST /api/articles``.

    Unless given loaded ``resources``, ``Resources.load()`` runs on the first post, not at start-up, so a
    server that only reads starts at once. Articles go through one at a time: the resources are shared.
    """

    def __init__(self, resources: Resources | None = None) -> None:
        self._lock = Lock()
        self._resources = resources

    def __call__(self, posted: PostedArticle, origin: str) -> tuple[Article, list[Event]]:
        from sitrep.ingest import article_from_string
        from sitrep.pipeline import Resources, process

        article = article_from_string(
            posted.text,
            published=posted.published,
            url=posted.url,
            source=posted.source,
            title=posted.title,
            origin=origin,
        )
        with self._lock:
            if self._resources is None:
                self._resources = Resources.load()
            return process(article, self._resources)
