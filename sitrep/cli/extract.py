"""``sitrep extract``: events of each article, straight to stdout or a file, no database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any

import typer

from sitrep.cli.common import (
    Failures,
    Format,
    OutputOption,
    PathsArgument,
    debugging,
    exit_code,
    output_stream,
    read_articles,
)
from sitrep.export import WRITERS


def extract_command(
    ctx: typer.Context,
    paths: PathsArgument,
    published: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], help="Publication date (YYYY-MM-DD) that relative dates resolve against."
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="jsonl (Event records) or csv (ACLED columns).")
    ] = Format.jsonl,
    output: OutputOption = None,
) -> None:
    """Print the events reported by each article."""
    failures = Failures(debugging(ctx))
    day = published.date() if published else None
    with output_stream(output) as out:
        WRITERS[output_format.writer_name](_records(paths, day, failures), out)
    raise typer.Exit(exit_code(failures.count))


def _records(paths: list[str], published: Any, failures: Failures) -> Iterator[dict[str, Any]]:
    from sitrep.batch import LocalExtractor

    extract = LocalExtractor()
    for article in read_articles(paths, failures):
        if published is not None:
            article.published = published
        outcome = extract(article)
        if outcome.error is not None:
            failures.report(outcome.origin, outcome.error, outcome.trace)
            continue
        yield from (event.to_record() for event in outcome.events)
