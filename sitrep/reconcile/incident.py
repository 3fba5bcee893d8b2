"""One incident's fields, from the reports clustered into it.

Each field is a function of the set of reports only (never of their order): the most precise value the
reports give, the most common among equally precise ones, ties broken by a fixed order. The id is a hash of
the smallest member event id, so re-clustering the same reports gives the same id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sitrep.model import Claim, Incident, Place
from sitrep.reconcile.casualties import TollRevision, reconcile_casualties, toll_history
from sitrep.reconcile.report import Report

TYPES_DISAGREE = "types_disagree"
DATES_DISAGREE = "dates_disagree"

T = TypeVar("T")


@dataclass(slots=True)
class IncidentState:
    """An incident with what storage keeps beside it: its reports, toll history and revised claims."""

    incident: Incident
    component_id: str  # the linked group of reports it was clustered within (see cluster.attach)
    reports: list[Report]
    history: list[TollRevision]
    superseded: list[Claim]


def stable_id(prefix: str, event_ids: Sequence[str]) -> str:
    return f"{prefix}-{hashlib.sha1(min(event_ids).encode()).hexdigest()[:16]}"


def build_incident(reports: Sequence[Report], component_id: str, best_rule: str = "lowest") -> IncidentState:
    reports = sorted(reports, key=lambda report: report.event_id)
    events = [report.event for report in reports]
    casualties = reconcile_casualties(reports, best_rule)
    dated = [e for e in events if e.event_date is not None]
    best_precision = min((e.time_precision or 3 for e in dated), default=None)
    event_date = _vote([e.event_date for e in dated if (e.time_precision or 3) == best_precision])
    sub_event_type = _vote([e.sub_event_type for e in events])
    pairs = [(e.actor1.name, e.actor2.name) for e in events if e.actor1 and e.actor2]
    singles = [(e.actor1.name, None) for e in events if e.actor1 and not e.actor2]
    actor1, actor2 = _vote(pairs) or _vote(singles) or (None, None)
    flags = list(casualties.flags)
    if len({e.event_type for e in events}) > 1:
        flags.append(TYPES_DISAGREE)
    if len({e.event_date for e in dated if e.time_precision == 1}) > 1:
        flags.append(DATES_DISAGREE)
    example = next(e for e in events if e.sub_event_type == sub_event_type)
    incident = Incident(
        incident_id=stable_id("inc", [e.event_id for e in events]),
        event_ids=sorted(e.event_id for e in events),
        article_ids=sorted({e.article_id for e in events}),
        event_type=example.event_type,
        sub_event_type=sub_event_type,
        event_date=event_date,
        time_precision=best_precision if event_date else None,
        place=_most_precise_place([e.place for e in events if e.place]),
        actor1=actor1,
        actor2=actor2,
        fatalities=casualties.fatalities,
        claims=casualties.claims,
        sources=sorted({s for e in events for s in e.sources} | {r.outlet for r in reports if r.outlet}),
        flags=flags,
    )
    history = toll_history(reports, best_rule)
    return IncidentState(incident, component_id, list(reports), history, casualties.superseded)


def _vote(values: Sequence[T]) -> T | None:
    """The most common value; among equally common ones, the smallest in a fixed order."""
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], _order(value)))


def _order(value: Hashable) -> str:
    return value.isoformat() if isinstance(value, date) else repr(value)


def _most_precise_place(places: list[Place]) -> Place | None:
    if not places:
        return None
    finest = min(map(_precision, places))
    candidates = [p for p in places if _precision(p) == finest]
    key = _vote([(p.geonames_id, p.name.casefold(), p.admin1) for p in candidates])
    return next(p for p in candidates if (p.geonames_id, p.name.casefold(), p.admin1) == key)


def _precision(place: Place) -> int:
    """geo_precision, a place known only by country ranking after a province."""
    return place.geo_precision or 4
