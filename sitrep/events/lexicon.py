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

# Trigger families that name a weapon of war (triggers.tsv).
WEAPON_FAMILIES = frozenset({"suicide", "chemical", "air", "shelling", "explosive", "blast", "grenade"})

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
            self._index.add(self, self._first_words)

    @property
    def indexed(self) -> bool:
        return self._index is not None

    def find(self, text: str, offset: int = 0) -> list[Span]:
        """Spans of the longest matches in ``text``, shifted by ``offset`` (where the text starts)."""
        if self._first_words is None:
            matches = (m for pattern in self._patterns for m in pattern.finditer(text))
        else:
            if self._index is not None:
                starts = self._index.starts(text).get(self, [])
            else:
                starts = self._first_words.viable(text, self._first_words.starts_in(text))
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
    where each of them can match: the rest answer at once, which matters with a hundred sets asked about
    each sentence. Only sets whose first words are all whole words are indexed."""

    _REMEMBERED = 256  # texts whose starts are kept: a document's sentences are asked about again

    def __init__(self) -> None:
        self._sets_by_opening: dict[tuple[str, ...], list[PhraseSet]] = {}
        self._starts: dict[str, dict[PhraseSet, list[int]]] = {}

    def add(self, phrases: PhraseSet, first_words: _FirstWords) -> None:
        for opening in first_words.openings:
            self._sets_by_opening.setdefault(opening, []).append(phrases)
        self._starts.clear()

    def starts(self, text: str) -> dict[PhraseSet, list[int]]:
        """Where in ``text`` each indexed phrase set can match (the starts of words that open one of its
        phrases, ascending); sets that cannot match are absent."""
        found = self._starts.get(text)
        if found is None:
            folded = _indexed(text)
            words = folded.words
            found = {}
            for index, start in enumerate(folded.offsets):
                for length in range(1, min(_LOOKAHEAD + 1, len(words) - index) + 1):
                    for phrases in self._sets_by_opening.get(tuple(words[index : index + length]), ()):
                        positions = found.setdefault(phrases, [])
                        if not positions or positions[-1] != start:
                            positions.append(start)
            if len(self._starts) >= self._REMEMBERED:
                self._starts.clear()
            self._starts[text] = found
        return found


@dataclass(frozen=True, slots=True)
class _FirstWords:
    """The first words of a phrase set, folded: a match can only start where one of them starts.

    A first word that starts with a word character can only match where a word of the text starts (its
    pattern has a word boundary before it), and that word is the first word's leading run of word
    characters ("sit" of "sit-in"): those runs are ``whole``. A first word starting otherwise is looked for
    as a substring. Texts are folded as the case-insensitive search compares them (``_indexed``), and
    folding keeps offsets, so no match is missed. Phrase sets with a non-ASCII first word or a leading
    wildcard are searched in full.

    A phrase's words are whole words of the text too, so a match starting at a word is followed by the
    phrase's next words (up to a wildcard): ``openings`` holds each phrase's first runs (at most
    ``_LOOKAHEAD`` after the leading one), and a start is viable only where the text's words begin with
    one of them ("in" opens "in the past * years": most of a text's "in" are not followed by "the past").
    """

    whole: frozenset[str]
    inner: tuple[str, ...]
    openings: frozenset[tuple[str, ...]]

    @classmethod
    def of(cls, phrases: list[str]) -> _FirstWords | None:
        first = [p.removeprefix("=").split()[0].lower() for p in phrases]
        if not all(word.isascii() and word != "*" for word in first):
            return None
        runs = {word: run.group() for word in first if (run := _WORD.match(word))}
        openings = {
            opening[: 1 + _LOOKAHEAD]
            for phrase, word in zip(phrases, first, strict=True)
            if word in runs and (opening := _runs(phrase))
        }
        return cls(frozenset(runs.values()), tuple(sorted(set(first) - runs.keys())), frozenset(openings))

    def viable(self, text: str, starts: list[int]) -> list[int]:
        """The ``starts`` where the words of the text can begin one of the phrases (a start inside a word,
        of an inner first word, is kept)."""
        folded = _indexed(text)
        return [start for start in starts if start not in folded.word_at or self._opens(folded, start)]

    def _opens(self, folded: _Folded, start: int) -> bool:
        index = folded.word_at[start]
        return any(tuple(folded.words[index : index + len(opening)]) == opening for opening in self.openings)

    def starts_in(self, text: str) -> list[int]:
        folded = _indexed(text)
        word_starts = folded.word_starts
        starts = [start for word in self.whole.intersection(word_starts) for start in word_starts[word]]
        for word in self.inner:
            position = folded.text.find(word)
            while position != -1:
                starts.append(position)
                position = folded.text.find(word, position + 1)
        return sorted(set(starts))


# The non-ASCII letters Python's case-insensitive matching equates with ASCII ones (dotted and dotless i,
# long s, Kelvin sign). Folding maps them and lower-cases the rest; for every character it keeps the
# length (one character) and the word class, so offsets and word boundaries of the folded text hold.
_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_WORD = re.compile(r"\w+")


_LOOKAHEAD = 2  # words after a phrase's first that a start is checked against


def _runs(phrase: str) -> tuple[str, ...]:
    """The folded runs of word characters a phrase starts with, up to its first wildcard or its first run
    that is not ASCII (whose spelling in the text folding cannot tell)."""
    runs: list[str] = []
    for word in phrase.removeprefix("=").lower().split():
        if word == "*":
            break
        runs.extend(_WORD.findall(word))
    ascii_runs = [run.isascii() for run in runs]
    return tuple(runs[: ascii_runs.index(False)] if False in ascii_runs else runs)


@dataclass(frozen=True, slots=True)
class _Folded:
    """A text folded for comparison: its words in order, where each starts, and where each word starts
    by word and by offset."""

    text: str
    words: list[str]
    offsets: list[int]
    word_starts: dict[str, list[int]]
    word_at: dict[int, int]


@lru_cache(maxsize=256)
def _indexed(text: str) -> _Folded:
    """``text`` folded and indexed; cached for the next phrase sets searching the same text (a
    document's sentences are searched in turns)."""
    folded = text.translate(_CASE_TWINS).lower()
    words: list[str] = []
    offsets: list[int] = []
    word_starts: dict[str, list[int]] = {}
    for match in _WORD.finditer(folded):
        word_starts.setdefault(match.group(), []).append(match.start())
        words.append(match.group())
        offsets.append(match.start())
    return _Folded(folded, words, offsets, word_starts, {start: index for index, start in enumerate(offsets)})


def may_report_events(doc: Document) -> bool:
    """Whether a trigger phrase of the packaged lexicon occurs in one of the document's sentences (the
    whole text when it has none), searched as the event stage searches them: False means the event
    stage would find no event, whatever the other stages found. Cheap next to them."""
    lexicon = load_lexicon()
    texts = (span.of(doc.text) for span in doc.sentences or [Span(0, len(doc.text))])
    return any(cue.phrases.find(text) for text in texts for cue in lexicon.triggers_in(text))


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
    void_after: str | None = None  # a cue that, right after the trigger, makes it no event


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
    index: PhraseIndex

    def triggers_in(self, text: str) -> list[TriggerCue]:
        """The trigger families that may match ``text``: one look at the index rules out the others."""
        starts = self.index.starts(text)
        return [cue for cue in self.triggers if not cue.phrases.indexed or cue.phrases in starts]

    @property
    def seizure(self) -> TriggerCue:
        """The trigger family of seizures, finds and interceptions (Disrupted weapons use of arms)."""
        return next(cue for cue in self.triggers if cue.kind == "seizure")

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
        cues=MappingProxyType(
            {
                row["cue"]: PhraseSet(_phrases(row), index)
                for name in ("cues.tsv", "non_conflict.tsv")
                for row in _rows(name)
            }
        ),
        nouns=tuple(
            NounClass(row["category"], row["number"], PhraseSet(_phrases(row), index))
            for row in _rows("victims.tsv")
        ),
        sub_events=MappingProxyType(dict(_read_sub_events())),
        index=index,
    )


def _read_triggers(index: PhraseIndex) -> Iterator[TriggerCue]:
    for row in _rows("triggers.tsv"):
        yield TriggerCue(
            name=row["cue"],
            kind=row["kind"],
            sub_event_type=_known(row["sub_event_type"]),
            rank=int(row["rank"]) if row["rank"] else None,
            phrases=PhraseSet(_phrases(row), index),
            void_after=row["void_after"] or None,
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
