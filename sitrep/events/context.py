"""Sentences as the event stage reads them: words, paragraph, and the lexicon cues and nouns found in them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitrep.events.lexicon import Lexicon, NounClass, PhraseSet
from sitrep.model import DateValue, Document, Mention, Span, first_disjoint

_WORD = re.compile(r"\w[\w'’-]*")
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|\s--?\s|\.\s")
_COMMA = re.compile(r",")
_PURPOSE_BREAK = re.compile(r"[;:—–]|\s--?\s|\.\s")  # what a protest is about runs on through brackets
_QUOTATION = re.compile(r"(?<!\w)(?:'[^'\n]{1,80}'|‘[^’\n]{1,80}’|\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”)(?!\w)")
_DATE_BOUND_WINDOW = 8  # "since the removal of the president in December"
_OFF_DUTY_BEFORE = 4  # "a former member of the Afghan police"
_OFF_DUTY_AFTER = 3  # "a police officer [assumed off duty]"
_NAME_WORDS = 12  # the longest name a mention ends (or starts) within reach of a trigger may have


@dataclass(frozen=True, slots=True)
class Noun:
    """A person or target noun of victims.tsv found in a sentence."""

    category: str
    number: str
    span: Span


@dataclass(slots=True)
class Sentence:
    index: int
    span: Span
    paragraph: int
    text: str  # the sentence's own text; every offset below is into the article
    words: list[Span]
    phrases: Mapping[str, PhraseSet]  # the lexicon's cues, searched for in the text when first asked about
    cues: dict[str, list[Span]] = field(default_factory=dict)  # the cues searched for so far, and their hits
    noun_classes: tuple[NounClass, ...] = ()  # the lexicon's nouns, searched for when first asked about
    masked: list[Span] = field(default_factory=list)  # what a protest or arrest is about (triggers.py)
    mentions: list[Mention] = field(default_factory=list)  # the document's mentions inside it, in order
    # Where its words start and end (for counting words by bisection), and the clauses already asked for.
    _starts: list[int] = field(default_factory=list, repr=False)
    _ends: list[int] = field(default_factory=list, repr=False)
    _clauses: dict[tuple[int, int, bool], Span] = field(default_factory=dict, repr=False)
    _nouns: list[Noun] | None = field(default=None, repr=False)
    roles: dict[tuple[str, int, int], Any] = field(default_factory=dict, repr=False)  # roles.py's readings

    def __post_init__(self) -> None:
        self._starts = [word.start for word in self.words]
        self._ends = [word.end for word in self.words]

    @property
    def nouns(self) -> list[Noun]:
        """The nouns of victims.tsv in the sentence, the longest where two overlap, none inside a place
        name, in text order; an off-duty or former member of an armed force is a civilian."""
        if self._nouns is None:
            places = [m.span for m in self.mentions_of("PLACE")]
            self._nouns = [
                _as_victim(self, noun)
                for noun in _find_nouns(self.text, self.span.start, self.noun_classes)
                if not any(noun.span.overlaps(place) for place in places)
            ]
        return self._nouns

    def found(self, cue: str) -> list[Span]:
        """Every hit of ``cue`` in the sentence, masked or not."""
        hits = self.cues.get(cue)
        if hits is None:
            hits = self.cues[cue] = self.phrases[cue].find(self.text, self.span.start)
        return hits

    def hits(self, cue: str) -> list[Span]:
        """The hits of ``cue`` outside masked words."""
        found = self.found(cue)
        if not self.masked:
            return list(found)
        return [hit for hit in found if not self.is_masked(hit)]

    def has(self, cue: str) -> bool:
        return bool(self.hits(cue))

    def is_masked(self, span: Span) -> bool:
        return any(mask.contains(span) for mask in self.masked)

    def of(self, span: Span) -> str:
        return self.text[span.start - self.span.start : span.end - self.span.start]

    def words_between(self, left: Span, right: Span) -> int:
        """Words strictly between the end of ``left`` and the start of ``right``."""
        first = bisect_left(self._starts, left.end)
        past = bisect_right(self._ends, right.start)
        return max(0, past - first)

    def reach(self, span: Span, before: int = 0, after: int = 0) -> Span:
        """The stretch holding every mention within ``before`` words before ``span`` and ``after`` words
        after it, long names included: what a trigger's roles are read from, so a sentence of a thousand
        triggers costs each of them its neighbourhood, not the whole sentence."""
        first = max(0, bisect_right(self._ends, span.start) - before - _NAME_WORDS)
        past = min(len(self.words), bisect_left(self._starts, span.end) + after + _NAME_WORDS)
        start = self.words[first].start if first < len(self.words) else span.start
        end = self.words[past - 1].end if past > 0 else span.end
        return Span(min(start, span.start), max(end, span.end))

    def words_in(self, region: Span) -> list[Span]:
        return self.words[bisect_left(self._starts, region.start) : bisect_right(self._ends, region.end)]

    def word_after(self, span: Span) -> str:
        index = bisect_left(self._starts, span.end)
        return self.of(self.words[index]).lower() if index < len(self.words) else ""

    def clause(self, span: Span, soft: bool = False) -> Span:
        """The stretch around ``span`` up to the nearest clause breaks (and commas, when ``soft``)."""
        key = (span.start, span.end, soft)
        found = self._clauses.get(key)
        if found is None:
            local_start, local_end = span.start - self.span.start, span.end - self.span.start
            breaks = _clause_breaks(self.text, soft)
            start = max((end for _, end in breaks if end <= local_start), default=0)
            end = min((begin for begin, _ in breaks if begin >= local_end), default=len(self.text))
            found = self._clauses[key] = Span(self.span.start + start, self.span.start + end)
        return found

    def cue_before(self, cue: str, span: Span, window: int, soft: bool = True) -> Span | None:
        """The last ``cue`` hit ending at most ``window`` words before ``span``, in its clause."""
        clause = self.clause(span, soft=soft)
        found = [
            hit
            for hit in self.hits(cue)
            if clause.start <= hit.start and hit.end <= span.start and self.words_between(hit, span) <= window
        ]
        return found[-1] if found else None

    def cue_after(self, cue: str, span: Span, window: int, soft: bool = True) -> Span | None:
        """The first ``cue`` hit starting at most ``window`` words after ``span``, in its clause."""
        clause = self.clause(span, soft=soft)
        found = [
            hit
            for hit in self.hits(cue)
            if span.end <= hit.start and hit.end <= clause.end and self.words_between(span, hit) <= window
        ]
        return found[0] if found else None

    def purpose_end(self, marker: Span) -> int:
        """Where what a protest is about ends: its clause's end, or a comma opening a new clause
        ("against the farm laws, guarantee of prices and arrests, police dispersed them")."""
        local = marker.end - self.span.start
        stop = _PURPOSE_BREAK.search(self.text, local)
        clause = Span(marker.start, self.span.start + (stop.start() if stop else len(self.text)))
        for comma in _COMMA.finditer(self.text):
            at = self.span.start + comma.start()
            if marker.end <= at < clause.end and any(
                hit.start - at <= 2 and hit.start > at for hit in self.found("clause_start")
            ):
                return at
        return clause.end

    def mentions_of(self, label: str, region: Span | None = None) -> list[Mention]:
        """Its ``label`` mentions (within ``region`` when given), in text order."""
        if region is None:
            return [m for m in self.mentions if m.label == label]
        inside = _starting_in(self.mentions, region)
        return [m for m in inside if m.label == label and region.contains(m.span)]

    def nouns_in(self, region: Span) -> list[Noun]:
        return [
            noun
            for noun in _starting_in(self.nouns, region)
            if region.contains(noun.span) and not self.is_masked(noun.span)
        ]


@lru_cache(maxsize=256)
def _clause_breaks(text: str, soft: bool) -> list[tuple[int, int]]:
    """Where clauses break in a sentence's text (and commas, when ``soft``); asked again and again for the
    same sentence, so cached."""
    breaks = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
    return breaks + [m.span() for m in _COMMA.finditer(text)] if soft else breaks


def _starting_in(items: list[Any], region: Span) -> list[Any]:
    """The items (mentions or nouns, in text order) that start within ``region``."""
    first = bisect_left(items, region.start, key=lambda item: item.span.start)
    past = bisect_left(items, region.end, lo=first, key=lambda item: item.span.start)
    return items[first:past]


def read_sentences(doc: Document, lexicon: Lexicon) -> list[Sentence]:
    """The document's sentences (the whole text when the nlp stage gave none) with their mentions; their
    cues and nouns are looked for when first asked about (most sentences are asked about few)."""
    spans = doc.sentences or [Span(0, len(doc.text))]
    mentions = sorted(doc.mentions, key=lambda m: m.span)
    starts = [m.span.start for m in mentions]
    sentences: list[Sentence] = []
    paragraph = 0
    for index, span in enumerate(spans):
        if index and "\n" in doc.text[spans[index - 1].end : span.start]:
            paragraph += 1
        text = span.of(doc.text)
        words = [Span(span.start + m.start(), span.start + m.end()) for m in _WORD.finditer(text)]
        inside = mentions[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
        masked = _quotations(text, span.start)
        sentence = Sentence(
            index, span, paragraph, text, words, lexicon.cues, noun_classes=lexicon.nouns, masked=masked
        )
        sentence.mentions = [m for m in inside if span.contains(m.span)]
        sentences.append(sentence)
    return sentences


def _quotations(text: str, offset: int) -> list[Span]:
    """Quoted words (slogans, names, labels: "'Infowars arrest Fauci'") are not the report's narrative."""
    return [Span(offset + m.start(), offset + m.end()) for m in _QUOTATION.finditer(text)]


def _as_victim(sentence: Sentence, noun: Noun) -> Noun:
    if noun.category not in ("state_forces", "armed_group") or noun.number == "thing":
        return noun
    return Noun("civilians", noun.number, noun.span) if civilian_status(sentence, noun.span) else noun


def civilian_status(sentence: Sentence, span: Span) -> bool:
    """An off-duty, former or unarmed member of an armed force is a civilian victim (ACLED codebook)."""
    before = sentence.cue_before("off_duty", span, _OFF_DUTY_BEFORE, soft=False)
    return before is not None or sentence.cue_after("off_duty", span, _OFF_DUTY_AFTER, soft=False) is not None


def _find_nouns(text: str, offset: int, classes: tuple[NounClass, ...]) -> list[Noun]:
    """Every noun of ``classes`` in ``text``, the longest where two overlap, in text order."""
    found = [Noun(c.category, c.number, span) for c in classes for span in c.phrases.find(text, offset)]
    ranked = sorted(found, key=lambda n: (n.span.start - n.span.end, n.span.start))
    return first_disjoint(ranked, lambda noun: noun.span)


def event_dates(sentence: Sentence) -> list[Mention]:
    """The sentence's DATE mentions that can date an event: resolved, not what a protest is about, and
    not a bound ("since the removal of the president in December"), in text order."""
    return [
        mention
        for mention in sentence.mentions_of("DATE")
        if isinstance(mention.value, DateValue)
        and mention.value.day is not None
        and not sentence.is_masked(mention.span)
        and sentence.cue_before("date_bound", mention.span, _DATE_BOUND_WINDOW) is None
    ]
