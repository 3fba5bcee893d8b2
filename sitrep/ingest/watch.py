"""Polling feeds: each new entry's page fetched over HTTP, once.

``poll(feeds, seen, client)`` reads each feed URL and yields, for every entry not seen before, the page it
links to as a raw Article (with the entry's title and date; its URL makes its id), or an InputError naming
the entry's link when the page cannot be fetched. An entry whose link cannot be fetched but whose feed
carries its full text falls back to that text. ``SeenEntries`` remembers entries per feed in a small JSON
file, so a watch that is stopped and started again does not fetch them again; an entry is remembered
only once it was read, so a page that failed is tried again at the next poll.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from sitrep import __version__
from sitrep.errors import InputError
from sitrep.ingest.decode import decode_bytes
from sitrep.ingest.feed import Entry, entry_article, parse_feed
from sitrep.ingest.files import MAX_ARTICLE_BYTES
from sitrep.model import Article

USER_AGENT = f"sitrep/{__version__} (conflict news monitor)"
TIMEOUT_SECONDS = 30.0
KEYS_KEPT_PER_FEED = 5_000  # well past what any feed lists at once


@dataclass(frozen=True, slots=True)
class Polled:
    """One new entry of a feed: its article (or why it could not be read), and the keys that name it."""

    item: Article | InputError
    feed: str
    key: str


class SeenEntries:
    """Entry keys already read, per feed URL, in a JSON file written atomically after each poll."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._keys: dict[str, list[str]] = self._read()

    def _read(self) -> dict[str, list[str]]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise InputError(str(self.path), f"not a readable list of seen feed entries ({error})") from None
        if not isinstance(loaded, dict):
            raise InputError(str(self.path), "not a list of seen feed entries")
        return {str(feed): [str(key) for key in keys] for feed, keys in loaded.items()}

    def __contains__(self, feed_and_key: tuple[str, str]) -> bool:
        feed, key = feed_and_key
        return key in self._keys.get(feed, ())

    def add(self, feed: str, key: str) -> None:
        keys = self._keys.setdefault(feed, [])
        if key not in keys:
            keys.append(key)
            del keys[:-KEYS_KEPT_PER_FEED]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=self.path.parent, prefix=f".{self.path.name}.", delete=False
        ) as out:
            json.dump(self._keys, out, indent=1)
        os.replace(out.name, self.path)


def http_client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def poll(feeds: Sequence[str], seen: SeenEntries, client: httpx.Client) -> Iterator[Polled]:
    """The new entries of ``feeds``, feed by feed, in each feed's order; a feed that cannot be read is one
    InputError naming it."""
    for feed in feeds:
        try:
            entries = parse_feed(fetch(client, feed), feed, base_url=feed)
        except InputError as error:
            yield Polled(error, feed, "")
            continue
        for entry in entries:
            if (feed, entry.key) not in seen:
                yield Polled(_entry_page(client, entry), feed, entry.key)


def fetch(client: httpx.Client, url: str, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """The body of a successful GET, at most ``max_bytes``; InputError naming the URL otherwise."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(url, f"over the {max_bytes / 1e6:g} MB limit for one article")
            return bytes(body)
    except httpx.HTTPError as error:
        raise InputError(url, f"cannot fetch ({type(error).__name__}: {error})") from None


def _entry_page(client: httpx.Client, entry: Entry) -> Article | InputError:
    """The page an entry links to; the feed's own text of the entry when the page cannot be fetched."""
    origin = entry.link or entry.key
    try:
        if entry.link is None:
            raise InputError(origin, "entry has no link")
        page = fetch(client, entry.link)
        return entry_article(entry, decode_bytes(page, origin), origin)
    except InputError as error:
        if entry.body is not None and entry.full_text:
            return entry_article(entry, entry.body, origin, kind=entry.body_kind)
        return error
