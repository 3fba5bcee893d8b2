"""One place where a raw Article is made, whatever it was read from."""

from __future__ import annotations

from datetime import date, datetime

from sitrep.errors import InputError
from sitrep.ingest.identity import article_id
from sitrep.ingest.sniff import content_type
from sitrep.model import Article


def new_article(
    raw: str,
    origin: str,
    *,
    suffix: str = "",
    kind: str | None = None,
    given_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
) -> Article:
    """A raw article (``text`` empty until clean); InputError when there is nothing but whitespace."""
    raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        raise InputError(origin, "empty (no text, or only whitespace)")
    return Article(
        id=given_id or article_id(raw, url),
        raw=raw,
        content_type=kind or content_type(raw, suffix),
        title=_optional(title),
        url=_optional(url),
        source=_optional(source),
        published=published,
        origin=origin,
    )


def parse_published(value: str | date | None, origin: str) -> date | None:
    """An ISO date or datetime ("2025-03-07", "2025-03-07T09:30:00+02:00") as the date the outlet printed."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("z", "Z")).date()
    except ValueError:
        raise InputError(origin, f"published {value!r} is not an ISO date (YYYY-MM-DD) or datetime") from None


def _optional(value: str | None) -> str | None:
    """None for a missing or blank field, else the field without surrounding whitespace."""
    if value is None:
        return None
    return value.strip() or None


def article_from_string(
    text_or_html: str,
    published: str | date | None = None,
    url: str | None = None,
    source: str | None = None,
    origin: str = "<string>",
    title: str | None = None,
) -> Article:
    """A raw article from a Python string; HTML or plain text is told apart by its content."""
    return new_article(
        text_or_html,
        origin,
        url=url,
        source=source,
        title=title,
        published=parse_published(published, origin),
    )
