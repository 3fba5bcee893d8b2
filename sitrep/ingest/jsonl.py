"""JSON Lines: one article per line, and each line's error is its own.

A line is ``{"id", "text" or "html", "published", "title", "url", "source"}``; everything but the body is
optional and unknown keys are ignored. A bad line (not JSON, wrong types, no body, too long) becomes one
InputError naming ``path:LINE`` and the remaining lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.build import new_article, parse_published
from sitrep.ingest.decode import decode_bytes
from sitrep.model import Article

_BODY_FIELDS = ("html", "text")  # html first: it is the page as published, "text" may be a lossy copy of it
_STRING_FIELDS = ("title", "url", "source", "published")


def read_jsonl(chunks: Iterable[bytes], name: str, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles, or errors, from the lines of a byte stream given as chunks; one error for a stream without
    a single non-blank line, which would otherwise pass without a word."""
    read_any = False
    for number, line in _numbered_lines(chunks, max_bytes):
        origin = f"{name}:{number}"
        if line is None:
            read_any = True
            yield InputError(origin, f"line is over the {max_bytes / 1e6:g} MB limit for one article")
        elif line.strip():
            read_any = True
            try:
                yield article_from_line(line, origin)
            except InputError as error:
                yield error
    if not read_any:
        yield InputError(name, "no JSON lines (the file is empty or blank)")


def article_from_line(line: bytes, origin: str) -> Article:
    text = decode_bytes(line, origin)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(origin, f"not valid JSON ({error.msg} at column {error.colno})") from None
    except ValueError as error:  # JSON Python will not read: an integer of over 4,300 digits
        raise InputError(origin, f"not readable JSON ({str(error).partition(':')[0]})") from None
    except RecursionError:
        raise InputError(origin, "not readable JSON (arrays or objects nested too deeply)") from None
    return article_from_record(record, origin)


def article_from_record(record: Any, origin: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {_shown(record)}")
    for field in (*_BODY_FIELDS, *_STRING_FIELDS):
        if record.get(field) is not None and not isinstance(record[field], str):
            raise InputError(origin, f'"{field}" must be a string, got {_shown(record[field])}')
    body_field = next((field for field in _BODY_FIELDS if (record.get(field) or "").strip()), None)
    if body_field is None:
        raise InputError(origin, 'no "text" or "html" field with content')
    return new_article(
        record[body_field],
        origin,
        kind="html" if body_field == "html" else None,
        given_id=_given_id(record, origin),
        title=record.get("title"),
        url=record.get("url"),
        source=record.get("source"),
        published=parse_published(record.get("published"), origin),
    )


def _given_id(record: dict[str, Any], origin: str) -> str | None:
    given = record.get("id")
    if given is None:
        return None
    if isinstance(given, bool) or not isinstance(given, str | int):
        raise InputError(origin, f'"id" must be a string or an integer, got {_shown(given)}')
    return str(given).strip() or None


def _numbered_lines(chunks: Iterable[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines numbered from 1; None stands for a line over ``max_bytes``, skipped and never held whole."""
    number, pending, too_long = 1, bytearray(), False
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            if not too_long:
                pending += chunk[start:end]
            yield number, None if too_long or len(pending) > max_bytes else bytes(pending)
            number, too_long, start = number + 1, False, end + 1
            pending.clear()
        if not too_long:
            pending += chunk[start:]
            if len(pending) > max_bytes:
                too_long = True
                pending.clear()
    if pending or too_long:
        yield number, None if too_long else bytes(pending)


def _shown(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:37] + "..."
