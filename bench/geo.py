"""sitrep's geoparser and geotext side by side on the same gold documents, in one run.

    python bench/geo.py > bench/geo.md     (from the repository root, with sitrep importable)

Both tools read each document of the four gold corpora (GeoWebNews, LGL, TR-News, GeoVirus in
../shared/data/geoparsing-gold). geotext gives names without offsets or coordinates, so the shared quality
measure is over names: per document, the multiset of predicted place names (as written) against the gold
toponyms' names, counted with precision, recall and F1. sitrep's span-level F1 and its accuracy within
161 km given the gold spans are reported beside it. Speed is documents per second on one core,
excluding the one-off loading of each tool (sitrep's gazetteer automaton, geotext's index).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from geotext import GeoText

from sitrep.eval.geo import (
    CORPORA,
    GoldArticle,
    Score,
    available,
    read_corpus,
    score_geocoding,
    score_recognition,
)
from sitrep.geo import Gazetteer
from sitrep.geo.fold import fold
from sitrep.model import Article, Document

Predict = Callable[[str], list[str]]


def name_counts(articles: list[GoldArticle], predict: Predict) -> tuple[float, float, float, float]:
    """(precision, recall, F1, documents/s) of predicted names against gold names, per document."""
    hits = predicted_total = gold_total = 0
    started = time.perf_counter()
    predictions = [predict(article.text) for article in articles]
    seconds = time.perf_counter() - started
    for article, names in zip(articles, predictions, strict=True):
        gold = Counter(fold(t.span.of(article.text)) for t in article.toponyms)
        predicted = Counter(fold(name) for name in names)
        hits += sum((gold & predicted).values())
        predicted_total += sum(predicted.values())
        gold_total += sum(gold.values())
    precision = hits / predicted_total if predicted_total else 0.0
    recall = hits / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(articles) / seconds if seconds else 0.0


def sitrep_names(gazetteer: Gazetteer) -> Predict:
    def predict(text: str) -> list[str]:
        doc = Document(Article(id="bench", raw=text, text=text))
        return [m.text for m in gazetteer.recognise(doc)]

    return predict


def geotext_names(text: str) -> list[str]:
    found = GeoText(text)
    return [*found.cities, *found.countries]


def _id(score: Score) -> str:
    return f"{score.id_accuracy:.3f}" if score.with_id else "n/a"


def main() -> None:
    if not available():
        print("../shared/data/geoparsing-gold is absent: nothing to compare.")
        return
    gazetteer = Gazetteer.open(None)
    sitrep_names(gazetteer)("Warm up in Aleppo.")  # load each tool once, outside the timings
    geotext_names("Warm up in Aleppo.")
    print("# Geoparsing: sitrep vs geotext (same documents, one run)\n")
    print("Name-level quality (per document, multiset of names) and speed (documents/s, one core).\n")
    print("| corpus | docs | tool | P | R | F1 | docs/s |")
    print("|---|---|---|---|---|---|---|")
    rows = []
    for corpus in CORPORA:
        articles = read_corpus(corpus)
        for tool, predict in (("sitrep", sitrep_names(gazetteer)), ("geotext 0.4.0", geotext_names)):
            p, r, f, rate = name_counts(articles, predict)
            print(f"| {corpus} | {len(articles)} | {tool} | {p:.3f} | {r:.3f} | {f:.3f} | {rate:.0f} |")
        recognition = score_recognition(gazetteer, corpus, articles)
        geocoding = score_geocoding(gazetteer, corpus, articles)
        rows.append(
            (corpus, *recognition.f1(recognition.exact), recognition.f1(recognition.overlap)[2], geocoding)
        )
    print("\nsitrep only (geotext gives neither offsets nor coordinates):\n")
    print("| corpus | span P | span R | span F1 exact | span F1 overlap | acc@161km given spans | exact id |")
    print("|---|---|---|---|---|---|---|")
    for corpus, p, r, f, overlap, geocoding in rows:
        cells = (corpus, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{overlap:.3f}", f"{geocoding.accuracy:.3f}")
        print("| " + " | ".join((*cells, _id(geocoding))) + " |")
    mean = sum(g.accuracy for *_, g in rows) / len(rows)
    print(f"\nMean accuracy within 161 km over the four corpora: {mean:.3f}.")


if __name__ == "__main__":
    main()
