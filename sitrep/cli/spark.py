"""``sitrep spark-extract``: the pipeline over a large input on Spark, events out as Parquet."""

from __future__ import annotations

from typing import Annotated

import typer

from sitrep.cli.common import exit_code, stderr
from sitrep.errors import SitrepError


def spark_extract_command(
    source: Annotated[
        str, typer.Argument(metavar="INPUT", help="Articles as JSON Lines (file or folder) or Parquet.")
    ],
    output: Annotated[str, typer.Argument(metavar="OUTPUT", help="Parquet folder for the events.")],
    master: Annotated[
        str, typer.Option(help="Spark master: local[N] on this machine, or a cluster's URL.")
    ] = "local[*]",
) -> None:
    """Extract the events of every article with Spark and write them as Parquet (the event table).

    Input rows have the fields of a JSONL input line: text or html, and optionally id, url, published,
    title, source. Needs the `spark` extra (pyspark) and a Java runtime."""
    from sitrep.batch import report_error

    try:
        from sitrep.scale.spark import extract_files, local_session
    except ImportError as error:
        raise SitrepError(
            f"sitrep spark-extract needs pyspark (pip install 'sitrep-events[spark]'): {error}"
        ) from None
    spark = local_session(master)
    try:
        count, failed = extract_files(spark, source, output)
    finally:
        spark.stop()
    for origin, reason in failed:
        report_error(stderr, origin, reason)
    stderr.print(
        f"{count} events written to {output}; {len(failed)} inputs failed", markup=False, highlight=False
    )
    raise typer.Exit(exit_code(len(failed)))
