"""From a document's mentions to ACLED-style events, each field backed by the spans it came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sitrep.events.arguments import When, article_when, event_parties, event_places, event_when
from sitrep.events.codebook import frame_type
from sitrep.events.context import Sentence, read_sentences
from sitrep.events.fatalities import KILLED, ClaimantOf, Reported, casualty_claims, fatalities
from sitrep.events.flags import allegation, historical, mark_cumulative
from sitrep.events.lexicon import Lexicon, load_lexicon
from sitrep.events.merge import Frame, build_frames
from sitrep.events.triggers import Trigger, find_triggers
from sitrep.geo.locate import event_place, main_country
from sitrep.model import Document, Event, Fatalities, Mention, Span
from sitrep.taxonomy import event_type_of

# Confidence weights: where the event is told (the lead carries what an article is about), how often,
# how deadly relative to the article's other events, and how completely it is known.
_BASE = 0.3
_POSITION = 0.3
_RETELLING = 0.15
_TOLL = 0.15
_KNOWN_FIELD = 0.05
_ALLEGED = 0.15
_HISTORICAL = 0.3
_SPLIT_STEP = 0.01


def detect_events(doc: Document) -> list[Event]:
    """The events an analysed document reports, in text order."""
    lexicon = load_lexicon()
    sentences = read_sentences(doc, lexicon)
    mark_cumulative(sentences, doc.article.published)
    triggers = {s.index: found for s in sentences if (found := find_triggers(s, lexicon))}
    frames = build_frames(sentences, triggers, lexicon, lambda span: event_place(doc, span))
    claimant_of = _claimant_finder(doc, sentences)
    undated = article_when(doc, sentences)
    drafts = [draft for frame in frames for draft in _drafts(doc, frame, undated, lexicon, claimant_of)]
    _score(drafts, len(sentences))
    return [draft.event for draft in drafts]


@dataclass(slots=True)
class _Draft:
    event: Event
    frame: Frame
    split_index: int
    dated_by_text: bool


def _drafts(
    doc: Document, frame: Frame, undated: When, lexicon: Lexicon, claimant_of: ClaimantOf
) -> list[_Draft]:
    main = frame.main
    sub_event_type, deciding = frame_type(main, frame.triggers, frame.sentences)
    when = event_when(frame, undated)
    reported = casualty_claims(
        doc, frame.sentences, claimant_of, deaths=lexicon.sub_events[sub_event_type].lethal
    )
    sources, source_spans = _sources(doc, frame, reported, claimant_of)
    alleged_by = allegation(main.sentence, main.span)
    drafts = []
    for index, place in enumerate(event_places(doc.text, frame)):
        event = Event(
            article_id=doc.article.id,
            event_id=_event_id(doc.article.id, sub_event_type, main.span, place),
            event_type=event_type_of(sub_event_type),
            sub_event_type=sub_event_type,
            event_date=when.day,
            time_precision=when.precision,
            place=place.value if place else None,
            sources=sources,
            notes=" ".join(main.sentence.text.split()),
            alleged=alleged_by is not None,
            historical=historical(when.day, doc.article.published),
        )
        _cite_type(event, main, deciding)
        _fill_parties(doc, event, frame, place, main)
        _fill_when(event, when)
        if index == 0:
            _fill_fatalities(event, reported)
        _cite(event, "location", place.span if place else None)
        _cite(event, "source", *source_spans)
        _cite(event, "alleged", alleged_by)
        drafts.append(_Draft(event, frame, index, when.span is not None))
    return drafts


def _cite(event: Event, field_name: str, *spans: Span | None) -> None:
    """Cite the spans behind a field; a field no span backs gets no evidence entry."""
    if any(span is not None for span in spans):
        event.cite(field_name, *spans)


def _cite_type(event: Event, main: Trigger, deciding: list[Span]) -> None:
    _cite(event, "event_type", main.span)
    _cite(event, "sub_event_type", main.span, *deciding)
    _cite(event, "notes", main.sentence.span)


def _fill_parties(doc: Document, event: Event, frame: Frame, place: Mention | None, main: Trigger) -> None:
    country = place.value.country if place and place.value.country else main_country(doc)
    parties = event_parties(frame, event.sub_event_type, country)
    event.actor1, event.assoc_actor_1 = parties.actor1, parties.assoc_actor_1
    event.actor2, event.assoc_actor_2 = parties.actor2, parties.assoc_actor_2
    for slot in ("actor1", "actor2"):
        if getattr(event, slot) is not None:
            _cite(event, slot, *parties.spans.get(slot, [main.span]))


def _fill_when(event: Event, when: When) -> None:
    _cite(event, "event_date", when.span)
    if event.historical:
        _cite(event, "historical", when.span)


def _fill_fatalities(event: Event, reported: list[Reported]) -> None:
    event.claims = [r.claim for r in reported]
    event.fatalities = fatalities(reported) if reported else Fatalities()
    if event.fatalities.best is not None:
        _cite(event, "fatalities", *(r.claim.span for r in reported if r.claim.kind == KILLED))


def _sources(
    doc: Document, frame: Frame, reported: list[Reported], claimant_of: ClaimantOf
) -> tuple[list[str], list[Span]]:
    """Who reported the event: its sentences' claimants, its figures' claimants, then the outlet."""
    found = [claimant_of(sentence, sentence.span) for sentence in frame.sentences]
    names: list[str] = []
    spans: list[Span] = []
    for mention in found:
        if mention is not None and not _named(mention.value, names):
            names.append(mention.value)
            spans.append(mention.span)
    for claim in (r.claim for r in reported):
        if claim.claimant and claim.claimant_span and not _named(claim.claimant, names):
            names.append(claim.claimant)
            spans.append(claim.claimant_span)
    if doc.article.source and not _named(doc.article.source, names):
        names.append(doc.article.source)
    return names, spans


def _named(name: str, names: list[str]) -> bool:
    """Already listed, in full or as part of a longer name ("Kneifati" after "Mustafa Kneifati")."""
    return any(name in known for known in names)


def _claimant_finder(doc: Document, sentences: list[Sentence]) -> ClaimantOf:
    """Who reported what a sentence says: its own nearest attribution, or the one carried over from the
    sentence before it in the same paragraph ("The Observatory said ... . Fighters killed 16 ...")."""
    own = {s.index: s.mentions_of("CLAIMANT") for s in sentences}

    def claimant_of(sentence: Sentence, span: Span) -> Mention | None:
        if own[sentence.index]:
            return min(own[sentence.index], key=lambda m: abs(m.span.start - span.start))
        previous = sentences[sentence.index - 1] if sentence.index else None
        if previous is not None and previous.paragraph == sentence.paragraph and own[previous.index]:
            return own[previous.index][-1]
        return None

    return claimant_of


def _event_id(article_id: str, sub_event_type: str, trigger: Span, place: Mention | None) -> str:
    key = f"{article_id}|{sub_event_type}|{trigger.start}|{place.span.start if place else ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _score(drafts: list[_Draft], sentence_count: int) -> None:
    """Confidence in [0, 1]; the event the article is mainly about scores highest."""
    worst_toll = max((d.event.fatalities.best or 0 for d in drafts), default=0)
    for draft in drafts:
        event, frame = draft.event, draft.frame
        first = min(t.sentence.index for t in frame.triggers)
        score = _BASE + _POSITION * (1 - first / max(sentence_count, 1))
        score += _RETELLING * min(1.0, (len(frame.triggers) - 1) / 3)
        if worst_toll:
            score += _TOLL * (event.fatalities.best or 0) / worst_toll
        score += _KNOWN_FIELD * (event.place is not None) + _KNOWN_FIELD * draft.dated_by_text
        score -= _ALLEGED * event.alleged + _HISTORICAL * event.historical + _SPLIT_STEP * draft.split_index
        event.confidence = min(0.99, max(0.05, score))
