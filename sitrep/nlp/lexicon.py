"""Reading the packaged word lists and tables under ``sitrep/data``.

Every lexicon is a UTF-8 text file: ``#`` starts a comment line, blank lines are skipped, tables are
tab-separated with ``|`` between alternatives inside a cell. Keeping them as plain files lets a reviewer
check a list against its source (each folder's PROVENANCE.md) without reading code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def data_path(area: str, name: str) -> Path:
    return DATA / area / name


def read_lines(path: Path) -> Iterator[str]:
    """The non-blank, non-comment lines of a lexicon file, stripped."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                yield stripped


def read_words(path: Path) -> frozenset[str]:
    """A one-entry-per-line list as a set of lowercase entries."""
    return frozenset(line.lower() for line in read_lines(path))


def read_table(path: Path, columns: int) -> Iterator[list[str]]:
    """Rows of a tab-separated table, padded with empty cells to ``columns``; a too-wide row is an error."""
    for line in read_lines(path):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) > columns:
            raise ValueError(f"{path.name}: expected at most {columns} columns, got {len(cells)}: {line!r}")
        yield cells + [""] * (columns - len(cells))


def alternatives(cell: str) -> list[str]:
    """The ``|``-separated alternatives of a table cell, blanks dropped."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, any run of whitespace between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


def lower_keeping_offsets(text: str) -> str:
    """``text`` in lowercase with every character where it was (a few lengthen when lowered: "İ")."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not part of a longer word or hyphenated compound."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_")
