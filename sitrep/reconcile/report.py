"""A report: one event as one article tells it, with what reconciliation needs from outside the event.

Reconciliation compares events from different articles, so besides the ``Event`` it needs the sentences
behind it (to compare wording), when the article was published (to order revisions of a toll) and which
outlet published it (to list the incident's sources).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sitrep.model import Article, Event, Span

# A sentence ends at ., ! or ? followed by white space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True, slots=True)
class Report:
    event: Event
    text: str  # the sentences of the article that carry the event's evidence
    published: date | None = None
    outlet: str | None = None
    reviewed: bool = False  # an analyst verified or corrected the event: its coded fields stand as they are

    @property
    def event_id(self) -> str:
        return self.event.event_id

    @property
    def article_id(self) -> str:
        return self.event.article_id

    @classmethod
    def of(cls, event: Event, article: Article) -> Report:
        """The report of ``event`` in the cleaned ``article`` it was extracted from."""
        return cls(event, evidence_text(event, article.text), article.published, article.source)


def evidence_text(event: Event, text: str) -> str:
    """The sentences of ``text`` that hold any of the event's evidence spans, in text order, each once.

    Evidence spans are short (a trigger word, a place name); the sentences around them are what two
    outlets word differently when they report the same incident, so those are what gets compared.
    """
    sentences = sorted({_sentence_around(span, text) for spans in event.evidence.values() for span in spans})
    return " ".join(sentence.of(text).strip() for sentence in sentences) or event.notes


def _sentence_around(span: Span, text: str) -> Span:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, span.start)), default=0)
    following = _SENTENCE_END.search(text, span.end)
    return Span(start, following.end() if following else len(text))
