"""Throughput benchmark: how fast the pipeline turns real articles into events, and with how much memory.

    python bench/throughput.py               # all 1,053 real articles; prints a table, writes throughput.md
    python bench/throughput.py --limit 200   # the first 200 only (no report written)

The corpus is read in place from ../shared/data (never copied into the repository): the 804 FA-KES articles
and the 249 Guardian articles, as raw articles with their outlet and date. Each configuration runs in a
fresh process, as a user's run would, and its time includes loading the pipeline's resources:

- extract, 1 worker: clean + extract in one process (``sitrep.batch.one_by_one``);
- extract, 2 workers: the same through ``sitrep.batch.ExtractionPool`` (worker start-up included);
- ingest, 2 workers: ``sitrep ingest --workers 2``'s path, into a fresh SQLite database;
- floor: spaCy's English tokenizer alone over the same raw texts, in one process.

RSS MB and PSS MB are the peaks, sampled every 0.1 s, of the summed resident memory of the run's processes:
RSS counts pages the forked workers share with their parent once per process, PSS divides them among their
sharers. Machines shared with other work give noisy figures: the 1-minute load average before and after
each run is reported.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sitrep.model import Article  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
FAKES = SHARED / "fakes-syria-news" / "FA-KES-Dataset.csv"
GUARDIAN = SHARED / "guardian-syria-sdf-news" / "Guardian_SDF_sample.csv.gz"
REPORT = Path(__file__).with_name("throughput.md")
COMMAND = "python bench/throughput.py"


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    workers: int
    articles: int
    seconds: float
    events: int
    failed: int
    peak_rss_mb: float
    peak_pss_mb: float
    load_before: float
    load_after: float

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def corpus(limit: int | None = None) -> list[Article]:
    """FA-KES (all 804 rows) then the Guardian sample (249), as raw articles."""
    from sitrep.ingest import article_from_string

    articles = []
    with FAKES.open(encoding="latin-1", newline="") as rows:
        for number, row in enumerate(csv.DictReader(rows), start=2):
            day = datetime.strptime(row["date"].strip(), "%m/%d/%Y").date()
            articles.append(
                _raw(article_from_string, row["article_content"], day, row["source"], f"{FAKES}:{number}")
            )
    with gzip.open(GUARDIAN, "rt", encoding="utf-8", newline="") as rows:
        for number, row in enumerate(csv.DictReader(rows), start=2):
            articles.append(
                _raw(article_from_string, row["text"], row["date"], "The Guardian", f"{GUARDIAN}:{number}")
            )
    return articles[:limit]


def _raw(make: Callable[..., Article], text: str, day: object, source: str, origin: str) -> Article:
    return make(text, published=day, source=source.strip(), origin=origin)


# -- one configuration, in its own process ------------------------------------------------------------------
def measure(name: str, workers: int, limit: int | None) -> Measure:
    articles = corpus(limit)
    sampler = _RssSampler()
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    with sampler:
        events, failed = RUNS[name](articles, workers)
    seconds = time.perf_counter() - start
    rss, pss = sampler.peak_rss / 1e6, sampler.peak_pss / 1e6
    load_after = os.getloadavg()[0]
    return Measure(name, workers, len(articles), seconds, events, failed, rss, pss, load_before, load_after)


def _extract(articles: list[Article], workers: int) -> tuple[int, int]:
    from sitrep.batch import ExtractionPool, LocalExtractor, one_by_one

    if workers == 1:
        return _count(one_by_one(LocalExtractor())(articles))
    with ExtractionPool(workers) as pool:
        return _count(pool(articles))


def _count(outcomes: Iterator[object]) -> tuple[int, int]:
    events = failed = 0
    for outcome in outcomes:
        events += len(outcome.events)  # type: ignore[attr-defined]
        failed += outcome.error is not None  # type: ignore[attr-defined]
    return events, failed


def _ingest(articles: list[Article], workers: int) -> tuple[int, int]:
    from rich.console import Console

    from sitrep.batch import ExtractionPool, ingest_items
    from sitrep.store import Store

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store:
        quiet = Console(file=open(os.devnull, "w"))  # noqa: SIM115 - closed with the process
        with ExtractionPool(workers) as pool:
            counts = ingest_items(articles, store, pool, console=quiet)
        return store.summary().events, counts.failed


def _floor(articles: list[Article], _workers: int) -> tuple[int, int]:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    for article in articles:
        tokenizer(article.raw)
    return 0, 0


RUNS: dict[str, Callable[[list[Article], int], tuple[int, int]]] = {
    "extract": _extract,
    "ingest": _ingest,
    "floor": _floor,
}


class _RssSampler:
    """The peaks of the summed resident (RSS) and proportional (PSS: shared pages divided among their
    sharers) memory of this process and its descendants (Linux /proc)."""

    def __init__(self) -> None:
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            pids = _tree(os.getpid())
            self.peak_rss = max(self.peak_rss, sum(_memory(pid, "/proc/{}/status", "VmRSS:") for pid in pids))
            self.peak_pss = max(
                self.peak_pss, sum(_memory(pid, "/proc/{}/smaps_rollup", "Pss:") for pid in pids)
            )
            if self._stop.wait(0.1):
                return


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


def _memory(pid: int, path: str, field: str) -> int:
    """Bytes of one memory figure (given in kB) of a process; 0 once it is gone."""
    try:
        for line in Path(path.format(pid)).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# -- the whole benchmark -----------------------------------------------------------------------------------
PLAN = (("floor", 1), ("extract", 1), ("extract", 2), ("ingest", 2))


def run_all(limit: int | None) -> list[Measure]:
    results = []
    for name, workers in PLAN:
        command = [sys.executable, __file__, "--measure", name, "--workers", str(workers)]
        if limit:
            command += ["--limit", str(limit)]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        results.append(Measure(**json.loads(output.splitlines()[-1])))
        print(f"{name} x{workers}: {results[-1].rate:.1f} articles/s", file=sys.stderr)
    return results


def report(results: list[Measure]) -> str:
    by_run = {(m.name, m.workers): m for m in results}
    floor, one, two = by_run["floor", 1], by_run["extract", 1], by_run["extract", 2]
    efficiency = two.rate / (2 * one.rate)
    columns = ("run", "workers", "articles", "seconds", "articles/s", "events", "failed", "RSS MB", "PSS MB")
    lines = [
        "| " + " | ".join((*columns, "load before → after")) + " |",
        "|---|" + "---:|" * (len(columns) - 1) + "---|",
        *(
            f"| {m.name} | {m.workers} | {m.articles} | {m.seconds:.1f} | {m.rate:.1f} | {m.events} "
            f"| {m.failed} | {m.peak_rss_mb:.0f} | {m.peak_pss_mb:.0f} "
            f"| {m.load_before:.2f} → {m.load_after:.2f} |"
            for m in results
        ),
        "",
        "| target (issue 7) | measured | met |",
        "|---|---:|---|",
        _target("end-to-end with 2 workers ≥ 150 articles/s", two.rate, two.rate >= 150),
        _target("2 workers / tokenizer floor ≥ 0.25", two.rate / floor.rate, two.rate / floor.rate >= 0.25),
        _target("parallel efficiency (2 workers / twice 1) ≥ 0.8", efficiency, efficiency >= 0.8),
        _target("peak RSS ≤ 1.5 GB (2 workers)", two.peak_rss_mb, two.peak_rss_mb <= 1500),
        "",
        f"1 worker / tokenizer floor: {one.rate / floor.rate:.2f}. "
        f"The same events with 1 and 2 workers: {'yes' if one.events == two.events else 'NO'}.",
    ]
    return "\n".join(lines)


def _target(name: str, value: float, met: bool) -> str:
    return f"| {name} | {value:.2f} | {'yes' if met else 'no'} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles (no report file)")
    parser.add_argument("--measure", choices=sorted(RUNS), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if not (FAKES.exists() and GUARDIAN.exists()):
        sys.exit(f"the real corpus is not in {SHARED} (FA-KES and the Guardian sample)")
    if options.measure:
        print(json.dumps(asdict(measure(options.measure, options.workers, options.limit))))
        return
    table = report(run_all(options.limit))
    print(table)
    if options.limit is None:
        machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
        when = time.strftime("%Y-%m-%d %H:%M")
        method = __doc__.split("\n\n", 2)[2]
        REPORT.write_text(f"# Throughput\n\nCommand: `{COMMAND}` ({when}, {machine}).\n\n{table}\n\n{method}")


if __name__ == "__main__":
    main()
