"""Throughput benchmark: how fast the pipeline turns real articles into events, and with how much memory.

    python bench/throughput.py               # all 1,053 real articles; prints a table, writes throughput.md
    python bench/throughput.py --limit 200   # the first 200 only (no report written)

The corpus is read in place from ../shared/data (never copied into the repository): the 804 FA-KES articles
and the 249 Guardian articles, as raw articles with their outlet and date. Each configuration runs in a
fresh process, as a user's run would, and its time includes loading the pipeline's resources:

- extract, 1 worker: clean + extract in one process (``sitrep.batch.one_by_one``);
- extract, 2 workers: the same through ``sitrep.batch.ExtractionPool`` (worker start-up included);
- ingest, 2 workers: ``sitrep ingest --workers 2``'s path, into a fresh SQLite database: two processes
  extract while the parent writes each article, its events and the incidents they join;
- floor: spaCy's English tokenizer alone over the same raw texts, in one process;
- stages: the 1-worker extraction plus ``Store.save``, with the CPU time of each stage of ``pipeline.process``
  added up (events includes the place lookups it makes; store includes incident clustering).

CPU ms/article adds the user and system time of the run's processes: unlike articles/s it hardly moves when
other work shares the machine, so it is the figure to compare between runs. Cores busy is that CPU time over
the run's wall time: a 2-worker run below 2 (less the parent's idle waits) was not given both cores. Linux
shares CPU time between sessions before processes (``sched_autogroup``): while another session runs, the
whole benchmark gets about one core, however many workers it starts.

RSS MB and PSS MB are the peaks, sampled every 0.5 s, of the summed resident memory of the run's processes:
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
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
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
    cpu_seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (the stages run)

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
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    with sampler:
        events, failed = RUNS[name](articles, workers)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_before - sampler.cpu_seconds
    rss, pss = sampler.peak_rss / 1e6, sampler.peak_pss / 1e6
    load_after = os.getloadavg()[0]
    return Measure(
        name,
        workers,
        len(articles),
        seconds,
        events,
        failed,
        rss,
        pss,
        load_before,
        load_after,
        cpu,
        dict(SPENT),
    )


def _cpu_seconds() -> float:
    """User and system time of this process and of its children that have ended (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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


SPENT: Counter[str] = Counter()  # CPU seconds by stage, filled by the stages run


def _stages(articles: list[Article], _workers: int) -> tuple[int, int]:
    """The real ``pipeline.process`` and ``Store.save`` over the corpus in this process, each stage timed."""
    from sitrep import pipeline
    from sitrep.batch import outcome_of
    from sitrep.store import Store

    loaded = pipeline.Resources.load()
    resources = pipeline.Resources(
        nlp=_Timed(loaded.nlp, "nlp"),
        gazetteer=_Timed(loaded.gazetteer, "geo"),
        actors=_Timed(loaded.actors, "actors"),
    )
    for stage, name in (
        ("clean", "clean"),
        ("relevance gate", "may_report_events"),
        ("events", "detect_events"),
    ):
        setattr(pipeline, name, _timed(stage, getattr(pipeline, name)))
    events = failed = 0
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store:
        save = _timed("store", store.save)
        for article in articles:
            outcome = outcome_of(pipeline.process, article, resources)
            failed += outcome.error is not None
            events += len(outcome.events)
            if outcome.article is not None:
                save(outcome.article, outcome.events)
    return events, failed


def _timed(stage: str, call: Callable[..., object]) -> Callable[..., object]:
    def timed(*args: object) -> object:
        start = time.process_time()
        try:
            return call(*args)
        finally:
            SPENT[stage] += time.process_time() - start

    return timed


class _Timed:
    """A pipeline resource whose ``analyse``/``recognise`` calls add their CPU time to ``stage``."""

    def __init__(self, resource: object, stage: str) -> None:
        self._resource, self._stage = resource, stage

    def __getattr__(self, name: str) -> object:
        found = getattr(self._resource, name)
        return _timed(self._stage, found) if name in ("analyse", "recognise") else found


RUNS: dict[str, Callable[[list[Article], int], tuple[int, int]]] = {
    "extract": _extract,
    "ingest": _ingest,
    "floor": _floor,
    "stages": _stages,
}


class _RssSampler:
    """The peaks of the summed resident (RSS) and proportional (PSS: shared pages divided among their
    sharers) memory of this process and its descendants (Linux /proc), and the CPU time sampling took.

    Reading a large process's ``smaps_rollup`` costs the reader milliseconds of kernel time, so sampling
    every 0.1 s took a fifth of a core from the run it measured; every ``INTERVAL`` seconds is enough for
    peaks that last as long as the loaded resources do, and the sampler's own CPU time is left out of the
    run's."""

    INTERVAL = 0.5

    def __init__(self) -> None:
        self.peak_rss = self.peak_pss = 0
        self.cpu_seconds = 0.0
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
            self.cpu_seconds = time.thread_time()
            if self._stop.wait(self.INTERVAL):
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
PLAN = (("floor", 1), ("extract", 1), ("extract", 2), ("ingest", 2), ("stages", 1))
TARGET_RATE, TARGET_FLOOR_SHARE, TARGET_EFFICIENCY, TARGET_RSS_MB = 150, 0.25, 0.8, 1500


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
    floor, one, two, ingest = (
        by_run["floor", 1],
        by_run["extract", 1],
        by_run["extract", 2],
        by_run["ingest", 2],
    )
    efficiency = two.rate / (2 * one.rate)
    columns = ("run", "workers", "articles", "seconds", "articles/s", "CPU ms/article", "cores busy")
    numbers = ("events", "failed", "RSS MB", "PSS MB")
    lines = [
        "| " + " | ".join((*columns, *numbers, "load before → after")) + " |",
        "|---|" + "---:|" * (len(columns) + len(numbers) - 1) + "---|",
        *(
            f"| {m.name} | {m.workers} | {m.articles} | {m.seconds:.1f} | {m.rate:.1f} "
            f"| {1000 * m.cpu_seconds / m.articles:.1f} | {m.cpu_seconds / m.seconds:.2f} | {m.events} "
            f"| {m.failed} | {m.peak_rss_mb:.0f} | {m.peak_pss_mb:.0f} "
            f"| {m.load_before:.2f} → {m.load_after:.2f} |"
            for m in results
            if m.name != "stages"
        ),
        "",
        "| target (issue 7) | measured | met |",
        "|---|---:|---|",
        *(
            _target(f"{label} with 2 workers ≥ {TARGET_RATE} articles/s", m.rate, m.rate >= TARGET_RATE)
            for label, m in (("extraction", two), ("ingest into SQLite (end to end)", ingest))
        ),
        *(
            _target(
                f"{label}, 2 workers / tokenizer floor ≥ {TARGET_FLOOR_SHARE}",
                share,
                share >= TARGET_FLOOR_SHARE,
            )
            for label, share in (("extraction", two.rate / floor.rate), ("ingest", ingest.rate / floor.rate))
        ),
        _target(
            f"parallel efficiency (2 workers / twice 1) ≥ {TARGET_EFFICIENCY}", efficiency, efficiency >= 0.8
        ),
        _target(
            "peak RSS MB ≤ 1.5 GB (ingest, 2 workers)",
            ingest.peak_rss_mb,
            ingest.peak_rss_mb <= TARGET_RSS_MB,
        ),
        "",
        f"1 worker / tokenizer floor: {one.rate / floor.rate:.2f}. "
        f"The same events with 1 and 2 workers: {'yes' if one.events == two.events else 'NO'}. "
        f"CPU per article, 2 workers / 1: {two.cpu_seconds / one.cpu_seconds:.2f}.",
    ]
    if two.cpu_seconds / two.seconds < 1.5:
        lines.append(
            f"The 2-worker extraction was given {two.cpu_seconds / two.seconds:.2f} cores, not 2: other work "
            "shared the machine, so its articles/s and the efficiency above measure the machine, not sitrep."
        )
    if ("stages", 1) in by_run:
        lines += ["", *_stage_table(by_run["stages", 1])]
    return "\n".join(lines)


def _stage_table(stages: Measure) -> list[str]:
    """CPU ms per article for each stage of one process (its share of the 2-core budget the target leaves)."""
    budget_ms = 2 * 1000 / TARGET_RATE
    per_article = {stage: 1000 * spent / stages.articles for stage, spent in stages.stages.items()}
    rows = [
        f"| {stage} | {spent:.2f} | {spent / budget_ms:.0%} |"
        for stage, spent in sorted(per_article.items(), key=lambda pair: -pair[1])
    ]
    header = f"| stage (1 process) | CPU ms/article | share of {budget_ms:.1f} ms (2 cores at the target) |"
    return [header, "|---|---:|---:|", *rows, f"| all | {sum(per_article.values()):.2f} | |"]


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
