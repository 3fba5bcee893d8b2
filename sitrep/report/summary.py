"""One-sentence summaries of incidents from their coded fields, in the manner of ACLED's notes:

    On 6 March 2025, clashes between Military Forces of Syria and Militia (Pro-Assad) took place in
    Jablah (Latakia); 49 people were killed (reports range from 49 to 71), 4 of them civilians, according
    to Syrian Observatory for Human Rights.

Each part comes from a coded field, and a field left empty leaves its part out: nothing is guessed. What
happened is a phrase per sub-event type from ``data/report/summaries.tsv``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sitrep.report import wording
from sitrep.report.query import Claimed, IncidentRow
from sitrep.taxonomy import ACTOR_TYPES, CIVILIANS, PROTESTERS, RIOTERS

PHRASES = Path(__file__).resolve().parent.parent / "data" / "report" / "summaries.tsv"
# Actor types whose ACLED names are generic ("Civilians (Syria)"); a sentence names them by type.
_GENERIC_ACTORS = (CIVILIANS, PROTESTERS, RIOTERS)
# How a toll is hedged, by claim qualifier (taxonomy.QUALIFIERS). "over 70" is stored as 71, so "at least".
_HEDGES = {
    "at_least": "at least ",
    "over": "at least ",
    "up_to": "up to ",
    "about": "about ",
    "vague": "about ",
}


@cache
def phrases() -> dict[str, tuple[str, str, str, str]]:
    """Sub-event type -> its phrase with both actors, with actor1 only, with actor2 only, with neither."""
    found = {}
    for line in PHRASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sub_event_type, both, first, second, neither = line.split("\t")
            found[sub_event_type] = (both, first, second, neither)
    return found


def summarise(incident: IncidentRow, *, with_country: bool = False) -> str:
    """The incident in one sentence; ``with_country`` names the country too (for a report on several)."""
    happened = "reportedly took place" if incident.alleged else "took place"
    return (
        f"{_when(incident)}, {_what(incident)} {happened} {_where(incident, with_country)}{_toll(incident)}."
    )


def actor_name(name: str, inter: int | None) -> str:
    """How a sentence names an actor: ACLED's name, except generic ones ("Civilians (Syria)": "civilians")."""
    if inter in _GENERIC_ACTORS and name.startswith(ACTOR_TYPES[inter]):
        return ACTOR_TYPES[inter].lower()
    return name


def _when(incident: IncidentRow) -> str:
    if incident.time_precision == 3:
        return f"In {wording.month(incident.event_date)}"
    prefix = "Around" if incident.time_precision == 2 else "On"
    return f"{prefix} {wording.day(incident.event_date)}"


def _what(incident: IncidentRow) -> str:
    both, first, second, neither = phrases()[incident.sub_event_type]
    actor1 = actor_name(incident.actor1, incident.inter1) if incident.actor1 else None
    actor2 = actor_name(incident.actor2, incident.inter2) if incident.actor2 else None
    template = both if actor1 and actor2 else first if actor1 else second if actor2 else neither
    return template.format(actor1=actor1, actor2=actor2)


def _where(incident: IncidentRow, with_country: bool) -> str:
    named = [incident.location, incident.admin1, incident.country if with_country else None]
    parts = list(dict.fromkeys(part for part in named if part))
    if not parts:
        return "at a location the reports do not give"
    place, *detail = parts
    return f"in {place} ({', '.join(detail)})" if detail else f"in {place}"


def _toll(incident: IncidentRow) -> str:
    """'; at least 16 people were killed, 12 of them civilians, according to X', or '' without a toll."""
    best = incident.fatalities
    if best is None:
        return ""
    basis = _basis(incident.killed, best)
    stated = _stated(best, basis)
    victims = "person was" if stated == "1" else "people were"
    text = f"; {stated} {victims} killed"
    low, high = incident.fatalities_low, incident.fatalities_high
    if low is not None and high is not None and low != high:
        text += f" (reports range from {wording.number(low)} to {wording.number(high)})"
    if incident.civilians:
        text += _civilians(incident.civilians, best)
    return text + _attribution(incident, basis)


def _stated(best: int, basis: Claimed | None) -> str:
    """The toll as hedged: "over 70" is coded as 71 (``Count``), so it is written "more than 70" again."""
    if basis is not None and basis.qualifier == "over":
        return f"more than {wording.number(best - 1)}"
    hedge = _HEDGES.get(basis.qualifier, "") if basis else ""
    return f"{hedge}{wording.number(best)}"


def _civilians(civilians: int, best: int) -> str:
    if civilians == best:
        return ", all of them civilians"
    if civilians < best:
        return f", {wording.number(civilians)} of them civilians"
    return f", with {wording.number(civilians)} civilian deaths in another count"


def _basis(claims: tuple[Claimed, ...], best: int) -> Claimed | None:
    """The reported toll the best figure is, preferring a total over a count of one category."""
    matching = [claim for claim in claims if claim.figure == best]
    return min(matching, key=lambda claim: claim.category != "total", default=None)


def _attribution(incident: IncidentRow, basis: Claimed | None) -> str:
    """Who gave the tolls (whoever gave the best figure first), else which outlets reported the incident."""
    ordered = sorted(incident.killed, key=lambda claim: claim is not basis)
    claimants = list(dict.fromkeys(claim.claimant for claim in ordered if claim.claimant))
    if claimants:
        return f", according to {wording.names(claimants)}"
    return f", as reported by {wording.names(list(incident.outlets))}" if incident.outlets else ""
