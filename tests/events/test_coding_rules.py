"""ACLED coding rules for weapons seizures, armed movements, standing agreements, campaign summaries,
unclaimed bombings, civilian victims and the actors of a battle."""

from __future__ import annotations

from datetime import date

import pytest
from events_support import Note, actor, day, events, main_event, place

from sitrep.model import Place
from sitrep.taxonomy import CIVILIANS, REBEL_GROUPS, STATE_FORCES

SDF = actor("Syrian Democratic Forces", "QSD: Syrian Democratic Forces", REBEL_GROUPS)
IS = actor("Islamic State", "Islamic State (Syria)", REBEL_GROUPS)


@pytest.mark.parametrize(
    "text",
    [
        "Police seized nine pistols, 31 magazines and 1,100 rounds of ammunition.",
        "Around 20 grenades and a thousand rounds of ammunition were found near the school.",
        "The law enforcers seized two landmines, two improvised explosive devices and three grenades.",
        "Special forces destroyed large caches of weapons during an operation.",
        "Air defences shot down two missiles over the capital.",
        "The border service intercepted 12 guns at the crossing.",
    ],
)
def test_arms_seized_found_or_destroyed_are_disrupted_weapons_use(text: str) -> None:
    (event,) = events(text)
    assert event.sub_event_type == "Disrupted weapons use"


def test_a_find_without_arms_is_no_seizure() -> None:
    text = "The bodies of four workers were found on the island bombarded by shelling."
    assert main_event(text).sub_event_type == "Shelling/artillery/missile attack"


def test_arms_used_before_a_seizure_verb_are_an_attack() -> None:
    text = "The missile fired by the army destroyed the warship."
    assert main_event(text).sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "text",
    ["Its fighters marched about 3 kilometers from the town.", "Troops massed on the border on Monday."],
)
def test_armed_men_on_the_move_do_not_protest(text: str) -> None:
    assert not [e for e in events(text) if e.event_type == "Protests"]


def test_police_officers_protesting_is_a_protest() -> None:
    assert (
        main_event("Police officers protested in the capital over pay.").sub_event_type == "Peaceful protest"
    )


def test_a_force_fighting_a_group_is_a_description_not_a_battle() -> None:
    assert events("The Kurdish forces fighting the militants are backed by the coalition.") == []


@pytest.mark.parametrize(
    "text",
    [
        "A truce in force since Monday does not include the eastern areas.",
        "The ceasefire violations continued in the south.",
        "The forces have captured wide areas from the extremists.",
    ],
)
def test_standing_agreements_and_campaign_summaries_are_no_events(text: str) -> None:
    assert events(text) == []


def test_an_aim_is_no_deed() -> None:
    text = "Aircraft ferried forces behind the lines to spearhead a major assault."
    assert not [e for e in events(text) if e.event_type == "Battles"]


def test_an_unclaimed_bombing_is_by_an_unidentified_armed_group() -> None:
    event = main_event("A car bomb exploded in Qamishli.", place("Qamishli"))
    assert event.actor1 is not None and event.actor1.name == "Unidentified Armed Group (Syria)"


def test_civilians_killed_in_strikes_are_the_target() -> None:
    text = "Twenty civilians were killed in air strikes on Mayadin."
    event = main_event(text, actor("civilians", "Civilians (Syria)", CIVILIANS), place("Mayadin"))
    assert event.actor1 is None
    assert event.actor2 is not None and event.actor2.name == "Civilians (Syria)"


def test_the_pair_named_between_a_and_b_are_the_battles_actors() -> None:
    text = (
        "Syrian fighters are pushing ahead in their offensive. "
        "The fighting between Syrian Democratic Forces and Islamic State left 11 dead."
    )
    gunmen = actor("Syrian fighters", "Unidentified Armed Group (Syria)", 3)
    event = main_event(text, gunmen, SDF, IS)
    assert {event.actor1.name, event.actor2.name} == {  # type: ignore[union-attr]
        "QSD: Syrian Democratic Forces",
        "Islamic State (Syria)",
    }


def test_militants_driven_out_without_an_agent_is_the_government_regaining() -> None:
    text = "The militants were pushed back from their strongholds near Aleppo."
    assert main_event(text, place("Aleppo")).sub_event_type == "Government regains territory"


def test_deaths_after_a_bombing_belong_to_the_bombing() -> None:
    text = "Twelve people were killed after four suicide bombers struck the market."
    assert main_event(text).sub_event_type == "Suicide bomb"


def test_a_killing_by_named_forces_is_its_own_event_after_a_battle() -> None:
    text = "The army killed a villager after exchanging fire with the rebels."
    event = main_event(text, actor("army", "Military Forces of Myanmar (2021-)", STATE_FORCES))
    assert event.sub_event_type == "Attack"


def test_chemical_agents_by_name_are_chemical_weapons() -> None:
    assert main_event("Aircraft dropped chlorine on the town.").sub_event_type == "Chemical weapon"


def test_a_loosely_named_part_of_a_country_holds_its_towns() -> None:
    region = Note("eastern Syria", "PLACE", Place(name="eastern Syria", country="Syria", geo_precision=3))
    text = (
        "Civilians were killed in air strikes in eastern Syria. Warplanes carried out the strikes on Mayadin."
    )
    found = events(text, region, place("Mayadin", admin1="Deir ez-Zor"))
    assert len(found) == 1 and found[0].place is not None and found[0].place.name == "Mayadin"


def test_a_continuing_sentence_dates_its_event_apart_from_a_later_one() -> None:
    text = (
        "Fighting raged around the dam. The group said on Monday that its fighters advanced. "
        "Last week its fighters captured the village east of the dam."
    )
    monday, last_week = date(2017, 4, 10), date(2017, 4, 6)
    found = events(text, day("Monday", monday), day("Last week", last_week, precision=2), published=monday)
    assert sorted(e.sub_event_type for e in found) == ["Armed clash", "Non-state actor overtakes territory"]


def test_raids_that_make_arrests_are_arrests() -> None:
    assert main_event("Soldiers detained 12 men in overnight raids.").sub_event_type == "Arrests"


def test_arrests_in_anticipation_of_protests_are_arrests() -> None:
    (event,) = events("Police arrested activists in anticipation of mass protests.")
    assert event.sub_event_type == "Arrests"
