"""Actors and event categories scored on the PLOVER gold-standard records (English sentences of the CAMEO
manual, coded with PLOVER categories, source and target actors).

* actors: for each record with a gold source (target), whether one actor sitrep recognises in the sentence
  (an ACTOR mention) matches one gold source (target) actor: rapidfuzz token-set ratio >= 70 between the gold
  actor text and either the words sitrep recognised or the ACLED-style name it gave them;
* event category: PLOVER categories are mapped to the ACLED event types a coder could give them
  (``sitrep/data/eval/plover_event_types.tsv``, with the rationale of each line). On mapped records, the most
  confident event's event_type must be one of them; on records of a category ACLED does not code (AGREE,
  DEMAND, ...), sitrep should report no event.

The file is read from ``../shared/data`` and never copied into the repository.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, utils

from sitrep.errors import SitrepError
from sitrep.eval.confusion import NO_EVENT, most_confident
from sitrep.events import detect_events
from sitrep.model import Document, Mention

if TYPE_CHECKING:
    from sitrep.pipeline import Resources

PLOVER_FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "plover-gsr"
PLOVER_JSON = PLOVER_FOLDER / "PLOVER_GSR_CAMEO.json"
ACTOR_SIMILARITY = 70  # rapidfuzz token-set ratio, 0-100
ANY_MODE = "*"


@dataclass(frozen=True, slots=True)
class Record:
    record_id: str
    text: str
    category: str
    mode: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(slots=True)
class PloverScore:
    records: int = 0
    seconds: float = 0.0
    actor_hits: Counter[str] = field(default_factory=Counter)  # "source" / "target" -> records matched
    actor_gold: Counter[str] = field(default_factory=Counter)  # "source" / "target" -> records with gold
    mapped: int = 0
    mapped_right: int = 0
    unmapped: int = 0
    unmapped_rejected: int = 0
    predictions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (category, predicted type)
    right: Counter[str] = field(default_factory=Counter)  # category -> records typed acceptably

    def actor_recall(self, role: str) -> float:
        return self.actor_hits[role] / self.actor_gold[role] if self.actor_gold[role] else 0.0

    def category_agreement(self) -> float:
        return self.mapped_right / self.mapped if self.mapped else 0.0

    def rejection(self) -> float:
        return self.unmapped_rejected / self.unmapped if self.unmapped else 0.0

    def per_category(self, shown: int = 3) -> list[tuple[str, int, int, list[tuple[str, int]]]]:
        """(category, records, records typed acceptably, commonest predictions), largest category first."""
        totals: Counter[str] = Counter()
        for (category, _), n in self.predictions.items():
            totals[category] += n
        return [
            (category, n, self.right[category], self._commonest(category, shown))
            for category, n in totals.most_common()
        ]

    def _commonest(self, category: str, shown: int) -> list[tuple[str, int]]:
        found = Counter({p: n for (c, p), n in self.predictions.items() if c == category})
        return found.most_common(shown)


def load_mapping(path: Path | None = None) -> dict[tuple[str, str], frozenset[str]]:
    """(PLOVER category, mode or "*") -> the ACLED event types it may be coded as."""
    source = path.read_text(encoding="utf-8") if path else _packaged("plover_event_types.tsv")
    mapping = {}
    for line in source.splitlines():
        if line.strip() and not line.startswith("#"):
            category, mode, types, _rationale = line.split("\t")
            mapping[(category, mode)] = frozenset(filter(None, types.split("|")))
    return mapping


def _packaged(name: str) -> str:
    return files("sitrep").joinpath("data", "eval", name).read_text(encoding="utf-8")


def acled_types(mapping: dict[tuple[str, str], frozenset[str]], category: str, mode: str) -> frozenset[str]:
    """The ACLED event types of a PLOVER category and mode; empty when ACLED does not code it."""
    return mapping.get((category, mode), mapping.get((category, ANY_MODE), frozenset()))


def read_records(path: Path = PLOVER_JSON, limit: int | None = None) -> list[Record]:
    if not path.is_file():
        raise SitrepError(f"{path}: no such PLOVER file (the gold data lives in ../shared/data)")
    entries = json.loads(path.read_text(encoding="utf-8"))
    records = [_record(entry) for entry in entries if entry.get("event") != "DOCUMENT" and entry.get("text")]
    return records[:limit]


def _record(entry: dict) -> Record:
    return Record(
        record_id=entry["id"],
        text=entry["text"],
        category=entry["event"],
        mode=entry.get("mode") or "",
        sources=_actor_texts(entry.get("source")),
        targets=_actor_texts(entry.get("target")),
    )


def _actor_texts(actors: object) -> tuple[str, ...]:
    """Gold actor texts; a target given as a bare string (a sector word) or nothing has none."""
    if not isinstance(actors, list):
        return ()
    return tuple(a["actorText"] for a in actors if isinstance(a, dict) and a.get("actorText"))


def actor_matches(gold: tuple[str, ...], recognised: list[Mention]) -> bool:
    """Whether a recognised actor (its words or its ACLED name) shares enough words with a gold actor."""
    return any(
        fuzz.token_set_ratio(name, candidate, processor=utils.default_process) >= ACTOR_SIMILARITY
        for name in gold
        for mention in recognised
        for candidate in (mention.text, mention.value.name)
    )


def evaluate(path: Path = PLOVER_JSON, limit: int | None = None) -> PloverScore:
    from sitrep.pipeline import Resources

    records = read_records(path, limit)
    resources = Resources.load()
    mapping = load_mapping()
    score = PloverScore()
    started = time.perf_counter()
    for record in records:
        _score_record(score, record, resources, acled_types(mapping, record.category, record.mode))
    score.seconds = time.perf_counter() - started
    return score


def _score_record(score: PloverScore, record: Record, resources: Resources, expected: frozenset[str]) -> None:
    doc = _analyse(record, resources)
    events = detect_events(doc)
    actors = [m for m in doc.mentions if m.label == "ACTOR"]
    for role, gold in (("source", record.sources), ("target", record.targets)):
        if gold:
            score.actor_gold[role] += 1
            score.actor_hits[role] += actor_matches(gold, actors)
    event = most_confident(events)
    predicted = event.event_type if event is not None else NO_EVENT
    right = predicted in expected if expected else event is None
    score.records += 1
    score.predictions[(record.category, predicted)] += 1
    score.right[record.category] += right
    if expected:
        score.mapped += 1
        score.mapped_right += right
    else:
        score.unmapped += 1
        score.unmapped_rejected += right


def _analyse(record: Record, resources: Resources) -> Document:
    """The sentence analysed as ``sitrep.pipeline.extract`` does, kept so its ACTOR mentions can be read."""
    from sitrep.clean import clean
    from sitrep.ingest import article_from_string
    from sitrep.pipeline import analyse

    article = clean(article_from_string(record.text, origin=f"PLOVER {record.record_id}"))
    return analyse(article, resources)
