"""Whether two reports from different articles can describe, and likely describe, the same incident.

Each facet (type, date, place, actors) is compared on its own and graded CONFLICT, UNKNOWN, COMPATIBLE or
SAME, taking each value's precision into account. A CONFLICT on any facet rules a merge out. Otherwise two
reports link when ACLED's rule holds (same actors, same place, same day: one event) or when their wording
is similar enough, the bar falling as more facets agree precisely. Every function here is symmetric, so a
score never depends on which report came first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum

from sitrep import taxonomy
from sitrep.model import Actor, Event, Place
from sitrep.reconcile.report import Report
from sitrep.reconcile.similarity import CachedSimilarity


class Agreement(IntEnum):
    CONFLICT = -1
    UNKNOWN = 0
    COMPATIBLE = 1
    SAME = 2


# Event types one outlet may report where another reports the other (a clash seen as shelling, a killing
# of civilians seen as a clash; a protest seen as a riot). Within one group, types are compatible.
RELATED_TYPES: tuple[frozenset[str], ...] = (
    frozenset({taxonomy.BATTLES, taxonomy.EXPLOSIONS, taxonomy.VAC}),
    frozenset({taxonomy.PROTESTS, taxonomy.RIOTS}),
)
# Strategic developments are too unlike one another (an arrest, an agreement) to merge across sub-types.
SUB_TYPE_STRICT: frozenset[str] = frozenset({taxonomy.STRATEGIC})

# ACLED names an actor it cannot identify "Unidentified ..." (codebook: "Unidentified Armed Group (Syria)").
UNIDENTIFIED_PREFIX = "unidentified"

# How far a date given at each time_precision may be from the real day (ACLED dates a week-precision
# event at the middle of the week, a month-precision event anywhere in the month).
WEEK_HALF_SPAN = 3
# The widest reach of any window around its event_date, for candidate look-ups.
MAX_WINDOW_REACH_DAYS = 31


@dataclass(frozen=True, slots=True)
class MatchConfig:
    # Different outlets date a night-time clash or an early-morning strike a day apart.
    date_slack_days: int = 1
    # Radius (km) of the area a place of each geo_precision stands for; None precision counts as 3.
    place_radius_km: tuple[float, float, float] = (10.0, 25.0, 100.0)
    # A pair links when text similarity + FACET_BONUS x (sum of facet agreements) reaches this. Calibrated
    # on real extraction (bench/incidents.md): the lowest value a step above any wrong merge of distinct
    # stories in the duplicate set (1.0 merged two).
    link_threshold: float = 1.10
    facet_bonus: float = 0.05
    # Link on ACLED's rule alone (same actor pair, place and day) whatever the wording.
    acled_rule: bool = True


@dataclass(frozen=True, slots=True)
class Comparison:
    type: Agreement
    date: Agreement
    place: Agreement
    actors: Agreement
    similarity: float = 0.0
    facets: tuple[Agreement, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facets", (self.type, self.date, self.place, self.actors))

    @property
    def conflicting(self) -> bool:
        return Agreement.CONFLICT in self.facets

    @property
    def acled_same_event(self) -> bool:
        """ACLED's rule: the same actors, in the same place, on the same day make one event."""
        return not self.conflicting and self.date == self.place == self.actors == Agreement.SAME


class Matcher:
    """Compares reports; holds the text-similarity cache so each report's wording is encoded once."""

    def __init__(self, similarity: CachedSimilarity, config: MatchConfig | None = None) -> None:
        self.similarity = similarity
        self.config = config or MatchConfig()

    def compare(self, first: Report, second: Report) -> Comparison:
        a, b = first.event, second.event
        facets = (
            type_agreement(a, b),
            date_agreement(a, b, self.config.date_slack_days),
            place_agreement(a.place, b.place, self.config.place_radius_km),
            actor_agreement(a, b),
        )
        if Agreement.CONFLICT in facets or first.article_id == second.article_id:
            return Comparison(*facets)
        return Comparison(*facets, similarity=self.similarity(first.text, second.text))

    def score(self, comparison: Comparison) -> float:
        return comparison.similarity + self.config.facet_bonus * sum(comparison.facets)

    def link(self, first: Report, second: Report) -> float | None:
        """The link score when the two reports tell of one incident, else None."""
        if first.article_id == second.article_id:
            return None  # events of one article were already told apart by the events stage
        comparison = self.compare(first, second)
        if comparison.conflicting:
            return None
        score = self.score(comparison)
        if score >= self.config.link_threshold or (self.config.acled_rule and comparison.acled_same_event):
            return score
        return None

    def can_share_incident(self, first: Report, second: Report) -> bool:
        """False for two reports that must never end up in one incident, however they are chained."""
        if first.article_id == second.article_id:
            return False
        return not self.compare(first, second).conflicting


def type_agreement(a: Event, b: Event) -> Agreement:
    if a.sub_event_type == b.sub_event_type:
        return Agreement.SAME
    if a.event_type == b.event_type and a.event_type not in SUB_TYPE_STRICT:
        return Agreement.COMPATIBLE
    if any(a.event_type in group and b.event_type in group for group in RELATED_TYPES):
        return Agreement.COMPATIBLE
    return Agreement.CONFLICT


def date_window(event: Event) -> tuple[date, date] | None:
    """The days the event may have happened on, given its time_precision; None when undated."""
    return days_around(event.event_date, event.time_precision)


def days_around(day: date | None, time_precision: int | None) -> tuple[date, date] | None:
    """The first and last day a date given at ``time_precision`` may stand for; None without a date."""
    if day is None:
        return None
    if time_precision == 3:
        following_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return day.replace(day=1), following_month - timedelta(days=1)
    if time_precision == 1:
        return day, day
    return day - timedelta(days=WEEK_HALF_SPAN), day + timedelta(days=WEEK_HALF_SPAN)


def date_agreement(a: Event, b: Event, slack_days: int) -> Agreement:
    first, second = date_window(a), date_window(b)
    if first is None or second is None:
        return Agreement.UNKNOWN
    slack = timedelta(days=slack_days)
    if first[0] - slack > second[1] or second[0] - slack > first[1]:
        return Agreement.CONFLICT
    if a.time_precision == b.time_precision == 1 and a.event_date == b.event_date:
        return Agreement.SAME
    return Agreement.COMPATIBLE


def place_agreement(a: Place | None, b: Place | None, radius_km: tuple[float, float, float]) -> Agreement:
    if a is None or b is None:
        return Agreement.UNKNOWN
    if a.country and b.country and a.country != b.country:
        return Agreement.CONFLICT
    if _same_place(a, b):
        return Agreement.SAME if _local(a) and _local(b) else Agreement.COMPATIBLE
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        distance = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        reach = _radius(a, radius_km) + _radius(b, radius_km)
        if distance > reach:
            return Agreement.CONFLICT
        nearby = _local(a) and _local(b) and distance <= min(radius_km)
        return Agreement.SAME if nearby else Agreement.COMPATIBLE
    if a.admin1 and b.admin1:
        return Agreement.COMPATIBLE if a.admin1 == b.admin1 else Agreement.CONFLICT
    return Agreement.UNKNOWN


def _same_place(a: Place, b: Place) -> bool:
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    return bool(a.name) and a.name.casefold() == b.name.casefold() and a.admin1 == b.admin1


def _local(place: Place) -> bool:
    """A town or a spot near one, as opposed to a province or a country."""
    return place.geo_precision in (1, 2)


def _radius(place: Place, radius_km: tuple[float, float, float]) -> float:
    precision = place.geo_precision if place.geo_precision in (1, 2, 3) else 3
    return radius_km[precision - 1]  # type: ignore[operator]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def actor_agreement(a: Event, b: Event) -> Agreement:
    """ACLED: a different actor pair is a different event. A side one report leaves empty is unknown."""
    first = [actor for actor in (a.actor1, a.actor2) if actor]
    second = [actor for actor in (b.actor1, b.actor2) if actor]
    if not first or not second:
        return Agreement.UNKNOWN
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) == 1:
        return Agreement.COMPATIBLE if any(_same_actor(shorter[0], x) for x in longer) else Agreement.CONFLICT
    straight = _same_actor(first[0], second[0]) and _same_actor(first[1], second[1])
    crossed = _same_actor(first[0], second[1]) and _same_actor(first[1], second[0])
    return Agreement.SAME if straight or crossed else Agreement.CONFLICT


def _same_actor(a: Actor, b: Actor) -> bool:
    if a.name.casefold() == b.name.casefold():
        return True
    unidentified = a.name.casefold().startswith(UNIDENTIFIED_PREFIX) or b.name.casefold().startswith(
        UNIDENTIFIED_PREFIX
    )
    return a.inter == b.inter and unidentified
