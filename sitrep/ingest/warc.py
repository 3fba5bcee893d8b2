"""WARC files (web archives, as Common Crawl News publishes them): one article per archived page.

Every ``response`` record of a successful fetch (HTTP 2xx) and every ``resource`` record whose content is a
web page or plain text becomes a raw Article, with the record's target URI as its URL (so its id is the
URL's). Requests, metadata, robots.txt, images and redirects are no articles and pass silently. A record
that cannot be read is one InputError naming ``path@offset`` (the record's byte offset, as ``warcio
extract`` takes it); a file that stops being a WARC midway is one InputError and ends that file.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sitrep.errors import InputError
from sitrep.ingest.build import new_article
from sitrep.ingest.decode import decode_bytes
from sitrep.model import Article

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_GZIP_MAGIC = b"\x1f\x8b"
# Longest header line read: a WARC or HTTP header line is a few hundred bytes (a long URL, a few KB).
# warcio reads lines without a limit, and a megabyte without a newline (a gzip bomb's zeros) takes it minutes.
MAX_HEADER_LINE = 64 * 1024
_SHOWN_ERROR_CHARS = 200


def is_warc(head: bytes) -> bool:
    """Content that opens with a WARC version line or an ARC file header, gzipped or not."""
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc://"))


def named_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def read_warc(stream: BinaryIO, origin: str, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles, or errors, from the page records of a WARC (or ARC) stream, gzipped or not."""
    records = _BoundedArchiveIterator(stream, arc2warc=True)
    try:
        for record in records:
            kind = _page_kind(record)
            if kind is not None:
                payload = _payload(record, max_bytes)  # before the offset, which skips the rest
                yield _article(record, payload, kind, f"{origin}@{records.get_record_offset()}", max_bytes)
    # warcio trips on records that lack a required header (a response without a target URI: AttributeError)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, TypeError) as error:
        yield InputError(origin, f"not a readable WARC file from here on ({_shortened(str(error))})")


class _BoundedLineReader(DecompressingBufferedReader):
    """warcio's reader, with every line cut at ``MAX_HEADER_LINE`` bytes: an over-long line is no header,
    and warcio then reports the record as unreadable instead of reading on to the end of the file."""

    def readline(self, length: int | None = None) -> bytes:
        return super().readline(min(length or MAX_HEADER_LINE, MAX_HEADER_LINE))


class _BoundedArchiveIterator(ArchiveIterator):
    """warcio's record iterator over a ``_BoundedLineReader``. Its warning on stderr about a record not
    followed by a blank line is silenced: the record is read all the same, and stderr is for errors."""

    INC_RECORD = ""

    def __init__(self, stream: BinaryIO, **options: bool) -> None:
        super().__init__(stream, **options)
        self.reader = _BoundedLineReader(self.fh, block_size=self.reader.block_size)


def _page_kind(record: ArcWarcRecord) -> str | None:
    """ "html" or "text" for a record that archives a page, else None."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not http.get_statuscode().startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    return _PAGE_TYPES.get(content_type.split(";")[0].strip().lower())


def _payload(record: ArcWarcRecord, max_bytes: int) -> bytes | str:
    """The record's page decoded from its Content-Encoding, up to one byte past ``max_bytes``; or, as a
    string, why it cannot be decoded."""
    try:
        return record.content_stream().read(max_bytes + 1)
    except Exception as error:  # warcio's decoders raise what their codec raises (brotli: AttributeError)
        encoding = record.http_headers.get_header("Content-Encoding") if record.http_headers else None
        return f"cannot decode the record's {encoding or 'content'} ({type(error).__name__})"


def _article(
    record: ArcWarcRecord, body: bytes | str, kind: str, origin: str, max_bytes: int
) -> Article | InputError:
    if isinstance(body, str):
        return InputError(origin, body)
    if len(body) > max_bytes:
        return InputError(origin, f"record is over the {max_bytes / 1e6:g} MB limit for one article")
    if not body:
        return InputError(origin, "empty record (no page content)")
    try:
        return new_article(
            decode_bytes(body, origin),
            origin,
            kind=kind,
            url=record.rec_headers.get_header("WARC-Target-URI"),
        )
    except InputError as error:
        return error


def _shortened(message: str) -> str:
    """An error message on one line and of a bounded length: warcio's run over several lines, and quote
    the line it could not read, whatever its size."""
    message = " ".join(message.split())
    return message if len(message) <= _SHOWN_ERROR_CHARS else message[: _SHOWN_ERROR_CHARS - 3] + "..."
