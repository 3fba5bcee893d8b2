from datetime import date

import pytest
from actors_support import Recognise, named


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("HTS fighters stormed the hill.", "Syria", ("HTS fighters", "HTS: Hayat Tahrir al Sham", 2)),
        ("The SDF arrested two men.", "Syria", ("SDF", "QSD: Syrian Democratic Forces", 2)),
        ("Islamic State militants attacked.", "Iraq", ("Islamic State militants", "Islamic State (Iraq)", 2)),
        (
            "ISWAP fighters attacked.",
            "Nigeria",
            ("ISWAP fighters", "Islamic State (West Africa) - Lake Chad Faction", 2),
        ),
        ("Islamic State fighters attacked.", "Niger", ("Islamic State fighters", "Islamic State (Sahel)", 2)),
        (
            "Houthi forces fired a missile.",
            "Yemen",
            ("Houthi forces", "Military Forces of Yemen (2016-) Supreme Political Council", 1),
        ),
        (
            "The Houthis fired a missile.",
            "Saudi Arabia",
            ("Houthis", "Military Forces of Yemen (2016-) Supreme Political Council", 8),
        ),
        ("Al-Shabaab attacked a base.", "Somalia", ("Al-Shabaab", "Al Shabaab", 2)),
        ("Al-Shabaab attacked a base.", "Mozambique", ("Al-Shabaab", "Islamist Militia (Mozambique)", 3)),
        ("Wagner mercenaries killed herders.", "Mali", ("Wagner mercenaries", "Wagner Group", 8)),
        ("The IDF struck Gaza.", "Palestine", ("IDF", "Military Forces of Israel (2022-)", 8)),
        ("Hezbollah fired rockets.", "Lebanon", ("Hezbollah", "Hezbollah", 3)),
        ("The PKK ambushed soldiers.", "Turkey", ("PKK", "PKK: Kurdistan Workers Party", 2)),
        (
            "Boko Haram raided Gwoza.",
            "Nigeria",
            ("Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
        ),
        (
            "JNIM fighters besieged Djibo.",
            "Burkina Faso",
            ("JNIM fighters", "JNIM: Group for Support of Islam and Muslims", 2),
        ),
        (
            "The Saudi-led coalition bombed Sanaa.",
            "Yemen",
            ("Saudi-led coalition", "Operation Restoring Hope", 8),
        ),
        ("Settlers attacked farmers.", "Palestine", ("Settlers", "Settlers (Israel)", 3)),
    ],
)
def test_named_actors(recognise: Recognise, text: str, country: str, expected: tuple[str, str, int]) -> None:
    assert named(recognise(text, country=country))[0] == expected


def test_taliban_are_rebels_before_august_2021_and_state_forces_after(recognise: Recognise) -> None:
    before = named(
        recognise("The Taliban attacked a checkpoint.", published=date(2020, 5, 1), country="Afghanistan")
    )
    after = named(
        recognise("The Taliban attacked a checkpoint.", published=date(2022, 5, 1), country="Afghanistan")
    )
    assert before == [("Taliban", "Taliban", 2)]
    assert after == [("Taliban", "Military Forces of Afghanistan (2021-)", 1)]
    pakistan = named(
        recognise("The Taliban attacked a checkpoint.", published=date(2022, 5, 1), country="Pakistan")
    )
    assert pakistan == [("Taliban", "TTP: Tehreek-i-Taliban Pakistan", 2)]


def test_rapid_support_forces_left_sudans_state_forces_in_april_2023(recognise: Recognise) -> None:
    before = named(recognise("The RSF deployed in Khartoum.", published=date(2022, 5, 1), country="Sudan"))
    after = named(recognise("The RSF shelled Khartoum.", published=date(2023, 6, 1), country="Sudan"))
    assert before == [("RSF", "Military Forces of Sudan (2019-) Rapid Support Forces", 1)]
    assert after == [("RSF", "RSF: Rapid Support Forces", 2)]


def test_assad_era_bodies_keep_their_period_after_the_fall(recognise: Recognise) -> None:
    found = named(recognise("A former head of air force intelligence was arrested.", country="Syria"))
    assert found == [
        (
            "air force intelligence",
            "Military Forces of Syria (2000-2024) Air Force Intelligence Directorate",
            1,
        )
    ]


def test_ambiguous_acronyms_need_their_country_or_an_armed_noun(recognise: Recognise) -> None:
    assert named(recognise("The PDF file and KIA figures were sent.", country="France")) == []
    assert named(recognise("ADF rebels killed a man.")) == [
        ("ADF rebels", "ADF: Allied Democratic Forces", 2),
        ("man", "Civilians", 7),
    ]


def test_capitalised_aliases_match_only_as_written(recognise: Recognise) -> None:
    assert named(recognise("It is said that Let it be.", country="Iraq")) == []
