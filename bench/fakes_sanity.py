"""Sanity figures of sitrep's events over the FA-KES Syria-war news articles, read in place.

    python bench/fakes_sanity.py [limit]      (from the repository root, with sitrep importable)

FA-KES (../shared/data/fakes-syria-news, CC BY 4.0) holds 804 news articles about the Syrian war; its date
column (the event's date) stands in for the publication date the pipeline resolves relative dates against.
Every event should be in Syria or a neighbour the war spills into; a toll above 1000 is almost surely a
cumulative figure ("since 2011") mistaken for an event's. Prints events per article, the share of events
outside Syria and the commonest foreign locations, events with fatalities > 1000, events with no location
and the fatalities distribution.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest import article_from_string
from sitrep.model import Event
from sitrep.pipeline import Resources, process

DATASET = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "fakes-syria-news"
CSV = DATASET / "FA-KES-Dataset.csv"
HOME = "Syria"
_TOLL_BINS = ((0, 0), (1, 1), (2, 5), (6, 20), (21, 100), (101, 1000), (1001, 10**9))


def read_articles(limit: int | None = None) -> list[dict[str, str]]:
    with CSV.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


def published(row: dict[str, str]) -> date | None:
    """FA-KES dates are month/day/year."""
    try:
        return datetime.strptime(row["date"].strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def events_of(row: dict[str, str], resources: Resources) -> list[Event]:
    article = article_from_string(
        row["article_content"], published=published(row), origin=f"fakes:{row['unit_id']}"
    )
    try:
        return process(article, resources)[1]
    except InputError:
        return []


def report(per_article: dict[str, list[Event]], seconds: float) -> None:
    events = [event for found in per_article.values() for event in found]
    counts = [len(found) for found in per_article.values()]
    print(f"articles: {len(counts)}  events: {len(events)}  ({seconds:.0f} s)")
    print(
        f"events per article: mean {statistics.mean(counts):.2f}  median {statistics.median(counts)}"
        f"  max {max(counts)}  articles with none: {counts.count(0)}"
    )
    located = [e for e in events if e.place is not None and e.place.country]
    foreign = [e for e in located if e.place.country != HOME]
    unlocated = len(events) - len(located)
    print(f"events with no location: {unlocated} ({_share(unlocated, events)})")
    print(f"events outside {HOME}: {len(foreign)} ({_share(len(foreign), located)} of located)")
    places = Counter(f"{e.place.name} ({e.place.country})" for e in foreign)
    print("top foreign locations:", "; ".join(f"{name} x{n}" for name, n in places.most_common(15)))
    print("foreign countries:", dict(Counter(e.place.country for e in foreign).most_common(10)))
    huge = [(key, e) for key, found in per_article.items() for e in found if (e.fatalities.best or 0) > 1000]
    print(f"events with fatalities > 1000: {len(huge)}")
    for key, event in huge[:10]:
        print(f"  {key} {event.sub_event_type} {event.fatalities.best}")
    tolls = [e.fatalities.best for e in events if e.fatalities.best is not None]
    bins = {
        f"{low}-{high}" if high < 10**9 else f">{low - 1}": sum(low <= t <= high for t in tolls)
        for low, high in _TOLL_BINS
    }
    print(f"fatalities given: {len(tolls)}  distribution: {bins}")
    print("event types:", dict(Counter(e.sub_event_type for e in events).most_common()))


def _share(part: int, whole: list[Event]) -> str:
    return f"{100 * part / len(whole):.1f}%" if whole else "n/a"


def main() -> None:
    if not CSV.exists():
        sys.exit(f"FA-KES not found at {CSV}")
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    resources = Resources.load()
    started = time.perf_counter()
    rows = read_articles(limit)
    per_article = {f"{row['unit_id']}#{index}": events_of(row, resources) for index, row in enumerate(rows)}
    report(per_article, time.perf_counter() - started)


if __name__ == "__main__":
    main()
