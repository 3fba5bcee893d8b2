"""The founding article (GitHub issue 2) through the whole pipeline: what a monitor must get from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.geo.distance import km
from sitrep.model import Event
from sitrep.taxonomy import STATE_FORCES

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"
PUBLISHED = date(2025, 3, 7)
JABLEH = (35.36, 35.92)
ARMED_NON_STATE = (2, 3, 4)

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the founding article lives in ../shared/seed")


@pytest.fixture(scope="module")
def extracted() -> tuple[str, list[Event]]:
    from sitrep.ingest import article_from_string
    from sitrep.pipeline import Resources, process

    article = article_from_string(SEED.read_text(encoding="utf-8"), published=PUBLISHED, origin=str(SEED))
    cleaned, events = process(article, Resources.load())
    return cleaned.text, events


@pytest.fixture(scope="module")
def events(extracted: tuple[str, list[Event]]) -> list[Event]:
    return extracted[1]


def _of_type(events: list[Event], sub_event_type: str) -> list[Event]:
    return [e for e in events if e.sub_event_type == sub_event_type]


def test_the_battle_at_jableh(events: list[Event]) -> None:
    battles = [
        e
        for e in _of_type(events, "Armed clash")
        if e.place and e.place.latitude is not None and km(e.place.latitude, e.place.longitude, *JABLEH) <= 15
    ]
    assert battles, "no armed clash within 15 km of Jableh"
    battle = battles[0]
    assert (battle.place.admin1, battle.place.country) == ("Latakia", "Syria")
    inters = {battle.actor1.inter if battle.actor1 else None, battle.actor2.inter if battle.actor2 else None}
    assert STATE_FORCES in inters and inters & set(ARMED_NON_STATE)
    assert battle.fatalities.best is not None and 48 <= battle.fatalities.best <= 71
    assert "Syrian Observatory for Human Rights" in battle.sources
    assert battle is max(events, key=lambda e: e.confidence)


def test_the_arrest_of_the_former_intelligence_head(extracted: tuple[str, list[Event]]) -> None:
    text, events = extracted
    arrests = _of_type(events, "Arrests")
    assert any("air force intelligence" in e.evidence["notes"][0].of(text) for e in arrests)


def test_the_helicopter_strikes_are_alleged(events: list[Event]) -> None:
    strikes = _of_type(events, "Air/drone strike")
    assert strikes and all(e.alleged for e in strikes)


def test_curfews_in_latakia_tartus_and_homs_attributed_to_sana(events: list[Event]) -> None:
    curfews = [e for e in events if e.event_type == "Strategic developments" and "curfew" in e.notes]
    assert {e.place.admin1 for e in curfews if e.place} >= {"Latakia", "Tartus", "Homs"}
    assert all("SANA" in e.sources for e in curfews)


def test_the_overthrow_is_historical(events: list[Event]) -> None:
    for event in events:
        if "overthrow" in event.notes:
            assert (event.event_date, event.historical) == (date(2024, 12, 8), True)
        else:
            assert not event.historical


def test_no_event_where_people_merely_came_from(events: list[Event]) -> None:
    assert all("Idlib" not in (e.place.name, e.place.admin1) for e in events if e.place)


def test_nothing_from_the_teaser_or_the_related_links(events: list[Event]) -> None:
    assert not [e for e in events if "Telegraph" in e.notes or "Bezos" in e.notes]


def test_every_filled_field_has_evidence(events: list[Event]) -> None:
    for event in events:
        record = event.to_record()
        backed = {
            "event_type": True,
            "sub_event_type": True,
            "location": record["location"] is not None,
            "actor1": record["actor1"] is not None,
            "actor2": record["actor2"] is not None,
            "fatalities": record["fatalities"] is not None,
            "alleged": record["alleged"],
            "historical": record["historical"],
        }
        missing = [name for name, filled in backed.items() if filled and not event.evidence.get(name)]
        assert not missing, f"{event.sub_event_type}: no evidence for {missing}"
