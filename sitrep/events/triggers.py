"""Event triggers: the words that report an event, and the ACLED sub-event type each one gives.

Typing follows the ACLED codebook. Lethal violence is an *Attack* when its victims are civilians and an
*Armed clash* when they are armed (state forces, rebels, militias); by a crowd it is *Mob violence*.
Fighting needs an organised armed side to be an *Armed clash*; brawls between supporters are *Mob
violence*. Territory taken by the state's forces is *Government regains territory*, by anyone else
*Non-state actor overtakes territory*. Detentions by the state are *Arrests*, by anyone else *Abduction*.
Which of several triggers in one sentence types it is ``sitrep/data/events/sub_event_types.tsv``'s rank.

Residents preventing security forces from making an arrest is *Mob violence* (a crowd's physical
confrontation with an armed actor, not a demonstration); gatherings in support of anyone are protests.

A trigger is no event when the words around it deny, expect or generalise it (flags.py), when it is what a
protest or an arrest is about ("protested against the killing of ..."), when it describes who protested
("relatives of a man killed by police"), or when it only sets the scene for another event in its sentence
("following clashes with X, the army carried out airstrikes").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sitrep.events import roles
from sitrep.events.context import Sentence
from sitrep.events.flags import unreported
from sitrep.events.lexicon import Lexicon, TriggerCue
from sitrep.model import Span
from sitrep.taxonomy import BATTLES, EVENT_TYPES, RIOTS, STRATEGIC, VAC

ARMED_CLASH, GOVERNMENT_REGAINS, NON_STATE_OVERTAKES = EVENT_TYPES[BATTLES]
_, ATTACK, ABDUCTION = EVENT_TYPES[VAC]
MOB_VIOLENCE = EVENT_TYPES[RIOTS][1]
ARRESTS = EVENT_TYPES[STRATEGIC][1]

HEADING_RANK = 1000  # a report's "Label:" types its sentence outright
# Killing and attacking name no weapon: they rank as an Attack whatever their victims make them, so a
# strike, a shelling or a bomb in the same sentence types the event ("an IED targeting soldiers").
_RANKED_AS = {"kill": ATTACK, "attack": ATTACK}
_PURPOSE_KINDS = ("protest", "arrest")  # triggers whose sentence may say what they are about
_ATTRIBUTIVE_WINDOW = 3


@dataclass(slots=True)
class Trigger:
    cue: TriggerCue
    span: Span
    sentence: Sentence
    sub_event_type: str
    rank: int
    anaphoric: bool = False  # "the attacks": refers back to an event already reported

    @property
    def kind(self) -> str:
        return self.cue.kind


def find_triggers(sentence: Sentence, lexicon: Lexicon) -> list[Trigger]:
    """The triggers of one sentence that report an event, typed, in text order."""
    found = _longest_hits(sentence, lexicon)
    spans = [span for _, span in found]
    hits = [
        (cue, span)
        for cue, span in found
        if not unreported(sentence, span, spans)
        and (cue.kind == "protest" or sentence.cue_before("infinitive", span, 0) is None)
    ]
    _mask_purpose(sentence, hits)
    protest = any(cue.kind == "protest" for cue, _ in hits)
    hits = [
        (cue, span)
        for cue, span in hits
        if cue.kind == "protest"
        or not (sentence.is_masked(span) or (protest and attributive(sentence, span)))
    ]
    setting = _in_setting(sentence, hits)
    if not all(setting):
        hits = [hit for hit, is_setting in zip(hits, setting, strict=True) if not is_setting]
    return [_typed(sentence, cue, span, lexicon) for cue, span in hits]


def attributive(sentence: Sentence, span: Span) -> bool:
    """Words that describe someone ("relatives of a man killed by police"), not an event."""
    return sentence.cue_before("attributive", span, _ATTRIBUTIVE_WINDOW, soft=False) is not None


def _longest_hits(sentence: Sentence, lexicon: Lexicon) -> list[tuple[TriggerCue, Span]]:
    """Trigger matches, the longest where two overlap (a heading label before an equal-length word), none
    inside a place name ("Battle Creek") or a less-lethal weapon ("stun grenades")."""
    found = [
        (cue, span)
        for cue in lexicon.triggers
        for span in cue.phrases.find(sentence.text, sentence.span.start)
        if cue.kind != "heading" or _is_heading(sentence, span)
    ]
    kept: list[tuple[TriggerCue, Span]] = []
    for cue, span in sorted(
        found, key=lambda hit: (hit[1].start - hit[1].end, hit[1].start, hit[0].kind != "heading")
    ):
        if not any(span.overlaps(other) for _, other in kept):
            kept.append((cue, span))
    places = [m.span for m in sentence.mentions_of("PLACE")]
    longer = places + sentence.hits("crowd_control") + sentence.hits("not_attack")
    return sorted(
        ((cue, span) for cue, span in kept if not any(span.overlaps(other) for other in longer)),
        key=lambda hit: hit[1],
    )


def _is_heading(sentence: Sentence, span: Span) -> bool:
    """A label opening the sentence and followed by a colon ("Looting: On 3 May, ...")."""
    before = sentence.text[: span.start - sentence.span.start]
    after = sentence.text[span.end - sentence.span.start :]
    return not before.strip() and after.lstrip().startswith(":")


def _mask_purpose(sentence: Sentence, hits: list[tuple[TriggerCue, Span]]) -> None:
    """Hide what a protest or an arrest is about ("against the killing of ...") from typing; a clause that
    names the protest itself tells what happened to it ("after forces opened fire on protesters")."""
    if not any(cue.kind in _PURPOSE_KINDS for cue, _ in hits):
        return
    protests = [span for cue, span in hits if cue.kind == "protest"]
    for marker in sentence.hits("purpose"):
        about = Span(marker.end, sentence.purpose_end(marker))
        if about.start < about.end and not any(about.contains(span) for span in protests):
            sentence.masked.append(about)


def _in_setting(sentence: Sentence, hits: list[tuple[TriggerCue, Span]]) -> list[bool]:
    """Triggers in a clause that sets the scene for another event ("following clashes with X, the army
    carried out airstrikes")."""
    settings = [Span(cue.end, sentence.clause(cue, soft=True).end) for cue in sentence.hits("background")]
    return [any(setting.contains(span) for setting in settings) for _, span in hits]


def _typed(sentence: Sentence, cue: TriggerCue, span: Span, lexicon: Lexicon) -> Trigger:
    sub_event_type = _TYPERS.get(cue.kind, _as_listed)(sentence, cue, span)
    rank = HEADING_RANK if cue.kind == "heading" else lexicon.rank(_RANKED_AS.get(cue.kind, sub_event_type))
    if cue.rank is not None:
        rank = min(rank, cue.rank)
    anaphoric = any(hit.end <= span.start <= hit.end + 2 for hit in sentence.hits("determiner"))
    return Trigger(cue, span, sentence, sub_event_type, rank, anaphoric)


def _as_listed(sentence: Sentence, cue: TriggerCue, span: Span) -> str:
    return cue.sub_event_type


def _violence_type(sentence: Sentence, cue: TriggerCue, span: Span) -> str:
    """Killing or attacking: by a crowd, Mob violence; on armed victims, Armed clash; else Attack."""
    if roles.initiator(sentence, span).crowd:
        return MOB_VIOLENCE
    return ARMED_CLASH if roles.target(sentence, span).armed else ATTACK


def _clash_type(sentence: Sentence, cue: TriggerCue, span: Span) -> str:
    """Fighting with an organised armed side is an Armed clash; fighting among people who are no armed
    group (supporters, students, residents, rioters; with stones or fists), or between them and the
    police, is Mob violence."""
    sides = roles.paired_sides(sentence, span) or (
        roles.initiator(sentence, span),
        roles.target(sentence, span),
    )
    categories = [set(side.categories) for side in sides]
    if any("armed_group" in found for found in categories) or all(
        "state_forces" in found for found in categories
    ):
        return ARMED_CLASH
    crowd = sentence.has("unorganised") or any("crowd" in found for found in categories)
    return MOB_VIOLENCE if crowd else ARMED_CLASH


def _territory_type(sentence: Sentence, cue: TriggerCue, span: Span) -> str:
    """Territory taken by the state's own forces, or by anyone else."""
    categories = roles.initiator(sentence, span).categories
    return GOVERNMENT_REGAINS if categories and categories[0] == "state_forces" else NON_STATE_OVERTAKES


def _arrest_type(sentence: Sentence, cue: TriggerCue, span: Span) -> str:
    """Detention by state forces is an arrest; by an armed group, an abduction."""
    categories = roles.initiator(sentence, span).categories
    return ABDUCTION if categories and categories[0] == "armed_group" else ARRESTS


_Typer = Callable[[Sentence, TriggerCue, Span], str]
_TYPERS: dict[str, _Typer] = {
    "kill": _violence_type,
    "attack": _violence_type,
    "clash": _clash_type,
    "capture": _territory_type,
    "arrest": _arrest_type,
}
