"""Casualty figures of one incident across every report of it.

Every claim is kept. A claim is *superseded* when the same claimant gives a figure for the same people
(kind and category) in an article published later: death tolls are revised as bodies are counted, and the
later figure is the claimant's current one. From the current claims:

- ``low``: the lowest credible figure, counting a report's breakdown (16 soldiers + 28 fighters + 4
  civilians) as a figure of its own;
- ``high``: the highest credible figure;
- ``best``: ACLED's rule, the lowest reported total (configurable: "highest", "median"); a breakdown's sum
  only when no report gives a total.

Vague figures ("dozens") count only when no report gives a number. Flags name what an analyst should look
at: totals whose ranges do not overlap, a breakdown that does not add up to its report's total, a revised
toll, figures that are all vague. ``toll_history`` replays the reports in publication order, so the history
is the same whatever order the articles arrived in.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sitrep.model import Claim, Fatalities
from sitrep.reconcile.report import Report

TOTAL = "total"
KILLED = "killed"
INJURED = "injured"
VAGUE = "vague"
# Qualifiers that bound a figure from below only ("at least 16", "over 70").
OPEN_ABOVE = frozenset({"at_least", "over"})

FIGURES_DISAGREE = "figures_disagree"
BREAKDOWN_MISMATCH = "breakdown_mismatch"
TOLL_REVISED = "toll_revised"
VAGUE_FIGURES_ONLY = "vague_figures_only"

BEST_RULES: dict[str, Callable[[Sequence[int]], int]] = {
    "lowest": min,
    "highest": max,
    "median": statistics.median_low,  # a figure someone reported, not an average of two
}


@dataclass(slots=True)
class Casualties:
    fatalities: Fatalities
    claims: list[Claim]  # every claim of every report, in publication order
    superseded: list[Claim] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TollRevision:
    """The incident's toll as it stood once the report of ``article_id`` was in."""

    as_of: date | None
    article_id: str
    best: int | None
    low: int | None
    high: int | None
    flags: tuple[str, ...] = ()


def chronological(reports: Iterable[Report]) -> list[Report]:
    """Reports in publication order (undated first), ties broken by article and event id."""
    return sorted(reports, key=lambda r: (r.published or date.min, r.article_id, r.event_id))


def reconcile_casualties(reports: Sequence[Report], best_rule: str = "lowest") -> Casualties:
    ordered = chronological(reports)
    claims = [claim for report in ordered for claim in report.event.claims]
    revisions = _revisions(ordered)
    current = [[c for c in report.event.claims if id(c) not in revisions] for report in ordered]
    killed = [[c for c in found if c.kind == KILLED] for found in current]
    rule = BEST_RULES[best_rule]

    totals = [c for found in killed for c in found if c.category == TOTAL]
    credible = [c for c in totals if c.qualifier != VAGUE] or totals
    reported = [[c for c in report.event.claims if c.kind == KILLED] for report in ordered]
    sums = [total for total in map(_breakdown_figure, killed, reported) if total is not None]
    figures = [c.figure for c in credible] or sums or _unattributed(ordered)
    fatalities = Fatalities(
        best=rule(figures) if figures else None,
        low=min([_low(c) for c in credible] + sums or figures, default=None),
        high=max([_high_figure(c) for c in credible] + sums or figures, default=None),
        by_category=_by_category(killed, rule),
        injured=_injured(current, rule),
    )
    flags = []
    if credible and max(_low(c) for c in credible) > min(_high(c) for c in credible):
        flags.append(FIGURES_DISAGREE)
    if any(map(_breakdown_mismatch, killed)):
        flags.append(BREAKDOWN_MISMATCH)
    if any(revisions.values()):
        flags.append(TOLL_REVISED)
    if totals and all(c.qualifier == VAGUE for c in totals) and not sums:
        flags.append(VAGUE_FIGURES_ONLY)
    superseded = [c for c in claims if id(c) in revisions]
    return Casualties(fatalities, claims, superseded, flags)


def toll_history(reports: Sequence[Report], best_rule: str = "lowest") -> list[TollRevision]:
    """One entry each time a report, in publication order, changed the incident's best, low or high."""
    ordered = chronological(reports)
    history: list[TollRevision] = []
    for count, report in enumerate(ordered, start=1):
        state = reconcile_casualties(ordered[:count], best_rule)
        toll = (state.fatalities.best, state.fatalities.low, state.fatalities.high)
        previous = (history[-1].best, history[-1].low, history[-1].high) if history else (None, None, None)
        if toll != previous:
            history.append(TollRevision(report.published, report.article_id, *toll, flags=tuple(state.flags)))
    return history


def _revisions(ordered: list[Report]) -> dict[int, bool]:
    """Claims the same claimant revised in a later-published article: claim id -> whether the figure changed.

    Claims without a claimant or a publication date are never superseded: nothing says which came later.
    """

    def key(claim: Claim) -> tuple[str, str, str]:
        return (claim.claimant or "").casefold(), claim.kind, claim.category

    dated = [(r.published, c) for r in ordered for c in r.event.claims if c.claimant and r.published]
    latest: dict[tuple[str, str, str], date] = {}
    for published, claim in dated:
        latest[key(claim)] = max(latest.get(key(claim), published), published)
    latest_figures: dict[tuple[str, str, str], set[int]] = {}
    for published, claim in dated:
        if published == latest[key(claim)]:
            latest_figures.setdefault(key(claim), set()).add(claim.figure)
    return {
        id(claim): claim.figure not in latest_figures[key(claim)]
        for published, claim in dated
        if published < latest[key(claim)]
    }


def _breakdown_figure(killed: list[Claim], reported: list[Claim]) -> int | None:
    """A report's breakdown (its current ``killed`` claims) as a figure of its own: its sum when it splits
    the dead into two or more categories, or when the report gave categories but no total. One category
    beside a total ("23 killed, among them 9 soldiers") is a detail of that total, even once a later
    article revised the total, not a count of all the dead."""
    categories = {c.category for c in killed if c.category != TOTAL and c.qualifier != VAGUE}
    if len(categories) < 2 and any(c.category == TOTAL for c in reported):
        return None
    return _breakdown_sum(killed)


def _breakdown_sum(killed: list[Claim]) -> int | None:
    """The sum over victim categories one report breaks its dead into (the lowest figure per category)."""
    per_category: dict[str, int] = {}
    for claim in killed:
        if claim.category != TOTAL and claim.qualifier != VAGUE:
            per_category[claim.category] = min(per_category.get(claim.category, claim.figure), claim.figure)
    return sum(per_category.values()) if per_category else None


def _unattributed(reports: list[Report]) -> list[int]:
    """Figures an event carries without any claim behind them (kept, never invented)."""
    figures = [r.event.fatalities.best for r in reports if not r.event.claims]
    return [figure for figure in figures if figure is not None]


def _low(claim: Claim) -> int:
    return claim.low if claim.low is not None else claim.figure


def _high(claim: Claim) -> float:
    """The most the claim allows; unbounded for "at least" and "over" without an upper figure."""
    if claim.high is not None:
        return claim.high
    return float("inf") if claim.qualifier in OPEN_ABOVE else claim.figure


def _high_figure(claim: Claim) -> int:
    return max(claim.figure, claim.high or 0)


def _by_category(killed: Iterable[list[Claim]], rule: Callable[[Sequence[int]], int]) -> dict[str, int]:
    figures: dict[str, list[int]] = {}
    for found in killed:
        for claim in found:
            if claim.category != TOTAL and claim.qualifier != VAGUE:
                figures.setdefault(claim.category, []).append(claim.figure)
    return {category: rule(values) for category, values in sorted(figures.items())}


def _injured(current: Iterable[list[Claim]], rule: Callable[[Sequence[int]], int]) -> int | None:
    figures = [c.figure for found in current for c in found if c.kind == INJURED and c.qualifier != VAGUE]
    totals = [c.figure for found in current for c in found if c.kind == INJURED and c.category == TOTAL]
    chosen = totals or figures
    return rule(chosen) if chosen else None


def _breakdown_mismatch(killed: list[Claim]) -> bool:
    """A report that splits its dead into two or more categories whose sum falls outside its own total.

    One category alone ("20 killed, including 4 children") is a detail, not a breakdown, and is not
    expected to add up.
    """
    categories = {c.category for c in killed if c.category != TOTAL and c.qualifier != VAGUE}
    total_claims = [c for c in killed if c.category == TOTAL and c.qualifier != VAGUE]
    if len(categories) < 2 or not total_claims:
        return False
    parts = _breakdown_sum(killed) or 0
    return any(not _low(total) <= parts <= _high(total) for total in total_claims)
