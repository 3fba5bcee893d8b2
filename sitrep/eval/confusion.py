"""Per-class counts of (gold, predicted) label pairs, shared by the gold sets that have classes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitrep.errors import InputError
from sitrep.model import Event

if TYPE_CHECKING:
    from sitrep.pipeline import Resources

NO_EVENT = "(no event)"


@dataclass(frozen=True, slots=True)
class ClassRow:
    """One gold class: how often it occurs, how well it is predicted, and what it is mistaken for."""

    label: str
    gold: int
    precision: float
    recall: float
    f1: float
    mistaken_for: tuple[tuple[str, int], ...]


@dataclass(slots=True)
class Confusion:
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: str, predicted: str) -> None:
        self.pairs[(gold, predicted)] += 1

    def scores(self, label: str) -> tuple[float, float, float]:
        """(precision, recall, F1) of one label; a label never predicted has precision 0."""
        hits = self.pairs[(label, label)]
        predicted = sum(n for (_, p), n in self.pairs.items() if p == label)
        gold = sum(n for (g, _), n in self.pairs.items() if g == label)
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def macro_f1(self, labels: Iterable[str]) -> float:
        values = [self.scores(label)[2] for label in labels]
        return sum(values) / len(values) if values else 0.0

    def rows(self, labels: Iterable[str] | None = None, mistakes: int = 3) -> list[ClassRow]:
        """One row per gold label (every gold label seen, commonest first, when ``labels`` is None)."""
        gold_counts = Counter[str]()
        for (gold, _), n in self.pairs.items():
            gold_counts[gold] += n
        chosen = list(labels) if labels is not None else [label for label, _ in gold_counts.most_common()]
        return [self._row(label, gold_counts[label], mistakes) for label in chosen]

    def _row(self, label: str, gold: int, mistakes: int) -> ClassRow:
        wrong = Counter({p: n for (g, p), n in self.pairs.items() if g == label and p != label})
        return ClassRow(label, gold, *self.scores(label), tuple(wrong.most_common(mistakes)))


def most_confident(events: list[Event]) -> Event | None:
    return max(events, key=lambda event: event.confidence, default=None)


def top_event(
    text: str, resources: Resources, published: date | None = None, origin: str = "<gold>"
) -> Event | None:
    """The most confident event sitrep reports from ``text``; None when it reports none or has no text."""
    from sitrep.ingest import article_from_string
    from sitrep.pipeline import process

    try:
        _, events = process(article_from_string(text, published=published, origin=origin), resources)
    except InputError:
        return None
    return most_confident(events)
