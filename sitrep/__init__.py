"""sitrep: conflict news in, attributed ACLED-style events out.

Use ``sitrep.extract(page_html_or_text, published="2025-03-07")`` for the events of one page; the ``sitrep``
command ingests folders, feeds and WARC files into a database and serves it.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.model import Event
    from sitrep.pipeline import Resources

__all__ = ["extract"]
__version__ = "0.1.0"


@cache
def _default_resources() -> Resources:
    from sitrep.pipeline import Resources

    return Resources.load()


def extract(
    text_or_html: str, published: date | str | None = None, url: str | None = None, source: str | None = None
) -> list[Event]:
    """Events in one page of text or HTML. Resources load on the first call and are reused after."""
    from sitrep.ingest import article_from_string
    from sitrep.pipeline import process

    article = article_from_string(text_or_html, published=published, url=url, source=source)
    return process(article, _default_resources())[1]
