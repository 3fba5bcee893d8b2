"""The event table: every field of an event's record, typed, flat, and the same however it is computed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.model import Event, Fatalities, Place, Span
from sitrep.scale import EVENT_COLUMNS, event_row


def _event() -> Event:
    event = Event(
        article_id="c-1",
        event_id="e-1",
        event_type="Battles",
        sub_event_type="Armed clash",
        place=Place(name="Jableh", country="Syria", latitude=35.36, longitude=35.92, geo_precision=1),
        fatalities=Fatalities(best=48, low=48, high=71, by_category={"civilians": 12}),
    )
    event.cite("location", Span(10, 16))
    return event


def test_the_table_has_every_field_of_the_output_contract() -> None:
    assert [column for column, _type in EVENT_COLUMNS] == list(_event().to_record())


def test_nested_fields_are_json_text_and_the_rest_keeps_its_type() -> None:
    row = event_row(_event(), "news/jableh.txt")
    assert row["latitude"] == 35.36 and row["fatalities_high"] == 71 and row["alleged"] is False
    assert json.loads(row["evidence"]) == {"location": [[10, 16]]}
    assert json.loads(row["fatalities_by_category"]) == {"civilians": 12}
    assert row["origin"] == "news/jableh.txt" and row["error"] is None


def test_a_pandas_batch_gives_event_rows_and_one_row_per_failed_input() -> None:
    pd = pytest.importorskip("pandas")
    from sitrep.scale.spark import extract_pandas

    sample = Path(__file__).parents[2] / "sitrep" / "data" / "samples" / "fakes-sample.jsonl"
    articles = pd.read_json(sample, lines=True).head(2)
    articles.loc[len(articles)] = {"id": "blank", "text": "  "}
    [table] = list(extract_pandas(iter([articles])))
    assert list(table.columns)[: len(EVENT_COLUMNS)] == [column for column, _type in EVENT_COLUMNS]
    failed = table[table["error"].notna()]
    assert failed["origin"].tolist() == ["id=blank"]
    assert len(table) > 2 and table[table["error"].isna()]["event_type"].notna().all()
