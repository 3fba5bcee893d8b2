"""How the report writes dates, numbers and lists: British style, as ACLED's notes are written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def day(value: date) -> str:
    """6 March 2025"""
    return f"{value.day} {value:%B %Y}"


def month(value: date) -> str:
    """March 2025"""
    return f"{value:%B %Y}"


def number(value: int) -> str:
    """1,234"""
    return f"{value:,}"


def counted(value: int, singular: str, plural: str | None = None) -> str:
    """'1 incident', '2 incidents'."""
    return f"{number(value)} {singular if value == 1 else plural or singular + 's'}"


def names(values: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} and {values[-1]}"


def change(current: int, previous: int) -> str:
    """From ``previous`` to ``current``: '+3 (+50%)', '−2 (−40%)', 'no change'; '+5' from none."""
    delta = current - previous
    if delta == 0:
        return "no change"
    signed = f"+{number(delta)}" if delta > 0 else f"−{number(-delta)}"
    if previous == 0:
        return signed
    percent = round(100 * delta / previous)
    return f"{signed} ({'+' if percent > 0 else '−' if percent < 0 else '±'}{abs(percent)}%)"
