"""Situation reports: headline figures against the previous period, a map, a weekly trend, the deadliest
incidents in one sentence each, the sources and a methods note, as Markdown, HTML or PDF.

    >>> scope = Scope(date(2025, 3, 1), date(2025, 3, 31), country="Syria")
    >>> with store.engine.connect() as conn:
    ...     report = build_report(conn, scope, store.where)
    >>> render(report, "pdf").content
"""

from sitrep.report.query import Report, Scope, build_report
from sitrep.report.render import FORMATS, Rendered, render

__all__ = ["FORMATS", "Rendered", "Report", "Scope", "build_report", "render"]
