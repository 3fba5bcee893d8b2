"""Scoring incident clustering against two gold sets.

- FA-KES weak gold: articles that give the same event date and governorate are one cluster. Weak, because
  one governorate sees several events a day and reaction stories share the date of the attack they react
  to. Scored with B-cubed over articles, each article standing for the incident of its lead event.
- Duplicate stories: hand-grouped articles that report one real event (FA-KES unit ids, and copies of the
  founding article). Scored as incidents per story (1.0 is perfect) and pairs of stories merged (0 is
  perfect).

The gold data is read from ``../shared/data`` beside the repository; callers skip when it is absent.
"""

from __future__ import annotations

import calendar
import csv
import json
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sitrep.model import Event
from sitrep.reconcile import IncidentState

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FAKES_CSV = SHARED / "data" / "fakes-syria-news" / "FA-KES-Dataset.csv"
SEED_ARTICLE = SHARED / "seed" / "article.txt"
DUPLICATES = REPO / "tests" / "reconcile" / "fixtures" / "duplicate_stories.json"


@dataclass(frozen=True, slots=True)
class FakesArticle:
    unit_id: str
    title: str
    text: str
    outlet: str
    event_date: date
    location: str

    @property
    def gold_cluster(self) -> tuple[date, str]:
        return self.event_date, self.location


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class DuplicateScore:
    stories: int
    incidents_per_story: float  # mean over stories of the incidents their articles' lead events fall in
    merged_story_pairs: list[tuple[str, str]]


def load_fakes(path: Path = FAKES_CSV) -> list[FakesArticle]:
    """FA-KES articles, once each: 12 unit ids recur (same text, sometimes another governorate); the first
    row of each is kept, as one text cannot belong to two gold clusters."""
    with path.open(encoding="latin-1", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["article_content"].strip()]
    first_rows = {row["unit_id"]: row for row in reversed(rows)}
    return [
        FakesArticle(
            unit_id=row["unit_id"],
            title=row["article_title"].strip(),
            text=row["article_content"].strip(),
            outlet=row["source"].strip(),
            event_date=datetime.strptime(row["date"].strip(), "%m/%d/%Y").date(),
            location=row["location"].strip().casefold(),
        )
        for row in rows
        if first_rows[row["unit_id"]] is row
    ]


_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name} | {
    name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name
}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b")
DATELINE_CHARS = 120


def dateline(text: str) -> date | None:
    """The publication date most news pages print before their lead ("Wed 05 Apr 2017", "05.02.2015").

    Only the opening characters are read, the first date found wins, and numeric dates are read day first
    as the outlets in the corpus print them. None when the opening carries no date.
    """
    opening = text[:DATELINE_CHARS]
    found: list[tuple[int, date]] = []
    for match in _NUMERIC_DATE.finditer(opening):
        found += _dated(match.start(), int(match[3]), int(match[2]), int(match[1]))
    for match in _DAY_MONTH_YEAR.finditer(opening):
        found += _dated(match.start(), int(match[3]), _MONTHS.get(match[2].casefold(), 0), int(match[1]))
    for match in _MONTH_DAY_YEAR.finditer(opening):
        found += _dated(match.start(), int(match[3]), _MONTHS.get(match[1].casefold(), 0), int(match[2]))
    return min(found)[1] if found else None


def _dated(position: int, year: int, month: int, day: int) -> list[tuple[int, date]]:
    try:
        return [(position, date(year, month, day))]
    except ValueError:
        return []


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> BCubed:
    """B-cubed precision and recall (Bagga & Baldwin 1998) over the items both mappings label."""
    items = [item for item in gold if item in predicted]
    if not items:
        return BCubed(0.0, 0.0)
    pair_counts = Counter((gold[i], predicted[i]) for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    predicted_sizes = Counter(predicted[i] for i in items)
    precision = sum(pair_counts[gold[i], predicted[i]] / predicted_sizes[predicted[i]] for i in items)
    recall = sum(pair_counts[gold[i], predicted[i]] / gold_sizes[gold[i]] for i in items)
    return BCubed(precision / len(items), recall / len(items))


def lead_event(events: Sequence[Event]) -> Event | None:
    """The event an article leads with: the first reported in the text that is not background."""
    current = [e for e in events if not e.historical] or list(events)
    return min(current, key=_first_evidence, default=None)


def _first_evidence(event: Event) -> tuple[int, str]:
    starts = [span.start for spans in event.evidence.values() for span in spans]
    return min(starts, default=1 << 62), event.event_id


def article_incidents(
    incidents: Iterable[IncidentState], events_by_article: Mapping[str, Sequence[Event]]
) -> dict[str, str]:
    """Each article's predicted cluster: the incident of its lead event, or a cluster of its own."""
    incident_of = {e: s.incident.incident_id for s in incidents for e in s.incident.event_ids}
    clusters = {}
    for article_id, events in events_by_article.items():
        lead = lead_event(events)
        clusters[article_id] = incident_of.get(lead.event_id, article_id) if lead else f"alone:{article_id}"
    return clusters


def duplicate_score(stories: Mapping[str, Sequence[str]], clusters: Mapping[str, str]) -> DuplicateScore:
    """Incidents per story and merged stories, from ``clusters`` (article id -> predicted cluster)."""
    found = {story: {clusters[a] for a in articles if a in clusters} for story, articles in stories.items()}
    per_story = {story: incidents for story, incidents in found.items() if incidents}
    merged = [
        (first, second)
        for first in sorted(per_story)
        for second in sorted(per_story)
        if first < second and per_story[first] & per_story[second]
    ]
    mean = sum(map(len, per_story.values())) / len(per_story) if per_story else 0.0
    return DuplicateScore(len(per_story), mean, merged)


def load_duplicate_stories(path: Path = DUPLICATES) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


BODY_PARAGRAPH_CHARS = 200


def founding_copies(spec: Sequence[str], seed_path: Path = SEED_ARTICLE) -> list[str]:
    """The texts of the founding-article copies named in the duplicate gold (see its "about")."""
    seed = seed_path.read_text(encoding="utf-8")
    body = "\n\n".join(p for p in seed.split("\n\n")[1:] if len(p) > BODY_PARAGRAPH_CHARS)
    texts = []
    for name in spec:
        if name == "seed":
            texts.append(seed)
        elif name.startswith("frame:"):
            frame = (DUPLICATES.parent / name.removeprefix("frame:")).read_text(encoding="utf-8")
            texts.append(frame.replace("{body}", body))
        else:
            texts.append((DUPLICATES.parent / name).read_text(encoding="utf-8"))
    return texts
