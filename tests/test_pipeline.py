from __future__ import annotations

from typing import Any

import pytest

from sitrep.ingest import article_from_string
from sitrep.pipeline import Resources, extract, process


class _Unused:
    """A resource that fails the test when any stage reaches for it."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"a stage ran ({name}) on an article the relevance gate should have stopped")


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


def test_an_article_without_any_event_trigger_leaves_before_any_other_stage() -> None:
    page = article_from_string(
        "The city council approved the new library budget on Tuesday. Readers will find longer opening "
        "hours and a larger children's section from next spring.",
        published="2025-03-10",
    )
    unused = Resources(nlp=_Unused(), gazetteer=_Unused(), actors=_Unused())  # type: ignore[arg-type]
    cleaned, events = process(page, unused)
    assert cleaned.text and events == []


def test_the_gate_lets_through_an_article_that_reports_an_event(resources: Resources) -> None:
    report = article_from_string(
        "Government forces clashed with armed men in Aleppo on Monday, killing at least three people, "
        "the Syrian Observatory for Human Rights said.",
        published="2025-03-10",
    )
    cleaned, _ = process(report, resources)
    events = extract(cleaned, resources)
    assert events, "a report of a deadly clash passes the gate and yields its event"
    assert events[0].fatalities.best == 3
