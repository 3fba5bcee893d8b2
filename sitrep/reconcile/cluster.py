"""Incremental, order-independent clustering of reports into incidents.

Two layers make the result a function of the set of reports, whatever order articles arrive in:

1. *Components*: the connected components of the link graph (``Matcher.link``). Links are pairwise and
   symmetric, so components depend only on the set. A new report can only join or bridge the components of
   the stored reports it links to, so ingesting it touches those components and nothing else.
2. *Incidents*: inside a component, links are merged strongest first (ties by event id), refusing any
   merge that would put two conflicting reports (different actor pairs, far-apart places, events of one
   article) in one incident. This keeps a vague report that links two distinct incidents from chaining
   them together, and is again a function of the component's members only.

Storage implements ``ReportIndex``; ``attach`` returns a ``Change`` (components to replace, incidents to
write) for it to apply in one transaction. ``MemoryIndex`` is the in-memory implementation used by tests,
evaluation and batch runs.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from typing import Protocol

from sitrep.reconcile.incident import IncidentState, build_incident, stable_id
from sitrep.reconcile.match import (
    MONTH_PRECISION,
    MONTH_REACH_DAYS,
    MatchConfig,
    Matcher,
    compatible_event_types,
    report_window,
    window_reach_days,
)
from sitrep.reconcile.report import Report
from sitrep.reconcile.similarity import ENCODERS, CachedSimilarity, WordLlamaEncoder


@dataclass(frozen=True, slots=True)
class CandidateQuery:
    """Stored reports that might link to a new one: a compatible event type, the same country (or none),
    and a window of days (``match.report_window``) that overlaps ``days``, the new report's window widened
    by the date slack.

    ``event_date_bounds`` gives, per time_precision, the event_dates whose windows can overlap ``days``, and
    ``published_bounds`` the publication dates of undated reports that can: what indexes narrow the look-up
    to before ``admits`` decides.
    """

    country: str | None
    days: tuple[date, date]
    event_types: frozenset[str]

    def admits(self, report: Report) -> bool:
        event = report.event
        if event.event_type not in self.event_types:
            return False
        country = event.place.country if event.place else None
        if self.country and country and country != self.country:
            return False
        window = report_window(report)
        return window is not None and window[0] <= self.days[1] and self.days[0] <= window[1]

    def event_date_bounds(self, time_precision: int | None) -> tuple[date, date]:
        reach = timedelta(days=window_reach_days(time_precision))
        return self.days[0] - reach, self.days[1] + reach

    def published_bounds(self) -> tuple[date, date]:
        return self.days[0], self.days[1] + timedelta(days=MONTH_REACH_DAYS)


def candidate_query(report: Report, slack_days: int) -> CandidateQuery | None:
    """A query guaranteed to return every stored report ``report`` could link to; None when it can link
    to none (nothing places it in time)."""
    event = report.event
    window = report_window(report)
    if window is None:
        return None
    slack = timedelta(days=slack_days)
    country = event.place.country if event.place else None
    return CandidateQuery(country, (window[0] - slack, window[1] + slack), compatible_event_types(event))


class ReportIndex(Protocol):
    """What ``attach`` reads from storage."""

    def candidates(self, query: CandidateQuery) -> Iterable[Report]: ...

    def component_of(self, event_id: str) -> str | None: ...

    def component_members(self, component_id: str) -> list[Report]: ...


@dataclass(slots=True)
class Change:
    """Delete every incident of ``replaced_components``, then write ``incidents`` (ids may recur)."""

    replaced_components: list[str] = field(default_factory=list)
    incidents: list[IncidentState] = field(default_factory=list)


class Reconciler:
    def __init__(self, matcher: Matcher, best_rule: str = "lowest") -> None:
        self.matcher = matcher
        self.best_rule = best_rule

    @classmethod
    def default(
        cls,
        encoder: str = WordLlamaEncoder.name,
        config: MatchConfig | None = None,
        best_rule: str = "lowest",
    ) -> Reconciler:
        """A reconciler with the named text encoder (``similarity.ENCODERS``); loads it, so call once."""
        return cls(Matcher(CachedSimilarity(ENCODERS[encoder]()), config), best_rule)

    def attach(self, new: Sequence[Report], index: ReportIndex) -> Change:
        """Join new reports to the stored incidents they describe, or found new ones."""
        fresh = list({r.event_id: r for r in new if index.component_of(r.event_id) is None}.values())
        self.matcher.similarity.prepare([r.text for r in fresh])
        batch = MemoryIndex(fresh)
        groups = _UnionFind()
        touched: set[str] = set()
        for report in fresh:
            groups.add(report.event_id)
            query = candidate_query(report, self.matcher.config.date_slack_days)
            if query is None:
                continue
            for stored in index.candidates(query):
                component = index.component_of(stored.event_id)
                if component is not None and self._link(report, stored) is not None:
                    touched.add(component)
                    groups.union(report.event_id, component)
            for other in batch.candidates(query):
                if other.event_id != report.event_id and self._link(report, other) is not None:
                    groups.union(report.event_id, other.event_id)
        incidents = []
        for keys in groups.sets():
            members = [batch.report(k) for k in keys if k not in touched]
            members += [m for k in sorted(keys & touched) for m in index.component_members(k)]
            incidents += self.split(members)
        return Change(sorted(touched), incidents)

    def cluster(self, reports: Sequence[Report]) -> list[IncidentState]:
        """Every incident among ``reports``, as a store would hold them after ingesting all of them."""
        index = MemoryIndex()
        index.apply(self.attach(reports, index))
        return index.incidents()

    def split(self, component: Sequence[Report]) -> list[IncidentState]:
        """The incidents of one linked component: strongest links first, never joining conflicting reports."""
        members = sorted(component, key=lambda r: r.event_id)
        self.matcher.similarity.prepare([r.text for r in members])
        edges, conflicts = [], set()
        for first, second in combinations(members, 2):
            score = self._link(first, second)
            if score is not None:
                edges.append((-score, first.event_id, second.event_id))
            elif not self.matcher.can_share_incident(first, second):
                conflicts.add((first.event_id, second.event_id))
        clusters = {r.event_id: {r.event_id} for r in members}  # keyed by the id that stands for each
        root = {r.event_id: r.event_id for r in members}
        for _, a, b in sorted(edges):
            left, right = root[a], root[b]
            if left == right or _conflicting(clusters[left], clusters[right], conflicts):
                continue
            merged = clusters.pop(right)
            clusters[left] |= merged
            root.update(dict.fromkeys(merged, left))
        by_id = {r.event_id: r for r in members}
        component_id = stable_id("cmp", list(by_id))
        return [
            build_incident([by_id[e] for e in cluster], component_id, self.best_rule)
            for cluster in sorted(clusters.values(), key=min)
        ]

    def _link(self, first: Report, second: Report) -> float | None:
        """``Matcher.link`` with the pair in a fixed order, so the score is bit-for-bit symmetric."""
        a, b = sorted((first, second), key=lambda r: r.event_id)
        return self.matcher.link(a, b)


def _conflicting(left: set[str], right: set[str], conflicts: set[tuple[str, str]]) -> bool:
    return any((min(a, b), max(a, b)) in conflicts for a in left for b in right)


class MemoryIndex:
    """``ReportIndex`` in memory: reports by country and date, components, and the current incidents."""

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        self._reports: dict[str, Report] = {}
        self._dated: list[tuple[date, str]] = []
        self._undated: list[str] = []
        self._component: dict[str, str] = {}
        self._incidents: dict[str, IncidentState] = {}
        for report in reports:
            self._add(report)

    def report(self, event_id: str) -> Report:
        return self._reports[event_id]

    def candidates(self, query: CandidateQuery) -> Iterator[Report]:
        low_day, high_day = query.event_date_bounds(MONTH_PRECISION)  # the widest reach
        low = bisect.bisect_left(self._dated, (low_day, ""))
        high = bisect.bisect_right(self._dated, (high_day, "\U0010ffff"))
        ids = [event_id for _, event_id in self._dated[low:high]] + self._undated
        return (self._reports[i] for i in ids if query.admits(self._reports[i]))

    def component_of(self, event_id: str) -> str | None:
        return self._component.get(event_id)

    def component_members(self, component_id: str) -> list[Report]:
        return [self._reports[e] for e, c in self._component.items() if c == component_id]

    def apply(self, change: Change) -> None:
        replaced = set(change.replaced_components)
        self._incidents = {k: v for k, v in self._incidents.items() if v.component_id not in replaced}
        for state in change.incidents:
            self._incidents[state.incident.incident_id] = state
            for report in state.reports:
                if report.event_id not in self._reports:
                    self._add(report)
                self._component[report.event_id] = state.component_id

    def incidents(self) -> list[IncidentState]:
        return sorted(self._incidents.values(), key=lambda state: state.incident.incident_id)

    def _add(self, report: Report) -> None:
        self._reports[report.event_id] = report
        if report.event.event_date is None:
            self._undated.append(report.event_id)
        else:
            bisect.insort(self._dated, (report.event.event_date, report.event_id))


class _UnionFind:
    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self._parent.setdefault(key, key)

    def find(self, key: str) -> str:
        self.add(key)
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self._parent[self.find(a)] = self.find(b)

    def sets(self) -> list[set[str]]:
        grouped: dict[str, set[str]] = {}
        for key in self._parent:
            grouped.setdefault(self.find(key), set()).add(key)
        return list(grouped.values())
