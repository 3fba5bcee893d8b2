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
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sitrep.errors import InputError
from sitrep.ingest.build import new_article
from sitrep.ingest.decode import decode_bytes
from sitrep.model import Article

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_GZIP_MAGIC = b"\x1f\x8b"


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
    records = ArchiveIterator(stream, arc2warc=True)
    try:
        for record in records:
            kind = _page_kind(record)
            if kind is not None:
                body = record.content_stream().read(max_bytes + 1)  # before the offset, which skips the rest
                yield _article(record, body, kind, f"{origin}@{records.get_record_offset()}", max_bytes)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as error:
        yield InputError(origin, f"not a readable WARC file from here on ({error})")


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


def _article(
    record: ArcWarcRecord, body: bytes, kind: str, origin: str, max_bytes: int
) -> Article | InputError:
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
