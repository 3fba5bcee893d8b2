from collections.abc import Callable
from datetime import date

import pytest

from sitrep.model import DateValue, Document

PUBLISHED = date(2025, 3, 7)  # a Friday


def dates(
    analyse: Callable[..., Document], text: str, published: date | None = PUBLISHED
) -> dict[str, DateValue]:
    return {m.text: m.value for m in analyse(text, published).mentions if m.label == "DATE"}


def day(value: date) -> DateValue:
    return DateValue(day=value, precision=1)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("On 6 February 2022, they met.", "6 February 2022", day(date(2022, 2, 6))),
        ("Talks on 6 Feb. failed.", "6 Feb.", day(date(2025, 2, 6))),
        ("Talks on February 6 failed.", "February 6", day(date(2025, 2, 6))),
        ("He fell on December 8.", "December 8", day(date(2024, 12, 8))),
        ("On Thursday, February 6, 2020, it began.", "Thursday, February 6, 2020", day(date(2020, 2, 6))),
        ("It began on the 8th of December.", "the 8th of December", day(date(2024, 12, 8))),
        ("Figures for 2022-02-06 came.", "2022-02-06", day(date(2022, 2, 6))),
        ("Clashes on Thursday killed two.", "Thursday", day(date(2025, 3, 6))),
        ("Clashes on Friday killed two.", "Friday", day(date(2025, 3, 7))),
        ("Clashes last Friday killed two.", "last Friday", day(date(2025, 2, 28))),
        ("Talks resume next Monday.", "next Monday", day(date(2025, 3, 10))),
        ("It happened yesterday.", "yesterday", day(date(2025, 3, 6))),
        ("It happened today.", "today", day(date(2025, 3, 7))),
        ("Shelling hit the town last night.", "last night", day(date(2025, 3, 6))),
        ("Shelling hit the town overnight, killing two.", "overnight", day(date(2025, 3, 6))),
        ("It happened the day before yesterday.", "the day before yesterday", day(date(2025, 3, 5))),
        ("It happened two days ago.", "two days ago", day(date(2025, 3, 5))),
        ("It happened a week ago.", "a week ago", DateValue(date(2025, 2, 28), 2)),
        (
            "It happened earlier this week.",
            "earlier this week",
            DateValue(date(2025, 3, 4), 2, date(2025, 3, 3), date(2025, 3, 6)),
        ),
        (
            "It happened last week.",
            "last week",
            DateValue(date(2025, 2, 27), 2, date(2025, 2, 24), date(2025, 3, 2)),
        ),
        (
            "It happened last weekend.",
            "last weekend",
            DateValue(date(2025, 3, 1), 2, date(2025, 3, 1), date(2025, 3, 2)),
        ),
        (
            "It happened in recent days.",
            "in recent days",
            DateValue(date(2025, 3, 4), 2, date(2025, 3, 1), PUBLISHED),
        ),
        (
            "It happened this month.",
            "this month",
            DateValue(date(2025, 3, 4), 3, date(2025, 3, 1), PUBLISHED),
        ),
        (
            "It happened last month.",
            "last month",
            DateValue(date(2025, 2, 15), 3, date(2025, 2, 1), date(2025, 2, 28)),
        ),
        (
            "He was removed in December.",
            "December",
            DateValue(date(2024, 12, 15), 3, date(2024, 12, 1), date(2024, 12, 31)),
        ),
        (
            "It began in March 2022.",
            "March 2022",
            DateValue(date(2022, 3, 15), 3, date(2022, 3, 1), date(2022, 3, 31)),
        ),
        (
            "It began in early March.",
            "early March",
            DateValue(date(2025, 3, 4), 3, date(2025, 3, 1), PUBLISHED),
        ),
        (
            "It began in mid-February.",
            "mid-February",
            DateValue(date(2025, 2, 15), 3, date(2025, 2, 11), date(2025, 2, 20)),
        ),
        (
            "It began at the end of January.",
            "the end of January",
            DateValue(date(2025, 1, 26), 3, date(2025, 1, 21), date(2025, 1, 31)),
        ),
        (
            "Talks ran between 3 and 5 March.",
            "between 3 and 5 March",
            DateValue(date(2025, 3, 4), 2, date(2025, 3, 3), date(2025, 3, 5)),
        ),
        (
            "Talks ran from 3 to 5 March.",
            "from 3 to 5 March",
            DateValue(date(2025, 3, 4), 2, date(2025, 3, 3), date(2025, 3, 5)),
        ),
        (
            "Talks ran March 3-5.",
            "March 3-5",
            DateValue(date(2025, 3, 4), 2, date(2025, 3, 3), date(2025, 3, 5)),
        ),
        (
            "Talks ran between 28 February and 3 March 2025.",
            "between 28 February and 3 March 2025",
            DateValue(date(2025, 3, 1), 2, date(2025, 2, 28), date(2025, 3, 3)),
        ),
        (
            "Fighting continued since Saturday.",
            "Saturday",
            DateValue(date(2025, 3, 1), 1, date(2025, 3, 1), PUBLISHED),
        ),
    ],
)
def test_dates_resolve_against_publication(
    analyse: Callable[..., Document], text: str, phrase: str, value: DateValue
) -> None:
    assert dates(analyse, text) == {phrase: value}


def test_a_range_reported_while_running_keeps_its_year(analyse: Callable[..., Document]) -> None:
    found = dates(analyse, "Clashes (between 20 - 24 March) went on.", published=date(2022, 3, 22))
    assert found["between 20 - 24 March"].start == date(2022, 3, 20)


@pytest.mark.parametrize(
    "text",
    [
        "Security forces enforced overnight curfews.",
        "An overnight raid was planned.",
        "May God protect them.",
        "They march to the square.",
        "It was 31 February.",
        "It was 29 February 2023.",
        "Two separate days: on 3 March and 5 March.",
    ],
)
def test_non_dates_and_impossible_dates(analyse: Callable[..., Document], text: str) -> None:
    found = dates(analyse, text)
    assert all(v.start is None for v in found.values())
    assert not (set(found) - {"3 March", "5 March"})


def test_without_publication_relative_dates_stay_unresolved(analyse: Callable[..., Document]) -> None:
    text = "Yesterday, on Thursday and on December 8 it rained; in December too; but 6 February 2022 was dry."
    found = dates(analyse, text, published=None)
    unresolved = DateValue(day=None, precision=None)
    assert found == {
        "Yesterday": unresolved,
        "Thursday": unresolved,
        "December 8": unresolved,
        "December": unresolved,
        "6 February 2022": day(date(2022, 2, 6)),
    }
