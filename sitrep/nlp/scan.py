"""Running a many-branched regex only where a match can start.

Python's ``re`` tries every branch of an alternation at every position of a text, so a rule set with a
few dozen branches costs milliseconds an article. Each rule set here has trigger words that every match
contains (a month, a digit, "loyal"), and every match starts at a word; so the full regex is tried only at
the word starts shortly before each trigger, leftmost first, which yields the matches ``finditer`` would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sitrep.nlp.lexicon import alternation

_WORD_START = re.compile(r"(?<![\w'’])[\w$£€]")


def matches(
    pattern: re.Pattern[str], text: str, triggers: Iterable[tuple[int, int]], before: int
) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` that start within ``before`` characters of a trigger
    ``(start, end)`` and reach it; triggers must come in text order."""
    done = 0
    for start, end in triggers:
        if start < done:
            continue
        for word in _WORD_START.finditer(text, max(done, start - before), end):
            match = pattern.match(text, word.start())
            if match is not None and match.end() > start:
                done = match.end()
                yield match
                break


def word_trigger(words: Iterable[str], other: str = "") -> re.Pattern[str]:
    """A regex for whole ``words`` in lowercase or capitalised (or any ``other`` regex), written case by
    case: a case-insensitive alternation is several times slower to scan."""
    variants = alternation(v for w in words for v in (w, w[:1].upper() + w[1:]))
    return re.compile(rf"\b(?:{other}{'|' if other else ''}(?:{variants})\b)")


def spans(trigger: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each trigger regex match, for ``matches``."""
    return (match.span() for match in trigger.finditer(text))
