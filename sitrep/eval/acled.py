"""Event extraction scored against ACLED's coding of its own event notes.

Each row's ``notes`` (the coder's one-to-three-sentence description) goes through the whole pipeline as an
article; the event sitrep is most confident about is compared with the row's coded fields:

* event_type, sub_event_type: equal labels;
* event_date: the same day;
* fatalities: the same best figure, an unknown toll counting as 0 as ACLED codes it;
* actor: a gold actor (actor1 or actor2) and a predicted one (actor1 or actor2) share at least 70% of
  their words (rapidfuzz token-set ratio) once periods such as "(2000-)" are dropped;
* admin1: the same first-level region however spelt (``sitrep.eval.geo.same_admin1``: folded names without
  words naming the kind of region, small spelling differences, transliteration variants, the gazetteer's
  alternate names of first-level divisions);
* location: predicted coordinates within 10 km of the coded ones.

A note that yields no event is wrong on every field. Rows are read from ``../shared/data`` relative to the
repository (evaluation only; never copied into it). The publication date is unknown by default (ACLED
notes date themselves: "On 3 May 2022, ..."); ``published_from_row`` passes the row's event_date instead.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz

from sitrep.errors import SitrepError
from sitrep.eval.geo import same_admin1
from sitrep.geo.distance import km
from sitrep.model import Article, Event

ACLED_FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "acled-sample-2022"
DEV_CSV = ACLED_FOLDER / "acled_2022H1_global_dev.csv"

ACTOR_SIMILARITY = 70  # rapidfuzz token-set ratio, 0-100
LOCATION_KM = 10.0
NO_EVENT = "(no event)"

FIELDS = ("event_type", "sub_event_type", "event_date", "fatalities", "actor", "admin1", "location")
# Targets from GitHub issue 3.
TARGETS = {
    "event_type": 0.90,
    "sub_event_type": 0.80,
    "event_date": 0.97,
    "fatalities": 0.93,
    "actor": 0.75,
    "admin1": 0.90,
    "location": 0.80,
}
_PERIOD = re.compile(r"\(\d{4}-(?:\d{4})?\)")

Extractor = Callable[[Article], list[Event]]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """The coded fields of one ACLED row that sitrep is scored on."""

    row_id: str
    notes: str
    event_date: date
    event_type: str
    sub_event_type: str
    actors: tuple[str, ...]
    admin1: str
    latitude: float
    longitude: float
    fatalities: int


@dataclass(slots=True)
class AcledScore:
    notes: int = 0
    without_event: int = 0
    seconds: float = 0.0
    correct: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted) sub-event types

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.notes if self.notes else 0.0

    def meets_targets(self) -> bool:
        return all(self.accuracy(name) >= target for name, target in TARGETS.items())

    def top_confusions(self, count: int = 15) -> list[tuple[tuple[str, str], int]]:
        """The most frequent (gold, predicted) sub-event type pairs that disagree."""
        wrong = Counter({pair: n for pair, n in self.confusion.items() if pair[0] != pair[1]})
        return wrong.most_common(count)

    def per_class(self) -> dict[str, tuple[int, int]]:
        """Gold sub-event type -> (notes, notes typed right)."""
        totals: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for (gold, predicted), n in self.confusion.items():
            totals[gold] += n
            right[gold] += n if gold == predicted else 0
        return {name: (totals[name], right[name]) for name, _ in totals.most_common()}


def read_gold(path: Path, limit: int | None = None) -> list[GoldEvent]:
    """The first ``limit`` rows (all when None) of an ACLED export; SitrepError when the file is absent."""
    if not path.is_file():
        raise SitrepError(f"{path}: no such ACLED file (the gold data lives in ../shared/data)")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(_gold_rows(csv.DictReader(handle), limit))
    return rows


def _gold_rows(reader: csv.DictReader[str], limit: int | None) -> Iterator[GoldEvent]:
    for index, row in enumerate(reader):
        if limit is not None and index >= limit:
            return
        yield GoldEvent(
            row_id=row["event_id_cnty"],
            notes=row["notes"],
            event_date=date.fromisoformat(row["event_date"]),
            event_type=row["event_type"],
            sub_event_type=row["sub_event_type"],
            actors=tuple(name for name in (row["actor1"], row["actor2"]) if name),
            admin1=row["admin1"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            fatalities=int(row["fatalities"] or 0),
        )


def score(gold: list[GoldEvent], extract: Extractor, published_from_row: bool = False) -> AcledScore:
    """Run ``extract`` on every note and count the fields its most confident event gets right."""
    result = AcledScore()
    started = time.perf_counter()
    for row in gold:
        article = _article(row, published_from_row)
        predicted = max(extract(article), key=lambda e: e.confidence, default=None)
        result.notes += 1
        result.without_event += predicted is None
        result.confusion[(row.sub_event_type, predicted.sub_event_type if predicted else NO_EVENT)] += 1
        result.correct.update(name for name, ok in matches(row, predicted).items() if ok)
    result.seconds = time.perf_counter() - started
    return result


def _article(row: GoldEvent, published_from_row: bool) -> Article:
    from sitrep.ingest import article_from_string

    published = row.event_date if published_from_row else None
    return article_from_string(row.notes, published=published, origin=f"ACLED {row.row_id}")


def matches(gold: GoldEvent, event: Event | None) -> dict[str, bool]:
    """Which scored fields ``event`` gets right (all wrong when there is no event)."""
    if event is None:
        return dict.fromkeys(FIELDS, False)
    place = event.place
    return {
        "event_type": event.event_type == gold.event_type,
        "sub_event_type": event.sub_event_type == gold.sub_event_type,
        "event_date": event.event_date == gold.event_date,
        "fatalities": (event.fatalities.best or 0) == gold.fatalities,
        "actor": _actor_matches(gold.actors, [a.name for a in (event.actor1, event.actor2) if a is not None]),
        "admin1": place is not None and bool(place.admin1) and same_admin1(place.admin1, gold.admin1),
        "location": place is not None
        and place.latitude is not None
        and place.longitude is not None
        and km(place.latitude, place.longitude, gold.latitude, gold.longitude) <= LOCATION_KM,
    }


def _actor_matches(gold: tuple[str, ...], predicted: list[str]) -> bool:
    return any(
        fuzz.token_set_ratio(_without_period(a), _without_period(b)) >= ACTOR_SIMILARITY
        for a in gold
        for b in predicted
    )


def _without_period(name: str) -> str:
    return " ".join(_PERIOD.sub(" ", name).split())


def evaluate(path: Path = DEV_CSV, limit: int | None = None, published_from_row: bool = False) -> AcledScore:
    """Score the full pipeline (clean, nlp, geo, actors, events) on an ACLED file."""
    from sitrep.pipeline import Resources, process

    gold = read_gold(path, limit)
    resources = Resources.load()
    return score(gold, lambda article: process(article, resources)[1], published_from_row)
