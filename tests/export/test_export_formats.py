from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sitrep.export import WRITERS, acled_csv
from sitrep.export.columns import ACLED_COLUMNS, ACLED_CSV_COLUMNS, SITREP_EXTRAS
from sitrep.store import Store
from tests.store.support import sample_article, sample_events

ACLED_SAMPLE = Path(__file__).parents[3] / "shared/data/acled-sample-2022/acled_2022H1_global_dev.csv"


def _written(format_name: str, records: list[dict]) -> str:
    out = io.StringIO()
    assert WRITERS[format_name](records, out) == len(records)
    return out.getvalue()


def _records() -> list[dict]:
    return [event.to_record() for event in sample_events()]


def test_acled_csv_header_is_acleds_31_columns_then_sitreps() -> None:
    header = next(csv.reader(io.StringIO(_written("acled-csv", _records()))))
    assert len(ACLED_COLUMNS) == len(set(ACLED_COLUMNS)) == 31
    assert header == [*ACLED_COLUMNS, *SITREP_EXTRAS]


@pytest.mark.skipif(not ACLED_SAMPLE.exists(), reason="needs ../shared/data/acled-sample-2022")
def test_acled_columns_match_an_acled_export_header() -> None:
    with ACLED_SAMPLE.open(encoding="utf-8") as sample:
        assert tuple(next(csv.reader(sample))) == ACLED_COLUMNS


def test_acled_csv_rows_fill_what_is_known_and_leave_the_rest_empty() -> None:
    clash, curfew = csv.DictReader(io.StringIO(_written("acled-csv", _records())))
    assert clash["event_id_cnty"] == "a1-1"
    assert (clash["event_date"], clash["year"], clash["time_precision"]) == ("2025-03-06", "2025", "1")
    assert clash["disorder_type"] == "Political violence"
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("1", "2", "12")
    assert clash["iso"] == "760"
    assert clash["assoc_actor_1"] == "Police Forces of Syria (2024-)"
    assert clash["source"] == "Syrian Observatory for Human Rights; Example News"
    assert (clash["fatalities"], clash["fatalities_low"], clash["fatalities_high"]) == ("16", "16", "")
    assert (clash["alleged"], clash["geonames_id"], clash["article_id"]) == ("false", "170017", "a1")
    for unknown in ("civilian_targeting", "region", "admin3", "source_scale", "tags", "timestamp"):
        assert clash[unknown] == ""
    assert curfew["disorder_type"] == "Strategic developments"
    assert (curfew["year"], curfew["interaction"], curfew["iso"], curfew["latitude"]) == ("", "10", "", "")
    assert (curfew["alleged"], curfew["historical"]) == ("true", "true")


def test_acled_csv_keeps_commas_quotes_and_newlines_inside_one_cell() -> None:
    record = _records()[0] | {"notes": 'Gunmen said "we will return",\nthen left.'}
    (row,) = csv.DictReader(io.StringIO(_written("acled-csv", [record])))
    assert row["notes"] == record["notes"]
    assert list(row) == list(ACLED_CSV_COLUMNS)


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(1, 2, 12), (2, 1, 12), (7, 1, 17), (6, None, 60), (6, 0, 60), (8, 8, 88), (None, None, None)],
)
def test_interaction_puts_the_lower_actor_type_first(inter1: int, inter2: int, expected: int) -> None:
    assert acled_csv.interaction(inter1, inter2) == expected


def test_geojson_is_a_feature_collection_with_every_event() -> None:
    collection = json.loads(_written("geojson", _records()))
    assert collection["type"] == "FeatureCollection"
    located, unlocated = collection["features"]
    for feature in (located, unlocated):
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert "latitude" not in feature["properties"] and "longitude" not in feature["properties"]
    assert located["id"] == located["properties"]["event_id"] == "a1-1"
    assert located["geometry"] == {"type": "Point", "coordinates": [35.9256, 35.3609]}  # longitude first
    assert unlocated["geometry"] is None
    assert unlocated["properties"]["notes"] == "Curfew imposed in Ţarţūs."


def test_geojson_of_no_events_is_an_empty_collection() -> None:
    assert json.loads(_written("geojson", [])) == {"type": "FeatureCollection", "features": []}


def test_jsonl_read_back_from_the_database_is_the_extract_contract(tmp_path: Path) -> None:
    events = sample_events()
    with Store.open(tmp_path / "sitrep.db") as store:
        store.save(sample_article(), events)
        text = _written("jsonl", list(store.iter_events()))
    lines = text.splitlines()
    assert [json.loads(line) for line in lines] == [event.to_record() for event in events]
    assert lines == [json.dumps(event.to_record(), ensure_ascii=False) for event in events]
