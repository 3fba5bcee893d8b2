"""Prints how many generated inputs the fuzz tests checked (``tests/ingest/hostile.py`` counts them)."""

from __future__ import annotations

import pytest

from tests.ingest.hostile import TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY:
        parts = ", ".join(f"{name} {count:,}" for name, count in sorted(TALLY.items()))
        terminalreporter.write_line(f"fuzz: {sum(TALLY.values()):,} generated inputs checked ({parts})")
