"""Triggers typed into ACLED's sub-event types, following the codebook's rules."""

from __future__ import annotations

import pytest
from events_support import Note, actor, events, main_event, place

from sitrep.taxonomy import CIVILIANS, PROTESTERS, REBEL_GROUPS, STATE_FORCES, SUB_EVENT_TYPES

ARMY = actor("army", "Military Forces of Syria (2024-)", STATE_FORCES)


def rebels(surface: str = "rebels") -> Note:
    return actor(surface, "Opposition Rebels (Syria)", REBEL_GROUPS)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Militants clashed with soldiers near Idlib.", "Armed clash"),
        ("Heavy fighting broke out between the army and rebels.", "Armed clash"),
        ("Warplanes carried out airstrikes on the town.", "Air/drone strike"),
        ("Helicopter strikes hit the village.", "Air/drone strike"),
        ("Government forces shelled the town with artillery.", "Shelling/artillery/missile attack"),
        ("A roadside bomb struck a military convoy.", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("Gunmen threw a hand grenade at a police post.", "Grenade"),
        ("Hundreds of teachers protested outside the ministry.", "Peaceful protest"),
        ("A mob lynched a suspected thief.", "Mob violence"),
        ("Police arrested five men in the market.", "Arrests"),
        ("Unknown gunmen kidnapped a businessman.", "Abduction/forced disappearance"),
        ("A soldier raped a woman in the village.", "Sexual violence"),
        ("Fighters looted shops and burned down houses.", "Looting/property destruction"),
        ("The two sides agreed to a ceasefire.", "Agreement"),
        ("Authorities imposed a curfew in the city.", "Change to group/activity"),
        ("Troops defused a bomb planted under a bridge.", "Disrupted weapons use"),
        ("Air defences shot down two missiles over the capital.", "Disrupted weapons use"),
        ("Gunmen shot dead a farmer in his field.", "Attack"),
        ("Militants killed four soldiers at a checkpoint.", "Armed clash"),
    ],
)
def test_trigger_types(text: str, sub_event_type: str) -> None:
    event = main_event(text)
    assert event.sub_event_type == sub_event_type
    assert event.event_type == SUB_EVENT_TYPES[sub_event_type]


def test_trigger_span_is_the_evidence_of_the_type() -> None:
    text = "Overnight airstrikes hit the town."
    event = main_event(text)
    assert [s.of(text) for s in event.evidence["event_type"]] == ["airstrikes"]


def test_territory_taken_by_the_state_or_by_others() -> None:
    taken_back = "Government forces recaptured the town after a week."
    assert main_event(taken_back).sub_event_type == "Government regains territory"
    overrun = "Rebels took control of the town."
    assert main_event(overrun, rebels("Rebels")).sub_event_type == "Non-state actor overtakes territory"
    handed = "Rebels took control of the town peacefully after the army withdrew."
    assert main_event(handed, rebels("Rebels")).sub_event_type == "Non-violent transfer of territory"


def test_protests_typed_by_what_happened_to_them() -> None:
    assert main_event("Students protested in the capital.").sub_event_type == "Peaceful protest"
    dispersed = "Students protested in the capital. Police dispersed them with tear gas."
    assert main_event(dispersed).sub_event_type == "Protest with intervention"
    shot = "Students protested in the capital. Police fired live ammunition, killing two protesters."
    assert main_event(shot).sub_event_type == "Excessive force against protesters"
    stones = "Students protested in the capital and threw stones at the police."
    assert main_event(stones).sub_event_type == "Violent demonstration"


def test_gatherings_in_support_of_security_forces_are_peaceful_protests() -> None:
    event = main_event(
        "Elsewhere in the country, gatherings in support of the security forces were reported."
    )
    assert event.sub_event_type == "Peaceful protest"


def test_what_a_protest_is_about_is_not_an_event() -> None:
    text = "Relatives protested against the killing of a farmer by soldiers and the arrest of his son."
    (event,) = events(text)
    assert event.sub_event_type == "Peaceful protest"
    assert event.fatalities.best is None


def test_residents_preventing_an_arrest_is_mob_violence() -> None:
    text = "Tensions escalated in Beit Ana when residents prevented security forces from arresting a man."
    (event,) = events(
        text,
        place("Beit Ana"),
        actor("residents", "Civilians (Syria)", CIVILIANS),
        actor("security forces", "Military Forces of Syria (2024-)", STATE_FORCES),
    )
    assert event.sub_event_type == "Mob violence"
    assert event.actor1 is not None and event.actor1.name == "Rioters (Syria)"
    assert event.actor2 is not None and event.actor2.name == "Military Forces of Syria (2024-)"


def test_an_airstrike_within_a_battle_is_one_battle() -> None:
    text = "The army clashed with rebels near Hama, backed by airstrikes."
    (event,) = events(text, ARMY, rebels(), place("Hama"))
    assert event.sub_event_type == "Armed clash"


def test_shelling_with_air_strikes_is_an_air_strike() -> None:
    (event,) = events("Government forces shelled the town as warplanes carried out air strikes.")
    assert event.sub_event_type == "Air/drone strike"


def test_abduction_then_killing_is_an_attack() -> None:
    text = "Gunmen abducted a teacher in the village. He was later killed and his body found."
    (event,) = events(text)
    assert event.sub_event_type == "Attack"


def test_a_bomb_targeting_soldiers_is_a_bombing_not_a_clash() -> None:
    text = "An IED targeting a military vehicle killed two soldiers."
    assert main_event(text).sub_event_type == "Remote explosive/landmine/IED"


def test_off_duty_soldiers_killed_are_civilians() -> None:
    event = main_event("Gunmen shot and killed an off-duty police officer in the market.")
    assert event.sub_event_type == "Attack"


def test_report_heading_types_the_report() -> None:
    text = "Looting: On 3 May 2022, militiamen attacked the village and stole cattle."
    assert main_event(text).sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize(
    "text",
    [
        "No clashes were reported in the area.",
        "Alawite leaders issued a call for peaceful demonstrations.",
        "Numerous reports have cited violations, including property seizures, executions, and abductions.",
        "The group threatened to attack the town.",
    ],
)
def test_what_did_not_happen_is_no_event(text: str) -> None:
    assert events(text) == []


def test_what_someone_is_accused_of_is_not_an_event() -> None:
    text = "Security forces apprehended a former intelligence chief, accused of numerous assassinations."
    assert [e.sub_event_type for e in events(text)] == ["Arrests"]


def test_a_place_name_is_not_a_trigger() -> None:
    text = "Residents of Battle Creek gathered outside city hall."
    assert [e.sub_event_type for e in events(text, place("Battle Creek", country="United States"))] == [
        "Peaceful protest"
    ]


def test_protesters_are_actor1_with_the_police_that_intervened_as_actor2() -> None:
    text = "Students protested in Homs. Police dispersed the protesters."
    (event,) = events(text, place("Homs"), actor("Police", "Police Forces of Syria (2024-)", STATE_FORCES))
    assert event.actor1 is not None and (event.actor1.name, event.actor1.inter) == (
        "Protesters (Syria)",
        PROTESTERS,
    )
    assert event.actor2 is not None and event.actor2.name == "Police Forces of Syria (2024-)"
