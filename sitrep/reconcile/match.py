"""Whether two reports from different articles can describe, and likely describe, the same incident.

Each facet (type, date, place, actors) is compared on its own and graded CONFLICT, UNKNOWN, COMPATIBLE or
SAME, taking each value's precision and place hierarchy into account (a province holds its towns; a report
naming one side of a fight leaves the other side unknown). A CONFLICT on any facet rules a merge out.
Otherwise two reports link when ACLED's rule holds (same actors, same place, same day: one event) or when
their wording is similar enough, the bar falling as more facets agree and when both give one death toll.
Every function here is symmetric, so a score never depends on which report came first.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterator
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

# time_precision codes (taxonomy.TIME_PRECISION) the date windows depend on.
DAY_PRECISION, MONTH_PRECISION = 1, 3
# How far a date given at each time_precision may be from the real day (ACLED dates a week-precision
# event at the middle of the week, a month-precision event anywhere in the month).
WEEK_HALF_SPAN = 3
MONTH_REACH_DAYS = 31


@dataclass(frozen=True, slots=True)
class MatchConfig:
    # Different outlets date a night-time clash or an early-morning strike a day apart.
    date_slack_days: int = 1
    # Radius (km) of the area a place of each geo_precision stands for; None precision counts as 3.
    place_radius_km: tuple[float, float, float] = (10.0, 25.0, 100.0)
    # A pair links when text similarity + facet_bonus x (sum of facet agreements) + the shared-toll bonus
    # reaches this. Calibrated on real extraction (bench/incidents.md): 1.0 merges two distinct stories of
    # the duplicate set; 1.05 merges none but costs B-cubed precision on FA-KES; 1.10 keeps it above 0.93.
    link_threshold: float = 1.10
    facet_bonus: float = 0.05
    # Added when two reports give one death toll of at least ``toll_min_figure``: outlets copying a story
    # copy its figures, while two incidents of one day rarely share a toll (bench/incidents.md measures
    # this). Small tolls (one, two dead) coincide too often to count.
    shared_toll_bonus: float = 0.2
    toll_min_figure: int = 5
    # Link on ACLED's rule alone (same actor pair, place and day) whatever the wording.
    acled_rule: bool = True


FACETS = ("type", "date", "place", "actors")


@dataclass(frozen=True, slots=True)
class Comparison:
    type: Agreement
    date: Agreement
    place: Agreement
    actors: Agreement
    similarity: float = 0.0
    shared_toll: bool = False
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
        """Each facet's agreement and, for reports of two articles that conflict on none, how alike their
        wording is. Facets are compared in turn up to the first conflict, the rest left UNKNOWN: one
        conflict rules the pair out whatever the others say."""
        facets: list[Agreement] = []
        for agreement in self._facets(first, second):
            facets.append(agreement)
            if agreement == Agreement.CONFLICT:
                return Comparison(*facets, *[Agreement.UNKNOWN] * (len(FACETS) - len(facets)))
        if first.article_id == second.article_id:
            return Comparison(*facets)
        tolls = [_tolls(report.event, self.config.toll_min_figure) for report in (first, second)]
        return Comparison(
            *facets,
            similarity=self.similarity(first.text, second.text),
            shared_toll=bool(tolls[0] & tolls[1]),
        )

    def _facets(self, first: Report, second: Report) -> Iterator[Agreement]:
        """The agreement of each of ``FACETS``, in that order."""
        a, b = first.event, second.event
        yield type_agreement(a, b)
        yield date_agreement(first, second, self.config.date_slack_days)
        yield self._place_agreement(first, second)
        yield actor_agreement(a, b)

    def _place_agreement(self, first: Report, second: Report) -> Agreement:
        """``place_agreement``, except that places far apart are not a conflict when a report names the
        other's place: its own was then likely where the story was filed (a dateline city), a namesake
        abroad, or a place the fighting spread to, rather than another incident. A place an analyst
        reviewed is not doubted."""
        a, b = first.event.place, second.event.place
        agreement = place_agreement(a, b, self.config.place_radius_km)
        if agreement == Agreement.CONFLICT and (_doubted(first, b) or _doubted(second, a)):
            return Agreement.UNKNOWN
        return agreement

    def score(self, comparison: Comparison) -> float:
        toll = self.config.shared_toll_bonus if comparison.shared_toll else 0.0
        return comparison.similarity + self.config.facet_bonus * sum(comparison.facets) + toll

    def link(self, first: Report, second: Report) -> float | None:
        """The link score when the two reports tell of one incident, else None."""
        if first.article_id == second.article_id:
            return None  # events of one article were already told apart by the events stage
        if report_window(first) is None or report_window(second) is None:
            return None  # a report nothing places in time would link across years
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


def _tolls(event: Event, min_figure: int) -> set[int]:
    """The death tolls the event's claims give, from ``min_figure`` up."""
    return {c.figure for c in event.claims if c.kind == "killed" and c.figure >= min_figure}


def type_agreement(a: Event, b: Event) -> Agreement:
    if a.sub_event_type == b.sub_event_type:
        return Agreement.SAME
    if a.event_type == b.event_type and a.event_type not in SUB_TYPE_STRICT:
        return Agreement.COMPATIBLE
    if any(a.event_type in group and b.event_type in group for group in RELATED_TYPES):
        return Agreement.COMPATIBLE
    return Agreement.CONFLICT


def compatible_event_types(event: Event) -> frozenset[str]:
    """The event types of every event ``type_agreement`` does not rule out for ``event``."""
    related = [group for group in RELATED_TYPES if event.event_type in group]
    return frozenset({event.event_type}.union(*related))


def date_window(event: Event) -> tuple[date, date] | None:
    """The days the event may have happened on, given its time_precision; None when undated."""
    return days_around(event.event_date, event.time_precision)


def days_around(day: date | None, time_precision: int | None) -> tuple[date, date] | None:
    """The first and last day a date given at ``time_precision`` may stand for; None without a date."""
    if day is None:
        return None
    if time_precision == MONTH_PRECISION:
        following_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return day.replace(day=1), following_month - timedelta(days=1)
    if time_precision == DAY_PRECISION:
        return day, day
    return day - timedelta(days=WEEK_HALF_SPAN), day + timedelta(days=WEEK_HALF_SPAN)


def window_reach_days(time_precision: int | None) -> int:
    """The most days the window of a date given at ``time_precision`` reaches from that date."""
    if time_precision == MONTH_PRECISION:
        return MONTH_REACH_DAYS
    return 0 if time_precision == DAY_PRECISION else WEEK_HALF_SPAN


def report_window(report: Report) -> tuple[date, date] | None:
    """The days the report's event may have happened on: its date's window or, for an event the article
    does not date, the month up to the article's publication (an event cannot follow its report, and news
    tells of recent events; older ones are background). None when neither is known: nothing then places
    the report in time, and it links to no other report."""
    window = date_window(report.event)
    if window is not None or report.published is None:
        return window
    return report.published - timedelta(days=MONTH_REACH_DAYS), report.published


def date_agreement(first: Report, second: Report, slack_days: int) -> Agreement:
    """Whether the reports' windows of days (``report_window``) overlap, give or take ``slack_days``; SAME
    for one exact day."""
    days, other_days = report_window(first), report_window(second)
    if days is None or other_days is None:
        return Agreement.UNKNOWN
    slack = timedelta(days=slack_days)
    if days[0] - slack > other_days[1] or other_days[0] - slack > days[1]:
        return Agreement.CONFLICT
    a, b = first.event, second.event
    same_day = a.time_precision == b.time_precision == DAY_PRECISION and a.event_date == b.event_date
    return Agreement.SAME if same_day else Agreement.COMPATIBLE


def place_agreement(a: Place | None, b: Place | None, radius_km: tuple[float, float, float]) -> Agreement:
    if a is None or b is None:
        return Agreement.UNKNOWN
    if a.country and b.country and a.country != b.country:
        return Agreement.CONFLICT
    if _same_place(a, b):
        return Agreement.SAME if _local(a) and _local(b) else Agreement.COMPATIBLE
    if _within_province(a, b) or _within_province(b, a):
        return Agreement.COMPATIBLE
    if _countrywide(a) or _countrywide(b):
        return Agreement.UNKNOWN  # "Syria", "northern Syria": says nothing about which town
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


def _doubted(report: Report, other_place: Place | None) -> bool:
    """Whether the report's own place is in doubt: it names ``other_place`` and no analyst reviewed it."""
    return not report.reviewed and names_place(report.text, other_place)


def names_place(text: str, place: Place | None) -> bool:
    """Whether ``text`` names ``place`` as a word, accents and case aside."""
    if place is None or not place.name:
        return False
    name, folded = _folded(place.name), _folded(text)
    return name in folded and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded) is not None


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _same_place(a: Place, b: Place) -> bool:
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    return bool(a.name) and a.name.casefold() == b.name.casefold() and a.admin1 == b.admin1


def _local(place: Place) -> bool:
    """A town or a spot near one, as opposed to a province or a country."""
    return place.geo_precision in (1, 2)


def _within_province(area: Place, place: Place) -> bool:
    """``area`` is given at province level (geo_precision 3) and ``place`` lies in that province."""
    return area.geo_precision == 3 and bool(area.admin1) and area.admin1 == place.admin1


def _countrywide(place: Place) -> bool:
    """A place that names no province: a country or a part of one ("northern Syria")."""
    return not _local(place) and not place.admin1


def _radius(place: Place, radius_km: tuple[float, float, float]) -> float:
    precision = place.geo_precision if place.geo_precision in (1, 2, 3) else 3
    return radius_km[precision - 1]  # type: ignore[operator]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def actor_agreement(a: Event, b: Event) -> Agreement:
    """ACLED: a different actor pair is a different event. That needs both pairs: when a report names one
    side only, the other side is unknown, and an actor it does not share may well be that side."""
    first = [actor for actor in (a.actor1, a.actor2) if actor]
    second = [actor for actor in (b.actor1, b.actor2) if actor]
    if not first or not second:
        return Agreement.UNKNOWN
    if len(first) == len(second) == 2:
        straight = _same_actor(first[0], second[0]) and _same_actor(first[1], second[1])
        crossed = _same_actor(first[0], second[1]) and _same_actor(first[1], second[0])
        return Agreement.SAME if straight or crossed else Agreement.CONFLICT
    shared = any(_same_actor(x, y) for x in first for y in second)
    return Agreement.COMPATIBLE if shared else Agreement.UNKNOWN


def _same_actor(a: Actor, b: Actor) -> bool:
    """One actor under two names: the same name but for its qualifiers (outlets differ on which country a
    group of civilians or a movement is counted in, and on the period of a government), an unidentified
    group of the same actor type, or two state forces of one country (army, police, government)."""
    if _base_name(a) == _base_name(b):
        return True
    if a.inter != b.inter:
        return False
    unidentified = any(_base_name(actor).startswith(UNIDENTIFIED_PREFIX) for actor in (a, b))
    return unidentified or (a.inter == taxonomy.STATE_FORCES and _state(a) == _state(b) is not None)


def _state(actor: Actor) -> str | None:
    """The country in an ACLED state actor's name ("Military Forces of Syria (2024-)" -> "syria")."""
    _, of, country = _base_name(actor).rpartition(" of ")
    return country if of else None


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


def _base_name(actor: Actor) -> str:
    """The actor's name without its trailing qualifiers: "Civilians (Syria)" -> "civilians"."""
    name = actor.name
    while (stripped := _QUALIFIER.sub("", name)) != name:
        name = stripped
    return name.casefold()
