"""RSS and Atom feeds: one article per entry.

A feed read from a file (``sitrep ingest news.rss``) gives each entry as an article made of what the feed
carries: its full content (``content:encoded``, Atom ``content``) or else its summary, with its link as URL,
its title, and its publication date. ``sitrep watch`` polls feeds over HTTP instead and fetches the page
each new entry links to (see ``sitrep.ingest.watch``).

Parsing is feedparser's, which reads the RSS and Atom versions in the wild, their date formats and their
malformed markup. It is always given bytes, never a string, so it never fetches or opens anything itself.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import feedparser

from sitrep.errors import InputError
from sitrep.ingest.build import new_article
from sitrep.model import Article

FEED_SUFFIXES = frozenset({".rss", ".atom"})
# The root element of an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom document, after any XML declaration,
# comments, processing instructions and doctype.
_FEED_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)\b", re.S
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry: its key (id, else link, else title), where it links, and what the feed says of it."""

    key: str
    link: str | None
    title: str | None
    published: date | None
    body: str | None  # full content, else summary; None when the entry carries neither
    body_kind: str | None  # "html" or "text"
    full_text: bool  # the body is the entry's full content, not a summary


def is_feed(head: bytes, suffix: str = "") -> bool:
    return suffix in FEED_SUFFIXES or _FEED_ROOT.match(head) is not None


def parse_feed(data: bytes, origin: str, base_url: str | None = None) -> list[Entry]:
    """The entries of a feed document; InputError when it is no feed at all."""
    headers = {"content-location": base_url} if base_url else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as error:  # its loose parser raises what its handlers raise ("&#xD800;": UnicodeError)
        raise InputError(origin, f"not a readable feed ({type(error).__name__}: {error})") from None
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom feed found"
        raise InputError(origin, f"not a readable feed ({reason})")
    return [entry for raw in parsed.entries if (entry := _entry(raw)) is not None]


def read_feed(data: bytes, origin: str) -> Iterator[Article | InputError]:
    """Articles from the entries of a feed file, each named ``origin#N`` (N counts entries from 1)."""
    try:
        entries = parse_feed(data, origin)
    except InputError as error:
        yield error
        return
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{number}"
        if entry.body is None:
            yield InputError(
                entry_origin, "entry has no content or summary (fetch its link with `sitrep watch`)"
            )
            continue
        try:
            yield entry_article(entry, entry.body, entry_origin, kind=entry.body_kind)
        except InputError as error:
            yield error


def entry_article(entry: Entry, body: str, origin: str, kind: str | None = None) -> Article:
    """A raw article of ``body`` (the entry's own content, or the page it links to) with the entry's
    link, title and date."""
    return new_article(body, origin, kind=kind, url=entry.link, title=entry.title, published=entry.published)


def _entry(raw: Any) -> Entry | None:
    link = raw.get("link") or None
    key = raw.get("id") or link or raw.get("title")
    if not key:
        return None
    body, kind, full_text = _body(raw)
    return Entry(key, link, raw.get("title") or None, _published(raw), body, kind, full_text)


def _body(raw: Any) -> tuple[str | None, str | None, bool]:
    """The entry's full content if it has one, else its summary."""
    contents = [(part, True) for part in raw.get("content", [])] + [(raw.get("summary_detail"), False)]
    for part, full_text in contents:
        if part and (part.get("value") or "").strip():
            return part["value"], "html" if "html" in (part.get("type") or "") else "text", full_text
    return None, None, False


def _published(raw: Any) -> date | None:
    parsed = raw.get("published_parsed") or raw.get("updated_parsed")
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
    except ValueError:  # a date no calendar has (year 0), which feedparser passes on as read
        return None
