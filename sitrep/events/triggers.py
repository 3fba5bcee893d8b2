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
from sitrep.events.kinds import outside_taxonomy
from sitrep.events.lexicon import WEAPON_FAMILIES, Lexicon, TriggerCue
from sitrep.model import Span, first_disjoint
from sitrep.taxonomy import BATTLES, EVENT_TYPES, RIOTS, STRATEGIC, VAC

ARMED_CLASH, GOVERNMENT_REGAINS, NON_STATE_OVERTAKES = EVENT_TYPES[BATTLES]
_, ATTACK, ABDUCTION = EVENT_TYPES[VAC]
MOB_VIOLENCE = EVENT_TYPES[RIOTS][1]
ARRESTS = EVENT_TYPES[STRATEGIC][1]
DISRUPTED, _, LOOTING = EVENT_TYPES[STRATEGIC][3:6]

HEADING_RANK = 1000  # a report's "Label:" types its sentence outright
# Killing and attacking name no weapon: they rank as an Attack whatever their victims make them, so a
# strike, a shelling or a bomb in the same sentence types the event ("an IED targeting soldiers").
_RANKED_AS = {"kill": ATTACK, "attack": ATTACK}
_PURPOSE_KINDS = ("protest", "arrest")  # triggers whose sentence may say what they are about
_ATTRIBUTIVE_WINDOW = 3
_AIM_WINDOW = 2  # "to spearhead a major assault"
_VOID_WINDOW = 1  # "captured wide areas", "a truce in force"
_SEIZURE_WINDOW = 5  # "seized a large amount of weapons", "seized nine pistols, 31 loaded magazines"
_SEIZED_SUBJECT_WINDOW = 10  # "Around 20 suspected wartime grenades and ammunition were found"


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
        and (cue.kind == "protest" or not _aimed_at(sentence, span))
        and not (cue.void_after and sentence.cue_after(cue.void_after, span, _VOID_WINDOW, soft=False))
        and not _armed_doing(sentence, cue, span)
    ]
    if not hits:
        return []
    hits = _arrest_raids(sentence, _seized_arms(sentence, hits, lexicon.seizure))
    _mask_purpose(sentence, hits)
    protest = any(cue.kind == "protest" for cue, _ in hits)
    hits = [
        (cue, span)
        for cue, span in hits
        if cue.kind == "protest"
        or not (sentence.is_masked(span) or (protest and attributive(sentence, span)))
    ]
    outside = outside_taxonomy(sentence, hits)
    hits = [hit for hit, is_outside in zip(hits, outside, strict=True) if not is_outside]
    setting = _in_setting(sentence, hits)
    if any(not is_setting and _deed(sentence, hit) for hit, is_setting in zip(hits, setting, strict=True)):
        hits = [hit for hit, is_setting in zip(hits, setting, strict=True) if not is_setting]
    return [_typed(sentence, cue, span, lexicon) for cue, span in hits]


def _aimed_at(sentence: Sentence, span: Span) -> bool:
    """An aim rather than a deed: right after an infinitive ("to fight corruption"), or a few words after
    an undertaking ("to spearhead a major assault")."""
    return (
        sentence.cue_before("infinitive", span, 0) is not None
        or sentence.cue_before("aim", span, _AIM_WINDOW) is not None
    )


def _armed_doing(sentence: Sentence, cue: TriggerCue, span: Span) -> bool:
    """Armed men on the move ("its fighters marched 3 km", "troops massed") advance, they do not
    demonstrate; "the main force fighting IS" says who a force is, it reports no battle."""
    if cue.kind == "protest":
        return any(hit == span for hit in sentence.hits("movement")) and any(
            sentence.words_between(mover, span) == 0
            for mover in sentence.hits("military_mover")
            if mover.end <= span.start
        )
    if not any(hit == span for hit in sentence.hits("participle")):
        return False
    subject = [noun for noun in sentence.nouns if noun.span.end <= span.start]
    return (
        bool(subject)
        and subject[-1].category in roles.ARMED
        and sentence.words_between(subject[-1].span, span) == 0
    )


def attributive(sentence: Sentence, span: Span) -> bool:
    """Words that describe someone ("relatives of a man killed by police"), not an event."""
    return sentence.cue_before("attributive", span, _ATTRIBUTIVE_WINDOW, soft=False) is not None


def _longest_hits(sentence: Sentence, lexicon: Lexicon) -> list[tuple[TriggerCue, Span]]:
    """Trigger matches, the longest where two overlap (a heading label before an equal-length word), none
    inside a place name ("Battle Creek") or a less-lethal weapon ("stun grenades")."""
    found = [
        (cue, span)
        for cue in lexicon.triggers_in(sentence.text)
        for span in cue.phrases.find(sentence.text, sentence.span.start)
        if cue.kind != "heading" or _is_heading(sentence, span)
    ]
    ranked = sorted(
        found, key=lambda hit: (hit[1].start - hit[1].end, hit[1].start, hit[0].kind != "heading")
    )
    kept = first_disjoint(ranked, lambda hit: hit[1])
    places = [m.span for m in sentence.mentions_of("PLACE")]
    longer = places + sentence.hits("crowd_control") + sentence.hits("not_attack")
    return sorted(
        ((cue, span) for cue, span in kept if not any(span.overlaps(other) for other in longer)),
        key=lambda hit: hit[1],
    )


def _seized_arms(
    sentence: Sentence, hits: list[tuple[TriggerCue, Span]], seizure: TriggerCue
) -> list[tuple[TriggerCue, Span]]:
    """A seizure, find or interception reports Disrupted weapons use when arms are what it took ("seized
    two rifles", "grenades were found"), and nothing when they are not ("found the body"); so does
    destroying arms ("destroyed an arms cache"). The weapons named there were seized or shot down ("shot
    down two missiles"), not used."""
    weapons = [span for cue, span in hits if cue.name in WEAPON_FAMILIES]
    arms = sentence.hits("arms")
    seized: list[Span] = []
    kept: list[tuple[TriggerCue, Span]] = []
    for cue, span in hits:
        if cue.kind == "heading" or cue.sub_event_type not in (DISRUPTED, LOOTING):
            kept.append((cue, span))
            continue
        objects = _objects(sentence, span, arms if cue.sub_event_type == LOOTING else arms + weapons)
        seized.extend(objects)
        if objects:
            kept.append((seizure, span))
        elif cue.kind != "seizure":
            kept.append((cue, span))
    return [(cue, span) for cue, span in kept if span not in seized]


def _arrest_raids(sentence: Sentence, hits: list[tuple[TriggerCue, Span]]) -> list[tuple[TriggerCue, Span]]:
    """Raids that make arrests are the arrests' operation, not attacks ("detained 12 people in overnight
    raids"; ACLED: Arrests)."""
    if not any(cue.kind == "arrest" for cue, _ in hits):
        return hits
    raids = sentence.hits("operation")
    return [
        (cue, span) for cue, span in hits if cue.kind != "attack" or not any(r.contains(span) for r in raids)
    ]


def _objects(sentence: Sentence, verb: Span, arms: list[Span]) -> list[Span]:
    """The arms a verb takes: those right after it in its clause, or before it when it is passive
    ("grenades and ammunition were found"), and those listed after one of them ("seized two landmines,
    two IEDs, six TNT sticks and three grenades")."""
    clause = sentence.clause(verb)
    passive = roles.is_passive(sentence, verb)
    window = _SEIZED_SUBJECT_WINDOW if passive else _SEIZURE_WINDOW
    candidates = sorted(
        span for span in arms if clause.contains(span) and (span.end <= verb.start) == passive
    )
    objects: list[Span] = []
    for span in candidates:
        if _near(sentence, verb, span, window) or (
            objects and _near(sentence, objects[-1], span, _SEIZURE_WINDOW)
        ):
            objects.append(span)
    return objects


def _near(sentence: Sentence, one: Span, other: Span, window: int) -> bool:
    first, second = sorted((one, other))
    return sentence.words_between(first, second) <= window


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


def _deed(sentence: Sentence, hit: tuple[TriggerCue, Span]) -> bool:
    """An event of its own, not only the toll of the scene set after it: deaths nobody is said to have
    caused ("twelve people were killed after suicide bombers struck") are the setting event's."""
    cue, span = hit
    return cue.kind != "kill" or bool(roles.initiator(sentence, span).categories)


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
    """Territory taken by the state's own forces, or by anyone else; told in the passive without an agent,
    territory an armed group lost ("the militants were driven out of the town") went back to the state."""
    categories = roles.initiator(sentence, span).categories
    if not categories and roles.is_passive(sentence, span):
        losers = roles.target(sentence, span).categories
        return GOVERNMENT_REGAINS if losers and losers[0] == "armed_group" else NON_STATE_OVERTAKES
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
