"""Alleged and historical flags, and how sentences about one event become one event."""

from __future__ import annotations

from datetime import date

from events_support import actor, cited, count, day, events, main_event, place

from sitrep.taxonomy import CIVILIANS, STATE_FORCES

PUBLISHED = date(2025, 3, 7)


def test_an_alleged_strike_is_flagged_with_the_word_that_makes_it_a_claim() -> None:
    text = "Leaders condemned helicopter strikes that allegedly targeted civilian residences."
    event = main_event(text)
    assert event.sub_event_type == "Air/drone strike"
    assert event.alleged
    assert cited(event, "alleged", text) == ["allegedly"]


def test_claiming_responsibility_or_lives_is_not_an_allegation() -> None:
    assert not main_event("Gunmen attacked a checkpoint. The group claimed responsibility.").alleged
    assert not main_event("Fighters claimed the lives of 16 soldiers.", count("16", 16)).alleged


def test_background_event_is_historical_and_keeps_its_own_date() -> None:
    text = "A swift offensive by Islamist rebels resulted in the overthrow of Assad on December 8."
    event = main_event(text, day("December 8", date(2024, 12, 8)), published=PUBLISHED)
    assert (event.event_date, event.historical) == (date(2024, 12, 8), True)
    assert cited(event, "historical", text) == ["December 8"]


def test_a_recent_event_is_not_historical() -> None:
    text = "On March 6, militants shelled the town."
    assert not main_event(text, day("March 6", date(2025, 3, 6)), published=PUBLISHED).historical


def test_sentences_about_one_event_make_one_event() -> None:
    text = (
        "An escalation left over 70 people dead in recent clashes between security forces and militants. "
        "The Observatory said the battles in the town of Jableh were the worst so far. "
        "Four civilians were also killed in the confrontations."
    )
    found = events(text, count("over 70", 71, qualifier="over"), count("Four", 4), place("Jableh"))
    assert len(found) == 1
    (event,) = found
    assert event.place is not None and event.place.name == "Jableh"
    assert event.fatalities.best == 71  # the four civilians are part of the toll, not another toll
    assert event.fatalities.by_category == {"civilians": 4}


def test_a_retelling_further_on_joins_the_event() -> None:
    text = "Clashes erupted in Jableh on Thursday.\n\nThe official described the attacks as well-coordinated."
    found = events(text, place("Jableh"))
    assert [e.sub_event_type for e in found] == ["Armed clash"]


def test_another_place_makes_another_event() -> None:
    text = "Clashes erupted in Jableh.\n\nVideo footage showed troops in combat with militants in Homs."
    found = events(text, place("Jableh", admin1="Latakia"), place("Homs", admin1="Homs"))
    assert sorted(e.place.name for e in found if e.place) == ["Homs", "Jableh"]


def test_a_sentence_opening_elsewhere_is_another_event() -> None:
    text = "Gatherings in support of the army were held in Homs. Elsewhere, residents protested in Hama."
    found = events(text, place("Homs"), place("Hama"))
    assert len(found) == 2


def test_arrests_at_a_protest_make_it_a_protest_with_intervention() -> None:
    text = "Students protested outside the ministry in Homs. Police arrested 12 protesters."
    found = events(
        text, place("Homs"), count("12", 12), actor("Police", "Police Forces of Syria", STATE_FORCES)
    )
    assert [e.sub_event_type for e in found] == ["Protest with intervention"]


def test_an_unrelated_incident_next_to_a_protest_stays_apart() -> None:
    text = (
        "Elsewhere in the country, gatherings in support of the security forces were reported. "
        "Tensions escalated when residents prevented security forces from arresting a man."
    )
    found = events(text, actor("residents", "Civilians (Syria)", CIVILIANS, occurrence=1))
    assert sorted(e.sub_event_type for e in found) == ["Mob violence", "Peaceful protest"]


def test_the_lead_event_is_the_most_confident() -> None:
    text = (
        "Clashes in Jableh left 70 people dead.\n\n"
        "Security forces also arrested a man in Homs.\n\n"
        "Authorities imposed a curfew in Tartus."
    )
    found = events(text, place("Jableh"), place("Homs"), place("Tartus"), count("70", 70))
    lead = max(found, key=lambda e: e.confidence)
    assert lead.sub_event_type == "Armed clash"
    assert all(0.0 <= e.confidence <= 1.0 for e in found)
