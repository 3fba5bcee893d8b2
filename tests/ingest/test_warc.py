"""WARC archives (Common Crawl News's format): each archived page is an article, everything else passes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import InputError
from sitrep.ingest import count_inputs, read_inputs
from sitrep.model import Article

PAGE = (
    "<html><head><title>Clashes in Jableh</title></head><body><article><p>Security forces clashed with "
    "armed men in Jableh on Thursday, the Syrian Observatory for Human Rights said.</p></article>"
    "</body></html>"
)


def _response(
    writer: WARCWriter, url: str, body: bytes, status: str = "200 OK", kind: str = "text/html"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", f"{kind}; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )


def write_warc(path: Path, gzip: bool = True) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "sitrep tests"}))
        _response(writer, "https://news.example/jableh", PAGE.encode())
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/jableh", "request", payload=io.BytesIO(b"GET /jableh HTTP/1.1\r\n\r\n")
            )
        )
        _response(
            writer, "https://news.example/missing", b"<html><p>Not found</p></html>", status="404 Not Found"
        )
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", kind="image/png")
        _response(writer, "https://news.example/moved", b"", status="301 Moved Permanently")
        note = b"Shelling killed four civilians in Idlib, rescuers said."
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/wire.txt",
                "resource",
                payload=io.BytesIO(note),
                warc_content_type="text/plain",
            )
        )
        _response(
            writer, "https://news.example/broken", b"Curfew in \xc5\xa2ar\xc5\xa3\xc5\xabs \xff\xfe declared."
        )


@pytest.mark.parametrize("gzip", [True, False])
def test_each_archived_page_is_one_article_with_its_url(tmp_path: Path, gzip: bool) -> None:
    archive = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(archive, gzip)
    found = list(read_inputs([str(archive)]))
    articles = [item for item in found if isinstance(item, Article)]
    errors = [item for item in found if isinstance(item, InputError)]
    assert [a.url for a in articles] == ["https://news.example/jableh", "https://news.example/wire.txt"]
    assert articles[0].content_type == "html" and "Security forces clashed" in articles[0].raw
    assert articles[1].content_type == "text"
    assert all(a.origin.startswith(f"{archive}@") for a in articles)
    assert [e.reason.split(" at byte")[0] for e in errors] == ["invalid UTF-8"]  # one record, named alone
    assert errors[0].origin.startswith(f"{archive}@")


def test_a_warc_is_recognised_by_content_and_found_in_folders(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "crawl.warc.gz").rename(tmp_path / "CC-NEWS-20250307")  # no telling suffix
    nested = tmp_path / "more"
    nested.mkdir()
    write_warc(nested / "second.warc.gz")
    urls = [item.url for item in read_inputs([str(tmp_path)]) if isinstance(item, Article)]
    assert urls.count("https://news.example/jableh") == 2


def test_a_file_named_warc_that_is_none_is_one_error(tmp_path: Path) -> None:
    impostor = tmp_path / "notes.warc"
    impostor.write_text("Clashes in Homs killed five people.\n")
    [error] = read_inputs([str(impostor)])
    assert isinstance(error, InputError) and error.origin == str(impostor)
    assert error.reason == "not a WARC archive (no WARC or ARC header)"


def test_archives_leave_the_total_unknown(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "one.txt").write_text("Clashes in Homs.")
    assert count_inputs([str(tmp_path / "one.txt")]) == 1
    assert count_inputs([str(tmp_path)]) is None
