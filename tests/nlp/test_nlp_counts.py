from collections.abc import Callable

import pytest

from sitrep.model import Count, Document


def counts(analyse: Callable[..., Document], text: str) -> dict[str, Count]:
    return {m.text: m.value for m in analyse(text).mentions if m.label == "COUNT"}


@pytest.mark.parametrize(
    ("text", "phrase", "count"),
    [
        ("It left over 70 people dead.", "over 70", Count(71, 71, None, "over")),
        ("More than 28 loyalists died.", "More than 28", Count(29, 29, None, "over")),
        ("They killed at least 16 soldiers.", "at least 16", Count(16, 16, None, "at_least")),
        ("No fewer than 9 died.", "No fewer than 9", Count(9, 9, None, "at_least")),
        ("A 70-plus crowd gathered.", "70-plus", Count(70, 70, None, "at_least")),
        ("Up to 10 people were hurt.", "Up to 10", Count(10, 1, 10, "up_to")),
        ("Fewer than 10 people came.", "Fewer than 10", Count(9, 1, 9, "up_to")),
        ("Nearly 20 were killed.", "Nearly 20", Count(19, 19, 19, "about")),
        ("Some 20 were killed.", "Some 20", Count(20, 20, None, "about")),
        ("About 1,200 fled.", "About 1,200", Count(1200, 1200, None, "about")),
        ("four civilians were killed.", "four", Count(4, 4, 4, "exact")),
        ("twenty-one soldiers died.", "twenty-one", Count(21, 21, 21, "exact")),
        ("Between 10 and 15 people died.", "Between 10 and 15", Count(10, 10, 15, "about")),
        ("10-15 people died.", "10-15", Count(10, 10, 15, "about")),
        ("two or three people died.", "two or three", Count(2, 2, 3, "about")),
        ("A dozen fighters died.", "A dozen", Count(12, 12, None, "about")),
        ("At least a dozen fighters died.", "At least a dozen", Count(12, 12, None, "at_least")),
        ("Dozens of people died.", "Dozens", Count(12, 12, None, "vague")),
        ("Scores of militants died.", "Scores", Count(20, 20, None, "vague")),
        ("Hundreds fled.", "Hundreds", Count(100, 100, None, "vague")),
        ("Tens of thousands fled.", "Tens of thousands", Count(10_000, 10_000, None, "vague")),
        ("Several hundred troops moved.", "Several hundred", Count(300, 300, None, "vague")),
        ("Several people died.", "Several", Count(3, 3, None, "vague")),
        ("A few were hurt.", "A few", Count(3, 3, None, "vague")),
        ("2.5 million refugees fled.", "2.5 million", Count(2_500_000, 2_500_000, 2_500_000, "exact")),
        ("In 2015 2000 soldiers deployed.", "2000", Count(2000, 2000, 2000, "exact")),
    ],
)
def test_counts_carry_their_hedge(
    analyse: Callable[..., Document], text: str, phrase: str, count: Count
) -> None:
    assert counts(analyse, text) == {phrase: count}


@pytest.mark.parametrize(
    "text",
    [
        "Many people were killed.",
        "In 2011 the war began.",
        "A 15-year-old boy, aged 15, was hurt.",
        "Ahmad Khalil, 45, a farmer, was hurt.",
        "It happened at 10:30 and at 5 pm.",
        "Prices rose 10 percent and 20% this year.",
        "They paid $500 for it.",
        "It cost 500 dollars.",
        "The convoy drove 5 km in 48 hours.",
        "A four-day truce began.",
        "Resolution 2254 was cited.",
        "F-16 jets flew over.",
        "The 4th Division moved.",
        "No one died.",
        "They fought for one day.",
        "Syria's Brigade 93 moved.",
    ],
)
def test_measures_labels_ages_times_money_and_vague_words_are_not_counts(
    analyse: Callable[..., Document], text: str
) -> None:
    assert counts(analyse, text) == {}


def test_a_phrasal_verb_is_not_a_hedge(analyse: Callable[..., Document]) -> None:
    assert counts(analyse, "They took over 3 towns.") == {"3": Count(3, 3, 3, "exact")}


def test_numbers_in_dates_are_not_counts(analyse: Callable[..., Document]) -> None:
    assert counts(analyse, "On 6 February 2022, 16 people died; on December 8 two more.") == {
        "16": Count(16, 16, 16, "exact"),
        "two": Count(2, 2, 2, "exact"),
    }


def test_one_counts_unless_idiomatic(analyse: Callable[..., Document]) -> None:
    assert counts(analyse, "One of the soldiers died.") == {"One": Count(1, 1, 1, "exact")}


@pytest.mark.parametrize(
    "text",
    ["99999999999999999999999999999999 people were killed.", "Between 10 and 99999999999999 people died."],
)
def test_a_number_of_people_larger_than_the_world_population_is_no_count(
    analyse: Callable[..., Document], text: str
) -> None:
    assert counts(analyse, text) == {}


def test_the_world_population_itself_is_still_a_count(analyse: Callable[..., Document]) -> None:
    assert counts(analyse, "8,000,000,000 people live on Earth.") == {
        "8,000,000,000": Count(8_000_000_000, 8_000_000_000, 8_000_000_000, "exact")
    }
