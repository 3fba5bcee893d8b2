"""One place where a raw Article is made, whatever it was read from."""

from __future__ import annotations

from datetime import date, datetime

from sitrep.errors import InputError
from sitrep.ingest.identity import article_id
from sitrep.ingest.sniff import content_type
from sitrep.model import Article

# Years a news article can be published in. A date far outside (year 1, from "0001-01-01") is a scraper's
# placeholder, and dates resolved against it ("last year") fall off the calendar.
PUBLISHED_YEARS = (1800, 2200)


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
    """A raw article (``text`` empty until clean); InputError when there is nothing but whitespace, when a
    field is not valid Unicode, when the URL cannot be parsed or the publication date is implausible."""
    raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        raise InputError(origin, "empty (no text, or only whitespace)")
    first, last = PUBLISHED_YEARS
    if published is not None and not first <= published.year <= last:
        raise InputError(origin, f"published {published.isoformat()} is outside the years {first}-{last}")
    fields = {"text": raw, "id": given_id, "title": title, "url": url, "source": source}
    for field, value in fields.items():
        _refuse_lone_surrogates(value, field, origin)
    try:
        identity = given_id or article_id(raw, url)
    except ValueError as error:  # urllib's reading of a malformed URL ("http://[::1")
        raise InputError(origin, f"url {url[:80]!r} is not a valid URL ({error})") from None
    return Article(
        id=identity,
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
        raise InputError(
            origin, f"published {value[:40]!r} is not an ISO date (YYYY-MM-DD) or datetime"
        ) from None


def _refuse_lone_surrogates(value: str | None, field: str, origin: str) -> None:
    """A surrogate code point on its own (a JSON escape such as "\\ud800", or a Python string) is no
    character: it cannot be hashed, stored or shown, so the input is refused here rather than crash later."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(
            origin, f'"{field}" is not valid Unicode (a lone surrogate at character {error.start})'
        ) from None


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
