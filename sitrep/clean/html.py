"""HTML to blocks and page metadata, through trafilatura (offline: it is given markup, never a URL to fetch).

trafilatura finds the main content and drops most navigation; it is run favouring precision, and when that
finds nothing (short or broken pages) again favouring recall, then its baseline extractor. Each short block
gets its link density, the share of its text that is the text of some link on the page, so the shared
boilerplate rules can tell a line of prose from a "Read more" link. (Measured from the page's anchors, not
from trafilatura's ``include_links`` output, which in 2.3 drops the text before a link in some paragraphs.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import trafilatura
from trafilatura.utils import load_html

from sitrep.clean.boilerplate import Block, tidy

if TYPE_CHECKING:
    from lxml.etree import _Element

# Dates only from the page's markup and URL: htmldate's extensive search guesses from any date in the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_SETTINGS: tuple[dict[str, Any], ...] = ({"favor_precision": True}, {"favor_recall": True})
_MIN_ANCHOR_CHARS = 4
_MAX_LINKED_BLOCK_WORDS = 40  # longer blocks are prose whatever their links; spare the substring search


@dataclass(frozen=True, slots=True)
class Page:
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    published: date | None = None
    sitename: str | None = None
    url: str | None = None


def read_page(html: str, url: str | None = None) -> Page:
    """The main-content blocks of a page and its metadata; no blocks when nothing on it looks like text."""
    tree = load_html(html)
    if tree is None:
        return Page()
    anchors = _anchor_texts(tree)
    for settings in _SETTINGS:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_links=False,
            include_images=False,
            date_extraction_params=_DATE_PARAMS,
            **settings,
        )
        blocks = (
            _blocks_of(document.body, anchors) if document is not None and document.body is not None else []
        )
        if blocks:
            return Page(
                blocks=blocks,
                title=_present(document.title),
                author=_present(document.author),
                published=_iso_date(document.date),
                sitename=_present(document.sitename),
                url=_present(document.url),
            )
    body, _, _ = trafilatura.baseline(tree)
    return Page(blocks=_blocks_of(body, anchors))


def _anchor_texts(tree: _Element) -> list[str]:
    texts = {tidy(anchor.text_content()) for anchor in tree.iter("a")}
    return [text for text in texts if len(text) >= _MIN_ANCHOR_CHARS]


def _blocks_of(body: _Element, anchors: list[str]) -> list[Block]:
    """One block per paragraph, heading, quote, list item and table row of trafilatura's main content."""
    blocks = []
    for element in body.iterchildren():
        if element.tag == "list":
            units = list(element.iterchildren("item"))
        elif element.tag == "table":
            units = list(element.iter("row"))
        else:
            units = [element]
        texts = filter(None, map(_text_of, units))
        blocks.extend(Block(text, link_density=_link_density(text, anchors)) for text in texts)
    return blocks


def _link_density(text: str, anchors: list[str]) -> float:
    if len(text.split()) > _MAX_LINKED_BLOCK_WORDS:
        return 0.0
    return min(1.0, sum(len(anchor) for anchor in anchors if anchor in text) / len(text))


def _text_of(element: _Element) -> str:
    """Text with a space at each line break and between table cells, none inside inline markup."""
    if element.tag == "row":
        return " | ".join(filter(None, map(_text_of, element.iterchildren("cell"))))
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return tidy("".join(element.itertext()))


def _present(value: str | None) -> str | None:
    if not value:
        return None
    return tidy(value) or None


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
