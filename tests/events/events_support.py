"""Documents built by hand: text plus the mentions the nlp, geo and actors stages would add.

The event stage's tests use these so they depend on the other stages' contracts, not on their progress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.events import detect_events
from sitrep.model import Actor, Article, Count, DateValue, Document, Event, Mention, Place, Span

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(frozen=True, slots=True)
class Note:
    """A mention to add: the ``occurrence``-th appearance of ``surface`` in the text, labelled ``label``."""

    surface: str
    label: str
    value: Any
    occurrence: int = 1


def place(
    surface: str,
    country: str = "Syria",
    admin1: str | None = None,
    lat: float = 35.0,
    lon: float = 36.0,
    precision: int | None = 1,
    occurrence: int = 1,
) -> Note:
    value = Place(
        name=surface,
        country=country,
        admin1=admin1 or surface,
        latitude=lat,
        longitude=lon,
        geo_precision=precision,
    )
    return Note(surface, "PLACE", value, occurrence)


def country(surface: str, occurrence: int = 1) -> Note:
    return Note(surface, "PLACE", Place(name=surface, country=surface, geo_precision=None), occurrence)


def actor(surface: str, name: str, inter: int, occurrence: int = 1) -> Note:
    return Note(surface, "ACTOR", Actor(name=name, inter=inter, country="Syria"), occurrence)


def count(
    surface: str,
    best: int,
    low: int | None = None,
    high: int | None = None,
    qualifier: str = "exact",
    occurrence: int = 1,
) -> Note:
    low = best if low is None else low
    high = best if high is None and qualifier == "exact" else high
    return Note(surface, "COUNT", Count(best=best, low=low, high=high, qualifier=qualifier), occurrence)


def day(surface: str, value: date | None, precision: int | None = 1, occurrence: int = 1) -> Note:
    return Note(surface, "DATE", DateValue(value, precision if value else None), occurrence)


def claimant(surface: str, name: str, occurrence: int = 1) -> Note:
    return Note(surface, "CLAIMANT", name, occurrence)


def document(text: str, *notes: Note, published: date | None = None, source: str | None = None) -> Document:
    """A Document of ``text`` with sentences split at terminal punctuation and line breaks."""
    article = Article(id="test-article", raw=text, text=text, published=published, source=source)
    sentences = [_stripped(m) for m in _SENTENCE.finditer(text) if m.group().strip()]
    mentions = [_mention(text, note) for note in notes]
    return Document(article, sentences, sorted(mentions, key=lambda m: m.span))


def events(text: str, *notes: Note, published: date | None = None, source: str | None = None) -> list[Event]:
    return detect_events(document(text, *notes, published=published, source=source))


def main_event(text: str, *notes: Note, published: date | None = None, source: str | None = None) -> Event:
    """The event the events stage is most confident about."""
    found = events(text, *notes, published=published, source=source)
    assert found, f"no event in {text!r}"
    return max(found, key=lambda e: e.confidence)


def cited(event: Event, field: str, text: str) -> list[str]:
    """The text of the spans an event cites for ``field``."""
    return [span.of(text) for span in event.evidence.get(field, [])]


def _stripped(match: re.Match[str]) -> Span:
    start = match.start() + len(match.group()) - len(match.group().lstrip())
    return Span(start, match.start() + len(match.group().rstrip()))


def _mention(text: str, note: Note) -> Mention:
    start = -1
    for _ in range(note.occurrence):
        start = text.index(note.surface, start + 1)
    span = Span(start, start + len(note.surface))
    if isinstance(note.value, Place):
        note.value.span = span
    return Mention(span, note.label, note.surface, note.value)
