"""``sitrep ingest`` and ``sitrep summary``: fill the database, and look at what it holds."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sitrep.batch import ARTICLE_BUDGET_SECONDS
from sitrep.cli.common import DbOption, PathsArgument, debugging, exit_code, stderr
from sitrep.store import DEFAULT_DB, Store, Summary

stdout = Console()


def ingest_command(
    ctx: typer.Context,
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int,
        typer.Option("--workers", "-w", help="Extraction processes (the database is written by one).", min=1),
    ] = 1,
    article_timeout: Annotated[
        float,
        typer.Option(
            "--article-timeout",
            help="Seconds one article may take; a slower one is reported as failed and the run goes on.",
            min=0.1,
        ),
    ] = ARTICLE_BUDGET_SECONDS,
) -> None:
    """Extract the events of each article into the database, then print what it holds.

    A run that was stopped (Ctrl-C, a kill) resumes when run again: stored articles are skipped."""
    from sitrep.batch import ingest

    with Store.open(db) as store:
        counts = ingest(
            paths,
            store,
            console=stderr,
            debug=debugging(ctx),
            workers=workers,
            article_timeout=article_timeout,
        )
        stderr.print(
            f"{counts.read} inputs read: {counts.stored} stored, {counts.skipped} already stored, "
            f"{counts.failed} failed",
            markup=False,
            highlight=False,
        )
        print_summary(store.summary())
    raise typer.Exit(exit_code(counts.failed))


def summary_command(db: DbOption = DEFAULT_DB) -> None:
    """Articles, events by type, fatalities and the places with most events in the database."""
    with Store.open(db, create=False) as store:
        print_summary(store.summary())


def print_summary(summary: Summary) -> None:
    totals = Table("articles", "events", "fatalities", "failed inputs", title="sitrep database")
    totals.add_row(*(str(n) for n in (summary.articles, summary.events, summary.fatalities, summary.errors)))
    stdout.print(totals)
    stdout.print(_counts_table("event type", summary.events_by_type))
    stdout.print(_counts_table("place", summary.top_places))


def _counts_table(label: str, rows: list[tuple[str, int]]) -> Table:
    table = Table(label, "events")
    for name, count in rows:
        table.add_row(name, str(count))
    return table
