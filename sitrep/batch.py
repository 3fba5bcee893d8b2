"""The ingest driver: inputs in, articles and their events into the store, one line per input that failed.

One bad page never stops a run: an input that cannot be read or cleaned, or whose extraction raises, is
reported as ``error: <origin>: <reason>`` on stderr, remembered in the store's ``errors`` table, and the run
goes on. An input stored already with the same content is skipped before any extraction work.

Extraction of one article is ``extract_article``: a top-level function of picklable arguments returning a
picklable ``Outcome``. A process pool (``--workers N``) maps it over articles, each worker loading
``Resources`` once in its initializer, while the parent alone writes the store: ``ingest_items`` takes any
callable from an Article to an Outcome, and ``LocalExtractor`` is the in-process one.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from sitrep.errors import InputError, SitrepError
from sitrep.model import Article, Event

if TYPE_CHECKING:
    from sitrep.pipeline import Resources
    from sitrep.store import Store


@dataclass(slots=True)
class Outcome:
    """What extraction made of one input: the cleaned article and its events, or why it failed."""

    origin: str
    article: Article | None = None
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    trace: str | None = None  # traceback of an unexpected failure, shown with --debug


@dataclass(slots=True)
class IngestCounts:
    read: int = 0  # inputs read, good or bad
    stored: int = 0  # articles written (new, or changed since last time)
    skipped: int = 0  # articles stored already with the same content
    failed: int = 0  # inputs reported as errors


Extractor = Callable[[Article], Outcome]
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

    def __init__(self) -> None:
        self._resources: Resources | None = None

    def __call__(self, article: Article) -> Outcome:
        if self._resources is None:
            from sitrep.pipeline import Resources

            self._resources = Resources.load()
        return extract_article(article, self._resources)


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    console: Console | None = None,
    debug: bool = False,
    extractor: Extractor | None = None,
) -> IngestCounts:
    """Read every input under ``paths`` (files, folders, "-" for stdin) into ``store``."""
    from sitrep.ingest import read_inputs

    return ingest_items(
        read_inputs(paths),
        store,
        extractor or LocalExtractor(),
        console=console or Console(stderr=True),
        debug=debug,
    )


def ingest_items(
    items: Iterable[Article | InputError],
    store: Store,
    extractor: Extractor,
    *,
    console: Console,
    debug: bool = False,
) -> IngestCounts:
    """Store each article of ``items`` with its events; report and record each input that fails."""
    counts = IngestCounts()
    with _progress(console) as progress:
        task = progress.add_task("ingest", total=None)
        for item in items:
            counts.read += 1
            outcome = _ingest_one(item, store, extractor)
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


def _ingest_one(item: Article | InputError, store: Store, extractor: Extractor) -> Outcome | None:
    """Extract and store one input; None when it was stored already. A write the store refuses (say, an
    event id another article holds) becomes this input's error rather than the end of the run."""
    if isinstance(item, InputError):
        return Outcome(item.origin, error=item.reason)
    if store.has_article(item.id, item.raw):
        return None
    outcome = extractor(item)
    if outcome.article is None:
        return outcome
    try:
        saved = store.save(outcome.article, outcome.events)
    except SitrepError as error:
        outcome.error = str(error)
        return outcome
    return outcome if saved else None


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} inputs"),
        _RateColumn(),
        TimeElapsedColumn(),
        console=console,
    )
