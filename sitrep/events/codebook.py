"""ACLED codebook rules that need the whole event, not one sentence: protests typed by what happened to
them, and territory that changed hands without fighting.

Protests (ACLED): protesters' own violence or destruction makes a *Violent demonstration* (a riot); lethal
force against peaceful protesters *Excessive force against protesters*; a physical dispersal, arrests or any
other intervention *Protest with intervention*; otherwise a *Peaceful protest*. What a protest is about
(masked in its sentences) and who the protesters are ("relatives of a man killed by police") say nothing of
what happened at it.
"""

from __future__ import annotations

from sitrep.events import roles
from sitrep.events.context import Sentence
from sitrep.events.triggers import ATTACK, MOB_VIOLENCE, Trigger, attributive
from sitrep.model import Span
from sitrep.taxonomy import EVENT_TYPES, PROTESTS, RIOTS, STRATEGIC

VIOLENT_DEMONSTRATION = EVENT_TYPES[RIOTS][0]
PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE = EVENT_TYPES[PROTESTS]
_, ARRESTS, _, _, _, LOOTING, NON_VIOLENT_TRANSFER, _ = EVENT_TYPES[STRATEGIC]

# Main types a protest trigger in the same event turns into a protest type.
_PROTEST_OR_CROWD = frozenset({*EVENT_TYPES[PROTESTS], *EVENT_TYPES[RIOTS], LOOTING, ATTACK, ARRESTS})
_FIGHTING_KINDS = ("clash", "kill", "attack")


def frame_type(main: Trigger, triggers: list[Trigger], sentences: list[Sentence]) -> tuple[str, list[Span]]:
    """The sub-event type of an event told by ``triggers`` over ``sentences``, and the cues deciding it."""
    if any(t.kind == "protest" for t in triggers) and main.sub_event_type in _PROTEST_OR_CROWD:
        return _protest_type(triggers, sentences)
    if main.kind == "capture" and not any(t.kind in _FIGHTING_KINDS for t in triggers):
        peaceful = [hit for sentence in sentences for hit in sentence.hits("peaceful")]
        if peaceful:
            return NON_VIOLENT_TRANSFER, peaceful
    return main.sub_event_type, []


def _protest_type(triggers: list[Trigger], sentences: list[Sentence]) -> tuple[str, list[Span]]:
    crowd_violence = [
        t.span for t in triggers if t.kind == "clash" or t.sub_event_type in (MOB_VIOLENCE, LOOTING)
    ]
    rioting = crowd_violence + _happened(sentences, "rioting")
    if rioting:
        return VIOLENT_DEMONSTRATION, rioting
    intervention = _happened(sentences, "intervention") + [t.span for t in triggers if t.kind == "arrest"]
    lethal = _happened(sentences, "lethal_force")
    if lethal and (intervention or _by_forces(sentences, lethal)):
        return EXCESSIVE_FORCE, lethal + intervention
    if intervention:
        return PROTEST_WITH_INTERVENTION, intervention
    return PEACEFUL_PROTEST, []


def _happened(sentences: list[Sentence], cue: str) -> list[Span]:
    """``cue`` hits that tell what happened at a protest: not denied ("did not intervene") and not about
    who protested ("relatives of a man killed by police")."""
    return [
        hit
        for sentence in sentences
        for hit in sentence.hits(cue)
        if sentence.cue_before("negation", hit, 1) is None and not attributive(sentence, hit)
    ]


def _by_forces(sentences: list[Sentence], hits: list[Span]) -> bool:
    """Some ``hits`` are in a sentence that names state or armed forces ("police fired live rounds")."""
    return any(
        any(noun.category in roles.ARMED for noun in sentence.nouns)
        and any(sentence.span.contains(h) for h in hits)
        for sentence in sentences
    )
