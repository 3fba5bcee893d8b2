"""Accidents, disasters, weapons tests and diplomatic measures use conflict words but are no ACLED event."""

from __future__ import annotations

import pytest
from events_support import events, main_event


@pytest.mark.parametrize(
    "text",
    [
        "A gas cylinder exploded in a restaurant kitchen, injuring four workers.",
        "Two workers died when a boiler explosion tore through the factory.",
        "Heavy floods killed 12 people in the southern provinces.",
        "At least 30 people were killed in the earthquake on Sunday.",
        "The country carried out a ballistic missile test on Monday.",
        "The government announced sanctions targeting three ministers.",
        "The government expelled four ambassadors from the capital on Friday.",
    ],
)
def test_no_event_from_accidents_disasters_tests_or_diplomacy(text: str) -> None:
    assert events(text) == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "A roadside bomb exploded near a police patrol, killing two officers.",
            "Remote explosive/landmine/IED",
        ),
        ("Gunmen opened fire on the crowd and killed three people.", "Attack"),
        ("Missile strikes hit a fuel depot in the city.", "Shelling/artillery/missile attack"),
    ],
)
def test_attacks_near_the_same_words_are_still_events(text: str, sub_event_type: str) -> None:
    assert main_event(text).sub_event_type == sub_event_type
