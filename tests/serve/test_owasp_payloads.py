"""OWASP-style payloads against every read filter and every writable text field: each is refused (4xx)
or inert (stored and answered literally, never interpreted). Oversized and malformed JSON bodies are
covered in ``test_api_writes``; markup in stored articles and the dashboard's sinks in ``test_safety``.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from sitrep.serve import create_app
from sitrep.serve.corrections import Correction
from sitrep.store import Store
from tests.serve.conftest import fake_extract, token
from tests.serve.support import filled_store

SQL_INJECTION = (
    "' OR '1'='1",
    "1; DROP TABLE events; --",
    '" OR 1=1 --',
    "') UNION SELECT name, sql, 1, 1 FROM sqlite_master --",
    "%' OR 1=1 --",
    "1 AND (SELECT 1 FROM (SELECT SLEEP(5)) x)",
    "*) OR 1=1 MATCH (*",
)
XSS = (
    "<script>window.__xss = 1</script>",
    '"><img src=x onerror="window.__xss = 2">',
    "javascript:window.__xss = 3",
    "<svg/onload=window.__xss=4>",
)
# Filters taking free text: an injection is an ordinary value that matches nothing. Every other filter is
# typed (a date, a number, a flag, a code from a fixed list) and refuses it with 422.
FREE_TEXT_FILTERS = {"actor", "country", "admin1", "q", "article_id"}
LISTINGS = ("/api/events", "/api/incidents", "/api/stats", "/api/articles", "/api/report")
EVENTS_STORED = 8


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, TestClient]]:
    """One store and client for the read-only payloads (every case leaves the database as it found it)."""
    with filled_store(tmp_path_factory.mktemp("owasp") / "sitrep.db") as store:
        yield store, TestClient(create_app(store, extract=fake_extract))


def _filters() -> list[tuple[str, str]]:
    """(listing, query parameter) for every parameter the API documents, so a new filter is tested too."""
    with Store.open(":memory:") as store:
        paths = create_app(store).openapi()["paths"]
    return [(path, p["name"]) for path in LISTINGS for p in paths[path]["get"]["parameters"]]


def _matches_nothing(path: str, response: Any) -> bool:
    if path == "/api/report":
        return response.headers["content-type"].startswith("text/html")
    body = response.json()
    return (body["events"] == 0) if path == "/api/stats" else body["total"] == 0


@pytest.mark.parametrize(("path", "name"), _filters())
def test_sql_injection_in_every_filter_is_refused_or_matches_nothing(
    shared: tuple[Store, TestClient], path: str, name: str
) -> None:
    store, client = shared
    for payload in SQL_INJECTION:
        response = client.get(path, params={name: payload})
        if name in FREE_TEXT_FILTERS:
            assert response.status_code == 200, (payload, response.text)
            assert _matches_nothing(path, response), payload
        else:
            assert response.status_code == 422, (payload, response.text)
            assert set(response.json()) == {"error", "problems"}
    assert store.summary().events == EVENTS_STORED
    with store.engine.connect() as conn:
        assert {"events", "articles", "evidence", "tokens"} <= set(inspect(conn).get_table_names())


def test_every_listing_filter_is_classified() -> None:
    """A new filter must join this test: free text (inert) or typed (refused)."""
    names = {name for _path, name in _filters()}
    assert names >= FREE_TEXT_FILTERS and len(names) > len(FREE_TEXT_FILTERS)


@pytest.mark.parametrize("payload", SQL_INJECTION + XSS)
def test_injections_in_path_identifiers_are_plain_not_found(
    shared: tuple[Store, TestClient], payload: str
) -> None:
    _store, client = shared
    for path in ("/api/events/{}", "/api/events/{}/history", "/api/incidents/{}", "/api/articles/{}"):
        response = client.get(path.format(payload.replace("/", "%2F")))
        assert response.status_code == 404, (path, payload)
        assert response.headers["content-type"] == "application/json"


_FREE_TEXT_FIELDS = [
    name for name, field in Correction.model_fields.items() if field.annotation == (str | None)
]
_CODED_FIELDS = {"event_type", "sub_event_type"}


@pytest.mark.parametrize("field", sorted(set(_FREE_TEXT_FIELDS) - _CODED_FIELDS))
def test_markup_written_in_a_correction_is_stored_and_read_back_literally(
    store: Store, client: TestClient, analyst: dict[str, str], field: str
) -> None:
    for payload in XSS:
        written = client.patch("/api/events/north-1", json={field: payload}, headers=analyst)
        assert written.status_code == 200, written.text
        read = client.get("/api/events/north-1")
        assert read.headers["content-type"] == "application/json"
        assert read.headers["x-content-type-options"] == "nosniff"
        assert read.json()["event"][field] == payload
        history = client.get("/api/events/north-1/history").json()["history"]
        assert [entry["after"] for entry in history if entry["field"] == field][-1] == payload
    listed = client.get("/api/events", params={"article_id": "north", "format": "csv"})
    assert listed.headers["content-disposition"].startswith("attachment")


@pytest.mark.parametrize("field", sorted(_CODED_FIELDS))
def test_markup_in_a_coded_field_is_refused(client: TestClient, analyst: dict[str, str], field: str) -> None:
    for payload in XSS:
        response = client.patch("/api/events/north-1", json={field: payload}, headers=analyst)
        assert response.status_code == 422


class _Markup(HTMLParser):
    """Every tag and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_html_report_escapes_stored_and_requested_markup(
    client: TestClient, analyst: dict[str, str]
) -> None:
    for field, payload in zip(("location", "actor1", "notes", "source"), XSS, strict=True):
        assert client.patch("/api/events/north-1", json={field: payload}, headers=analyst).status_code == 200
    stored = client.get("/api/report", params={"date_from": "2025-02-01"})
    requested = client.get("/api/report", params={"date_from": "2025-02-01", "actor": XSS[0]})
    assert "&lt;svg/onload" in stored.text and "&lt;script&gt;" in requested.text  # shown, as text
    for response in (stored, requested):
        assert response.status_code == 200
        page = _Markup()
        page.feed(response.text)
        assert not [tag for tag, _ in page.tags if tag in ("script", "svg", "iframe", "object")]
        assert not [attrs for _, attrs in page.tags for name in attrs if name.startswith("on")]
        assert not [attrs for _, attrs in page.tags if (attrs.get("href") or "").startswith("javascript:")]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"text=Shelling."),
        (
            "multipart/form-data; boundary=x",
            b'--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nS\r\n--x--',
        ),
        ("text/plain", b'{"text": "Shelling."}'),
        ("application/xml", b"<text>Shelling.</text>"),
        (None, b'{"text": "Shelling."}'),
    ],
)
def test_a_write_that_is_not_declared_json_is_415(
    client: TestClient, analyst: dict[str, str], content_type: str | None, body: bytes
) -> None:
    headers = {**analyst, **({"Content-Type": content_type} if content_type else {})}
    for method, path in (("POST", "/api/articles"), ("PATCH", "/api/events/north-1")):
        response = client.request(method, path, content=body, headers=headers)
        assert response.status_code == 415, (method, response.text)
        assert "JSON" in response.json()["error"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[]", 422),
        (b'"text"', 422),
        (b"null", 422),
        (b"1e308", 422),
        (b'{"text": "Shelling.", "text": {"$ne": 1}}', 422),
        (b'{"notes": "x", "__proto__": {"admin": true}}', 422),
        (b'{"fatalities": 1e400}', 422),
        (b'{"notes": "\\ud800"}', 422),
        (b"[" * 5000 + b"]" * 5000, 400),  # deeper than the JSON parser goes: refused before validation
    ],
)
def test_json_of_the_wrong_shape_is_refused(
    client: TestClient, analyst: dict[str, str], body: bytes, status: int
) -> None:
    headers = {**analyst, "Content-Type": "application/json"}
    for method, path in (("POST", "/api/articles"), ("PATCH", "/api/events/north-1")):
        response = client.request(method, path, content=body, headers=headers)
        assert response.status_code == status, (method, body[:40], response.text)
        assert "error" in response.json() and "Traceback" not in response.text


def test_a_token_cannot_be_forged_from_its_public_part(store: Store, client: TestClient) -> None:
    issued = token(store, "eve", "analyst")["Authorization"].removeprefix("Bearer ")
    prefix, key, _secret = issued.split("_", 2)
    for forged in (f"{prefix}_{key}_", f"{prefix}_{key}_' OR '1'='1", f"{prefix}_{key}_{'A' * 43}", key):
        response = client.patch(
            "/api/events/north-1", json={"notes": "forged"}, headers={"Authorization": f"Bearer {forged}"}
        )
        assert response.status_code in (401, 403), forged
    assert client.get("/api/events/north-1").json()["event"]["notes"] != "forged"
