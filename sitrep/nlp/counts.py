"""COUNT mentions: numbers that count people or things, with the hedge the text puts on them.

How a hedge becomes a ``Count`` (``low`` is the conservative figure ACLED-style coding would take, ``high``
a ceiling the text states, None when it states none):

=========================================  ============  ===========  =========  ======
text                                       qualifier     best         low        high
=========================================  ============  ===========  =========  ======
"16", "four"                               exact         16           16         16
"at least 16", "no fewer than 16"          at_least      16           16         None
"over 70", "more than 70"                  over          71           71         None
"70-plus", "70+"                           at_least      70           70         None
"up to 10", "as many as 10"                up_to         10           1          10
"fewer than 10", "under 10"                up_to         9            1          9
"nearly 20", "almost 20"                   about         19           19         19
"about 20", "around 20", "some 20"         about         20           20         None
"a dozen", "a couple of"                   about         12, 2        12, 2      None
"between 10 and 15", "10-15", "10 or 15"   about         10           10         15
"several", "a few"                         vague         3            3          None
"dozens" / "scores" / "tens of"            vague         12 / 20 / 10 same       None
"hundreds" / "thousands" / "millions"      vague         100 / 1,000 / 1,000,000 None
"several hundred", "a few thousand"        vague         3 x scale    same       None
"tens/hundreds of thousands"               vague         10,000 / 100,000        None
=========================================  ============  ===========  =========  ======

The vague figures follow ACLED's codebook ("dozens" 12, "hundreds" 100) and its practice in the coded
notes ("scores" 20; "several" 3 outside high-intensity areas). Words with no figure ("many", "a number
of", "numerous") are not counts. Not counts either: years, dates (DATE mentions), ages ("a 15-year-old",
"aged 15", "Name, 45,"), times, percentages, money, ordinals, measures ("5 km", "48 hours"), labels
("Resolution 2254", "Brigade 93"), model names ("F-16") and compound adjectives ("a four-day truce").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType

from sitrep.model import Count, Mention, Span
from sitrep.nlp import scan
from sitrep.nlp.dates import MONTHS, WEEKDAYS
from sitrep.nlp.lexicon import data_path, read_words
from sitrep.nlp.numbers import NUMBER, SCALES, TENS, UNITS, parse_number

# Qualifier phrases and the hedge each puts on the number after it.
QUALIFIER_PHRASES = MappingProxyType(
    {
        "at least": "at_least",
        "no fewer than": "at_least",
        "no less than": "at_least",
        "not less than": "at_least",
        "a minimum of": "at_least",
        "more than": "over",
        "over": "over",
        "upwards of": "over",
        "in excess of": "over",
        "up to": "up_to",
        "as many as": "up_to",
        "at most": "up_to",
        "no more than": "up_to",
        "a maximum of": "up_to",
        "fewer than": "under",
        "less than": "under",
        "under": "under",
        "nearly": "nearly",
        "almost": "nearly",
        "close to": "nearly",
        "just under": "nearly",
        "about": "about",
        "around": "about",
        "approximately": "about",
        "roughly": "about",
        "some": "about",
        "an estimated": "about",
        "estimated": "about",
        "approx.": "about",
        "circa": "about",
    }
)
# Vague quantity words and the figure each stands for.
VAGUE_FIGURES = MappingProxyType(
    {
        "several": 3,
        "a few": 3,
        "tens": 10,
        "dozens": 12,
        "scores": 20,
        "hundreds": 100,
        "thousands": 1_000,
        "millions": 1_000_000,
        "dozen": 12,
        "hundred": 100,
        "thousand": 1_000,
    }
)
# "a dozen", "a couple of": hedged round figures that take qualifiers like numbers do.
ROUND_FIGURES = MappingProxyType({"a dozen": 12, "a couple of": 2, "a couple": 2})

_QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIER_PHRASES, key=len, reverse=True))
_MULTIPLIED = r"(?:several|a\s+few)\s+(?:dozen|hundred|thousand)\b"
_VAGUE = (
    rf"\b(?:{_MULTIPLIED}|(?:tens|hundreds)\s+of\s+thousands\b|(?:tens|scores)(?=\s+of\b)"
    r"|(?:dozens|hundreds|thousands|millions|several|a\s+few)\b)"
)
_ROUND = r"\ba\s+dozen\b|\ba\s+couple(?:\s+of)?\b"
# "between 10 and 15", "10 to 15", "two or three", and with digits only "10-15" ("twenty-one" is one number).
_RANGE = (
    rf"\bbetween\s+(?P<r1>{NUMBER})\s+and\s+(?P<r2>{NUMBER})\b"
    rf"|\b(?P<r3>{NUMBER})(?:\s+(?:to|or)\s+|(?<=\d)\s*[-–]\s*(?=\d))(?P<r4>{NUMBER})\b"
)
_CANDIDATE = re.compile(
    rf"(?:\b(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?:(?P<range>{_RANGE})|(?P<vague>{_VAGUE})|(?P<round>{_ROUND})"
    rf"|\b(?P<number>{NUMBER})(?:(?P<plus>-plus\b|\+)|\b))",
    re.IGNORECASE,
)
# Every count contains a digit or one of these words; the rules are tried only just before them (scan.py):
# the longest qualifier, "no fewer than ", is 14 characters.
_TRIGGER_WORDS = (*UNITS, *TENS, *SCALES, *VAGUE_FIGURES, "dozen", "few", "couple")
_TRIGGER = scan.word_trigger(_TRIGGER_WORDS, other=r"\d+")
# What follows a number: an optional hyphen or "of", then up to two words ("km", "per cent", "years old").
_FOLLOWING = re.compile(r"(?:\s*-\s*|\s+(?:of\s+)?)(?P<first>[^\s\d,;:!?()\"]+)(?:\s+(?P<second>[a-z]+))?")
_WORD_BEFORE = re.compile(r"(\S+)\s*$")
_NAME_BEFORE = re.compile(r"[A-Z][a-z]+,\s*$")
_SENTENCE_END_BEFORE = re.compile(r"[.!?:\n][\"'”’)]*\s*$")
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")
_YEAR_PREFIX = re.compile(
    r"\b(?:in|since|of|from|until|till|by|during|before|after|year|early|late|mid|summer|winter|spring|autumn)\s*$",
    re.IGNORECASE,
)
_PLURAL_AFTER = re.compile(r"\s+(?:[a-z]+-)?[a-z]+(?:s|people|personnel|police|staff|children|men|women)\b")
_COMPOUND_AFTER = re.compile(r"-(?!strong\b)[A-Za-z]")
_CLOCK_BEFORE = re.compile(r"\d[:.]$")
_CLOCK_AFTER = re.compile(r"[:.]\d")
_MODEL_BEFORE = re.compile(r"[A-Za-z]-\s*$")
_TAKEN_OVER = re.compile(
    r"\b(?:take|takes|took|taken|taking|hand|hands|handed|handing|turn|turns|turned|turning|fight|fights|"
    r"fought|fighting|win|wins|won|winning|pass|passes|passed|passing)\s+$",
    re.IGNORECASE,
)
_ONE_IDIOM_BEFORE = re.compile(r"\b(?:no|the|this|that|any|every|each|at)\s+$", re.IGNORECASE)
_ONE_IDIOM_AFTER = re.compile(
    r"\s+(?:another|day|side|hand|way|time|point|more|by|thing|after|or\s+two|or\s+the\s+other)\b",
    re.IGNORECASE,
)
_CALENDAR_WORDS = frozenset(name.lower() for name in (*WEEKDAYS, *MONTHS))
_MOST_PEOPLE = 10_000_000_000  # more than live on Earth: a bigger "count" of people is garbage, not a toll


@dataclass(frozen=True, slots=True)
class CountRecogniser:
    """Finds COUNT mentions in a text; ``units`` and ``labels`` are the context words that disqualify."""

    units: frozenset[str]
    labels: frozenset[str]

    @classmethod
    def load(cls) -> CountRecogniser:
        return cls(
            units=read_words(data_path("nlp", "count_units.txt")),
            labels=read_words(data_path("nlp", "number_labels.txt")),
        )

    def recognise(self, text: str, taken: Iterable[Span] = ()) -> list[Mention]:
        """COUNT mentions in ``text`` that overlap none of the ``taken`` spans (dates found earlier)."""
        blocked = sorted(taken)
        return [m for m in self._candidates(text) if not any(m.span.overlaps(s) for s in blocked)]

    def _candidates(self, text: str) -> Iterator[Mention]:
        for match in scan.matches(_CANDIDATE, text, scan.spans(_TRIGGER, text), before=16):
            count = self._count(text, match)
            if count is not None:
                start = match.start() if count.qualifier != "exact" else match.start(_core(match))
                span = Span(start, match.end())
                yield Mention(span=span, label="COUNT", text=span.of(text), value=count)

    def _count(self, text: str, match: re.Match[str]) -> Count | None:
        if self._is_measure(text, match.end()) or not self._is_count_context(text, match):
            return None
        if match.group("vague"):
            return _vague(match.group("vague"))
        if match.group("range"):
            return _range(match)
        qualifier = "at_least" if match.group("plus") else _qualifier(text, match)
        if match.group("round"):
            figure = ROUND_FIGURES[" ".join(match.group("round").lower().split())]
            return _hedged(figure, "about" if qualifier == "exact" else qualifier)
        value = parse_number(match.group("number"))
        return None if value is None or value > _MOST_PEOPLE else _hedged(value, qualifier)

    def _is_measure(self, text: str, end: int) -> bool:
        """A unit, currency, percent or time word follows ("5 km", "48-hour", "10 per cent", "3 pm")."""
        if text.startswith("%", end) or _COMPOUND_AFTER.match(text, end):
            return True
        following = _FOLLOWING.match(text, end)
        if following is None:
            return False
        first = following.group("first").lower()
        second = following.group("second")
        words = (first, first.rstrip(".,'’"), f"{first} {second}" if second else "")
        return any(self._is_unit(word) for word in words if word)

    def _is_unit(self, word: str) -> bool:
        return word in self.units or (word.endswith("s") and word[:-1] in self.units) or word.endswith("-old")

    def _is_count_context(self, text: str, match: re.Match[str]) -> bool:
        """False for labels, ages, money, years, model names, clock times, fractions and idioms."""
        start = match.start()
        before = text[max(0, start - 24) : start]
        after = text[match.end() : match.end() + 24]
        if before.endswith(("$", "£", "€", "¥", "/", "#")) or after.startswith(("/", "°")):
            return False
        if _CLOCK_BEFORE.search(before) or _CLOCK_AFTER.match(after) or _MODEL_BEFORE.search(before):
            return False  # 10:30, F-16, COVID-19
        if after.startswith(",") and _NAME_BEFORE.search(before):
            return False  # "Ahmad Khalil, 45, a farmer"
        previous = _WORD_BEFORE.search(before)
        if previous and not self._may_precede(
            text, start - len(before) + previous.start(1), previous.group(1)
        ):
            return False
        first = match.group("number") or match.group("r1") or match.group("r3")
        if first and _YEAR.fullmatch(first) and not match.group("qualifier"):
            return not _YEAR_PREFIX.search(before) and bool(_PLURAL_AFTER.match(after))
        if first and first.lower() == "one" and not match.group("range"):
            return not (_ONE_IDIOM_BEFORE.search(before) or _ONE_IDIOM_AFTER.match(after))
        return True

    def _may_precede(self, text: str, index: int, word: str) -> bool:
        """Whether ``word`` (at ``index``) may stand before a count: not a label, nor a name mid-sentence."""
        bare = word.strip("(\"'“‘,").lower()
        if bare in self.labels:
            return False
        if not word[:1].isupper() or bare in _CALENDAR_WORDS:
            return True
        return index == 0 or bool(_SENTENCE_END_BEFORE.search(text, max(0, index - 6), index))


def _qualifier(text: str, match: re.Match[str]) -> str:
    qualifier = match.group("qualifier")
    if not qualifier:
        return "exact"
    kind = QUALIFIER_PHRASES[" ".join(qualifier.lower().split())]
    if kind == "over" and _TAKEN_OVER.search(text, 0, match.start()):
        return "exact"  # "took over 3 towns": a phrasal verb, not a hedge
    return kind


def _core(match: re.Match[str]) -> str:
    """The group holding the figure itself, without its qualifier."""
    return next(name for name in ("range", "vague", "round", "number") if match.group(name))


def _hedged(value: int, qualifier: str) -> Count:
    if qualifier == "at_least":
        return Count(best=value, low=value, high=None, qualifier="at_least")
    if qualifier == "over":
        return Count(best=value + 1, low=value + 1, high=None, qualifier="over")
    if qualifier == "up_to":
        return Count(best=value, low=1, high=value, qualifier="up_to")
    if qualifier == "under":
        below = max(value - 1, 1)
        return Count(best=below, low=1, high=below, qualifier="up_to")
    if qualifier == "nearly":
        below = max(value - 1, 1)
        return Count(best=below, low=below, high=below, qualifier="about")
    if qualifier == "about":
        return Count(best=value, low=value, high=None, qualifier="about")
    return Count(best=value, low=value, high=value, qualifier="exact")


def _range(match: re.Match[str]) -> Count | None:
    first = parse_number(match.group("r1") or match.group("r3"))
    second = parse_number(match.group("r2") or match.group("r4"))
    if first is None or second is None or first >= second or second > _MOST_PEOPLE:
        return None
    return Count(best=first, low=first, high=second, qualifier="about")


def _vague(phrase: str) -> Count:
    words = phrase.lower().split()
    if words[-1] == "thousands" and len(words) > 1:
        figure = VAGUE_FIGURES[words[0]] * 1_000
    elif words[0] in ("several", "a") and len(words) > 1 and words[-1] in VAGUE_FIGURES:
        figure = VAGUE_FIGURES[" ".join(words[:-1])] * VAGUE_FIGURES[words[-1]]
    else:
        figure = VAGUE_FIGURES[" ".join(words)]
    return Count(best=figure, low=figure, high=None, qualifier="vague")
