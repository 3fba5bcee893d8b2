"""``sitrep report``: a situation report on a period and region, as Markdown, HTML or PDF."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sitrep.cli.common import DbOption, OutputOption, output_stream, stderr
from sitrep.store import DEFAULT_DB, Store


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


def report_command(
    start: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day, YYYY-MM-DD.")],
    end: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day (included).")],
    db: DbOption = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="Only incidents in this country.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Only incidents in this province/state.")] = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="md, html or pdf (default: the suffix of -o, else md)."),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Write a situation report: headline figures against the previous period, a map, a weekly trend, the
    deadliest incidents, the sources and a methods note. Markdown written to a file gets its figures as PNG
    files beside it (FILE-map.png, FILE-trend.png); otherwise they are embedded."""
    from sitrep.report import Scope, build_report, render

    if start > end:
        raise typer.BadParameter(f"--from {start:%Y-%m-%d} is after --to {end:%Y-%m-%d}", param_hint="--from")
    chosen = output_format or _format_of(output)
    if chosen is ReportFormat.pdf and output is None and sys.stdout.isatty():
        raise typer.BadParameter(
            "a PDF is binary: write it to a file with -o FILE.pdf", param_hint="--format"
        )
    scope = Scope(start.date(), end.date(), country=country, admin1=admin1)
    with Store.open(db, create=False) as store, store.engine.connect() as conn:
        report = build_report(conn, scope, store.where)
    beside = output.stem if output and chosen is ReportFormat.md else None
    rendered = render(report, chosen.value, figure_files=beside)
    if output is not None:
        for name, content in rendered.attachments.items():
            _write(output.with_name(name), content)
    _write(output, rendered.content)
    stderr.print(
        f"report: {len(report.incidents)} incidents ({report.unit} counted)"
        + (f", written to {output}" if output else ""),
        markup=False,
        highlight=False,
    )


def _format_of(output: Path | None) -> ReportFormat:
    suffix = output.suffix.lower().lstrip(".") if output else ""
    aliases = {"markdown": "md", "htm": "html"}
    try:
        return ReportFormat(aliases.get(suffix, suffix))
    except ValueError:
        return ReportFormat.md


def _write(path: Path | None, content: bytes) -> None:
    """Write bytes to stdout, or to a file that appears only once complete."""
    with output_stream(path) as out:
        out.flush()
        out.buffer.write(content)
        out.buffer.flush()
