"""An event's date, place, actors and sources, each backed by the span it came from."""

from __future__ import annotations

from datetime import date

from events_support import actor, cited, claimant, country, day, events, main_event, place

from sitrep.taxonomy import CIVILIANS, POLITICAL_MILITIAS, STATE_FORCES

PUBLISHED = date(2025, 3, 7)
FORCES = actor("security forces", "Military Forces of Syria (2024-)", STATE_FORCES)


def test_date_of_the_trigger_sentence() -> None:
    text = "On 5 March 2025, militants shelled the town."
    event = main_event(text, day("5 March 2025", date(2025, 3, 5)), published=PUBLISHED)
    assert (event.event_date, event.time_precision) == (date(2025, 3, 5), 1)
    assert cited(event, "event_date", text) == ["5 March 2025"]


def test_a_bounding_date_does_not_date_the_event() -> None:
    text = "Clashes erupted in the town, the worst since the removal of the president in December."
    event = main_event(text, day("December", date(2024, 12, 15), precision=3), published=PUBLISHED)
    assert (event.event_date, event.time_precision) == (PUBLISHED, 2)
    assert "event_date" not in event.evidence


def test_an_undated_event_in_an_undated_article_has_no_date() -> None:
    event = main_event("Militants shelled the town.")
    assert (event.event_date, event.time_precision) == (None, None)


def test_the_articles_recent_date_dates_an_undated_sentence() -> None:
    text = "On Thursday, protesters marched in the capital.\nSeparately, militants shelled a village."
    found = events(text, day("Thursday", date(2025, 3, 6)), published=PUBLISHED)
    shelling = next(e for e in found if e.sub_event_type.startswith("Shelling"))
    assert (shelling.event_date, shelling.time_precision) == (date(2025, 3, 6), 2)


def test_one_event_per_listed_place() -> None:
    text = "According to SANA, security forces have enforced overnight curfews in Latakia, Tartus, and Homs."
    found = events(
        text,
        FORCES,
        claimant("SANA", "SANA"),
        place("Latakia", lat=35.5, lon=35.8),
        place("Tartus", lat=34.9, lon=35.9),
        place("Homs", lat=34.7, lon=36.7),
    )
    assert sorted(e.place.name for e in found if e.place) == ["Homs", "Latakia", "Tartus"]
    assert {e.event_type for e in found} == {"Strategic developments"}
    assert all(e.sources == ["SANA"] for e in found)
    assert len({e.event_id for e in found}) == 3
    assert all(cited(e, "source", text) == ["SANA"] for e in found)


def test_a_place_people_came_from_is_not_the_events_place() -> None:
    text = "Clashes erupted in Jableh. Most of the casualties were from Idlib."
    event = main_event(text, place("Jableh", admin1="Latakia"), place("Idlib"))
    assert event.place is not None and event.place.name == "Jableh"
    assert cited(event, "location", text) == ["Jableh"]


def test_clash_sides_are_actor1_and_actor2() -> None:
    text = "Clashes between security forces and pro-Assad militants erupted in Jableh."
    event = main_event(
        text, FORCES, actor("pro-Assad militants", "Militia (Pro-Assad)", POLITICAL_MILITIAS), place("Jableh")
    )
    assert event.actor1 is not None and event.actor1.name == "Military Forces of Syria (2024-)"
    assert event.actor2 is not None and event.actor2.name == "Militia (Pro-Assad)"
    assert cited(event, "actor1", text) == ["security forces"]
    assert cited(event, "actor2", text) == ["pro-Assad militants"]


def test_the_agent_of_a_passive_is_actor1_and_civilian_victims_actor2() -> None:
    text = "A farmer was shot dead by security forces in Homs."
    event = main_event(text, FORCES, place("Homs"))
    assert event.sub_event_type == "Attack"
    assert event.actor1 is not None and event.actor1.name == "Military Forces of Syria (2024-)"
    assert event.actor2 is not None and (event.actor2.name, event.actor2.inter) == (
        "Civilians (Syria)",
        CIVILIANS,
    )


def test_the_outlet_comes_after_the_claimants() -> None:
    text = "According to SANA, militants shelled the town."
    event = main_event(text, claimant("SANA", "SANA"), source="The Telegraph")
    assert event.sources == ["SANA", "The Telegraph"]


def test_a_country_only_place_has_no_coordinates() -> None:
    event = main_event("Clashes erupted across Syria.", country("Syria"))
    assert event.place is not None and (event.place.country, event.place.latitude) == ("Syria", None)
