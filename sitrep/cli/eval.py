"""``sitrep eval``: score sitrep against third-party gold sets."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sitrep.eval import case, plover, ucdp
from sitrep.eval.acled import DEV_CSV, TARGETS, AcledScore, evaluate
from sitrep.eval.confusion import ClassRow

eval_app = typer.Typer(no_args_is_help=True)
Limit = Annotated[int | None, typer.Option(min=1, help="Score only the first N items.")]


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


@eval_app.command("case")
def case_command(
    tsv_path: Annotated[
        Path, typer.Argument(metavar="TSV", help="The CASE 2021 task 2 labelled test file.", dir_okay=False)
    ] = case.CASE_TSV,
    limit: Limit = None,
) -> None:
    """Type each CASE 2021 snippet by its most confident event; unseen non-ACLED types must yield none."""
    score = case.evaluate(tsv_path, limit=limit)
    targets = case.TARGETS
    console = Console()
    console.print(
        _scores_table(
            "CASE 2021 task 2",
            [
                ("sub-event macro-F1 (25 ACLED classes)", score.macro_f1(), targets["macro_f1"]),
                (
                    "rejection recall (unseen types)",
                    score.rejection_recall(),
                    case.TARGETS["rejection_recall"],
                ),
            ],
        )
    )
    console.print(class_table("CASE snippets by gold class", score.confusion.rows()))
    console.print(f"{score.snippets} snippets, {score.unseen_snippets()} of unseen types")


@eval_app.command("plover")
def plover_command(
    json_path: Annotated[
        Path, typer.Argument(metavar="JSON", help="The PLOVER gold-standard records.", dir_okay=False)
    ] = plover.PLOVER_JSON,
    limit: Limit = None,
) -> None:
    """Score recognised actors and event categories on the PLOVER gold-standard sentences."""
    score = plover.evaluate(json_path, limit=limit)
    console = Console()
    console.print(
        _scores_table(
            "PLOVER gold-standard records",
            [
                (f"source actor matched ({score.actor_gold['source']})", score.actor_recall("source"), None),
                (f"target actor matched ({score.actor_gold['target']})", score.actor_recall("target"), None),
                (f"ACLED event type agrees ({score.mapped} mapped)", score.category_agreement(), None),
                (f"no event for non-ACLED categories ({score.unmapped})", score.rejection(), None),
            ],
        )
    )
    table = Table(title="PLOVER categories: most confident event type")
    for column in ("PLOVER category", "records", "right", "commonest predictions"):
        table.add_column(column, justify="right" if column in ("records", "right") else "left")
    for category, records, right, predictions in score.per_category():
        table.add_row(category, str(records), f"{right / records:.2f}", _pairs(predictions))
    console.print(table)


@eval_app.command("ucdp")
def ucdp_command(
    csv_path: Annotated[
        Path, typer.Argument(metavar="CSV", help="A UCDP GED export with source headlines.", dir_okay=False)
    ] = ucdp.UCDP_CSV,
    limit: Limit = None,
) -> None:
    """Score place and fatalities from UCDP GED source headlines that name the coded place or governorate."""
    score = ucdp.evaluate(csv_path, limit=limit)
    console = Console()
    console.print(_scores_table("UCDP GED Syria headlines", [(*row, None) for row in score.figures()]))
    console.print(
        f"{score.rows} headlines naming the place or governorate, {score.without_event} without an event"
    )


@eval_app.command("geo")
def geo_command(
    acled_limit: Annotated[
        int | None, typer.Option(min=1, help="Score only the first N ACLED notes.")
    ] = None,
) -> None:
    """Geoparsing and geocoding on the gold corpora, UCDP place names and ACLED notes (issue 4)."""
    from sitrep.eval.geo import report
    from sitrep.geo import Gazetteer

    typer.echo("\n".join(report(Gazetteer.open(None), acled_limit=acled_limit)))


def _scores_table(title: str, rows: list[tuple[str, float, float | None]]) -> Table:
    table = Table(title=title)
    for column in ("field", "score", "target", "met"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, value, target in rows:
        met = "" if target is None else "yes" if value >= target else "no"
        table.add_row(name, f"{value:.3f}", "" if target is None else f"{target:.2f}", met)
    return table


def class_table(title: str, rows: list[ClassRow]) -> Table:
    """Per gold class: count, precision, recall, F1 and what it is most often mistaken for."""
    table = Table(title=title)
    for column in ("gold class", "gold", "precision", "recall", "F1", "mistaken for"):
        table.add_column(column, justify="left" if column in ("gold class", "mistaken for") else "right")
    for row in rows:
        cells = (f"{row.precision:.2f}", f"{row.recall:.2f}", f"{row.f1:.2f}")
        table.add_row(row.label, str(row.gold), *cells, _pairs(row.mistaken_for))
    return table


def _pairs(pairs: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{label} {n}" for label, n in pairs)
