"""The event stage's word lists, read once from ``sitrep/data/events`` (see its PROVENANCE.md).

A phrase list compiles to one regular expression that finds whole-word matches: spaces in a phrase also
match hyphens ("sit in" finds "sit-in"), ``*`` stands for up to four words ("shot down * missiles"), and a
leading ``=`` keeps the case as written ("=march" is the verb, not the month).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from types import MappingProxyType

from sitrep.model import Document, Span
from sitrep.taxonomy import SUB_EVENT_TYPES

_WORD_SEPARATOR = r"[\s-]+"
_WORD_GAP = r"(?:[\s,()\[\]]+[\w'’.-]+){0,4}?[\s,()\[\]]+"


class PhraseSet:
    """Phrases compiled for whole-word search in a text."""

    def __init__(self, phrases: list[str], index: PhraseIndex | None = None) -> None:
        exact = [p[1:] for p in phrases if p.startswith("=")]
        folded = [p for p in phrases if not p.startswith("=")]
        self._patterns = [
            _compile(group, flags) for group, flags in ((folded, re.IGNORECASE), (exact, 0)) if group
        ]
        self._first_words = _FirstWords.of(phrases)
        self._index = index if self._first_words is not None and not self._first_words.inner else None
        if self._index is not None and self._first_words is not None:
            self._index.add(self, self._first_words.whole)

    def find(self, text: str, offset: int = 0) -> list[Span]:
        """Spans of the longest matches in ``text``, shifted by ``offset`` (where the text starts)."""
        if self._first_words is None:
            matches = (m for pattern in self._patterns for m in pattern.finditer(text))
        else:
            if self._index is not None and self not in self._index.candidates(text):
                return []
            starts = self._first_words.starts_in(text)
            if not starts:
                return []
            matches = (m for pattern in self._patterns for m in _matches_at(pattern, text, starts))
        return sorted(Span(offset + m.start(), offset + m.end()) for m in matches)


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, when its matches can only start at ``starts`` (ascending).

    Trying the pattern at a few places instead of scanning with it is what makes the search fast: Python's
    regular expressions have no fast scan for a pattern of hundreds of alternatives.
    """
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


class PhraseIndex:
    """The phrase sets of a lexicon by their first words, so that one pass over a text's words tells
    which of them can match it: the rest answer at once, which matters with a hundred sets asked about
    each sentence. Only sets whose first words are all whole words are indexed."""

    def __init__(self) -> None:
        self._sets_by_word: dict[str, list[PhraseSet]] = {}
        self._last: tuple[str, frozenset[PhraseSet]] | None = None

    def add(self, phrases: PhraseSet, first_words: frozenset[str]) -> None:
        for word in first_words:
            self._sets_by_word.setdefault(word, []).append(phrases)
        self._last = None

    def candidates(self, text: str) -> frozenset[PhraseSet]:
        """The indexed phrase sets one of whose first words is a word of ``text``."""
        last = self._last
        if last is None or last[0] is not text:
            _folded, word_starts = _indexed(text)
            found = (self._sets_by_word.get(word, ()) for word in word_starts)
            last = self._last = (text, frozenset(phrases for sets in found for phrases in sets))
        return last[1]


@dataclass(frozen=True, slots=True)
class _FirstWords:
    """The first words of a phrase set, folded: a match can only start where one of them starts.

    A first word of word characters only matches as a whole word of the text (its pattern has a word
    boundary before it and a separator or boundary after it); any other is looked for as a substring.
    Texts are folded as the case-insensitive search compares them (``_indexed``), and folding keeps
    offsets, so no match is missed. Phrase sets with a non-ASCII first word or a leading wildcard are
    searched in full.
    """

    whole: frozenset[str]
    inner: tuple[str, ...]

    @classmethod
    def of(cls, phrases: list[str]) -> _FirstWords | None:
        first = [p.removeprefix("=").split()[0].lower() for p in phrases]
        if not all(word.isascii() and word != "*" for word in first):
            return None
        whole = frozenset(word for word in first if _WORD.fullmatch(word))
        return cls(whole, tuple(sorted(set(first) - whole)))

    def starts_in(self, text: str) -> list[int]:
        folded, word_starts = _indexed(text)
        starts = [start for word in self.whole.intersection(word_starts) for start in word_starts[word]]
        for word in self.inner:
            position = folded.find(word)
            while position != -1:
                starts.append(position)
                position = folded.find(word, position + 1)
        return sorted(set(starts))


# The non-ASCII letters Python's case-insensitive matching equates with ASCII ones (dotted and dotless i,
# long s, Kelvin sign). Folding maps them and lower-cases the rest; for every character it keeps the
# length (one character) and the word class, so offsets and word boundaries of the folded text hold.
_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _indexed(text: str) -> tuple[str, dict[str, list[int]]]:
    """A text folded for comparison, and where each of its words starts; cached for the next phrase set
    searching the same text."""
    folded = text.translate(_CASE_TWINS).lower()
    word_starts: dict[str, list[int]] = {}
    for match in _WORD.finditer(folded):
        word_starts.setdefault(match.group(), []).append(match.start())
    return folded, word_starts


def may_report_events(doc: Document) -> bool:
    """Whether a trigger phrase of the packaged lexicon occurs in one of the document's sentences (the
    whole text when it has none), searched as the event stage searches them: False means the event
    stage would find no event, whatever the other stages found. Cheap next to them."""
    triggers = load_lexicon().triggers
    sentences = doc.sentences or [Span(0, len(doc.text))]
    return any(cue.phrases.find(span.of(doc.text)) for span in sentences for cue in triggers)


def _compile(phrases: list[str], flags: int) -> re.Pattern[str]:
    alternatives = sorted({_phrase_pattern(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", flags)


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    pattern = ""
    for index, word in enumerate(words):
        if word == "*":
            continue
        if index:
            pattern += _WORD_GAP if words[index - 1] == "*" else _WORD_SEPARATOR
        pattern += re.escape(word)
    return pattern


@dataclass(frozen=True, slots=True)
class TriggerCue:
    """A family of trigger phrases and how an event it reports is typed (see triggers.tsv)."""

    name: str
    kind: str
    sub_event_type: str
    rank: int | None  # overrides the type's rank for weak evidence ("explosion", "gathered")
    phrases: PhraseSet


@dataclass(frozen=True, slots=True)
class SubEventRule:
    rank: int
    lethal: bool
    absorbs: frozenset[str]


@dataclass(frozen=True, slots=True)
class NounClass:
    """Nouns for who or what an event hits (victims.tsv)."""

    category: str
    number: str  # "one", "many" or "thing"
    phrases: PhraseSet


@dataclass(frozen=True, slots=True)
class Lexicon:
    triggers: tuple[TriggerCue, ...]
    cues: Mapping[str, PhraseSet]
    nouns: tuple[NounClass, ...]
    sub_events: Mapping[str, SubEventRule]

    def rank(self, sub_event_type: str) -> int:
        return self.sub_events[sub_event_type].rank

    def absorbs(self, sub_event_type: str, other: str) -> bool:
        return other in self.sub_events[sub_event_type].absorbs


@cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon; cached, so every article of a process shares one copy."""
    index = PhraseIndex()
    return Lexicon(
        triggers=tuple(_read_triggers(index)),
        cues=MappingProxyType({row["cue"]: PhraseSet(_phrases(row), index) for row in _rows("cues.tsv")}),
        nouns=tuple(
            NounClass(row["category"], row["number"], PhraseSet(_phrases(row), index))
            for row in _rows("victims.tsv")
        ),
        sub_events=MappingProxyType(dict(_read_sub_events())),
    )


def _read_triggers(index: PhraseIndex) -> Iterator[TriggerCue]:
    for row in _rows("triggers.tsv"):
        yield TriggerCue(
            name=row["cue"],
            kind=row["kind"],
            sub_event_type=_known(row["sub_event_type"]),
            rank=int(row["rank"]) if row["rank"] else None,
            phrases=PhraseSet(_phrases(row), index),
        )


def _read_sub_events() -> Iterator[tuple[str, SubEventRule]]:
    for row in _rows("sub_event_types.tsv"):
        absorbed = frozenset(_known(name) for name in row["absorbs"].split(";") if name)
        yield _known(row["sub_event_type"]), SubEventRule(int(row["rank"]), row["lethal"] == "yes", absorbed)


def _known(sub_event_type: str) -> str:
    if sub_event_type not in SUB_EVENT_TYPES:
        raise ValueError(f"sitrep/data/events: {sub_event_type!r} is not an ACLED sub-event type")
    return sub_event_type


def _phrases(row: dict[str, str]) -> list[str]:
    return [phrase.strip() for phrase in row["phrases"].split("|") if phrase.strip()]


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = files("sitrep").joinpath("data", "events", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
