"""Untrusted text stays inert, errors are JSON without internals, the pages load nothing remote."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from sitrep.model import Article, Event
from sitrep.serve import create_app
from sitrep.serve.dashboard import STATIC
from sitrep.serve.extraction import PostedArticle
from sitrep.store import Store, StoreError
from tests.serve.support import XSS_TEXT

ENDPOINTS = {
    ("get", "/api/events"),
    ("get", "/api/events/{event_id}"),
    ("patch", "/api/events/{event_id}"),
    ("get", "/api/events/{event_id}/history"),
    ("get", "/api/incidents"),
    ("get", "/api/incidents/{incident_id}"),
    ("get", "/api/report"),
    ("get", "/api/stats"),
    ("get", "/api/articles"),
    ("post", "/api/articles"),
    ("get", "/api/articles/{article_id}"),
    ("get", "/api/taxonomy"),
    ("get", "/api/me"),
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text += data.strip()


@pytest.mark.parametrize("path", ["/", "/docs", "/api/events", "/api/nope", "/static/js/main.js"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("page", ["index.html", "docs.html"])
def test_pages_have_no_inline_script_no_handlers_and_nothing_remote(page: str) -> None:
    parser = _Tags()
    parser.feed((STATIC / page).read_text(encoding="utf-8"))
    assert parser.script_text == ""
    for tag, attrs in parser.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"^(https?:)?//|^javascript:", value), (tag, attrs)
        if tag == "script":
            assert attrs["src"].startswith("/static/")


def test_javascript_builds_no_markup_from_strings() -> None:
    """Article text and every stored value reach the page as text nodes: no innerHTML, no string HTML."""
    for script in (STATIC / "js").glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ):
            assert sink not in source, (script.name, sink)


def test_stored_markup_comes_back_as_plain_json_strings(client: TestClient) -> None:
    response = client.get("/api/events/xss-1")
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["article"]["text"] == XSS_TEXT
    assert (
        body["article"]["url"] == "javascript:window.__xss='url'"
    )  # stored as given; the page never links it
    assert "<img src=x" in body["event"]["actor1"]


def test_the_dashboard_and_its_vendored_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert client.head("/").status_code == 200
    for asset in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/markercluster/leaflet.markercluster.js",
        "/static/vendor/topojson/topojson-client.min.js",
        "/static/vendor/world-atlas/countries-50m.json",
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/js/main.js",
        "/static/dashboard.css",
    ):
        assert client.get(asset).status_code == 200, asset


def test_docs_list_every_endpoint(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    paths = client.get("/openapi.json").json()["paths"]
    assert {(method, path) for path, methods in paths.items() for method in methods} == ENDPOINTS
    listing = {parameter["name"] for parameter in paths["/api/events"]["get"]["parameters"]}
    assert {"date_from", "bbox", "q", "min_fatalities", "sort", "page_size", "format"} <= listing


def test_unknown_paths_and_methods_are_json_errors(client: TestClient) -> None:
    missing = client.get("/api/nothing-here")
    assert (missing.status_code, missing.json()) == (404, {"error": "no such endpoint: /api/nothing-here"})
    wrong = client.delete("/api/events/coast-1")
    assert wrong.status_code == 405
    assert wrong.json() == {"error": "DELETE is not allowed on /api/events/coast-1"}


def test_an_unexpected_failure_is_a_500_that_leaks_nothing(store: Store, analyst: dict[str, str]) -> None:
    def broken(posted: PostedArticle, origin: str) -> tuple[Article, list[Event]]:
        raise RuntimeError("secret internals at /home/someone/pipeline.py line 12")

    client = TestClient(create_app(store, extract=broken), raise_server_exceptions=False)
    response = client.post("/api/articles", json={"text": "Shelling."}, headers=analyst)
    assert response.status_code == 500
    assert response.json() == {"error": "internal error; the server log has the details"}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_a_database_failure_is_a_503_that_names_no_file(store: Store, analyst: dict[str, str]) -> None:
    def locked(posted: PostedArticle, origin: str) -> tuple[Article, list[Event]]:
        raise StoreError(f"{store.where}: database is locked")

    client = TestClient(create_app(store, extract=locked), raise_server_exceptions=False)
    response = client.post("/api/articles", json={"text": "Shelling."}, headers=analyst)
    assert response.status_code == 503
    assert "retry later" in response.json()["error"] and store.where not in response.text
