from collections.abc import Callable

import pytest

from sitrep.model import Document


def claimants(analyse: Callable[..., Document], text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in analyse(text).mentions if m.label == "CLAIMANT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to SANA, curfews were imposed.", [("SANA", "SANA")]),
        (
            "Curfews were imposed, as per the Observatory.",
            [("Observatory", "Syrian Observatory for Human Rights")],
        ),
        (
            "The Syrian Observatory revealed that 16 died.",
            [("Syrian Observatory", "Syrian Observatory for Human Rights")],
        ),
        (
            "SOHR, a Britain-based war monitor, said 12 died.",
            [("SOHR", "Syrian Observatory for Human Rights")],
        ),
        (
            "The Britain-based war monitor said 12 died.",
            [("Britain-based war monitor", "Syrian Observatory for Human Rights")],
        ),
        (
            "A defence ministry source disclosed the move.",
            [("defence ministry source", "Ministry of Defence")],
        ),
        (
            "The Russian defence ministry claimed 30 kills.",
            [("Russian defence ministry", "Ministry of Defence (Russia)")],
        ),
        ("Syria's state news agency SANA reported strikes.", [("Syria's state news agency SANA", "SANA")]),
        (
            "Citing medical sources, AFP put the toll at 9.",
            [("medical sources", "medical sources"), ("AFP", "AFP")],
        ),
        (
            "According to a statement by the Syrian Network for Human Rights, 5 died.",
            [("Syrian Network for Human Rights", "Syrian Network for Human Rights")],
        ),
        (
            "Rami Abdel Rahman, head of the Observatory, said 12 died.",
            [("Rami Abdel Rahman", "Syrian Observatory for Human Rights")],
        ),
        ('"We will fight," said the Observatory.', [("Observatory", "Syrian Observatory for Human Rights")]),
        ("Local activists said 4 died.", [("Local activists", "local activists")]),
        (
            "Mustafa Kneifati, a security official, described the attacks.",
            [("Mustafa Kneifati", "Mustafa Kneifati")],
        ),
        ("The attacks were reported by Airwars.", [("Airwars", "Airwars")]),
        ("ALEPPO (Reuters) - Shelling hit the city.", [("Reuters", "Reuters")]),
        ("The U.N. said aid was blocked.", [("U.N.", "United Nations")]),
        ("The WHO said 70 died.", [("WHO", "World Health Organization")]),
    ],
)
def test_claimants_are_found_and_normalised(
    analyse: Callable[..., Document], text: str, expected: list[tuple[str, str]]
) -> None:
    assert claimants(analyse, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He said the town fell.",
        "The ministry said the town fell.",
        "Gatherings in support of the army were reported.",
        "Pro-Assad fighters claimed the lives of 16 soldiers.",
        "Numerous reports from residents cited violations.",
        "Officials who said nothing left.",
    ],
)
def test_pronouns_bare_nouns_passives_and_non_reporting_uses_name_no_claimant(
    analyse: Callable[..., Document], text: str
) -> None:
    assert claimants(analyse, text) == []
