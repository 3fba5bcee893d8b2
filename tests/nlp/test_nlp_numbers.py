import re

import pytest

from sitrep.nlp.numbers import NUMBER, parse_number

NUMBER_RE = re.compile(rf"\b{NUMBER}\b", re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16", 16),
        ("1,200", 1200),
        ("four", 4),
        ("Seventeen", 17),
        ("twenty-one", 21),
        ("forty two", 42),
        ("a hundred", 100),
        ("three hundred and fifty", 350),
        ("two thousand five hundred", 2500),
        ("a thousand", 1000),
        ("2.5 million", 2_500_000),
    ],
)
def test_number_phrases_parse_to_their_value(text: str, value: int) -> None:
    match = NUMBER_RE.search(text)
    assert match is not None and match.group() == text
    assert parse_number(text) == value


def test_fractions_have_no_integer_value() -> None:
    assert parse_number("1.5") is None


def test_separate_numbers_are_not_run_together() -> None:
    assert [m.group() for m in NUMBER_RE.finditer("killing two and injuring three, one two")] == [
        "two",
        "three",
        "one",
        "two",
    ]
