"""ACLED and UCDP codes as data. Code elsewhere refers to these names; it never spells a label twice."""

from __future__ import annotations

from types import MappingProxyType

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
VAC = "Violence against civilians"

# ACLED's 6 event types and 25 sub-event types, spelled exactly as ACLED spells them.
EVENT_TYPES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
        EXPLOSIONS: (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
        RIOTS: ("Violent demonstration", "Mob violence"),
        STRATEGIC: (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
        VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    }
)

SUB_EVENT_TYPES: MappingProxyType[str, str] = MappingProxyType(
    {sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs}
)

# Disorder type of each event type (ACLED codebook, 2022).
DISORDER_TYPES: MappingProxyType[str, str] = MappingProxyType(
    {
        BATTLES: "Political violence",
        EXPLOSIONS: "Political violence",
        VAC: "Political violence",
        RIOTS: "Political violence",
        PROTESTS: "Demonstrations",
        STRATEGIC: "Strategic developments",
    }
)

# ACLED actor types (inter codes). 0 means no actor in that slot.
STATE_FORCES = 1
REBEL_GROUPS = 2
POLITICAL_MILITIAS = 3
IDENTITY_MILITIAS = 4
RIOTERS = 5
PROTESTERS = 6
CIVILIANS = 7
EXTERNAL_FORCES = 8

ACTOR_TYPES: MappingProxyType[int, str] = MappingProxyType(
    {
        STATE_FORCES: "State Forces",
        REBEL_GROUPS: "Rebel Groups",
        POLITICAL_MILITIAS: "Political Militias",
        IDENTITY_MILITIAS: "Identity Militias",
        RIOTERS: "Rioters",
        PROTESTERS: "Protesters",
        CIVILIANS: "Civilians",
        EXTERNAL_FORCES: "External/Other Forces",
    }
)

# time_precision: how exactly event_date is known.
TIME_PRECISION: MappingProxyType[int, str] = MappingProxyType(
    {1: "exact day", 2: "within a week or a few days", 3: "within a month"}
)

# geo_precision: how exactly the location is known.
GEO_PRECISION: MappingProxyType[int, str] = MappingProxyType(
    {
        1: "the named town or village",
        2: "near a named town, or part of a region, the nearest town given",
        3: "a larger region only (province capital or centroid given)",
    }
)

# UCDP GED where_prec.
UCDP_WHERE_PREC: MappingProxyType[int, str] = MappingProxyType(
    {
        1: "exact location",
        2: "within 25 km of a known point",
        3: "second-order administrative division",
        4: "first-order administrative division",
        5: "linear feature or region spanning divisions",
        6: "country only",
        7: "international waters or airspace",
    }
)

# UCDP type_of_violence, and the ACLED event types that map to it when the actors allow.
UCDP_TYPE_OF_VIOLENCE: MappingProxyType[int, str] = MappingProxyType(
    {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}
)

# Who a casualty figure counts.
CASUALTY_CATEGORIES: tuple[str, ...] = ("total", "civilians", "state_forces", "armed_group", "unknown")

# How a figure is hedged; each maps to the (low, high) factors ACLED-style coding applies.
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "over", "up_to", "about", "vague")


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type a sub-event type belongs to; KeyError for a label ACLED does not use."""
    return SUB_EVENT_TYPES[sub_event_type]


def ucdp_type_of_violence(event_type: str, inter1: int | None, inter2: int | None) -> int | None:
    """UCDP's category for an ACLED-coded event, or None when UCDP would not count it (no lethal violence)."""
    if event_type not in (BATTLES, EXPLOSIONS, VAC):
        return None
    sides = {inter1, inter2}
    if event_type == VAC or CIVILIANS in sides:
        return 3
    if STATE_FORCES in sides or EXTERNAL_FORCES in sides:
        return 1
    return 2
