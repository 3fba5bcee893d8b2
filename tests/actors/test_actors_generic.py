from datetime import date

import pytest
from actors_support import Recognise, named


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Soldiers raided the village.", "Nigeria", ("Soldiers", "Military Forces of Nigeria (2023-)", 1)),
        ("Police fired tear gas.", "Kenya", ("Police", "Police Forces of Kenya (2022-)", 1)),
        (
            "Unknown gunmen abducted a teacher.",
            "Mexico",
            ("Unknown gunmen", "Unidentified Armed Group (Mexico)", 3),
        ),
        ("Gang members killed a driver.", "Honduras", ("Gang members", "Unidentified Gang (Honduras)", 3)),
        ("Rebels shelled the town.", "Syria", ("Rebels", "Opposition Rebels (Syria)", 2)),
        ("Protesters marched to parliament.", "Peru", ("Protesters", "Protesters (Peru)", 6)),
        ("Rioters torched cars.", "France", ("Rioters", "Rioters (France)", 5)),
        ("Villagers fled the fighting.", "Mali", ("Villagers", "Civilians (Mali)", 7)),
        ("Tribesmen clashed over land.", "Iraq", ("Tribesmen", "Unidentified Tribal Militia (Iraq)", 4)),
        (
            "Security guards shot a thief.",
            "South Africa",
            ("Security guards", "Private Security Forces (South Africa)", 8),
        ),
        (
            "Warplanes struck the market.",
            "Syria",
            ("Warplanes", "Military Forces of Syria (2024-) Air Force", 1),
        ),
        (
            "The authorities imposed a curfew.",
            "Bangladesh",
            ("authorities", "Government of Bangladesh (2024-)", 1),
        ),
    ],
)
def test_generic_phrases_take_the_article_country_and_period(
    recognise: Recognise, text: str, country: str, expected: tuple[str, str, int]
) -> None:
    assert named(recognise(text, country=country)) == [expected]


def test_a_country_word_names_the_actor_country_and_foreign_state_forces_are_external(
    recognise: Recognise,
) -> None:
    found = named(
        recognise("Turkish troops shelled Kurdish positions; Palestinian civilians fled.", country="Syria")
    )
    assert found == [
        ("Turkish troops", "Military Forces of Turkey (2016-)", 8),
        ("Palestinian civilians", "Civilians (Palestine)", 7),
    ]


def test_possessive_country_and_the_of_form(recognise: Recognise) -> None:
    found = named(recognise("Israel's army and the DRC's new army moved.", country="Lebanon"))
    assert found == [
        ("Israel's army", "Military Forces of Israel (2022-)", 8),
        ("DRC's new army", "Military Forces of the Democratic Republic of Congo (2019-)", 8),
    ]


def test_bare_forces_need_a_country_word(recognise: Recognise) -> None:
    assert named(recognise("Their forces retreated; Russian forces advanced.", country="Ukraine")) == [
        ("Russian forces", "Military Forces of Russia (2000-)", 8)
    ]


def test_period_follows_the_sentence_date_else_publication(recognise: Recognise) -> None:
    text = "On 3 May 2022, government forces shelled Idlib. Today government forces patrol it."
    found = named(recognise(text, published=date(2025, 3, 7), country="Syria"))
    assert [name for _, name, _ in found] == [
        "Military Forces of Syria (2000-2024)",
        "Military Forces of Syria (2024-)",
    ]


def test_without_a_country_names_drop_the_qualifier(recognise: Recognise) -> None:
    found = named(recognise("Gunmen attacked; soldiers and police replied; civilians fled."))
    assert found == [
        ("Gunmen", "Unidentified Armed Group", 3),
        ("soldiers", "Unidentified Military Forces", 1),
        ("police", "Unidentified Police Forces", 1),
        ("civilians", "Civilians", 7),
    ]


def test_without_a_date_names_carry_no_period(recognise: Recognise) -> None:
    assert named(recognise("Soldiers raided the village.", published=None, country="Nigeria")) == [
        ("Soldiers", "Military Forces of Nigeria", 1)
    ]


def test_a_country_without_known_periods_gets_no_period(recognise: Recognise) -> None:
    assert named(recognise("Soldiers raided the village.", country="Jordan")) == [
        ("Soldiers", "Military Forces of Jordan", 1)
    ]


def test_adjectival_civilian_is_still_civilians_but_officials_and_government_are_not_actors(
    recognise: Recognise,
) -> None:
    found = named(
        recognise(
            "Strikes hit civilian residences, a security official said; the government's plan failed.",
            country="Syria",
        )
    )
    assert found == [("civilian", "Civilians (Syria)", 7)]
