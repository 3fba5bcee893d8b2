"""Boilerplate removal scored against the Zyte (Scrapinghub) article-extraction benchmark.

181 news and blog pages with hand-checked article bodies (MIT; see the folder's PROVENANCE.md). The score
is the benchmark's own: bags of word shingles (4 words by default; ``shingle_size=1`` is a bag of words)
compared page by page, counts normalised per page so long pages weigh no more than short ones, precision and
recall averaged over pages, F1 from the two averages. trafilatura alone scores about 0.96 F1 here.

The folder lives outside the repository (``../shared/data``); ``score_extraction`` raises SitrepError when it
is absent so callers (tests, ``sitrep eval``) can skip.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from sitrep.clean import clean
from sitrep.errors import InputError, SitrepError
from sitrep.ingest import article_from_string
from sitrep.ingest.decode import decode_bytes

BENCHMARK_FOLDER = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "article-extraction-benchmark"
)
BENCHMARK_SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    precision: float
    recall: float
    f1: float
    pages: int
    empty: int  # pages where the extractor kept no text at all
    shingle_size: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"F1 {self.f1:.3f}  precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"({self.pages} pages, {self.empty} empty, {self.shingle_size}-word shingles, "
            f"{self.pages / self.seconds:.0f} pages/s)"
        )


def clean_text(html: str) -> str:
    """sitrep's own extraction: ingest's content sniffing, then clean; a page it rejects scores as empty."""
    try:
        return clean(article_from_string(html, origin="<benchmark>")).text
    except InputError:
        return ""


def trafilatura_text(html: str) -> str:
    """trafilatura with its default settings, the baseline sitrep's clean builds on."""
    return trafilatura.extract(html, include_comments=False) or ""


def score_extraction(
    extract: Callable[[str], str] = clean_text,
    folder: Path = BENCHMARK_FOLDER,
    shingle_size: int = BENCHMARK_SHINGLE_SIZE,
    limit: int | None = None,
) -> ExtractionScore:
    """Score an HTML-to-text function on the benchmark; SitrepError when the benchmark is not there."""
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise SitrepError(f"article-extraction benchmark not found ({truth_file} is missing)")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit]
    started = time.perf_counter()
    counts, empty = [], 0
    for key in keys:
        html = decode_bytes(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()), key)
        predicted = extract(html)
        empty += not predicted.strip()
        counts.append(page_counts(truth[key].get("articleBody", ""), predicted, shingle_size))
    seconds = time.perf_counter() - started
    precision = statistics.mean(_precision(*page) for page in counts if page[0] + page[1] > 0)
    recall = statistics.mean(_recall(*page) for page in counts if page[0] + page[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ExtractionScore(precision, recall, f1, len(keys), empty, shingle_size, seconds)


def page_counts(true: str, predicted: str, shingle_size: int) -> tuple[float, float, float]:
    """True positives, false positives and false negatives over shingles, as shares of their sum."""
    gold, guess = _shingles(true, shingle_size), _shingles(predicted, shingle_size)
    tp, fp, fn = (gold & guess).total(), (guess - gold).total(), (gold - guess).total()
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, size: int) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(
        tuple(words[start : start + size]) for start in range(max(1, len(words) - size + 1)) if words
    )


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0
