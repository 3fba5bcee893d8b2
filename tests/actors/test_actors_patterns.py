import pytest
from actors_support import Recognise, named


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Pro-Assad fighters attacked.", "Syria", ("Pro-Assad fighters", "Militia (Pro-Assad)", 3)),
        (
            "Militants loyal to ousted president Bashar al-Assad attacked.",
            "Syria",
            ("Militants loyal to ousted president Bashar al-Assad", "Militia (Pro-Assad)", 3),
        ),
        (
            "Pro-government militias attacked.",
            "Sudan",
            ("Pro-government militias", "Militia (Pro-Government)", 3),
        ),
        ("Pro-Russian fighters attacked.", "Moldova", ("Pro-Russian fighters", "Militia (Pro-Russia)", 3)),
        ("Iran-backed militias fired drones.", "Iraq", ("Iran-backed militias", "Militia (Pro-Iran)", 3)),
        (
            "Bani Rashid tribesmen clashed.",
            "Yemen",
            ("Bani Rashid tribesmen", "Bani Rashid Tribal Militia (Yemen)", 4),
        ),
        ("Zaiter clansmen clashed.", "Lebanon", ("Zaiter clansmen", "Zaiter Clan Militia (Lebanon)", 4)),
        (
            "Fulani herdsmen attacked.",
            "Nigeria",
            ("Fulani herdsmen", "Fulani Ethnic Militia (Nigeria)", 4),
        ),
        ("Alawite militias formed.", "Syria", ("Alawite militias", "Alawite Ethnic Militia (Syria)", 4)),
        (
            "Baloch separatists attacked.",
            "Pakistan",
            ("Baloch separatists", "Baloch Separatists (Pakistan)", 2),
        ),
        ("Retired teachers protested in Tehran.", "Iran", ("Retired teachers", "Protesters (Iran)", 6)),
        ("Hundreds of people marched on Sunday.", "Chile", ("people", "Protesters (Chile)", 6)),
        ("Residents blocked the highway.", "Brazil", ("Residents", "Protesters (Brazil)", 6)),
    ],
)
def test_slot_patterns(recognise: Recognise, text: str, country: str, expected: tuple[str, str, int]) -> None:
    assert named(recognise(text, country=country)) == [expected]


def test_a_country_word_before_tribesmen_is_a_country_not_a_tribe(recognise: Recognise) -> None:
    assert named(recognise("Syrian tribesmen clashed.", country="Syria")) == [
        ("Syrian tribesmen", "Unidentified Tribal Militia (Syria)", 4)
    ]


def test_militia_names_drop_the_country_when_unknown(recognise: Recognise) -> None:
    assert named(recognise("Fulani herdsmen attacked farmers.")) == [
        ("Fulani herdsmen", "Fulani Ethnic Militia", 4),
        ("farmers", "Civilians", 7),
    ]
