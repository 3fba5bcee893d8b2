"""The ingest driver: inputs in, articles and their events into the store, one line per input that failed.

One bad page never stops a run: an input that cannot be read or cleaned, or whose extraction raises, is
reported as ``error: <origin>: <reason>`` on stderr, remembered in the store's ``errors`` table, and the run
goes on. An input stored already with the same content is skipped before any extraction work, which is
what makes a killed run resumable: run it again and it carries on where it stopped.

Extraction of one article is ``extract_article``: a top-level function of picklable arguments returning a
picklable ``Outcome``. ``ingest`` runs it in ``ExtractionPool``'s worker processes, which share (or each
load) ``Resources``, while the parent writes what they extracted: writing overlaps extraction, and an
article that runs past its time budget is killed with its worker. The parent alone writes the store, in
input order, so a run with any number of workers writes what a serial run writes, one article per
transaction. ``LocalExtractor`` runs the same function in this process (``sitrep extract``, ``watch``).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods
from pathlib import Path
from typing import TYPE_CHECKING, Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from sitrep.errors import InputError, SitrepError
from sitrep.model import Article, Event
from sitrep.scale.workers import WorkerPool

if TYPE_CHECKING:
    from sitrep.pipeline import Resources
    from sitrep.store import Store

# How long one article may take to clean and extract before it is given up as that input's error: far
# beyond any real page (tens of milliseconds), short enough that a pathological input cannot stall a run.
ARTICLE_BUDGET_SECONDS = 30.0


@dataclass(slots=True)
class Outcome:
    """What extraction made of one input: the cleaned article and its events, or why it failed."""

    origin: str
    article: Article | None = None
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    trace: str | None = None  # traceback of an unexpected failure, shown with --debug
    evidence_texts: dict[str, str] | None = None  # for incident clustering, when a worker computed them


@dataclass(slots=True)
class IngestCounts:
    read: int = 0  # inputs read, good or bad
    stored: int = 0  # articles written (new, or changed since last time)
    skipped: int = 0  # articles stored already with the same content
    failed: int = 0  # inputs reported as errors


# An input on its way through a run: an Article still to extract, an Outcome known already (an input that
# could not be read), or None for an article stored already.
Pending = Article | Outcome | None
Extractor = Callable[[Article], Outcome]
ExtractAll = Callable[[Iterable[Pending]], Iterator[Outcome | None]]
Process = Callable[[Article, "Resources"], tuple[Article, list[Event]]]


def extract_article(article: Article, resources: Resources) -> Outcome:
    """Clean and extract one raw article with the pipeline; a failure becomes an Outcome naming the input."""
    from sitrep.pipeline import process

    return outcome_of(process, article, resources)


def outcome_of(process: Process, article: Article, resources: Resources) -> Outcome:
    """Run ``process`` on one article: its cleaned article and events, or the error that stopped it."""
    try:
        cleaned, events = process(article, resources)
    except InputError as error:
        return Outcome(error.origin, error=error.reason)
    except Exception as error:  # a bug on one page must not end a run over thousands
        return Outcome(article.origin, error=f"{type(error).__name__}: {error}", trace=traceback.format_exc())
    return Outcome(article.origin, article=cleaned, events=events)


class LocalExtractor:
    """Extraction in this process; resources load at the first article that needs them, then stay."""

    def __init__(self, gazetteer: Path | None = None) -> None:
        self._gazetteer = gazetteer
        self._resources: Resources | None = None

    def __call__(self, article: Article) -> Outcome:
        if self._resources is None:
            from sitrep.pipeline import Resources

            self._resources = Resources.load(self._gazetteer)
        return extract_article(article, self._resources)


def one_by_one(extractor: Extractor) -> ExtractAll:
    """Extract the pending articles of a run in this process, one after another."""

    def extract_all(pending: Iterable[Pending]) -> Iterator[Outcome | None]:
        for item in pending:
            yield extractor(item) if isinstance(item, Article) else item

    return extract_all


class ExtractionPool:
    """Extraction in worker processes (``sitrep.scale.workers``); outcomes come in input order.

    On Linux the parent loads and warms ``Resources`` once and the workers are forked from it, sharing that
    memory until they write to it; elsewhere each worker starts fresh (``spawn``) and loads its own. Workers
    start when the pool is entered, before the caller starts any thread. An article still extracting after
    ``budget`` seconds, or whose worker dies, becomes that input's error and the run goes on with a new
    worker, forked the same way (it uses nothing of the threads the parent runs by then: progress display,
    queue feeders).
    """

    def __init__(
        self,
        workers: int,
        gazetteer: Path | None = None,
        start_method: str | None = None,
        budget: float | None = ARTICLE_BUDGET_SECONDS,
    ) -> None:
        self.workers = workers
        self.budget = budget
        self._gazetteer = gazetteer
        self._pool: WorkerPool | None = None
        forking = sys.platform == "linux" and "fork" in get_all_start_methods()
        self.start_method = start_method or ("fork" if forking else "spawn")

    def __enter__(self) -> Self:
        if self.start_method == "fork":
            prepare, args = _adopt_resources, (_warmed_resources(self._gazetteer),)
        else:
            prepare, args = _load_resources, (self._gazetteer,)
        pool = WorkerPool(
            self.workers,
            _extract_in_worker,
            _stopped,
            budget=self.budget,
            prepare=prepare,
            prepare_args=args,
            start_method=self.start_method,
        )
        self._pool = pool.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.__exit__(*exc)
            self._pool = None

    def __call__(self, pending: Iterable[Pending]) -> Iterator[Outcome | None]:
        if self._pool is None:
            raise RuntimeError("ExtractionPool is used outside its `with` block")
        for item, outcome in self._pool.map(pending, needs_work=_is_article):
            if not isinstance(item, Article):
                yield item
                continue
            if outcome.article is not None:
                outcome.article.raw = item.raw
            yield outcome


def _is_article(item: object) -> bool:
    return isinstance(item, Article)


def _stopped(article: Article, reason: str) -> Outcome:
    return Outcome(article.origin, error=f"extraction stopped: {reason}")


_worker_resources: Resources | None = None  # one per worker process, set when it starts
# What the parent extracts before forking, so that everything loaded on first use is shared by the workers.
WARM_UP_TEXT = (
    "Government forces clashed with armed men in Aleppo on Monday, killing at least three people, the "
    "Syrian Observatory for Human Rights said. Police arrested two suspects in Homs."
)


def _warmed_resources(gazetteer: Path | None) -> Resources:
    from sitrep.ingest import article_from_string
    from sitrep.pipeline import Resources

    resources = Resources.load(gazetteer)
    extract_article(article_from_string(WARM_UP_TEXT, published="2025-03-10"), resources)
    return resources


def _adopt_resources(inherited: Resources) -> None:
    """A forked worker uses the resources it was forked with; only its database handle must be its own."""
    global _worker_resources
    inherited.gazetteer.reconnect()
    _worker_resources = inherited


def _load_resources(gazetteer: Path | None) -> None:
    """A spawned worker loads its own resources, warmed so that its first article's time budget is spent
    on the article, not on loading what extraction loads on first use."""
    global _worker_resources
    _worker_resources = _warmed_resources(gazetteer)


def _extract_in_worker(article: Article) -> Outcome:
    """Extract one article, and prepare what the parent would otherwise compute while it alone writes (the
    events' evidence texts); the raw page is left out of the answer, as the parent holds it already."""
    from sitrep.store.incidents import evidence_texts

    if _worker_resources is None:
        raise RuntimeError("extraction worker started without its resources")
    outcome = extract_article(article, _worker_resources)
    if outcome.article is not None:
        outcome.evidence_texts = evidence_texts(outcome.events, outcome.article.text)
        outcome.article.raw = ""
    return outcome


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    console: Console | None = None,
    debug: bool = False,
    extractor: Extractor | None = None,
    workers: int = 1,
    gazetteer: Path | None = None,
    article_timeout: float | None = ARTICLE_BUDGET_SECONDS,
) -> IngestCounts:
    """Read every input under ``paths`` (files, folders, "-" for stdin) into ``store``.

    The pipeline runs in ``workers`` processes while this one writes, each article within
    ``article_timeout`` seconds (None: no limit); ``extractor`` replaces it, in this process (tests).
    """
    from sitrep.ingest import count_inputs, read_inputs

    console = console or Console(stderr=True)
    total = count_inputs(paths)
    if extractor is not None:
        extract_all = one_by_one(extractor)
        return ingest_items(read_inputs(paths), store, extract_all, console=console, debug=debug, total=total)
    with ExtractionPool(workers, gazetteer, budget=article_timeout) as pool:
        return ingest_items(read_inputs(paths), store, pool, console=console, debug=debug, total=total)


def ingest_items(
    items: Iterable[Article | InputError],
    store: Store,
    extract_all: ExtractAll,
    *,
    console: Console,
    debug: bool = False,
    total: int | None = None,
) -> IngestCounts:
    """Store each article of ``items`` with its events, in order; report and record each input that fails."""
    counts = IngestCounts()
    with _progress(console) as progress:
        task = progress.add_task("ingest", total=total)
        for outcome in extract_all(_triage(items, store)):
            counts.read += 1
            if outcome is not None and outcome.error is None:
                outcome = _save(store, outcome)
            if outcome is None:
                counts.skipped += 1
            elif outcome.error is None:
                counts.stored += 1
            else:
                counts.failed += 1
                store.record_error(outcome.origin, outcome.error)
                report_error(console, outcome.origin, outcome.error, outcome.trace if debug else None)
            progress.advance(task)
    return counts


def report_error(console: Console, origin: str, reason: str, trace: str | None = None) -> None:
    """One line per failed input, never wrapped, so ``grep error:`` finds each one whole."""
    console.print(f"error: {origin}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if trace:
        console.print(trace, markup=False, highlight=False, soft_wrap=True, end="")


def _triage(items: Iterable[Article | InputError], store: Store) -> Iterator[Pending]:
    """What each input needs: extraction, nothing (stored already), or only its error reported."""
    for item in items:
        if isinstance(item, InputError):
            yield Outcome(item.origin, error=item.reason)
        elif store.has_article(item.id, item.raw):
            yield None
        else:
            yield item


def _save(store: Store, outcome: Outcome) -> Outcome | None:
    """Write one extracted article; None when it was stored already (an input given twice in one run). A
    write the store refuses (say, an event id another article holds) becomes this input's error rather
    than the end of the run."""
    if outcome.article is None:
        return outcome
    try:
        saved = store.save(outcome.article, outcome.events, outcome.evidence_texts)
    except SitrepError as error:
        outcome.error = str(error)
        return outcome
    return outcome if saved else None


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


def _progress(console: Console) -> Progress:
    """Inputs done (of how many, when known), the rate, and the time left at that rate."""
    return Progress(
        SpinnerColumn(),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("inputs"),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
    )
