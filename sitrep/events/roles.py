"""Who did what to whom around a trigger, read from word order without a parser.

Active voice puts the initiator before the trigger and the target after it ("militants attacked a
checkpoint"); a passive auxiliary right before the trigger swaps them and puts the initiator after "by"
("a farmer was shot dead by gunmen"). "Clashes between A and B" names both sides after the trigger.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from sitrep.events.context import Sentence, civilian_status
from sitrep.model import Actor, Mention, Span
from sitrep.taxonomy import (
    CIVILIANS,
    EXTERNAL_FORCES,
    IDENTITY_MILITIAS,
    POLITICAL_MILITIAS,
    PROTESTERS,
    REBEL_GROUPS,
    RIOTERS,
    STATE_FORCES,
)

ARMED = ("state_forces", "armed_group", "armed_target")
_CATEGORY_OF_INTER = {
    STATE_FORCES: "state_forces",
    EXTERNAL_FORCES: "state_forces",
    REBEL_GROUPS: "armed_group",
    POLITICAL_MILITIAS: "armed_group",
    IDENTITY_MILITIAS: "armed_group",
    RIOTERS: "crowd",
    PROTESTERS: "civilians",
    CIVILIANS: "civilians",
}
_PAIRING_WORDS = ("between", "with", "against", "among")
_TARGET_WINDOW = 10
_SUBJECT_WINDOW = 8
_AGENT_WINDOW = 4


@dataclass(slots=True)
class Side:
    """One side of an event as the text shows it: its named actors, and the categories of who it is
    (from actors and nouns, a named actor hiding the nouns it spans), its head first."""

    actors: list[Mention] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    crowd: bool = False  # people who are no armed group: "a group of residents", "rioters"

    @property
    def armed(self) -> bool:
        """Its head (the first actor or noun of known affiliation) is armed: "shot a man in police
        custody" is not."""
        known = [category for category in self.categories if category != "total"]
        return bool(known) and known[0] in ARMED


def category_of(actor: Actor) -> str | None:
    return _CATEGORY_OF_INTER.get(actor.inter)


def is_passive(sentence: Sentence, trigger: Span) -> bool:
    return sentence.cue_before("passive", trigger, window=1) is not None


def initiator(sentence: Sentence, trigger: Span) -> Side:
    return _read_once(sentence, "initiator", trigger, _initiator)


def target(sentence: Sentence, trigger: Span) -> Side:
    """Who the event hit: the passive subject (the nearest, "..., he was shot"), else what follows the
    trigger (unknown after "an attack by ...")."""
    return _read_once(sentence, "target", trigger, _target)


def paired_sides(sentence: Sentence, trigger: Span) -> tuple[Side, Side] | None:
    """Both sides of "clashes between A and B" / "fighting with B", when the trigger is followed by one."""
    return _read_once(sentence, "pair", trigger, _paired_sides)


_Reading = TypeVar("_Reading")


def _read_once(
    sentence: Sentence, role: str, trigger: Span, read: Callable[[Sentence, Span], _Reading]
) -> _Reading:
    """A role read once per sentence and trigger: typing, merging and the arguments all ask for it, and
    the sentence's masks are final by the time anyone does (triggers.py masks before it types)."""
    key = (role, trigger.start, trigger.end)
    if key not in sentence.roles:
        sentence.roles[key] = read(sentence, trigger)
    return cast(_Reading, sentence.roles[key])


def _initiator(sentence: Sentence, trigger: Span) -> Side:
    if is_passive(sentence, trigger) or sentence.word_after(trigger) == "by":
        return _agent(sentence, trigger)
    return _before(sentence, trigger)


def _target(sentence: Sentence, trigger: Span) -> Side:
    if is_passive(sentence, trigger):
        side = _before(sentence, trigger, soft=True)
        side.categories.reverse()
        return side
    if sentence.word_after(trigger) == "by":
        return Side()
    return _after(sentence, trigger)


def _paired_sides(sentence: Sentence, trigger: Span) -> tuple[Side, Side] | None:
    if sentence.word_after(trigger) not in _PAIRING_WORDS:
        return None
    after = _after(sentence, trigger)
    if sentence.word_after(trigger) == "between" and len(after.actors) >= 2:
        return _side(sentence, after.actors[:1], []), _side(sentence, after.actors[1:], [])
    return _before(sentence, trigger), after


def _before(sentence: Sentence, trigger: Span, soft: bool = False) -> Side:
    clause = sentence.clause(trigger, soft=soft)
    region = Span(max(clause.start, sentence.reach(trigger, before=_SUBJECT_WINDOW).start), trigger.start)
    near = [m for m in _in(sentence, region) if sentence.words_between(m.span, trigger) <= _SUBJECT_WINDOW]
    side = _side(sentence, [m for m in near if m.label == "ACTOR"], [m for m in near if m.label == "NOUN"])
    side.crowd = _is_crowd(sentence, side, trigger, before=True)
    return side


def _after(sentence: Sentence, trigger: Span) -> Side:
    """What follows the trigger in its clause, up to an agent's "by" ("a man was shot by gunmen")."""
    clause = sentence.clause(trigger)
    reach = sentence.reach(trigger, after=_TARGET_WINDOW)
    agent = next(
        (
            w
            for w in sentence.words_in(Span(trigger.end, reach.end))
            if w.start > trigger.end and sentence.of(w).lower() == "by"
        ),
        None,
    )
    end = min(clause.end, reach.end, agent.start if agent is not None else clause.end)
    region = Span(trigger.start + 1, end)  # a phrase trigger may hold its object ("prevented police from")
    near = [
        m
        for m in _in(sentence, region)
        if not m.span.overlaps(trigger) or m.label == "ACTOR"
        if sentence.words_between(trigger, m.span) <= _TARGET_WINDOW
    ]
    side = _side(sentence, [m for m in near if m.label == "ACTOR"], [m for m in near if m.label == "NOUN"])
    side.crowd = _is_crowd(sentence, side, trigger, before=False)
    return side


def _agent(sentence: Sentence, trigger: Span) -> Side:
    """The "by ..." phrase after a passive trigger."""
    clause = sentence.clause(trigger)
    by = [
        w
        for w in sentence.words_in(Span(trigger.end, sentence.reach(trigger, after=_AGENT_WINDOW).end))
        if trigger.end <= w.start < clause.end and sentence.of(w).lower() == "by"
    ]
    if not by or sentence.words_between(trigger, by[0]) > _AGENT_WINDOW:
        return Side()
    return _after(sentence, by[0])


def _in(sentence: Sentence, region: Span) -> list[Mention]:
    """Actors named in ``region`` and the sentence's nouns there (as NOUN mentions), in text order,
    leaving out what a protest or an arrest is about."""
    actors = [m for m in sentence.mentions_of("ACTOR", region) if not sentence.is_masked(m.span)]
    nouns = [Mention(n.span, "NOUN", sentence.of(n.span), n.category) for n in sentence.nouns_in(region)]
    return sorted(actors + nouns, key=lambda m: m.span)


def _side(sentence: Sentence, actors: list[Mention], nouns: list[Mention]) -> Side:
    """A side's actors and its categories in text order; "an off-duty police officer" is a civilian."""
    named = [(m.span, _actor_category(sentence, m)) for m in actors]
    unnamed = [(n.span, n.value) for n in nouns if not any(n.span.overlaps(m.span) for m in actors)]
    return Side(actors, [category for span, category in sorted(named + unnamed) if category])


def _actor_category(sentence: Sentence, mention: Mention) -> str | None:
    category = category_of(mention.value)
    if category in ("state_forces", "armed_group") and civilian_status(sentence, mention.span):
        return "civilians"
    return category


def _is_crowd(sentence: Sentence, side: Side, trigger: Span, before: bool) -> bool:
    """Rioters named, or people who are no armed group near the trigger ("a group of residents",
    "settlers", "relatives") with no armed actor or noun on their side."""
    if any(mention.value.inter == RIOTERS for mention in side.actors):
        return True
    find = sentence.cue_before if before else sentence.cue_after
    window = _SUBJECT_WINDOW if before else _TARGET_WINDOW
    named = any(find(cue, trigger, window, soft=False) is not None for cue in ("crowd", "unorganised"))
    return named and not any(category in ARMED for category in side.categories)
