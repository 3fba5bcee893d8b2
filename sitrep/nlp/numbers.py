"""Cardinal numbers as news writes them: "16", "1,200", "2.5 million", "four", "twenty-one",
"a hundred", "three hundred and fifty".

A compiled regex finds them and a small parser gives their value; text2num's ``alpha2digit`` rewrites
the whole text and loses the offsets spans need, so the grammar is kept here instead.
"""

from __future__ import annotations

import re
from types import MappingProxyType

UNITS = MappingProxyType(
    {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
    }
)
TENS = MappingProxyType(
    {
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    }
)
SCALES = MappingProxyType({"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000})

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_DIGIT_WORD = "|".join(word for word, value in UNITS.items() if value < 10)
_TEN = "|".join(TENS)
_BIG = "|".join(scale for scale in SCALES if scale != "hundred")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d,]*\d)|\d+(?:\.\d+)?"
# Below a hundred: "four", "seventeen", "twenty-one"; then hundreds ("a hundred", "three hundred and
# fifty") and one larger scale ("two thousand five hundred", "2.5 million").
_SMALL = rf"(?:(?:{_TEN})(?:[\s-](?:{_DIGIT_WORD}))?|{_UNIT})"
_HUNDREDS = rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
_WORDS = rf"(?:(?:{_HUNDREDS}|a)\s+(?:{_BIG})(?:,?\s+(?:and\s+)?{_HUNDREDS})?|{_HUNDREDS})"
NUMBER = rf"(?:(?:{_DIGITS})(?:\s+(?:{_BIG}))?|{_WORDS})"
_TOKEN = re.compile(r"[a-z]+|\d[\d.,]*")


def parse_number(text: str) -> int | None:
    """The integer a phrase matched by ``NUMBER`` denotes; None for a fraction ("2.5") or zero."""
    total = 0.0
    current = 0.0
    for token in _TOKEN.findall(text.lower()):
        if token[0].isdigit():
            current = float(token.replace(",", ""))
        elif token in UNITS or token in TENS:
            current += UNITS.get(token) or TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0
    value = total + current
    return int(value) if value == int(value) and value > 0 else None
