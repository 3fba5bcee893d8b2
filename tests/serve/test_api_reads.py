"""The read endpoints: events with every filter, sort and format, one event, articles, statistics."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.export.columns import ACLED_CSV_COLUMNS
from sitrep.serve.filters import MAX_PAGE_SIZE
from tests.serve.support import COAST_TEXT, NORTH_TEXT, coast_events, north_events, xss_events

ALL_IDS = {"coast-1", "coast-2", "coast-3", "coast-4", "coast-5", "north-1", "north-2", "xss-1"}


def ids(client: TestClient, **params: Any) -> set[str]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return {record["event_id"] for record in response.json()["events"]}


def test_records_are_the_output_contract_plus_review_status(client: TestClient) -> None:
    records = {record["event_id"]: record for record in client.get("/api/events").json()["events"]}
    for event in coast_events() + north_events() + xss_events():
        assert records[event.event_id] == {**event.to_record(), "status": "machine"}


def test_listing_is_newest_first_with_undated_events_last_and_paged(client: TestClient) -> None:
    body = client.get("/api/events", params={"page_size": 3}).json()
    assert (body["total"], body["page"], body["page_size"]) == (8, 1, 3)
    assert [record["event_date"] for record in body["events"]] == ["2025-03-07", "2025-03-07", "2025-03-06"]
    last = client.get("/api/events", params={"page_size": 3, "page": 3}).json()["events"]
    assert [record["event_id"] for record in last][-1] == "coast-5"  # undated: last either way
    ascending = client.get("/api/events", params={"sort": "event_date"}).json()["events"]
    assert ascending[0]["event_id"] == "north-2" and ascending[-1]["event_id"] == "coast-5"


def test_sorting_by_fatalities_puts_unknown_counts_last(client: TestClient) -> None:
    records = client.get("/api/events", params={"sort": "-fatalities"}).json()["events"]
    counts = [record["fatalities"] for record in records]
    assert counts[:4] == [23, 7, 3, 0] and set(counts[4:]) == {None}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2025-03-01", "date_to": "2025-03-06"}, {"coast-1", "coast-2"}),
        ({"event_type": "Battles"}, {"coast-1", "coast-5"}),
        ({"event_type": ["Protests", "Violence against civilians"]}, {"north-2", "xss-1"}),
        ({"sub_event_type": "Arrests"}, {"coast-4"}),
        ({"actor": "protesters"}, {"north-2"}),
        ({"actor": "civilians (syria)"}, {"north-1", "xss-1"}),
        ({"actor": "%"}, set()),  # a LIKE wildcard typed by a user is matched literally
        ({"country": "syria"}, ALL_IDS - {"coast-4"}),
        ({"admin1": "Tartus"}, {"coast-1", "coast-2", "coast-3"}),
        ({"bbox": "37,36,37.5,36.5"}, {"north-1"}),
        ({"bbox": "170,-10,-170,10"}, set()),  # crossing the antimeridian
        ({"min_fatalities": 5}, {"coast-1", "north-1"}),
        ({"alleged": "true"}, {"coast-2"}),
        ({"historical": "true"}, {"coast-5"}),
        ({"historical": "false", "event_type": "Battles"}, {"coast-1"}),
        ({"q": "bread"}, {"north-1", "north-2"}),  # article text
        ({"q": '"bread prices"'}, {"north-1", "north-2"}),
        ({"q": "Alep*"}, {"north-1", "north-2"}),
        ({"q": "farmers monitor"}, {"xss-1"}),
        ({"q": "detained"}, {"coast-1", "coast-2", "coast-3", "coast-4", "coast-5"}),
        ({"article_id": "north"}, {"north-1", "north-2"}),
    ],
)
def test_each_filter_narrows_the_events(
    client: TestClient, params: dict[str, Any], expected: set[str]
) -> None:
    assert ids(client, **params) == expected


def test_search_syntax_typed_by_a_user_never_breaks_the_query(client: TestClient) -> None:
    for query in ('AND OR ( " NEAR', '"unbalanced', "col:umn ^ - *", "()"):
        assert client.get("/api/events", params={"q": query}).status_code == 200


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"event_type": "Massacre"}, "unknown event type 'Massacre'"),
        ({"sub_event_type": "Riot"}, "unknown sub-event type"),
        ({"bbox": "1,2,3"}, "bbox must be four numbers"),
        ({"bbox": "0,50,10,40"}, "min_lat > max_lat"),
        ({"date_from": "2025-03-08", "date_to": "2025-03-01"}, "date_from is after date_to"),
        ({"date_from": "yesterday"}, "query.date_from"),
        ({"min_fatalities": -1}, "query.min_fatalities"),
        ({"page_size": MAX_PAGE_SIZE + 1}, "query.page_size"),
        ({"page": 0}, "query.page"),
        ({"sort": "notes"}, "cannot sort by 'notes'"),
        ({"format": "xlsx"}, "query.format"),
        ({"evnt_type": "Battles"}, "query.evnt_type"),
        ({"q": "x" * 501}, "query.q"),
    ],
)
def test_bad_parameters_get_422_naming_the_problem(
    client: TestClient, params: dict[str, Any], fragment: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert fragment in response.json()["error"]


def test_csv_has_acled_columns_and_one_row_per_matching_event(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "csv", "event_type": "Battles"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(ACLED_CSV_COLUMNS)
    clash = next(row for row in rows if row["event_id_cnty"] == "coast-1")
    assert clash["event_date"] == "2025-03-06" and clash["year"] == "2025"
    assert (clash["disorder_type"], clash["interaction"]) == ("Political violence", "13")
    assert (clash["admin1"], clash["location"], clash["fatalities"]) == ("Tartus", "Baniyas", "23")
    assert len(rows) == 2


def test_csv_streams_every_event_unless_a_page_size_is_given(client: TestClient) -> None:
    every = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text)))
    paged = client.get("/api/events", params={"format": "csv", "page_size": 2, "page": 2}).text
    assert len(every) == 8
    assert len(list(csv.DictReader(io.StringIO(paged)))) == 2


def test_geojson_has_a_point_per_located_event_and_null_geometry_otherwise(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = {feature["id"]: feature for feature in response.json()["features"]}
    assert set(features) == ALL_IDS
    assert features["north-1"]["geometry"] == {"type": "Point", "coordinates": [37.1343, 36.2021]}
    assert features["coast-4"]["geometry"] is None
    assert features["north-1"]["properties"]["fatalities"] == 7


def test_an_event_comes_with_its_article_text_and_evidence_spans_into_it(client: TestClient) -> None:
    body = client.get("/api/events/coast-1").json()
    text = body["article"]["text"]
    assert text == COAST_TEXT
    assert body["article"]["title"] == "Fighting on the coast"
    evidence = body["event"]["evidence"]
    assert [text[start:end] for start, end in evidence["fatalities"]] == ["At least 23 people were killed"]
    assert [text[start:end] for start, end in evidence["location"]] == ["Baniyas"]
    claim = body["event"]["claims"][0]
    assert text[slice(*claim["claimant_span"])] == "Syrian Observatory for Human Rights"


def test_spans_count_code_points_past_an_emoji(client: TestClient) -> None:
    body = client.get("/api/events/north-1").json()
    start, end = body["event"]["evidence"]["event_type"][0]
    assert NORTH_TEXT[start:end] == body["article"]["text"][start:end] == "Artillery shelling"


def test_unknown_event_and_article_are_404_in_json(client: TestClient) -> None:
    for path in ("/api/events/nope", "/api/events/nope/history", "/api/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "nope" in response.json()["error"]


def test_articles_list_newest_first_with_event_counts(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    assert body["total"] == 3
    assert [(a["id"], a["events"]) for a in body["articles"]] == [("coast", 5), ("xss", 1), ("north", 2)]
    assert "text" not in body["articles"][0]
    assert [a["id"] for a in client.get("/api/articles", params={"q": "bread"}).json()["articles"]] == [
        "north"
    ]
    paged = client.get("/api/articles", params={"page_size": 1, "page": 2}).json()
    assert [a["id"] for a in paged["articles"]] == ["xss"]


def test_an_article_comes_with_its_text_and_events_in_extraction_order(client: TestClient) -> None:
    body = client.get("/api/articles/north").json()
    assert body["text"] == NORTH_TEXT
    assert body["published"] == "2025-02-24"
    assert [event["event_id"] for event in body["events"]] == ["north-1", "north-2"]


def test_stats_count_events_and_deaths_by_week_type_admin1_and_actor(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert (stats["events"], stats["fatalities"], stats["undated_events"]) == (8, 33, 1)
    weeks = {(row["week"], row["event_type"]): (row["events"], row["fatalities"]) for row in stats["by_week"]}
    assert weeks[("2025-03-03", "Battles")] == (1, 23)  # Thursday 6 March: week of Monday 3 March
    assert weeks[("2025-02-17", "Explosions/Remote violence")] == (1, 7)  # Sunday 23 February
    assert {row["event_type"]: row["events"] for row in stats["by_type"]}["Strategic developments"] == 2
    assert stats["by_admin1"][0] == {"country": "Syria", "admin1": "Tartus", "events": 3, "fatalities": 23}
    actors = {row["actor"]: (row["events"], row["fatalities"]) for row in stats["by_actor"]}
    assert actors["Military Forces of Syria (2024-)"] == (4, 23)
    assert actors["Civilians (Syria)"] == (2, 10)


def test_stats_take_the_same_filters(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"admin1": "Aleppo"}).json()
    assert (stats["events"], stats["fatalities"]) == (1, 7)
    assert client.get("/api/stats", params={"sort": "fatalities"}).status_code == 422


def test_taxonomy_lists_acled_codes_colours_and_correctable_fields(client: TestClient) -> None:
    body = client.get("/api/taxonomy").json()
    battles = next(item for item in body["event_types"] if item["name"] == "Battles")
    assert "Armed clash" in battles["sub_event_types"] and battles["colour"].startswith("#")
    assert "admin1" in body["correctable"] and "status" not in body["correctable"]
    assert body["actor_types"]["7"] == "Civilians"


def _walk(client: TestClient, path: str, key: str, params: dict[str, Any]) -> list[str]:
    """Every id of a listing, page after page through the ``next`` cursors."""
    ids: list[str] = []
    after = None
    while True:
        body = client.get(path, params={**params, **({"after": after} if after else {})}).json()
        ids += [record[key] for record in body[path.rsplit("/", 1)[1]]]
        if (after := body["next"]) is None:
            return ids


@pytest.mark.parametrize(
    "sort", ["-event_date", "event_date", "fatalities", "-fatalities", "actor2", "-status"]
)
def test_cursors_walk_every_event_once_in_the_listing_order(client: TestClient, sort: str) -> None:
    """Empty values (an undated event, unknown tolls, no second actor) come last on every walk too."""
    whole = client.get("/api/events", params={"sort": sort, "page_size": 100}).json()["events"]
    walked = _walk(client, "/api/events", "event_id", {"sort": sort, "page_size": 3})
    assert walked == [record["event_id"] for record in whole]


def test_cursors_walk_incidents_too(client: TestClient) -> None:
    whole = client.get("/api/incidents", params={"page_size": 100}).json()["incidents"]
    walked = _walk(client, "/api/incidents", "incident_id", {"page_size": 2, "sort": "-fatalities"})
    assert sorted(walked) == sorted(record["incident_id"] for record in whole)


def test_a_cursor_must_come_from_the_same_order_and_stand_alone(client: TestClient) -> None:
    cursor = client.get("/api/events", params={"page_size": 2}).json()["next"]
    assert client.get("/api/events", params={"page_size": 2, "after": cursor}).status_code == 200
    for params in (
        {"after": cursor, "page": 2},
        {"after": cursor, "sort": "fatalities"},
        {"after": "bm90IGEgY3Vyc29y"},
        {"after": "W1wiLWV2ZW50X2RhdGVcIiIsIDEsIDJd"},
    ):
        response = client.get("/api/events", params={"page_size": 2, **params})
        assert response.status_code == 422, params
