"""News outside ACLED's taxonomy yields no event: disasters, accidents, ordinary crime, diplomacy and claims
of responsibility (sitrep/events/kinds.py, sitrep/data/events/non_conflict.tsv)."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest
from events_support import actor, events, main_event

from sitrep.taxonomy import REBEL_GROUPS


@pytest.mark.parametrize(
    "text",
    [
        "A strong earthquake killed eight people and damaged hundreds of buildings.",
        "Five people were killed after a volcano erupted off the coast.",
        "Firefighters gained ground in their battle to contain the wildfires.",
        "The military mobilized to help residents trapped by heavy snow.",
        "Six workers were killed when a chemical plant exploded on Thursday.",
        "Nineteen people were killed when their bus plunged off a bridge.",
        "A gas cylinder exploded in a restaurant, killing two people.",
        "Police arrested ten men and recovered counterfeit notes at the port.",
        "A man robbed a bank and was detained hours later.",
        "The government imposed new sanctions over the chemical attack.",
        "Moscow expelled three diplomats for taking part in protests.",
        "The administration targeted Moscow with sweeping sanctions.",
        "The group claimed responsibility for a car bomb that killed eight people.",
        "The ministry rejected allegations that its aircraft bombed a hospital.",
        "The militants took credit for the suicide bombing in the capital.",
    ],
)
def test_non_acled_news_yields_no_event(text: str) -> None:
    assert events(text) == []


@pytest.mark.parametrize(
    ("text", "notes", "sub_event_type"),
    [
        # an armed perpetrator or a weapon of war makes it conflict whatever the accident words
        ("Rebels shelled a chemical plant near the town.", (), "Shelling/artillery/missile attack"),
        (
            "Rebels attacked the factory fire crews in the town.",
            (actor("Rebels", "Opposition Rebels (Syria)", REBEL_GROUPS),),
            "Attack",
        ),
        # a protest about a disaster or a measure is a protest
        ("Residents protested against the response to the floods.", (), "Peaceful protest"),
        # crime explains detentions, not killings
        ("Gunmen shot dead a drug trafficker in the market.", (), "Armed clash"),
        # what the claim follows is reported before it
        ("Militants attacked a checkpoint. The group claimed responsibility.", (), "Armed clash"),
    ],
)
def test_conflict_next_to_non_acled_words_stays_an_event(
    text: str, notes: tuple, sub_event_type: str
) -> None:
    assert main_event(text, *notes).sub_event_type == sub_event_type


def test_every_kind_names_its_source() -> None:
    text = files("sitrep").joinpath("data", "events", "non_conflict.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {row["cue"] for row in rows} == {"hazard", "accident", "crime", "diplomacy", "attribution"}
    assert all(row["source"].strip() and row["phrases"].strip() for row in rows)
