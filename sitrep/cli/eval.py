"""``sitrep eval``: score sitrep against third-party gold sets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sitrep.eval.acled import DEV_CSV, TARGETS, AcledScore, evaluate

eval_app = typer.Typer(no_args_is_help=True)


@eval_app.callback()
def eval_group() -> None:
    """Score sitrep against gold sets."""


@eval_app.command("acled")
def acled_command(
    csv_path: Annotated[
        Path,
        typer.Argument(
            metavar="CSV", help=f"An ACLED export with notes (the dev sample is {DEV_CSV}).", dir_okay=False
        ),
    ],
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N rows.")] = None,
    published_from_row: Annotated[
        bool,
        typer.Option(
            "--published-from-row",
            help="Pass each row's event_date as the publication date (default: unknown).",
        ),
    ] = False,
    confusions: Annotated[int, typer.Option(min=0, help="How many sub-event type confusions to list.")] = 15,
) -> None:
    """Run each row's notes through the pipeline and score the most confident event per note."""
    score = evaluate(csv_path, limit=limit, published_from_row=published_from_row)
    console = Console()
    console.print(_field_table(score))
    console.print(_class_table(score))
    if confusions:
        console.print(_confusion_table(score, confusions))
    console.print(
        f"{score.notes} notes, {score.without_event} without an event, "
        f"{score.notes / score.seconds:.0f} notes/s"
        if score.seconds
        else f"{score.notes} notes"
    )


def _field_table(score: AcledScore) -> Table:
    table = Table(title="ACLED notes: fields of the most confident event")
    for column in ("field", "accuracy", "target", "met"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, target in TARGETS.items():
        accuracy = score.accuracy(name)
        table.add_row(name, f"{accuracy:.3f}", f"{target:.2f}", "yes" if accuracy >= target else "no")
    return table


def _class_table(score: AcledScore) -> Table:
    table = Table(title="sub_event_type by gold class")
    for column in ("gold sub-event type", "notes", "accuracy"):
        table.add_column(column, justify="left" if column.startswith("gold") else "right")
    for name, (notes, right) in score.per_class().items():
        table.add_row(name, str(notes), f"{right / notes:.2f}")
    return table


def _confusion_table(score: AcledScore, count: int) -> Table:
    table = Table(title="Top sub_event_type confusions")
    for column in ("gold", "predicted", "notes"):
        table.add_column(column, justify="right" if column == "notes" else "left")
    for (gold, predicted), n in score.top_confusions(count):
        table.add_row(gold, predicted, str(n))
    return table
