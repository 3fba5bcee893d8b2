"""Three full FA-KES articles (label 1: credible), annotated by hand the way an ACLED analyst codes them.

Each fixture (tests/events/fixtures/fakes_<id>.json, CC BY 4.0 with attribution) holds the article text,
the events an analyst would code from it and the junk an analyst would not code (background, summaries,
cumulative tolls). The pipeline's output must contain each expected event with its fields and none of
the junk.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from sitrep.ingest import article_from_string
from sitrep.model import Event
from sitrep.pipeline import Resources, process

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("fakes_*.json"))
# The fields compared exactly; the others are compared by the checks in ``mismatches``.
EXACT = ("event_type", "sub_event_type", "event_date", "admin1", "country", "actor1", "actor2", "fatalities",
         "alleged", "historical")  # fmt: skip


def fixture(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def resources() -> Resources:
    return Resources.load()


@cache
def records(path: Path) -> tuple[dict[str, Any], ...]:
    found = fixture(path)
    article = article_from_string(
        found["text"], published=date.fromisoformat(found["published"]), origin=path.name
    )
    events: list[Event] = process(article, resources())[1]
    return tuple(event.to_record() for event in events)


def mismatches(expected: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """The fields where ``record`` differs from the annotation."""
    wrong = [field for field in EXACT if field in expected and record[field] != expected[field]]
    if "location_contains" in expected and expected["location_contains"] not in (record["location"] or ""):
        wrong.append("location")
    if "actor2_contains" in expected and expected["actor2_contains"] not in (record["actor2"] or ""):
        wrong.append("actor2")
    if "actors" in expected and set(expected["actors"]) != {record["actor1"], record["actor2"]}:
        wrong.append("actors")
    return wrong


def closest(
    expected: dict[str, Any], found: tuple[dict[str, Any], ...]
) -> tuple[dict[str, Any] | None, list[str]]:
    """The output event of the annotated sub-event type that matches the most fields, and what it misses."""
    candidates = [record for record in found if record["sub_event_type"] == expected["sub_event_type"]]
    if not candidates:
        return None, ["sub_event_type"]
    best = min(candidates, key=lambda record: len(mismatches(expected, record)))
    return best, mismatches(expected, best)


def is_junk(junk: dict[str, Any], record: dict[str, Any]) -> bool:
    return all(record[field] == value for field, value in junk.items() if field != "why")


def expected_cases() -> list[Any]:
    return [
        pytest.param(path, index, id=f"{path.stem}-{index}")
        for path in FIXTURES
        for index in range(len(fixture(path)["expected_events"]))
    ]


def junk_cases() -> list[Any]:
    return [
        pytest.param(path, index, id=f"{path.stem}-junk{index}")
        for path in FIXTURES
        for index in range(len(fixture(path)["not_events"]))
    ]


def test_the_fixtures_are_attributed_credible_articles() -> None:
    assert len(FIXTURES) == 3
    for path in FIXTURES:
        found = fixture(path)
        assert found["fakes_label"] == 1
        assert "CC BY 4.0" in found["attribution"]["license"]
        assert found["id"] in path.name


@pytest.mark.parametrize(("path", "index"), expected_cases())
def test_each_annotated_event_is_found_with_its_fields(path: Path, index: int) -> None:
    expected = fixture(path)["expected_events"][index]
    record, wrong = closest(expected, records(path))
    assert not wrong, f"{expected['what']}: wrong {wrong} in {record}"


@pytest.mark.parametrize(("path", "index"), junk_cases())
def test_no_junk_event(path: Path, index: int) -> None:
    junk = fixture(path)["not_events"][index]
    found = [record for record in records(path) if is_junk(junk, record)]
    assert not found, f"{junk['why']}: {found}"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.stem)
def test_no_fatalities_beyond_the_articles_tolls(path: Path) -> None:
    annotated = max((e.get("fatalities") or 0 for e in fixture(path)["expected_events"]), default=0)
    assert all((record["fatalities"] or 0) <= annotated for record in records(path))
