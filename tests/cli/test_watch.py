"""``sitrep watch`` against a feed served on 127.0.0.1: new entries fetched once, remembered across runs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from tests.store.support import dump

pytest.importorskip("sitrep.pipeline", reason="waits on the extraction stages", exc_type=ImportError)

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>Government forces clashed "
    "with armed men in {town} on Thursday, leaving at least {dead} people dead, according to a war monitor. "
    "Residents said the fighting went on through the night.</p></article></body></html>"
)


class _Site:
    """Pages and a feed, and the log of paths requested."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.requested: list[str] = []
        self.entries: list[tuple[str, str]] = []  # (path, title)

    def add(self, path: str, title: str, town: str, dead: int, served: bool = True) -> None:
        self.entries.append((path, title))
        if served:
            self.pages[path] = PAGE.format(title=title, town=town, dead=dead).encode()

    def feed(self, base: str) -> bytes:
        items = "".join(
            f"<item><title>{title}</title><link>{base}{path}</link><guid>{path}</guid>"
            f"<pubDate>Fri, 07 Mar 2025 09:30:00 GMT</pubDate><description>Teaser.</description></item>"
            for path, title in self.entries
        )
        channel = f"<channel><title>Wire</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
def site() -> Iterator[tuple[_Site, str]]:
    content = _Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            content.requested.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            body = content.feed(base) if self.path == "/feed.xml" else content.pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header(
                "Content-Type", "application/rss+xml" if self.path == "/feed.xml" else "text/html"
            )
            self.end_headers()
            self.wfile.write(body or b"not found")

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield content, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _watch(feed: str, db: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["watch", feed, "--db", str(db), "--polls", "1", *extra])
    return result.exit_code, result.output


def test_new_entries_are_fetched_once_and_remembered(site: tuple[_Site, str], tmp_path: Path) -> None:
    content, base = site
    content.add("/jableh", "Clashes in Jableh", "Jableh", 12)
    content.add("/gone", "Clashes in Homs", "Homs", 5, served=False)
    db = tmp_path / "sitrep.db"

    code, output = _watch(f"{base}/feed.xml", db)
    assert code == 1  # the missing page is reported, the rest stored
    assert f"error: {base}/gone: HTTP 404" in output
    assert content.requested == ["/feed.xml", "/jableh", "/gone"]
    seen = json.loads((tmp_path / "sitrep.db.seen.json").read_text())
    assert seen == {f"{base}/feed.xml": [f"{base}/jableh"]}  # the failed entry is tried again next time
    first = dump(db)
    assert len(first["articles"]) == 1

    content.requested.clear()
    content.add("/hama", "Clashes in Hama", "Hama", 7)
    code, output = _watch(f"{base}/feed.xml", db)
    assert content.requested == ["/feed.xml", "/gone", "/hama"]  # the seen page is not fetched again
    assert len(dump(db)["articles"]) == len(first["articles"]) + 1


def test_an_unreachable_feed_is_one_error_line(tmp_path: Path) -> None:
    code, output = _watch("http://127.0.0.1:9/feed.xml", tmp_path / "sitrep.db")
    assert code == 1
    assert next(line for line in output.splitlines() if line.startswith("error: ")).startswith(
        "error: http://127.0.0.1:9/feed.xml: cannot fetch"
    )
