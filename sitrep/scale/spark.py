"""The pipeline on Spark: the same ``extract`` over a DataFrame of articles, events out as a DataFrame.

``extract_events(articles)`` maps each partition of a DataFrame whose rows are articles (the columns of a
JSONL input line: ``text`` or ``html``, and optionally ``id``, ``url``, ``published``, ``title``,
``source``) through ``sitrep.pipeline.process`` with ``mapInPandas``, and returns rows of the event table
(``sitrep.scale.table``): one per event, and one per input that failed, with its ``error``. Each Python
worker loads ``Resources`` once and keeps them for every partition it is given (Spark reuses its Python
workers), so an executor pays the loading once, not once per partition.

``extract_files(spark, input, output)`` is ``sitrep spark-extract``: JSON Lines or Parquet in, the event
table out as Parquet (events only), and the failed inputs back to the driver to be reported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.batch import extract_article
from sitrep.errors import InputError
from sitrep.ingest.jsonl import article_from_record
from sitrep.scale.table import ROW_COLUMNS, error_row, event_row, spark_ddl

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

    from sitrep.pipeline import Resources

ARTICLE_FIELDS = ("id", "text", "html", "url", "published", "title", "source")


def extract_events(articles: DataFrame, gazetteer: Path | None = None) -> DataFrame:
    """The event table of a DataFrame of articles (see the module docstring)."""
    gazetteer_name = str(gazetteer) if gazetteer else None

    def extract_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return extract_pandas(batches, gazetteer_name)

    return articles.mapInPandas(extract_batches, schema=spark_ddl())


def extract_pandas(batches: Iterator[pd.DataFrame], gazetteer: str | None = None) -> Iterator[pd.DataFrame]:
    """Event-table batches for article batches: what each Spark task runs (and testable without Spark)."""
    import pandas as pd

    resources = _resources(gazetteer)
    columns = [column for column, _type in ROW_COLUMNS]
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for index, record in enumerate(batch.to_dict("records")):
            rows.extend(_rows(_cleaned(record), _origin(record, index), resources))
        yield pd.DataFrame(rows, columns=columns)


@cache
def _resources(gazetteer: str | None) -> Resources:
    """Loaded once per Python worker process, kept for every partition it runs."""
    from sitrep.pipeline import Resources

    return Resources.load(Path(gazetteer) if gazetteer else None)


def _rows(record: dict[str, Any], origin: str, resources: Resources) -> list[dict[str, Any]]:
    try:
        article = article_from_record(record, origin)
    except InputError as error:
        return [error_row(error.origin, error.reason)]
    outcome = extract_article(article, resources)
    if outcome.error is not None:
        return [error_row(outcome.origin, outcome.error)]
    return [event_row(event, origin) for event in outcome.events]


def _cleaned(record: dict[str, Any]) -> dict[str, Any]:
    """A row as the JSONL reader takes a record: missing values dropped, dates as ISO text."""
    cleaned = {}
    for field in ARTICLE_FIELDS:
        value = record.get(field)
        if value is None or (isinstance(value, float) and value != value):  # pandas' NaN for null
            continue
        if field == "published" and isinstance(value, date | datetime):
            value = value.isoformat()
        elif field == "id" and isinstance(value, float) and value.is_integer():
            value = int(value)
        cleaned[field] = value
    return cleaned


def _origin(record: dict[str, Any], index: int) -> str:
    """What names an input in error lines: its id, else its URL, else its place in its partition."""
    for field in ("id", "url"):
        value = record.get(field)
        if isinstance(value, str | int) and str(value).strip():
            return f"{field}={value}"
    return f"row {index} of its partition"


def read_articles(spark: SparkSession, source: str) -> DataFrame:
    """Articles from JSON Lines (a file or a folder of them) or Parquet (by suffix or folder content)."""
    path = Path(source)
    is_parquet = path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet")))
    return spark.read.parquet(source) if is_parquet else spark.read.json(source)


def extract_files(
    spark: SparkSession, source: str, output: str, gazetteer: Path | None = None
) -> tuple[int, list[tuple[str, str]]]:
    """Write the events of ``source`` to ``output`` (Parquet); the number of events, and each failed input
    with its reason."""
    articles = read_articles(spark, source)
    parallelism = spark.sparkContext.defaultParallelism
    if articles.rdd.getNumPartitions() < parallelism:  # a small file is one partition: spread it
        articles = articles.repartition(parallelism)
    table = extract_events(articles, gazetteer).cache()
    try:
        events = table.filter(table.error.isNull()).drop("origin", "error")
        events.write.mode("overwrite").parquet(output)
        failed = [(row.origin, row.error) for row in table.filter(table.error.isNotNull()).collect()]
        return events.count(), failed
    finally:
        table.unpersist()


def local_session(master: str = "local[2]") -> SparkSession:
    """A Spark session for one machine, quiet and without its web UI. Its Python workers run this interpreter
    (not whatever ``python3`` is first on PATH), so they import the same sitrep and its dependencies."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(master)
        .appName("sitrep")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session
