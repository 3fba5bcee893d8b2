"""An event's arguments: when, where, and who (initiator and target), each with the span behind it.

When: the first date in the trigger's sentence (not one that bounds it: "since December"), else in the
other sentences that report the event, else the article's dominant recent date with at least week precision,
else the publication day with week precision (ACLED practice for "recent" undated reports; no span backs
it). Nothing is invented when the article is undated and says no date.

Where: the geo stage's ``event_place`` for the trigger; a list of places ("curfews in Latakia, Tartus
and Homs") makes one event per place, as ACLED codes one event per location.

Who: actor1 initiates, actor2 is the target or opponent (ACLED: in violence against civilians the
civilians are actor2). Protests and riots have generic protester/rioter actors of the event's country
when the text names none, as ACLED codes them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

from sitrep.events import roles
from sitrep.events.context import Sentence, event_dates
from sitrep.events.flags import HISTORICAL_BEFORE
from sitrep.events.merge import Frame
from sitrep.events.triggers import Trigger
from sitrep.model import Actor, Document, Mention, Span
from sitrep.taxonomy import (
    ACTOR_TYPES,
    CIVILIANS,
    POLITICAL_MILITIAS,
    PROTESTERS,
    PROTESTS,
    RIOTERS,
    RIOTS,
    VAC,
    event_type_of,
)

_WEEK_PRECISION = 2
# Remote violence that only an armed actor carries out: an unnamed perpetrator is an Unidentified Armed
# Group (ACLED codebook), as the actors stage names "unknown gunmen".
UNIDENTIFIED = "Unidentified Armed Group"
_PERPETRATED = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})
_CROWDS = frozenset({PROTESTERS, RIOTERS, CIVILIANS})
_ASSOCIATES = {"actor1": "assoc_actor_1", "actor2": "assoc_actor_2"}
_LIST_JOINERS = frozenset({",", "and", ", and", "or", ", or", "&"})


@dataclass(frozen=True, slots=True)
class When:
    day: date | None
    precision: int | None
    span: Span | None = None


def event_when(frame: Frame, article_when: When) -> When:
    """The event's date: the first its trigger sentences give, else the article's (``article_when``)."""
    for sentence in [frame.main.sentence, *frame.trigger_sentences()]:
        dated = event_dates(sentence)
        if dated:
            first = dated[0]
            return When(first.value.day, first.value.precision, first.span)
    return article_when


def article_when(doc: Document, sentences: list[Sentence]) -> When:
    """The date of an event the article does not date: its most reported recent date, or its publication
    day, at week precision at best; nothing when the article gives neither."""
    published = doc.article.published
    recent = [
        mention
        for sentence in sentences
        for mention in event_dates(sentence)
        if published is None or published - HISTORICAL_BEFORE <= mention.value.day <= published
    ]
    if recent:
        counts = Counter(mention.value.day for mention in recent)
        top = max(recent, key=lambda m: (counts[m.value.day], -m.span.start))
        return When(top.value.day, max(top.value.precision or _WEEK_PRECISION, _WEEK_PRECISION), top.span)
    if published is not None:
        return When(published, _WEEK_PRECISION)
    return When(None, None)


def event_places(text: str, frame: Frame) -> list[Mention | None]:
    """One place per event the frame makes: its place, and the places listed together with it."""
    place = frame.place()
    if place is None:
        return [None]
    sentence = next((s for s in frame.sentences if s.span.contains(place.span)), None)
    if sentence is None:
        return [place]
    return _listed_with(text, sentence, place)


def _listed_with(text: str, sentence: Sentence, place: Mention) -> list[Mention]:
    """The run of places joined by commas and "and" that ``place`` is in ("Latakia, Tartus, and Homs")."""
    places = sentence.mentions_of("PLACE")
    runs: list[list[Mention]] = []
    for mention in places:
        if runs and _joined(text[runs[-1][-1].span.end : mention.span.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return next((run for run in runs if place in run), [place])


def _joined(gap: str) -> bool:
    return " ".join(gap.split()) in _LIST_JOINERS


@dataclass(slots=True)
class Parties:
    actor1: Actor | None = None
    assoc_actor_1: list[Actor] = field(default_factory=list)
    actor2: Actor | None = None
    assoc_actor_2: list[Actor] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)


def event_parties(frame: Frame, sub_event_type: str, country: str | None) -> Parties:
    """actor1 (initiator) and actor2 (target or opponent) with their associates."""
    event_type = event_type_of(sub_event_type)
    first, second = _sides(frame, crowd=event_type in (PROTESTS, RIOTS))
    parties = Parties()
    _fill(parties, "actor1", first)
    _fill(parties, "actor2", [m for m in second if not _same_actor(m, parties.actor1)])
    if sub_event_type in _PERPETRATED and parties.actor1 is None and country is not None:
        parties.actor1 = Actor(
            f"Unidentified Armed Group ({country})", inter=POLITICAL_MILITIAS, country=country
        )
    if event_type == PROTESTS:
        _ensure_generic(parties, "actor1", PROTESTERS, country)
    elif event_type == RIOTS:
        _ensure_generic(parties, "actor1", RIOTERS, country)
    elif event_type == VAC:
        _ensure_generic(parties, "actor2", CIVILIANS, country)
    return parties


def _sides(frame: Frame, crowd: bool) -> tuple[list[Mention], list[Mention]]:
    """Named actors on each side of the main trigger; other triggers of the frame fill an empty side. A
    pair the text names together ("fighting between A and B") is the most explicit and comes first.
    Civilians initiate no violence (ACLED codes them as its victims): named before a trigger ("civilians
    were killed in air strikes") they are on the receiving side, unless the event is the ``crowd``'s own
    (a protest or riot, where they become protesters or rioters)."""
    triggers = [frame.main, *(t for t in frame.triggers if t is not frame.main)]
    first: list[Mention] = []
    second: list[Mention] = []
    for pair in chain(_named_pairs(triggers), (_pair(t) for t in triggers)):
        victims = [] if crowd else [m for m in pair[0].actors if m.value.inter == CIVILIANS]
        first = first or [m for m in pair[0].actors if m not in victims]
        second = second or victims + pair[1].actors
        if first and second:
            break
    first = _unique(first)
    return first, _unique([m for m in second if m.value.name not in {f.value.name for f in first}])


def _pair(trigger: Trigger) -> tuple[roles.Side, roles.Side]:
    return roles.paired_sides(trigger.sentence, trigger.span) or (
        roles.initiator(trigger.sentence, trigger.span),
        roles.target(trigger.sentence, trigger.span),
    )


def _named_pairs(triggers: list[Trigger]) -> list[tuple[roles.Side, roles.Side]]:
    """The "between A and B" pairs of the triggers that name an actor on both sides."""
    pairs = [
        roles.paired_sides(t.sentence, t.span) for t in triggers if t.sentence.word_after(t.span) == "between"
    ]
    return [pair for pair in pairs if pair is not None and pair[0].actors and pair[1].actors]


def _fill(parties: Parties, slot: str, mentions: list[Mention]) -> None:
    if not mentions:
        return
    setattr(parties, slot, mentions[0].value)
    setattr(parties, _ASSOCIATES[slot], [m.value for m in mentions[1:]])
    parties.spans[slot] = [m.span for m in mentions]


def _ensure_generic(parties: Parties, slot: str, inter: int, country: str | None) -> None:
    """ACLED names protesters, rioters and civilians after their type and country.

    The crowd a protest or riot names ("residents", "civilians") becomes the generic actor of the event's
    type; an armed or state actor named in that slot (the police who intervened) becomes actor2.
    """
    actor = getattr(parties, slot)
    if country is None or (actor is not None and actor.inter == inter):
        return
    if actor is not None and actor.inter not in _CROWDS:
        if slot == "actor2" or parties.actor2 is not None:
            return
        parties.actor2, parties.assoc_actor_2 = actor, parties.assoc_actor_1
        parties.assoc_actor_1 = []
        parties.spans["actor2"] = parties.spans.pop("actor1", [])
    setattr(parties, slot, Actor(name=f"{ACTOR_TYPES[inter]} ({country})", inter=inter, country=country))


def _same_actor(mention: Mention, actor: Actor | None) -> bool:
    return actor is not None and mention.value.name == actor.name


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.value.name, mention)
    return list(seen.values())
