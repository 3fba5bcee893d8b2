"""Cross-article reconciliation: events that report one incident become one incident, their casualty
figures reconciled with every claim kept.

    >>> reconciler = Reconciler.default()
    >>> change = reconciler.attach([Report.of(event, article) for event in events], index)
"""

from __future__ import annotations

from sitrep.reconcile.casualties import Casualties, TollRevision, reconcile_casualties, toll_history
from sitrep.reconcile.cluster import CandidateQuery, Change, MemoryIndex, Reconciler, ReportIndex
from sitrep.reconcile.incident import IncidentState, build_incident
from sitrep.reconcile.match import Agreement, MatchConfig, Matcher
from sitrep.reconcile.report import Report, evidence_text
from sitrep.reconcile.similarity import CachedSimilarity, TermFrequencyEncoder, WordLlamaEncoder

__all__ = [
    "Agreement",
    "CachedSimilarity",
    "CandidateQuery",
    "Casualties",
    "Change",
    "IncidentState",
    "MatchConfig",
    "Matcher",
    "MemoryIndex",
    "Reconciler",
    "Report",
    "ReportIndex",
    "TermFrequencyEncoder",
    "TollRevision",
    "WordLlamaEncoder",
    "build_incident",
    "evidence_text",
    "reconcile_casualties",
    "toll_history",
]
