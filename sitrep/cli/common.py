"""What the commands share: consoles, options, output files, exit codes."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from sitrep.batch import report_error
from sitrep.errors import InputError, SitrepError
from sitrep.model import Article

# Exit codes (also in `sitrep --help`).
EXIT_OK = 0  # every input read was processed
EXIT_FAILED = 1  # at least one input failed (one `error:` line each), or the command could not run
EXIT_INTERRUPTED = 130  # Ctrl-C; articles stored so far are complete
# Bad options or arguments exit with 2, Typer's own code for usage errors.

DEBUG_KEY = "sitrep.debug"

stderr = Console(stderr=True)

DbOption = Annotated[
    str, typer.Option("--db", help="SQLite file or database URL (postgresql://...).", envvar="SITREP_DB")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.", dir_okay=False)
]
PathsArgument = Annotated[
    list[str], typer.Argument(help="Files or folders (read recursively); - reads stdin.", show_default=False)
]


class Format(StrEnum):
    jsonl = "jsonl"
    acled_csv = "acled-csv"
    csv = "csv"  # short for acled-csv
    geojson = "geojson"

    @property
    def writer_name(self) -> str:
        return Format.acled_csv.value if self is Format.csv else self.value


def debugging(ctx: typer.Context) -> bool:
    return bool(ctx.meta.get(DEBUG_KEY))


def exit_code(failed: int) -> int:
    return EXIT_FAILED if failed else EXIT_OK


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a file that appears only once complete (written beside it, then renamed into place)."""
    if path is None:
        yield sys.stdout
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise SitrepError(f"{path}: cannot write there ({error.strerror})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Failures:
    """Counts the inputs that failed, reporting each as one ``error:`` line on stderr."""

    def __init__(self, debug: bool = False) -> None:
        self.count = 0
        self.debug = debug

    def report(self, origin: str, reason: str, trace: str | None = None) -> None:
        report_error(stderr, origin, reason, trace if self.debug else None)
        self.count += 1


def read_articles(paths: list[str], failures: Failures) -> Iterator[Article]:
    """The raw articles under ``paths``; inputs that cannot be read are reported and skipped."""
    from sitrep.ingest import read_inputs

    for item in read_inputs(paths):
        if isinstance(item, InputError):
            failures.report(item.origin, item.reason)
        else:
            yield item
