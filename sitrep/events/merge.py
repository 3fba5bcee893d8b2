"""In-article merge: the sentences that tell one event become one frame.

ACLED codes one event per actors, place and day. An article tells an event over several sentences: the
lead reports "clashes", the next sentence places "the battles" in a town, a third gives the toll "in the
confrontations". Three rules gather them:

* a sentence without a trigger continues the event before it in its paragraph (tolls, sources, details,
  the day);
* the next sentence of a paragraph joins the event before it when it reports the same type, when one type
  absorbs the other (a strike within a battle, arrests at a protest, looting during an attack;
  sub_event_types.tsv) or when its trigger refers back ("the attacks"); a protest takes in only what is
  about its protesters ("Police dispersed them"), and a sentence opening "Elsewhere, ..." or naming a new
  place starts another event;
* further on, a report of the same violent type joins an earlier one unless place, day or actors tell
  them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sitrep.events import roles
from sitrep.events.context import Sentence, event_dates
from sitrep.events.lexicon import Lexicon
from sitrep.events.triggers import ARRESTS, Trigger
from sitrep.model import Mention, Place, Span

Locator = Callable[[Span], Mention | None]

_COUNTRY = 4
_REGION = 3


@dataclass(slots=True)
class Frame:
    """One event as the article tells it: its triggers and the sentences about it, in text order."""

    main: Trigger  # the trigger that types the event
    triggers: list[Trigger]
    sentences: list[Sentence]
    places: list[Mention] = field(default_factory=list)  # located in the sentences of its triggers
    inherited: list[Mention] = field(default_factory=list)  # located from earlier text or the article
    days: set[date] = field(default_factory=set)  # dates its sentences give
    actors: set[str] = field(default_factory=set)  # actors named around its triggers

    @property
    def sub_event_type(self) -> str:
        return self.main.sub_event_type

    @property
    def last(self) -> Sentence:
        return self.sentences[-1]

    def absorb(self, other: Frame, retype: bool = False) -> None:
        """Take in ``other``'s triggers and sentences; ``retype`` when ``other``'s type is the event's."""
        if retype:
            self.main = other.main
        self.triggers.extend(other.triggers)
        self.places.extend(other.places)
        self.inherited.extend(other.inherited)
        self.days |= other.days
        self.actors |= other.actors
        self.sentences = sorted({s.index: s for s in self.sentences + other.sentences}.values(), key=_index)

    def own_place(self) -> Mention | None:
        """The most precise place its own sentences name for it."""
        return min(self.places, key=lambda m: _coarseness(m.value), default=None)

    def place(self) -> Mention | None:
        """Its own place, else the one the text before it or the article gives."""
        return self.own_place() or (self.inherited[0] if self.inherited else None)

    def trigger_sentences(self) -> list[Sentence]:
        indices = {t.sentence.index for t in self.triggers}
        return [s for s in self.sentences if s.index in indices]


def build_frames(
    sentences: list[Sentence],
    triggers: dict[int, list[Trigger]],
    lexicon: Lexicon,
    locate: Locator,
) -> list[Frame]:
    """Frames in text order, each one event."""
    frames: list[Frame] = []
    for sentence in sentences:
        previous = frames[-1] if frames and frames[-1].last.paragraph == sentence.paragraph else None
        found = triggers.get(sentence.index, [])
        if not found:
            if previous is not None:
                previous.sentences.append(sentence)
                previous.days |= _days(sentence)
            continue
        frame = _frame(sentence, found, locate)
        host = _host(frames, previous, frame, lexicon)
        if host is None:
            frames.append(frame)
        else:
            host.absorb(frame, retype=_retypes(host, frame, lexicon))
    return frames


def _frame(sentence: Sentence, triggers: list[Trigger], locate: Locator) -> Frame:
    """A sentence's event, typed by its highest-ranked trigger (the first of equals)."""
    main = max(triggers, key=lambda t: (t.rank, -t.span.start))
    frame = Frame(main, list(triggers), [sentence])
    place = locate(main.span)
    if place is not None:
        (frame.places if sentence.span.contains(place.span) else frame.inherited).append(place)
    frame.days = _days(sentence)
    sides = roles.initiator(sentence, main.span), roles.target(sentence, main.span)
    frame.actors = {mention.value.name for side in sides for mention in side.actors}
    return frame


def _days(sentence: Sentence) -> set[date]:
    return {mention.value.day for mention in event_dates(sentence)}


def _retypes(host: Frame, part: Frame, lexicon: Lexicon) -> bool:
    """A later report that absorbs the earlier one types the merged event (an attack, then the clash)."""
    earlier, later = host.sub_event_type, part.sub_event_type
    return not part.main.anaphoric and lexicon.absorbs(later, earlier) and not lexicon.absorbs(earlier, later)


def _host(frames: list[Frame], previous: Frame | None, frame: Frame, lexicon: Lexicon) -> Frame | None:
    """The earlier frame this one reports part of, if any."""
    if previous is not None and _continues(previous, frame, lexicon):
        return previous
    candidates = [f for f in reversed(frames) if _same_event(f, frame, lexicon)]
    if frame.main.anaphoric and _is_violent(frame, lexicon):
        candidates += [f for f in reversed(frames) if _is_violent(f, lexicon) and _same_days(f, frame)]
    return candidates[0] if candidates else None


def _continues(previous: Frame, frame: Frame, lexicon: Lexicon) -> bool:
    """The next sentence of a paragraph reports part of the event before it."""
    if _opens_new_event(frame.sentences[0]) or not (frame.main.anaphoric or _same_days(previous, frame)):
        return False
    here, there = previous.own_place(), frame.own_place()
    if there is not None and (here is None or not places_agree(here, there)):
        return frame.main.anaphoric
    earlier, later = previous.sub_event_type, frame.sub_event_type
    if earlier == later or frame.main.anaphoric:
        return True
    if _is_protest(previous) and later != ARRESTS and not _about_protesters(frame):
        return False
    return lexicon.absorbs(earlier, later) or (lexicon.absorbs(later, earlier) and not _is_protest(frame))


def _same_event(earlier: Frame, later: Frame, lexicon: Lexicon) -> bool:
    """A retelling further on: the same violent type, and nothing in place, day or actors tells them apart."""
    if earlier.sub_event_type != later.sub_event_type or not _is_violent(later, lexicon):
        return False
    if not _compatible(earlier, later):
        return False
    first, second = earlier.own_place(), later.own_place()
    if first is None or second is None:
        return first is second and earlier.last.paragraph == later.sentences[0].paragraph
    return places_agree(first, second)


def _compatible(first: Frame, second: Frame) -> bool:
    """Neither different days nor different actors."""
    return _same_days(first, second) and not (
        first.actors and second.actors and not first.actors & second.actors
    )


def _same_days(first: Frame, second: Frame) -> bool:
    return not (first.days and second.days and not first.days & second.days)


def _is_violent(frame: Frame, lexicon: Lexicon) -> bool:
    return lexicon.sub_events[frame.sub_event_type].lethal


def _is_protest(frame: Frame) -> bool:
    return any(t.kind == "protest" for t in frame.triggers)


def _about_protesters(frame: Frame) -> bool:
    """A sentence that goes on about protesters ("Police dispersed them"), not about someone else."""
    return _is_protest(frame) or any(s.has("protest_reference") for s in frame.sentences)


def _opens_new_event(sentence: Sentence) -> bool:
    """ "Elsewhere, ...", "In a separate attack, ..." within the sentence's first words."""
    opening = Span(sentence.span.start, sentence.span.start)
    return any(sentence.words_between(opening, hit) <= 1 for hit in sentence.hits("new_event"))


def places_agree(first: Mention | None, second: Mention | None) -> bool:
    """Two places that may be the same event's: unknown, equal, or one within the other."""
    if first is None or second is None:
        return True
    a, b = first.value, second.value
    return _same(a, b) or _within(a, b) or _within(b, a)


def _same(a: Place, b: Place) -> bool:
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    return a.name == b.name and a.country == b.country


def _within(inner: Place, outer: Place) -> bool:
    """``inner`` lies in ``outer`` when ``outer`` is its country, a loosely named part of it, or its
    first-level region."""
    if outer.country is None or inner.country != outer.country:
        return False
    if _coarseness(outer) == _COUNTRY or (_coarseness(outer) == _REGION and outer.admin1 is None):
        return True  # a country, or a part of it no first-level region bounds ("eastern Syria")
    return _coarseness(outer) == _REGION and outer.admin1 is not None and inner.admin1 == outer.admin1


def _coarseness(place: Place) -> int:
    """1 a town .. 3 a region, 4 a whole country (ACLED geo_precision, with countries after regions)."""
    return _COUNTRY if place.geo_precision is None else place.geo_precision


def _index(sentence: Sentence) -> int:
    return sentence.index
