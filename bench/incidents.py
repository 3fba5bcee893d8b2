"""Incident clustering benchmark: text encoders, FA-KES weak gold (B-cubed), real duplicate stories.

    python bench/incidents.py                 # everything the machine can run
    python bench/incidents.py --limit 200     # the first 200 FA-KES articles only
    python bench/incidents.py --store         # also through the database, article by article

Part 1 needs no extraction: how well each encoder separates articles of one story from articles of other
stories, on article leads (headline + first two sentences). Part 2 runs every article through
``sitrep.pipeline`` (dateline as publication date, FA-KES outlet as source) and clusters the events
incrementally, article by article; it is skipped, and says so, while the pipeline cannot be imported.
With ``--store`` the same articles are also written to a temporary SQLite database with ``Store.save``
(each article's incidents attached in its transaction), to time it and check it makes the same incidents.
Gold data is read from ../shared/data; nothing is kept. Results are recorded in bench/incidents.md.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import combinations
from pathlib import Path

from sitrep.eval.incidents import (
    FAKES_CSV,
    FakesArticle,
    article_incidents,
    bcubed,
    dateline,
    duplicate_score,
    founding_copies,
    lead_event,
    load_duplicate_stories,
    load_fakes,
)
from sitrep.model import Article, Event
from sitrep.reconcile import CachedSimilarity, MatchConfig, MemoryIndex, Reconciler, Report
from sitrep.reconcile.match import FACETS, report_window
from sitrep.reconcile.similarity import ENCODERS

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def lead_text(article: FakesArticle) -> str:
    return " ".join([article.title, *_SENTENCE.split(article.text)[:2]])


def full_text(article: FakesArticle) -> str:
    return article.text


TEXT_VARIANTS = {"lead": lead_text, "full text": full_text}


def auc_and_best_f1(positives: Sequence[float], negatives: Sequence[float]) -> tuple[float, float, float]:
    """ROC AUC (Mann-Whitney) and the best F1 of a threshold on the score, with that threshold."""
    labelled = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives], reverse=True)
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    best = (0.0, 1.0)
    true_positives = 0
    for rank, (score, label) in enumerate(labelled, start=1):
        true_positives += label
        f1 = 2 * true_positives / (rank + len(positives))
        best = max(best, (f1, score))
    return wins / (len(positives) * len(negatives)), *best


def text_separability(articles: dict[str, FakesArticle], stories: dict[str, list[str]]) -> None:
    print("## 1. Text similarity alone (duplicate-story gold; FA-KES pairs of one date)")
    story_of = {a: s for s, ids in stories.items() for a in ids if a in articles}
    pairs = list(combinations(sorted(story_of), 2))
    same_day = [
        (a, b)
        for a, b in combinations(sorted(articles), 2)
        if articles[a].event_date == articles[b].event_date
    ]
    print(
        f"{len(pairs)} pairs among {len(story_of)} gold articles; {len(same_day)} FA-KES pairs of one date\n"
    )
    print(
        "| encoder | text | AUC (stories) | best F1 (stories) at | AUC (same date: same place?) | seconds |"
    )
    print("|---|---|---|---|---|---|")
    for name, encoder_class in ENCODERS.items():
        for variant, text_of in TEXT_VARIANTS.items():
            started = time.perf_counter()
            similarity = CachedSimilarity(encoder_class())
            texts = {u: text_of(a) for u, a in articles.items()}
            similarity.prepare(list(texts.values()))
            scores = {(a, b): similarity(texts[a], texts[b]) for a, b in pairs + same_day}
            elapsed = time.perf_counter() - started
            auc, f1, threshold = auc_and_best_f1(
                [scores[p] for p in pairs if story_of[p[0]] == story_of[p[1]]],
                [scores[p] for p in pairs if story_of[p[0]] != story_of[p[1]]],
            )
            weak_auc, _, _ = auc_and_best_f1(
                [scores[p] for p in same_day if articles[p[0]].location == articles[p[1]].location],
                [scores[p] for p in same_day if articles[p[0]].location != articles[p[1]].location],
            )
            figures = f"{auc:.3f} | {f1:.3f} at {threshold:.2f} | {weak_auc:.3f} | {elapsed:.1f}"
            print(f"| {name} | {variant} | {figures} |")
    print()


Extracted = dict[str, tuple[Article, list[Event]] | None]  # by label; None when no body text remained


def extract(inputs: list[tuple[str, str, date | None, str | None]]) -> Extracted:
    """(label, text, published, outlet) -> cleaned article and events by label, through the real pipeline."""
    from sitrep.errors import InputError
    from sitrep.ingest import article_from_string
    from sitrep.pipeline import Resources, process

    resources = Resources.load()
    extracted: Extracted = {}
    for label, text, published, outlet in inputs:
        raw = article_from_string(
            text, published=published, source=outlet, url=f"bench:{label}", origin=label
        )
        try:
            extracted[label] = process(raw, resources)
        except InputError:
            extracted[label] = None
    return extracted


def reports_of(extracted: Extracted) -> dict[str, list[Report]]:
    return {
        label: [Report.of(event, found[0]) for event in found[1]] if found else []
        for label, found in extracted.items()
    }


def cluster_in_order(
    reconciler: Reconciler, reports: dict[str, list[Report]], order: list[str]
) -> MemoryIndex:
    index = MemoryIndex()
    for label in order:
        index.apply(reconciler.attach(reports[label], index))
    return index


def clusters_by_label(index: MemoryIndex, reports: dict[str, list[Report]]) -> dict[str, str]:
    """Predicted cluster per input label (labels, not article ids: two copies of one text are two inputs)."""
    events: dict[str, list[Event]] = {label: [r.event for r in found] for label, found in reports.items()}
    by_article = {e.article_id: label for label, found in events.items() for e in found}
    clusters = article_incidents(index.incidents(), events)
    return {by_article.get(article_id, article_id): cluster for article_id, cluster in clusters.items()} | {
        label: f"alone:{label}" for label, found in events.items() if not found
    }


def pipeline_evaluation(
    articles: dict[str, FakesArticle],
    stories: dict[str, list[str]],
    founding: dict,
    threshold: float | None,
    store: bool = False,
    encoders: Sequence[str] = tuple(ENCODERS),
) -> None:
    print("## 2. Through real extraction (sitrep.pipeline)")
    try:
        import sitrep.pipeline  # noqa: F401
    except ImportError as error:
        print(f"skipped: the pipeline cannot be imported yet ({error})\n")
        return
    started = time.perf_counter()
    extracted = extract([(u, a.text, dateline(a.text), a.outlet) for u, a in articles.items()])
    fakes = reports_of(extracted)
    copies = founding_copies(founding["copies"])
    published = date.fromisoformat(founding["published"])
    jableh = reports_of(extract([(f"copy{i}", text, published, None) for i, text in enumerate(copies)]))
    print(
        f"extraction: {time.perf_counter() - started:.1f} s for {len(fakes) + len(jableh)} articles; "
        f"{sum(map(len, fakes.values()))} FA-KES events, {sum(1 for r in fakes.values() if not r)} articles "
        "without events\n"
    )
    gold = {u: a.gold_cluster for u, a in articles.items()}
    singletons = bcubed(gold, {u: u for u in articles})
    print(
        f"all-singletons baseline on the weak gold: P {singletons.precision:.3f} R {singletons.recall:.3f} "
        f"F1 {singletons.f1:.3f}\n"
    )
    print(
        "| encoder | threshold | B-cubed P | R | F1 | incidents/story (FA-KES) | same-story pairs joined | "
        "merged story pairs | Jableh copies -> incidents | shuffled = in order | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    partitions = {}
    for name in encoders:
        config = MatchConfig() if threshold is None else MatchConfig(link_threshold=threshold)
        reconciler = Reconciler.default(name, config)
        started = time.perf_counter()
        order = list(fakes)
        index = cluster_in_order(reconciler, fakes, order)
        elapsed = time.perf_counter() - started
        clusters = clusters_by_label(index, fakes)
        score = bcubed(gold, clusters)
        duplicates = duplicate_score(stories, clusters)
        shuffled = random.Random(7).sample(order, len(order))
        same = _partition(cluster_in_order(reconciler, fakes, shuffled)) == _partition(index)
        founding_clusters = clusters_by_label(cluster_in_order(reconciler, jableh, list(jableh)), jableh)
        print(
            f"| {name} | {reconciler.matcher.config.link_threshold} | {score.precision:.3f} | "
            f"{score.recall:.3f} | {score.f1:.3f} | {duplicates.incidents_per_story:.2f} | "
            f"{joined_pairs(stories, clusters)} | "
            f"{len(duplicates.merged_story_pairs)} {duplicates.merged_story_pairs[:3]} | "
            f"{len(set(founding_clusters.values()))} | {same} | {elapsed:.1f} |"
        )
        partitions[name] = (reconciler, _partition(index), clusters)
    print()
    reconciler, partition, clusters = partitions[encoders[0]]
    explain_unjoined(reconciler, fakes, stories, clusters)
    if store:
        store_evaluation(extracted, reconciler, partition)


def joined_pairs(stories: dict[str, list[str]], clusters: dict[str, str]) -> str:
    """How many pairs of articles of one story fall in one incident, of all such pairs."""
    pairs = [(a, b) for ids in stories.values() for a, b in combinations(ids, 2)]
    return f"{sum(clusters[a] == clusters[b] for a, b in pairs)}/{len(pairs)}"


def explain_unjoined(
    reconciler: Reconciler,
    reports: dict[str, list[Report]],
    stories: dict[str, list[str]],
    clusters: dict[str, str],
) -> None:
    """Why each pair of articles of one story ends in two incidents: the facet of their lead events that
    conflicts (with both values), or their link score against the threshold."""
    print("Same-story pairs in two incidents, by lead event (first conflicting facet, or the score):\n")
    reasons: Counter[str] = Counter()
    for story, ids in stories.items():
        for first, second in combinations(ids, 2):
            if clusters[first] == clusters[second]:
                continue
            leads = [_lead_report(reports[label]) for label in (first, second)]
            if None in leads:
                reasons["an article without events"] += 1
                continue
            a, b = sorted(leads, key=lambda report: report.event_id)  # type: ignore[arg-type, return-value]
            if report_window(a) is None or report_window(b) is None:
                reasons["not placed in time (no date, no publication date)"] += 1
                print(f"- {story} {first} {second}: not placed in time")
                continue
            comparison = reconciler.matcher.compare(a, b)
            facet = next((name for name, f in zip(FACETS, comparison.facets, strict=True) if f < 0), None)
            if facet is None:
                reasons["score below the threshold"] += 1
                why = f"score {reconciler.matcher.score(comparison):.2f}"
            else:
                reasons[f"{facet} conflict"] += 1
                why = f"{facet}: {_facet_value(a, facet)} | {_facet_value(b, facet)}"
            print(f"- {story} {first} {second}: {why}")
    print(f"\n{dict(reasons.most_common())}\n")


def _lead_report(reports: list[Report]) -> Report | None:
    lead = lead_event([report.event for report in reports])
    return next((report for report in reports if report.event is lead), None)


def _facet_value(report: Report, facet: str) -> str:
    event = report.event
    if facet == "type":
        return event.sub_event_type
    if facet == "date":
        return f"{event.event_date} (precision {event.time_precision})"
    if facet == "place":
        place = event.place
        return (
            f"{place.name}, {place.admin1}, {place.country} (precision {place.geo_precision})"
            if place
            else ""
        )
    return " / ".join(actor.name for actor in (event.actor1, event.actor2) if actor)


def store_evaluation(extracted: Extracted, reconciler: Reconciler, expected: set[frozenset[str]]) -> None:
    """Write the articles with ``Store.save`` (incidents attached per article) and compare the incidents."""
    from sitrep.store import Store

    articles = [found for found in extracted.values() if found]
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "bench.db", reconciler=reconciler) as store,
    ):
        started = time.perf_counter()
        for article, events in articles:
            store.save(article, events)
        elapsed = time.perf_counter() - started
        stored = {frozenset(record["event_ids"]) for record in store.iter_incidents()}
    print(
        f"Store.save of {len(articles)} articles with their incidents: {elapsed:.1f} s "
        f"({len(articles) / elapsed:.1f} articles/s); {len(stored)} incidents, "
        f"{'the same as' if stored == expected else 'NOT the same as'} in memory\n"
    )


def _partition(index: MemoryIndex) -> set[frozenset[str]]:
    return {frozenset(state.incident.event_ids) for state in index.incidents()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N FA-KES articles")
    parser.add_argument("--threshold", type=float, default=None, help="override MatchConfig.link_threshold")
    parser.add_argument("--skip-pipeline", action="store_true")
    parser.add_argument("--store", action="store_true", help="also ingest FA-KES into a temporary database")
    parser.add_argument(
        "--encoder", choices=list(ENCODERS), action="append", help="only this text encoder (repeatable)"
    )
    options = parser.parse_args(argv)
    if not FAKES_CSV.exists():
        print(f"skipped: {FAKES_CSV} is absent")
        return 0
    gold = load_duplicate_stories()
    articles = {a.unit_id: a for a in load_fakes()[: options.limit]}
    stories = {story: [u for u in ids if u in articles] for story, ids in gold["fakes"].items()}
    text_separability(articles, stories)
    if not options.skip_pipeline:
        encoders = options.encoder or list(ENCODERS)
        pipeline_evaluation(articles, stories, gold["founding"], options.threshold, options.store, encoders)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
