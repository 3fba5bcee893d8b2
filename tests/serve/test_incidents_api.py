"""``/api/incidents`` on the hand-made articles, plus a follow-up report revising the coast clash."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from sitrep.export.columns import INCIDENT_CSV_COLUMNS
from sitrep.store import Store
from sitrep.store.database import writing
from sitrep.store.review import REJECTED, apply_correction
from tests.serve.support import FOLLOW_TEXT, SOHR, save_follow_up


@pytest.fixture
def follow_up(store: Store) -> Store:
    save_follow_up(store)
    return store


def _listing(client: TestClient, **params: object) -> dict:
    response = client.get("/api/incidents", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _clash(client: TestClient) -> dict:
    (clash,) = _listing(client, sub_event_type="Armed clash")["incidents"]
    return clash


def test_reports_of_one_clash_in_two_articles_are_one_incident(follow_up: Store, client: TestClient) -> None:
    listing = _listing(client)
    assert listing["total"] == 8  # of 9 events: the follow-up's clash joins the coast's
    clash = _clash(client)
    assert clash["event_ids"] == ["coast-1", "follow-1"]
    assert [a["id"] for a in clash["articles"]] == ["coast", "follow"]
    assert (clash["fatalities"], clash["location"], clash["number_of_sources"]) == (31, "Baniyas", 2)
    assert (clash["fatalities_low"], clash["fatalities_high"]) == (31, 31)  # the monitor's revised toll
    assert "toll_revised" in clash["flags"]
    assert {SOHR, "Other Wire", "Example News"} <= set(clash["sources"])


def test_an_incident_lists_its_reports_claims_and_toll_history(follow_up: Store, client: TestClient) -> None:
    detail = client.get(f"/api/incidents/{_clash(client)['incident_id']}").json()
    assert [r["event"]["event_id"] for r in detail["reports"]] == ["coast-1", "follow-1"]
    first = detail["reports"][0]
    assert first["article"]["title"] == "Fighting on the coast" and first["event"]["status"] == "machine"
    assert first["event"]["evidence"]["location"] and "Baniyas" in first["evidence_text"]
    claims = [(c["event_id"], c["figure"], c["category"], c["superseded"]) for c in detail["claims"]]
    assert claims == [
        ("coast-1", 23, "total", True),
        ("coast-1", 9, "state_forces", False),
        ("follow-1", 31, "total", False),
    ]
    assert detail["claims"][2]["span"] == [
        FOLLOW_TEXT.index("rose to 31"),
        FOLLOW_TEXT.index("rose to 31") + len("rose to 31"),
    ]
    history = [(h["as_of"], h["article_id"], h["best"]) for h in detail["history"]]
    assert history == [("2025-03-07", "coast", 23), ("2025-03-08", "follow", 31)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2025-02-28"}, {"coast-1", "coast-2", "coast-3", "coast-4", "xss-1"}),
        ({"date_to": "2025-02-23"}, {"north-1", "north-2"}),
        ({"event_type": "Protests"}, {"north-2"}),
        ({"country": "syria", "admin1": "aleppo"}, {"north-1"}),
        ({"bbox": "36.5,34.5,37.5,36.5"}, {"north-1", "north-2", "xss-1"}),
        ({"min_fatalities": 5}, {"coast-1", "north-1"}),
        ({"historical": "true"}, {"coast-5"}),
        ({"alleged": "true"}, {"coast-2"}),
        ({"actor": "protesters"}, {"north-2"}),
        ({"article_id": "north"}, {"north-1", "north-2"}),
        ({"q": "bread"}, {"north-1", "north-2"}),
    ],
)
def test_each_filter_narrows_the_incidents(client: TestClient, params: dict, expected: set[str]) -> None:
    found = _listing(client, **params, page_size=100)["incidents"]
    assert {event_id for incident in found for event_id in incident["event_ids"]} == expected


def test_listing_is_sorted_and_paged(client: TestClient) -> None:
    first = _listing(client, sort="-fatalities", page_size=2)
    assert first["total"] == 8 and first["page_size"] == 2
    assert [i["fatalities"] for i in first["incidents"]] == [23, 7]
    second = _listing(client, sort="-fatalities", page_size=2, page=2)
    assert second["incidents"][0]["fatalities"] == 3
    undated_last = _listing(client, sort="event_date", page_size=100)["incidents"]
    assert undated_last[-1]["event_date"] is None


def test_an_incident_whose_only_report_is_rejected_is_left_out(store: Store, client: TestClient) -> None:
    with writing(store.engine).begin() as conn:
        apply_correction(conn, "north-2", "alice", {}, REJECTED)
    assert "north-2" not in {e for i in _listing(client)["incidents"] for e in i["event_ids"]}
    assert _listing(client, status="rejected")["incidents"][0]["event_ids"] == ["north-2"]


def test_csv_is_one_acled_style_row_per_incident(follow_up: Store, client: TestClient) -> None:
    response = client.get("/api/incidents", params={"format": "csv", "sub_event_type": "Armed clash"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(INCIDENT_CSV_COLUMNS)
    (row,) = rows
    assert (row["event_id_cnty"], row["fatalities"], row["interaction"]) == (
        _clash(client)["incident_id"],
        "31",
        "13",
    )
    assert row["article_ids"] == "coast; follow" and "toll_revised" in row["flags"]


def test_geojson_has_a_feature_per_incident(client: TestClient) -> None:
    collection = client.get("/api/incidents", params={"format": "geojson"}).json()
    features = collection["features"]
    assert len(features) == 8
    assert all(feature["id"].startswith("inc-") for feature in features)
    unlocated = [f for f in features if f["geometry"] is None]
    assert [f["properties"]["event_ids"] for f in unlocated] == [["coast-4"]]


def test_bad_parameters_and_unknown_incidents_are_json_errors(client: TestClient) -> None:
    assert client.get("/api/incidents", params={"sort": "confidence"}).status_code == 422
    missing = client.get("/api/incidents/inc-0000")
    assert missing.status_code == 404 and "inc-0000" in missing.json()["error"]


def test_correcting_a_report_s_date_moves_it_out_of_its_incident_and_back(
    follow_up: Store, client: TestClient, analyst: dict[str, str]
) -> None:
    def moved(body: dict[str, object]) -> None:
        response = client.patch("/api/events/coast-1", json=body, headers=analyst)
        assert response.status_code == 200, response.text

    reported = client.get("/api/events/coast-1").json()["event"]["event_date"]
    moved({"event_date": "2023-01-05"})  # two years before the follow-up's report of the clash
    clashes = {
        tuple(incident["event_ids"]): incident
        for incident in _listing(client, sub_event_type="Armed clash")["incidents"]
    }
    assert set(clashes) == {("coast-1",), ("follow-1",)}
    follow = clashes[("follow-1",)]
    assert follow["number_of_sources"] == 1 and "Example News" not in follow["sources"]
    assert clashes[("coast-1",)]["event_date"] == "2023-01-05"
    moved({"event_date": reported})
    clash = _clash(client)
    assert clash["event_ids"] == ["coast-1", "follow-1"]
    assert {SOHR, "Other Wire", "Example News"} <= set(clash["sources"])


def test_rejecting_a_report_takes_it_out_of_its_incident(
    follow_up: Store, client: TestClient, analyst: dict[str, str]
) -> None:
    response = client.patch("/api/events/follow-1", json={"status": REJECTED}, headers=analyst)
    assert response.status_code == 200, response.text
    clash = _clash(client)
    assert clash["event_ids"] == ["coast-1"] and "Other Wire" not in clash["sources"]
