"""Plain text to blocks: paragraphs split at blank lines, or at every line when lines are paragraphs."""

from __future__ import annotations

import re

from sitrep.clean.boilerplate import Block

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_MIN_WRAPPED_LINES = 4
_WRAP_WIDTH = range(40, 101)  # hard-wrapped text (mail, wire copy, Project Gutenberg) breaks at 60-80 columns
_MIN_WRAPPED_SHARE = 0.8
_MIN_MID_SENTENCE_SHARE = 0.6


def text_blocks(raw: str) -> list[Block]:
    """Blocks of a plain-text article; hard-wrapped paragraphs are joined back into one block each."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    chunks = [chunk for chunk in _BLANK_LINE.split(text) if chunk.strip()]
    if _is_hard_wrapped(chunks):
        return [Block(" ".join(chunk.split())) for chunk in chunks]
    return [Block(line) for chunk in chunks for line in chunk.split("\n") if line.strip()]


def _is_hard_wrapped(chunks: list[str]) -> bool:
    """Wrapped lines have similar lengths and mostly end mid-sentence; paragraph-per-line text has neither."""
    inner = [line.rstrip() for chunk in chunks for line in chunk.strip().split("\n")[:-1]]
    if len(inner) < _MIN_WRAPPED_LINES:
        return False
    at_width = sum(len(line) in _WRAP_WIDTH for line in inner)
    mid_sentence = sum(not line.endswith((".", "!", "?", ":", '"', "”")) for line in inner)
    return at_width >= _MIN_WRAPPED_SHARE * len(inner) and mid_sentence >= _MIN_MID_SENTENCE_SHARE * len(
        inner
    )
