"""News events outside ACLED's taxonomy: disasters, accidents, ordinary crime, diplomacy and claims of
responsibility (``sitrep/data/events/non_conflict.tsv``).

Their words overlap with conflict reporting ("an explosion ripped through a chemical plant", "killed by
the floods", "sanctions over the chemical attack"), so a trigger in such a sentence is read by what the
sentence is about:

* a natural hazard or a technological accident makes the sentence's triggers no event, unless the
  sentence names an armed perpetrator (rebels, gunmen, a named armed group) or a weapon of war (an air
  strike, shelling, an IED); protests and riots about them remain events;
* ordinary crime makes detentions, seizures and property crime no event, unless an armed group is named
  (the arrest of militants is an ACLED event, the arrest of burglars is not);
* a diplomatic measure or a claim or denial of responsibility makes the triggers after it no event (what
  the sanctions answer, which attack was claimed): the statement is the news, the event was reported
  before; a diplomatic measure also covers the triggers of its own clause ("targeted Moscow with
  sanctions").

A report's own label ("Looting: ...", "Security measures: ...") says the analyst coded an event, whatever
the words around it.
"""

from __future__ import annotations

from sitrep.events.context import Sentence
from sitrep.events.lexicon import WEAPON_FAMILIES, TriggerCue
from sitrep.model import Span
from sitrep.taxonomy import IDENTITY_MILITIAS, POLITICAL_MILITIAS, REBEL_GROUPS

# A blast or a toxic gas may be an accident's; the other weapon families are conflict whatever else the
# sentence says.
_WEAPONS_OF_WAR = WEAPON_FAMILIES - {"blast", "chemical"}
_ARMED_GROUP_INTERS = frozenset({REBEL_GROUPS, POLITICAL_MILITIAS, IDENTITY_MILITIAS})
# Protests and riots about a disaster or a measure are events; so is what an analyst's label calls one.
_KEPT_KINDS = frozenset({"protest", "riot", "heading"})
# Triggers whose event ordinary crime explains: detentions, seizures and property crime.
_CRIME_SUB_EVENTS = frozenset(
    {"Arrests", "Disrupted weapons use", "Looting/property destruction", "Change to group/activity"}
)
_CIRCUMSTANCES = ("hazard", "accident")
_STATEMENTS = ("diplomacy", "attribution")

Hit = tuple[TriggerCue, Span]


def outside_taxonomy(sentence: Sentence, hits: list[Hit]) -> list[bool]:
    """For each trigger hit of a sentence, whether it belongs to a non-ACLED event the sentence tells."""
    statements = [hit for cue in _STATEMENTS for hit in sentence.hits(cue)]
    measures = sentence.hits("diplomacy")
    circumstance = any(sentence.has(cue) for cue in _CIRCUMSTANCES)
    crime = sentence.has("crime")
    conflict = _armed_group_named(sentence) or any(cue.name in _WEAPONS_OF_WAR for cue, _ in hits)

    def outside(cue: TriggerCue, span: Span) -> bool:
        if any(statement.end <= span.start for statement in statements):
            return True
        if cue.kind in _KEPT_KINDS:
            return False
        if any(sentence.clause(span, soft=True).contains(measure) for measure in measures):
            return True
        if conflict:
            return False
        return circumstance or (crime and cue.sub_event_type in _CRIME_SUB_EVENTS)

    return [outside(cue, span) for cue, span in hits]


def _armed_group_named(sentence: Sentence) -> bool:
    """An armed group among the sentence's actors or nouns ("rebels", "gunmen", a named militia)."""
    return any(noun.category == "armed_group" for noun in sentence.nouns) or any(
        mention.value.inter in _ARMED_GROUP_INTERS for mention in sentence.mentions_of("ACTOR")
    )
