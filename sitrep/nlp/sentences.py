"""Sentence boundaries for news prose.

A rule splitter rather than spaCy's sentencizer: it is several times faster on an article and knows news
conventions the sentencizer does not (ranks and titles before names, "Feb. 6", initials such as
"George W. Bush", dotted acronyms such as "U.S." that end a sentence only when a sentence opener follows).
A line break always ends a sentence: headlines, datelines and list items stand alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.model import Span
from sitrep.nlp.lexicon import data_path, read_lines, read_words

# Terminal punctuation, any closing quotes or brackets, then the whitespace a new sentence follows.
_CANDIDATE = re.compile(r"(?:[.!?]+|…)[\"'”’)\]]*(?=\s)")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s+([\"'“‘(\[]*)(\S*)")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")


@dataclass(frozen=True, slots=True)
class SentenceSplitter:
    """Splits clean article text into sentence spans; load once, then call ``split`` per article."""

    abbreviations: frozenset[str]
    starters: frozenset[str]

    @classmethod
    def load(cls) -> SentenceSplitter:
        return cls(
            abbreviations=read_words(data_path("nlp", "abbreviations.txt")),
            starters=frozenset(read_lines(data_path("nlp", "sentence_starters.txt"))),
        )

    def split(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for line in _LINE.finditer(text):
            start = line.start()
            for end in self._ends(line.group()):
                spans.extend(_trimmed(text, start, line.start() + end))
                start = line.start() + end
            spans.extend(_trimmed(text, start, line.end()))
        return spans

    def _ends(self, line: str) -> list[int]:
        return [m.end() for m in _CANDIDATE.finditer(line) if self._is_boundary(line, m.start(), m.end())]

    def _is_boundary(self, line: str, stop: int, after: int) -> bool:
        following = _NEXT_WORD.match(line, after)
        if following is None or not following.group(2):
            return False
        opener = following.group(2)
        if not (opener[0].isupper() or opener[0].isdigit() or following.group(1)):
            return False
        if line[stop] != ".":
            return True
        before = _WORD_BEFORE.search(line, max(0, stop - 40), stop)
        if before is None:
            return True
        word = before.group(1)
        if _DOTTED_ACRONYM.search(word + "."):
            return opener.strip("\"'“‘") in self.starters
        if len(word) == 1 and word.isupper():
            return False  # an initial: "George W. Bush"
        return not (word[0].isupper() and word.lower() in self.abbreviations)


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    """The span without its surrounding whitespace, or nothing when it is blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if start < end else []
