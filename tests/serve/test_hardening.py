"""Bounds on what a client may do: writes per token, cross-origin calls, files outside the static folder."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.serve import create_app
from sitrep.serve.security import WriteLimit
from sitrep.store import Store
from tests.serve.conftest import fake_extract, token


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_writes_past_a_tokens_limit_get_429_with_retry_after(store: Store) -> None:
    clock = _Clock()
    client = TestClient(create_app(store, extract=fake_extract, write_limit=WriteLimit(6, 2, clock)))
    alice, bob = token(store, "alice", "analyst"), token(store, "bob", "analyst")
    statuses = [client.patch("/api/events/coast-1", json={"notes": f"n{i}"}, headers=alice) for i in range(3)]
    assert [response.status_code for response in statuses] == [200, 200, 429]
    refused = statuses[-1]
    assert refused.headers["retry-after"] == "10"  # 6 a minute: one every 10 s
    assert "write limit" in refused.json()["error"]
    assert client.get("/api/events/coast-1").json()["event"]["notes"] == "n1"  # the refused write did nothing
    assert client.post("/api/articles", json={"text": "Shelling."}, headers=alice).status_code == 429
    assert client.patch("/api/events/coast-1", json={"notes": "b"}, headers=bob).status_code == 200
    assert all(client.get("/api/events").status_code == 200 for _ in range(5))  # reads are not limited
    clock.now += 10
    assert client.patch("/api/events/coast-1", json={"notes": "later"}, headers=alice).status_code == 200


def test_a_refused_token_spends_nothing(store: Store) -> None:
    client = TestClient(create_app(store, extract=fake_extract, write_limit=WriteLimit(6, 1, _Clock())))
    reader = token(store, "rob", "reader")
    for _ in range(3):
        assert client.patch("/api/events/coast-1", json={"notes": "x"}, headers=reader).status_code == 403


@pytest.mark.parametrize(("per_minute", "burst"), [(0, 5), (-1, 5), (10, 0)])
def test_a_write_limit_must_allow_something(per_minute: float, burst: int) -> None:
    with pytest.raises(ValueError, match="positive rate"):
        WriteLimit(per_minute, burst)


PREFLIGHT = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "PATCH"}


def test_cross_origin_access_is_off_by_default(client: TestClient) -> None:
    read = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert read.status_code == 200 and "access-control-allow-origin" not in read.headers
    preflight = client.options("/api/events/coast-1", headers=PREFLIGHT)
    assert preflight.status_code == 405 and "access-control-allow-origin" not in preflight.headers


def test_cross_origin_access_follows_the_allow_list(store: Store) -> None:
    client = TestClient(create_app(store, extract=fake_extract, cors_origins=["https://desk.example"]))
    allowed = client.options("/api/events/coast-1", headers={**PREFLIGHT, "Origin": "https://desk.example"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
    assert "PATCH" in allowed.headers["access-control-allow-methods"]
    other = client.options("/api/events/coast-1", headers=PREFLIGHT)
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers
    read = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in read.headers


def _raw_get(app: FastAPI, raw_path: bytes) -> tuple[int, bytes]:
    """GET ``raw_path`` exactly as sent on the wire (an HTTP client would normalise its dots first), with
    the path a server like uvicorn decodes from it."""
    from urllib.parse import unquote_to_bytes

    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
        "root_path": "",
        "path": unquote_to_bytes(raw_path).decode("latin-1"),
        "raw_path": raw_path,
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
    }
    sent: list[dict[str, Any]] = []
    requested = False

    async def main() -> None:
        answered = asyncio.Event()

        async def receive() -> dict[str, Any]:
            nonlocal requested
            if requested:  # the client stays connected until the whole answer has arrived
                await answered.wait()
                return {"type": "http.disconnect"}
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                answered.set()

        await app(scope, receive, send)

    asyncio.run(main())
    return sent[0]["status"], b"".join(message.get("body", b"") for message in sent[1:])


@pytest.mark.parametrize(
    "raw_path",
    [
        b"/static/../app.py",
        b"/static/../../store/schema.py",
        b"/static/js/../../app.py",
        b"/static/%2e%2e/app.py",
        b"/static/%2E%2E/%2E%2E/store/schema.py",
        b"/static/..%2fapp.py",
        b"/static/%2e%2e%2fapp.py",
        b"/static/js/..%2F..%2Fapp.py",
        b"/static/%252e%252e/app.py",
        b"/static/..%5capp.py",
        b"/static//etc/passwd",
        b"/static/%2fetc%2fpasswd",
        b"/static/etc/passwd%00.js",
        b"/static/../../../../../../etc/passwd",
        b"/api/report.css/../app.py",
    ],
)
def test_no_file_outside_the_static_folder_is_served(client: TestClient, raw_path: bytes) -> None:
    status, body = _raw_get(client.app, raw_path)  # type: ignore[arg-type]
    assert status == 404, raw_path
    assert b"import" not in body and b"root:" not in body


def test_files_inside_the_static_folder_are_served_by_raw_path(client: TestClient) -> None:
    status, body = _raw_get(client.app, b"/static/js/%2E/main.js")  # type: ignore[arg-type]
    assert status == 200 and b"import" in body
