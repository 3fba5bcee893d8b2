"""Files, folders and stdin to raw articles, one InputError per input that cannot be read.

What a file holds is told by its content first and its name second: JSON Lines, a WARC archive, an RSS or
Atom feed (several articles each), or one article (text or HTML).

Size is checked before reading: a 50 MB file is refused from its directory entry, and a stream (stdin, a
pipe) is read at most one byte past the limit. JSONL and WARC are the exceptions: they are streamed and the
limit applies to each line or record, since each is one article.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import InputError
from sitrep.ingest.build import new_article
from sitrep.ingest.decode import SAMPLE_BYTES, decode_bytes
from sitrep.ingest.feed import FEED_SUFFIXES, is_feed, read_feed
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.sniff import HTML_SUFFIXES, JSONL_SUFFIXES, is_jsonl
from sitrep.ingest.warc import is_warc, named_warc, read_warc
from sitrep.model import Article

MAX_ARTICLE_BYTES = 20_000_000
STDIN = "-"
STDIN_ORIGIN = "<stdin>"
# Files picked up when walking a folder (a file named on the command line is always read); "" = no suffix.
FOLDER_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".txt", ".text", ""}
_CHUNK_BYTES = 1 << 20


def read_inputs(paths: Sequence[str], max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | InputError]:
    """Raw articles from files, folders (recursive, in name order, hidden entries skipped) and "-" (stdin)."""
    for name in paths:
        if name == STDIN:
            yield from read_stream(sys.stdin.buffer, STDIN_ORIGIN, max_bytes=max_bytes)
        else:
            yield from read_path(Path(name), max_bytes)


def read_path(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | InputError]:
    if not path.is_dir():
        yield from read_file(path, max_bytes)
        return
    for entry in walk_folder(path):
        if isinstance(entry, InputError):
            yield entry
        else:
            yield from read_file(entry, max_bytes)


def walk_folder(folder: Path, seen: set[Path] | None = None) -> Iterator[Path | InputError]:
    """Article files under a folder in name order; a folder reached twice through symlinks is walked once."""
    seen = set() if seen is None else seen
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(str(folder), f"cannot list folder ({error.strerror or error})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk_folder(entry, seen)
        elif entry.suffix.lower() in FOLDER_SUFFIXES or named_warc(entry.name):
            yield entry


def read_file(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        with path.open("rb") as stream:
            size = _regular_file_size(stream)
            yield from read_stream(stream, origin, path.suffix.lower(), size, max_bytes, path.name)
    except FileNotFoundError:
        yield InputError(origin, "no such file or folder")
    except OSError as error:
        yield InputError(origin, f"cannot read ({error.strerror or error})")


def read_stream(
    stream: BinaryIO,
    origin: str,
    suffix: str = "",
    size: int | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    name: str = "",
) -> Iterator[Article | InputError]:
    """One article from a byte stream, or one per line of JSONL, record of WARC or entry of a feed;
    ``size`` is given for regular files, ``name`` (the file name) when there is one."""
    head = stream.read(SAMPLE_BYTES)
    if is_jsonl(head, suffix):
        yield from read_jsonl(chain([head], iter(partial(stream.read, _CHUNK_BYTES), b"")), origin, max_bytes)
        return
    if is_warc(head):
        yield from read_warc(io.BufferedReader(_Replayed(head, stream)), origin, max_bytes)
        return
    if named_warc(name):
        yield InputError(origin, "not a WARC archive (no WARC or ARC header)")
        return
    if size is not None and size > max_bytes:
        yield _too_large(origin, size, max_bytes)
        return
    data = head + stream.read(max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        yield _too_large(origin, None, max_bytes)
    elif not data:
        yield InputError(origin, "empty file (0 bytes)")
    elif is_feed(head, suffix):
        yield from read_feed(data, origin)
    else:
        try:
            yield new_article(decode_bytes(data, origin), origin, suffix=suffix)
        except InputError as error:
            yield error


def _regular_file_size(stream: BinaryIO) -> int | None:
    status = os.fstat(stream.fileno())
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _too_large(origin: str, size: int | None, max_bytes: int) -> InputError:
    size_text = f"{size / 1e6:.1f} MB" if size is not None else "more data"
    return InputError(origin, f"{size_text} is over the {max_bytes / 1e6:g} MB limit for one article")


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many inputs ``read_inputs(paths)`` will yield, for a progress bar; None when that is only known
    by reading them all (stdin, WARC archives, feeds). JSONL files count their non-blank lines."""
    total = 0
    for name in paths:
        if name == STDIN:
            return None
        path = Path(name)
        files = walk_folder(path) if path.is_dir() else [path]
        for entry in files:
            count = 1 if isinstance(entry, InputError) else _inputs_in(entry)
            if count is None:
                return None
            total += count
    return total


def _inputs_in(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if named_warc(path.name) or suffix in FEED_SUFFIXES:
        return None
    if suffix not in JSONL_SUFFIXES:
        return 1
    try:
        with path.open("rb") as stream:
            return max(1, sum(1 for line in stream if line.strip()))  # a blank file is one error
    except OSError:
        return 1  # read_inputs reports it as one error


class _Replayed(io.RawIOBase):
    """A stream whose first bytes were read already (to sniff it), read again from its start."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
