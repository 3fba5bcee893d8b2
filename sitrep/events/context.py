"""Sentences as the event stage reads them: words, paragraph, and the lexicon cues and nouns found in them."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.events.lexicon import Lexicon, NounClass
from sitrep.model import DateValue, Document, Mention, Span

_WORD = re.compile(r"\w[\w'’-]*")
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|\s--?\s|\.\s")
_COMMA = re.compile(r",")
_PURPOSE_BREAK = re.compile(r"[;:—–]|\s--?\s|\.\s")  # what a protest is about runs on through brackets
_QUOTATION = re.compile(r"(?<!\w)(?:'[^'\n]{1,80}'|‘[^’\n]{1,80}’|\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”)(?!\w)")
_DATE_BOUND_WINDOW = 8  # "since the removal of the president in December"
_OFF_DUTY_BEFORE = 4  # "a former member of the Afghan police"
_OFF_DUTY_AFTER = 3  # "a police officer [assumed off duty]"


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
    cues: dict[str, list[Span]] = field(default_factory=dict)
    nouns: list[Noun] = field(default_factory=list)
    masked: list[Span] = field(default_factory=list)  # what a protest or arrest is about (triggers.py)
    mentions: list[Mention] = field(default_factory=list)  # the document's mentions inside it, in order

    def hits(self, cue: str) -> list[Span]:
        return [hit for hit in self.cues.get(cue, []) if not self.is_masked(hit)]

    def has(self, cue: str) -> bool:
        return bool(self.hits(cue))

    def is_masked(self, span: Span) -> bool:
        return any(mask.contains(span) for mask in self.masked)

    def of(self, span: Span) -> str:
        return self.text[span.start - self.span.start : span.end - self.span.start]

    def words_between(self, left: Span, right: Span) -> int:
        """Words strictly between the end of ``left`` and the start of ``right``."""
        return sum(1 for word in self.words if left.end <= word.start and word.end <= right.start)

    def word_after(self, span: Span) -> str:
        following = [word for word in self.words if word.start >= span.end]
        return self.of(following[0]).lower() if following else ""

    def clause(self, span: Span, soft: bool = False) -> Span:
        """The stretch around ``span`` up to the nearest clause breaks (and commas, when ``soft``)."""
        local_start, local_end = span.start - self.span.start, span.end - self.span.start
        breaks = _clause_breaks(self.text, soft)
        start = max((end for _, end in breaks if end <= local_start), default=0)
        end = min((begin for begin, _ in breaks if begin >= local_end), default=len(self.text))
        return Span(self.span.start + start, self.span.start + end)

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
                hit.start - at <= 2 and hit.start > at for hit in self.cues.get("clause_start", [])
            ):
                return at
        return clause.end

    def mentions_of(self, label: str, region: Span | None = None) -> list[Mention]:
        """Its ``label`` mentions (within ``region`` when given), in text order."""
        return [m for m in self.mentions if m.label == label and (region is None or region.contains(m.span))]

    def nouns_in(self, region: Span) -> list[Noun]:
        return [noun for noun in self.nouns if region.contains(noun.span) and not self.is_masked(noun.span)]


@lru_cache(maxsize=256)
def _clause_breaks(text: str, soft: bool) -> list[tuple[int, int]]:
    """Where clauses break in a sentence's text (and commas, when ``soft``); asked again and again for the
    same sentence, so cached."""
    breaks = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
    return breaks + [m.span() for m in _COMMA.finditer(text)] if soft else breaks


def read_sentences(doc: Document, lexicon: Lexicon) -> list[Sentence]:
    """The document's sentences (the whole text when the nlp stage gave none), with their cues, nouns and
    mentions."""
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
        cues = {
            name: found for name, phrases in lexicon.cues.items() if (found := phrases.find(text, span.start))
        }
        inside = mentions[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
        sentence = Sentence(index, span, paragraph, text, words, cues, masked=_quotations(text, span.start))
        sentence.mentions = [m for m in inside if span.contains(m.span)]
        places = [m.span for m in sentence.mentions_of("PLACE")]
        sentence.nouns = [
            _as_victim(sentence, noun)
            for noun in _find_nouns(text, span.start, lexicon.nouns)
            if not any(noun.span.overlaps(place) for place in places)
        ]
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
    kept: list[Noun] = []
    for noun in sorted(found, key=lambda n: (n.span.start - n.span.end, n.span.start)):
        if not any(noun.span.overlaps(other.span) for other in kept):
            kept.append(noun)
    return sorted(kept, key=lambda n: n.span)


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
