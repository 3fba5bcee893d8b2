"""Boilerplate removal: a raw Article in, the same article with ``text`` set to its clean body out.

HTML goes through trafilatura, then through the same line and sentence rules as plain text
(``sitrep.clean.boilerplate``). Paragraphs are separated by one blank line; every span of later stages
indexes into this text. The title line is not part of ``text``: it is ``Article.title``.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.clean.boilerplate import filter_blocks
from sitrep.clean.html import Page, read_page
from sitrep.clean.text import text_blocks
from sitrep.errors import InputError
from sitrep.model import Article

PARAGRAPH_BREAK = "\n\n"

__all__ = ["PARAGRAPH_BREAK", "clean"]


def clean(article: Article) -> Article:
    """The article with its clean body, and title/author/published/source/url filled in when missing."""
    if article.content_type == "html":
        page = read_page(article.raw, url=article.url)
        blocks = page.blocks
    else:
        page, blocks = Page(), text_blocks(article.raw)
    body = filter_blocks(blocks, title=article.title or page.title)
    if not body.paragraphs:
        raise InputError(article.origin or article.id, "no article text after cleaning")
    return replace(
        article,
        text=PARAGRAPH_BREAK.join(body.paragraphs),
        title=article.title or body.title,
        author=article.author or page.author,
        published=article.published or page.published,
        source=article.source or page.sitename,
        url=article.url or page.url,
    )
