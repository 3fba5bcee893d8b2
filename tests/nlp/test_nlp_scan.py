"""Trying the rule sets only before their trigger words finds what scanning the whole text finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.nlp import counts, dates, scan

WORDS = [
    "on",
    "6",
    "February",
    "2022",
    "between",
    "3",
    "and",
    "5",
    "March",
    "last",
    "week",
    "Thursday",
    "the",
    "day",
    "before",
    "yesterday",
    "over",
    "70",
    "at",
    "least",
    "16",
    "dozens",
    "of",
    "people",
    "two",
    "days",
    "ago",
    "twenty-one",
    "early",
    "mid-March",
    "in",
    "December",
    "8",
    "-",
    "10",
    "15",
    "a",
    "few",
    ",",
    ".",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_trigger_scan_equals_full_scan(words: list[str]) -> None:
    text = " ".join(words)
    for pattern, trigger, before in (
        (dates._DATE_RE, dates._TRIGGER, 24),
        (counts._CANDIDATE, counts._TRIGGER, 16),
    ):
        full = [m.span() for m in pattern.finditer(text)]
        fast = [m.span() for m in scan.matches(pattern, text, scan.spans(trigger, text), before)]
        assert fast == full, text
