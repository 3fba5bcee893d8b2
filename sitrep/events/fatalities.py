"""Casualty claims and the fatality figures of an event.

A count is a death toll when a death word governs it: right before it ("killing 5", "the lives of at least
16", "the death toll rose to 12"), or as the next casualty word of its clause when that word says what
befell the count ("over 28 loyalists ... were killed", "5 soldiers died"; not "3 assailants killed a
journalist"); an injury word makes it a number of injured instead ("killed 5 and wounded 7"). A count
joined to a governed one shares its word ("killed 8 civilians in X and 7 in Y"). "Casualties" alone counts
neither (ACLED: casualties mix dead and wounded), nor does a count of things ("5 vehicles") or of the
perpetrators ("by 3 gunmen"). The noun after the count says whose deaths they are (civilians, state
forces, an armed group; victims.tsv); a singular victim ("a farmer was shot dead", "killing him") is one.

Figures follow ACLED's conservative practice (``_combined``): a source's figures add up within a sentence,
its whole tolls compete with each other (the lowest kept), and different sources give their lowest; parts
of a toll ("including two children") add nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from sitrep.events.context import Noun, Sentence
from sitrep.events.flags import cumulative
from sitrep.model import Claim, Count, Document, Fatalities, Mention, Span

KILLED = "killed"
INJURED = "injured"
TOTAL = "total"
PERSON_CATEGORIES = ("civilians", "state_forces", "armed_group")

_BRIDGE_WORDS = frozenset({"of", "to", "as", "at", "rose", "reached", "climbed", "stands", "stood", "coded"})
_BRIDGE_WINDOW = 2
_NOUN_WINDOW = 4
_CASUALTY_WINDOW = 12
_ARTICLE_WINDOW = 3
_DETERMINERS = frozenset({"a", "an", "one", "1", "the"})
_OBJECT_PRONOUNS = frozenset({"him", "her"})  # "killing him"
_SUBJECT_PRONOUNS = frozenset({"he", "she"})  # "He died at once"
_CASUALTY_CUES = (("death", KILLED), ("injury", INJURED))
_JOINED = re.compile(r"(?:,|\band\b)\s*$")

ClaimantOf = Callable[[Sentence, Span], Mention | None]


@dataclass(slots=True)
class Reported:
    """A claim, the sentence that makes it, and whether it is part of a toll given elsewhere ("including
    two children")."""

    claim: Claim
    sentence: int
    part_of_total: bool = False


def casualty_claims(
    doc: Document, sentences: list[Sentence], claimant_of: ClaimantOf, deaths: bool = True
) -> list[Reported]:
    """Every casualty figure the sentences report (deaths only when ``deaths``), with who reported it."""
    found: list[Reported] = []
    for sentence in sentences:
        for reported in _claims_in(sentence):
            claim = reported.claim
            if claim.kind == KILLED and not deaths:
                continue
            claimant = claimant_of(sentence, claim.span)
            if claimant is not None:
                claim.claimant, claim.claimant_span = claimant.value, claimant.span
            claim.article_id = doc.article.id
            found.append(reported)
    return found


def _claims_in(sentence: Sentence) -> Iterator[Reported]:
    counts = [
        mention
        for mention in sentence.mentions_of("COUNT")
        if isinstance(mention.value, Count)
        and not sentence.is_masked(mention.span)
        and not cumulative(sentence, mention.span)
    ]
    spans = [mention.span for mention in counts]
    counted: list[Span] = []
    governing: tuple[Span, str] | None = None  # the last count a casualty word right before it governs
    for mention in counts:
        if _counts_things(sentence, mention.span) or _is_agent(sentence, mention.span):
            continue
        kind = _governed(sentence, mention.span, spans) or _coordinated(sentence, mention.span, governing)
        if kind is None:
            continue
        governing = (mention.span, kind) if _bridged_kind(sentence, mention.span) else governing
        counted.append(mention.span)
        yield _claim(mention.value, kind, _category_after(sentence, mention.span), mention.span, sentence)
    yield from _singular_victims(sentence, counted)
    yield from _pronoun_victims(sentence, counted)
    for span in sentence.hits("no_casualties"):
        yield Reported(Claim(figure=0, category=TOTAL, kind=KILLED, low=0, high=0, span=span), sentence.index)


def _claim(count: Count, kind: str, category: str, span: Span, sentence: Sentence) -> Reported:
    claim = Claim(
        figure=count.best,
        category=category,
        kind=kind,
        qualifier=count.qualifier,
        low=count.low,
        high=count.high,
        span=span,
    )
    subset = sentence.cue_before("subset", span, window=1, soft=False) is not None
    return Reported(claim, sentence.index, part_of_total=subset)


def _governed(sentence: Sentence, span: Span, counts: list[Span]) -> str | None:
    """killed / injured for a count a casualty word governs ("killing 5", "5 soldiers were killed")."""
    before = _bridged_kind(sentence, span)
    if before is not None:
        return before
    after = [
        (hit, kind)
        for cue, kind in _CASUALTY_CUES
        if (hit := sentence.cue_after(cue, span, _CASUALTY_WINDOW, soft=False)) is not None
    ]
    if not after:
        return None
    hit, kind = min(after, key=lambda found: found[0].start)
    governs_another = any(other.start > hit.end and _bridged(sentence, hit, other) for other in counts)
    return kind if _befalls_subject(sentence, hit) and not governs_another else None


def _befalls_subject(sentence: Sentence, cue: Span) -> bool:
    """A casualty word saying what befell the words before it ("5 soldiers died", "were killed"), not an
    active verb whose subject did the killing ("3 assailants killed a journalist")."""
    passive = sentence.cue_before("passive", cue, 2, soft=False) is not None
    return passive or any(hit.overlaps(cue) for hit in sentence.hits("casualty_state"))


def _bridged_kind(sentence: Sentence, span: Span) -> str | None:
    """The casualty word right before a count ("killing 5", "the lives of 16", "the toll rose to 12")."""
    for cue, kind in _CASUALTY_CUES:
        before = sentence.cue_before(cue, span, _BRIDGE_WINDOW, soft=False)
        if before is not None and _bridged(sentence, before, span):
            return kind
    return None


def _coordinated(sentence: Sentence, span: Span, governing: tuple[Span, str] | None) -> str | None:
    """A count joined to one a casualty word governs: "killed 8 civilians in X and 7 civilians in Y"."""
    if governing is None:
        return None
    previous, kind = governing
    between = sentence.text[previous.end - sentence.span.start : span.start - sentence.span.start]
    interrupted = any(previous.end < hit.start < span.start for hit in _cue_hits(sentence))
    return kind if _JOINED.search(between) and not interrupted else None


def _cue_hits(sentence: Sentence) -> list[Span]:
    return [hit for cue, _ in _CASUALTY_CUES for hit in sentence.hits(cue)]


def _bridged(sentence: Sentence, cue: Span, count: Span) -> bool:
    """Only bridge words ("the lives of", "the toll rose to") between a casualty word and a count."""
    between = [w for w in sentence.words if cue.end <= w.start and w.end <= count.start]
    return all(sentence.of(word).lower() in _BRIDGE_WORDS for word in between)


def _is_agent(sentence: Sentence, span: Span) -> bool:
    """Words after "by" name who did it ("shot dead by an armed individual"), not a victim."""
    before = [w for w in sentence.words if w.end <= span.start][-_ARTICLE_WINDOW:]
    return any(sentence.of(word).lower() == "by" for word in before)


def _counts_things(sentence: Sentence, span: Span) -> bool:
    """A count of things ("5 vehicles", "3 houses"), not of people."""
    following = [noun for noun in sentence.nouns if noun.span.start >= span.end]
    return (
        bool(following)
        and following[0].number == "thing"
        and sentence.words_between(span, following[0].span) <= 2
    )


def _category_after(sentence: Sentence, span: Span) -> str:
    nouns = [
        noun
        for noun in sentence.nouns
        if noun.span.start >= span.end
        and noun.number != "thing"
        and sentence.words_between(span, noun.span) <= _NOUN_WINDOW
    ]
    return nouns[0].category if nouns else TOTAL


def _singular_victims(sentence: Sentence, counted: list[Span]) -> Iterator[Reported]:
    """One death (or injury) per "a/the/1 <person>" a casualty word governs where no count is given."""
    for noun in sentence.nouns:
        if noun.number != "one" or noun.category == TOTAL or _near_count(sentence, noun, counted):
            continue
        if _is_agent(sentence, noun.span) or not _determined(sentence, noun):
            continue
        kind = _object_of(sentence, noun.span) or _governed(sentence, noun.span, counted)
        if kind is not None:
            claim = Claim(figure=1, category=noun.category, kind=kind, low=1, high=1, span=noun.span)
            yield Reported(claim, sentence.index)


def _pronoun_victims(sentence: Sentence, counted: list[Span]) -> Iterator[Reported]:
    """One death (or injury) per "him"/"her" right after a casualty word ("killing him") and per
    "he"/"she" a casualty word befalls ("He died at once")."""
    for word in sentence.words:
        pronoun = sentence.of(word).lower()
        if pronoun in _OBJECT_PRONOUNS:
            kind = _bridged_kind(sentence, word)
        elif pronoun in _SUBJECT_PRONOUNS:
            kind = _governed(sentence, word, counted)
        else:
            continue
        if kind is not None:
            claim = Claim(figure=1, category=TOTAL, kind=kind, low=1, high=1, span=word)
            yield Reported(claim, sentence.index)


def _determined(sentence: Sentence, noun: Noun) -> bool:
    """A singular noun phrase: "a farmer", "one soldier", "the village chief"."""
    before = [w for w in sentence.words if w.end <= noun.span.start][-_ARTICLE_WINDOW:]
    return any(sentence.of(word).lower() in _DETERMINERS for word in before)


def _near_count(sentence: Sentence, noun: Noun, counted: list[Span]) -> bool:
    return any(
        span.end <= noun.span.start and sentence.words_between(span, noun.span) <= _NOUN_WINDOW
        for span in counted
    )


def _object_of(sentence: Sentence, span: Span) -> str | None:
    """killed / injured when the noun is the object of a casualty verb ("killed a farmer")."""
    for cue, kind in _CASUALTY_CUES:
        if sentence.cue_before(cue, span, _ARTICLE_WINDOW, soft=False) is not None:
            return kind
    return None


def fatalities(reported: list[Reported]) -> Fatalities:
    """Best/low/high deaths, deaths by category, and the injured, from an event's claims."""
    deaths = _estimate([r for r in reported if r.claim.kind == KILLED])
    injuries = _estimate([r for r in reported if r.claim.kind == INJURED])
    deaths.injured = injuries.best
    return deaths


def _estimate(reported: list[Reported]) -> Fatalities:
    """Figures of one kind of casualty, the way ACLED reads its sources (see ``_combined``). A part of a
    toll given in its sentence ("including two children") adds nothing."""
    counted = [r for r in reported if not r.part_of_total] or reported
    if any(r.claim.figure > 0 for r in counted):
        counted = [r for r in counted if r.claim.figure > 0]
    if not counted:
        return Fatalities()
    total = _combined(counted)
    by_category = {
        category: _combined(group).best
        for category in PERSON_CATEGORIES
        if (group := [r for r in counted if r.claim.category == category])
    }
    return Fatalities(best=total.best, low=total.low, high=total.high, by_category=by_category)


class Figure(NamedTuple):
    best: int
    low: int
    high: int


def _combined(reported: list[Reported]) -> Figure:
    """One toll from many claims: each source's figure (``_source_figure``), the lowest across sources."""
    by_source: dict[str | None, dict[int, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for r in reported:
        by_source[r.claim.claimant][r.sentence].append(r.claim)
    figures = [_source_figure(list(sentences.values())) for sentences in by_source.values()]
    return Figure(
        best=min(f.best for f in figures),
        low=min(f.low for f in figures),
        high=max(f.high for f in figures),
    )


def _source_figure(sentences: list[list[Claim]]) -> Figure:
    """One source's toll. Its figures add up within a sentence ("two policemen and one polio worker were
    killed"). A sentence giving a whole toll (people of any kind, or a breakdown over several kinds)
    competes with the source's other whole tolls, the lowest kept; a sentence about one kind of victim
    ("four civilians were also killed") is part of the whole, which is at least as large."""
    figures = [(_summed(claims), _is_whole(claims)) for claims in sentences]
    parts = [figure for figure, whole in figures if not whole]
    wholes = [figure for figure, whole in figures if whole]
    largest_part = max(parts, key=lambda f: f.best, default=Figure(0, 0, 0))
    best = max(min((f.best for f in wholes), default=0), largest_part.best)
    every = [figure for figure, _ in figures]
    return Figure(best, min(min(f.low for f in every), best), max(f.high for f in every))


def _is_whole(claims: list[Claim]) -> bool:
    return any(c.category == TOTAL for c in claims) or len({c.category for c in claims}) > 1


def _summed(claims: list[Claim]) -> Figure:
    return Figure(
        best=sum(c.figure for c in claims),
        low=sum(c.figure if c.low is None else c.low for c in claims),
        high=sum(max(c.figure, c.high or 0) for c in claims),
    )
