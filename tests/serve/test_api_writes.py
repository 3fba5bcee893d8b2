"""Writes: tokens and roles, analyst corrections with their history, posting an article, private reads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.serve import create_app
from sitrep.serve.extraction import Extractor
from sitrep.store import Store
from tests.serve.conftest import fake_extract, pipeline_resources, token

WRONG = {"Authorization": "Bearer sitrep_000000000000_not-a-real-secret"}


def patch(client: TestClient, event_id: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.patch(f"/api/events/{event_id}", json=body, headers=headers)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PATCH", "/api/events/coast-1", {"admin1": "Latakia"}),
        ("POST", "/api/articles", {"text": "Shelling."}),
    ],
)
def test_a_write_needs_a_valid_token_of_an_analyst(
    client: TestClient, store: Store, method: str, path: str, body: dict[str, Any]
) -> None:
    missing = client.request(method, path, json=body)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "bearer token" in missing.json()["error"]
    assert client.request(method, path, json=body, headers=WRONG).status_code == 403
    assert client.request(method, path, json=body, headers={"Authorization": "Basic YTpi"}).status_code == 401
    reader = client.request(method, path, json=body, headers=token(store, "rob", "reader"))
    assert reader.status_code == 403
    assert "role reader" in reader.json()["error"]
    assert client.request(method, path, json=body, headers=token(store, "ada", "admin")).status_code in (
        200,
        201,
    )


def test_a_correction_changes_the_event_and_enters_the_history(
    client: TestClient, analyst: dict[str, str]
) -> None:
    response = patch(client, "coast-1", {"admin1": "Latakia", "fatalities_high": 30}, analyst)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["event"]["admin1"], body["event"]["fatalities_high"], body["event"]["status"]) == (
        "Latakia",
        30,
        "corrected",
    )
    assert {(c["field"], c["before"], c["after"]) for c in body["changes"]} == {
        ("admin1", "Tartus", "Latakia"),
        ("fatalities_high", None, 30),
        ("status", "machine", "corrected"),
    }
    history = client.get("/api/events/coast-1/history").json()["history"]
    assert [(entry["who"], entry["field"]) for entry in history] == [
        ("alice", "admin1"),
        ("alice", "fatalities_high"),
        ("alice", "status"),
    ]
    assert history[0]["when"].endswith("+00:00")
    assert client.get("/api/events", params={"admin1": "Latakia"}).json()["total"] == 1


def test_every_accepted_correction_appears_in_the_history_in_order(
    client: TestClient, analyst: dict[str, str]
) -> None:
    patch(client, "north-1", {"fatalities": 8, "fatalities_high": 8}, analyst)
    patch(client, "north-1", {"fatalities": 8}, analyst)  # the same value again: nothing to record
    patch(client, "north-1", {"event_date": "2025-02-22", "status": "verified"}, analyst)
    history = client.get("/api/events/north-1/history").json()["history"]
    assert [(entry["field"], entry["before"], entry["after"]) for entry in history] == [
        ("fatalities", 7, 8),
        ("fatalities_high", 7, 8),
        ("status", "machine", "corrected"),
        ("event_date", "2025-02-23", "2025-02-22"),
        ("status", "corrected", "verified"),
    ]


def test_a_new_sub_event_type_brings_its_event_type(client: TestClient, analyst: dict[str, str]) -> None:
    body = patch(client, "coast-2", {"sub_event_type": "Shelling/artillery/missile attack"}, analyst).json()
    assert (body["event"]["event_type"], body["event"]["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    moved = patch(client, "coast-2", {"sub_event_type": "Armed clash"}, analyst).json()["event"]
    assert moved["event_type"] == "Battles"


def test_a_rejected_event_leaves_listings_stats_and_exports_but_not_the_history(
    client: TestClient, analyst: dict[str, str]
) -> None:
    assert patch(client, "coast-1", {"status": "rejected"}, analyst).status_code == 200
    assert "coast-1" not in {record["event_id"] for record in client.get("/api/events").json()["events"]}
    assert client.get("/api/stats").json()["fatalities"] == 10
    assert "coast-1" not in client.get("/api/events", params={"format": "csv"}).text
    rejected = client.get("/api/events", params={"status": "rejected"}).json()["events"]
    assert [record["event_id"] for record in rejected] == ["coast-1"]
    assert client.get("/api/events/coast-1").json()["event"]["status"] == "rejected"
    assert client.get("/api/events/coast-1/history").json()["history"][-1]["after"] == "rejected"


def test_a_corrected_note_is_found_by_full_text_search(client: TestClient, analyst: dict[str, str]) -> None:
    assert client.get("/api/events", params={"q": "ambush"}).json()["total"] == 0
    patch(client, "north-2", {"notes": "Protest dispersed after an ambush."}, analyst)
    assert [r["event_id"] for r in client.get("/api/events", params={"q": "ambush"}).json()["events"]] == [
        "north-2"
    ]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "nothing to change"),
        ({"event_type": "Protests"}, "'Armed clash' is not a sub-event type of 'Protests'"),
        ({"sub_event_type": "Ambush"}, "unknown sub-event type 'Ambush'"),
        ({"fatalities": 20}, "low <= best <= high"),  # coast-1's low is 23
        ({"fatalities_low": 30}, "low <= best <= high"),
        ({"inter1": 9}, "unknown inter code 9"),
        ({"time_precision": 4}, "unknown time precision 4"),
        ({"latitude": 91}, "body.latitude"),
        ({"event_type": None}, "event_type cannot be empty"),
        ({"alleged": None}, "alleged cannot be empty"),
        ({"status": "machine"}, "body.status"),
        ({"event_id": "other"}, "body.event_id"),
        ({"notes": "x" * 20_001}, "body.notes"),
    ],
)
def test_an_incoherent_correction_is_refused_with_422(
    client: TestClient, analyst: dict[str, str], body: dict[str, Any], fragment: str
) -> None:
    response = patch(client, "coast-1", body, analyst)
    assert response.status_code == 422
    assert fragment in response.json()["error"]
    assert client.get("/api/events/coast-1/history").json()["history"] == []


def test_clearing_a_field_uses_null_or_empty_text_as_the_contract_says(
    client: TestClient, analyst: dict[str, str]
) -> None:
    event = patch(
        client, "coast-1", {"actor2": None, "source": None, "fatalities_low": None}, analyst
    ).json()["event"]
    assert (event["actor2"], event["source"], event["fatalities_low"]) == (None, "", None)


def test_correcting_an_unknown_event_is_404(client: TestClient, analyst: dict[str, str]) -> None:
    assert patch(client, "nope", {"admin1": "Homs"}, analyst).status_code == 404


def test_posting_an_article_stores_it_and_its_events(client: TestClient, analyst: dict[str, str]) -> None:
    body = {"text": "Shelling hit Aleppo.", "published": "2025-02-24", "url": "https://example.org/p"}
    first = client.post("/api/articles", json=body, headers=analyst)
    assert first.status_code == 201, first.text
    assert first.json()["stored"] is True
    article = first.json()["article"]
    assert (article["id"], article["published"], article["events"][0]["event_id"]) == (
        "posted",
        "2025-02-24",
        "posted-0",
    )
    again = client.post("/api/articles", json=body, headers=analyst)
    assert (again.status_code, again.json()["stored"]) == (200, False)
    assert client.get("/api/events", params={"article_id": "posted"}).json()["total"] == 2


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"text": " . "}, "no body text left after cleaning"),
        ({}, "body.text"),
        ({"text": ""}, "body.text"),
        ({"text": "x", "published": "March"}, "body.published"),
        ({"text": "x", "author": "me"}, "body.author"),
    ],
)
def test_a_post_without_usable_text_is_422(
    client: TestClient, analyst: dict[str, str], body: dict[str, Any], fragment: str
) -> None:
    response = client.post("/api/articles", json=body, headers=analyst)
    assert response.status_code == 422
    assert fragment in response.json()["error"]


def test_a_body_that_is_not_json_is_422(client: TestClient, analyst: dict[str, str]) -> None:
    headers = {**analyst, "Content-Type": "application/json"}
    response = client.post("/api/articles", content=b"{not json", headers=headers)
    assert response.status_code == 422
    assert "JSON" in response.json()["error"]


def test_an_oversized_body_is_refused_with_413_declared_or_streamed(
    store: Store, analyst: dict[str, str]
) -> None:
    client = TestClient(create_app(store, extract=fake_extract, max_body_bytes=1000))
    declared = client.post("/api/articles", json={"text": "x" * 2000}, headers=analyst)
    assert declared.status_code == 413
    assert "over 1000 bytes" in declared.json()["error"]
    assert declared.headers["x-content-type-options"] == "nosniff"
    streamed = client.post(
        "/api/articles",
        content=(b"x" * 500 for _ in range(4)),
        headers={**analyst, "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413


def test_the_real_pipeline_ingests_a_posted_article(store: Store, analyst: dict[str, str]) -> None:
    """POST with the pipeline itself: a report of a clash yields a battle."""
    resources = pipeline_resources()
    if resources is None:
        pytest.skip("the extraction pipeline is not importable yet")
    client = TestClient(create_app(store, extract=Extractor(resources)))
    text = (
        "Clashes between government security forces and gunmen loyal to the former president killed at least "
        "16 people in the coastal town of Jableh on Thursday, the Syrian Observatory for Human Rights said."
    )
    response = client.post("/api/articles", json={"text": text, "published": "2025-03-07"}, headers=analyst)
    assert response.status_code == 201, response.text
    events = response.json()["article"]["events"]
    assert any(event["event_type"] == "Battles" for event in events)
    assert all(event["event_date"] in (None, date(2025, 3, 6).isoformat()) for event in events)


def test_a_private_server_needs_a_token_to_read(store: Store) -> None:
    client = TestClient(create_app(store, private=True, extract=fake_extract))
    for path in (
        "/api/events",
        "/api/events/coast-1",
        "/api/stats",
        "/api/articles",
        "/api/events/coast-1/history",
    ):
        assert client.get(path).status_code == 401, path
        assert client.get(path, headers=WRONG).status_code == 403, path
    reader = token(store, "rob", "reader")
    assert client.get("/api/events", headers=reader).json()["total"] == 8
    assert client.get("/api/me", headers=reader).json() == {"name": "rob", "role": "reader"}
    assert client.get("/").status_code == 200  # the page itself holds no data


def test_reads_are_open_by_default_and_me_names_the_token(
    client: TestClient, analyst: dict[str, str]
) -> None:
    assert client.get("/api/events").status_code == 200
    assert client.get("/api/me", headers=analyst).json() == {"name": "alice", "role": "analyst"}
    assert client.get("/api/me").status_code == 401
