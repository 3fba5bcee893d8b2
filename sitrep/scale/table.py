"""The event table: ``Event.to_record()`` as one typed row, the same in Parquet, Spark and pandas.

Columns are the record's, in its order, with Spark SQL types; the three nested fields (fatalities by
category, claims, evidence) are JSON text, so a row stays flat for any Parquet reader. Two columns say
where a row came from: ``origin`` (the input, as error lines name it) and ``error``: a row with an error
is an input that failed and carries no event.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sitrep.model import Event

# (column, Spark SQL type), in Event.to_record()'s order.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"),
    ("event_id", "string"),
    ("event_date", "date"),
    ("time_precision", "int"),
    ("event_type", "string"),
    ("sub_event_type", "string"),
    ("actor1", "string"),
    ("assoc_actor_1", "string"),
    ("inter1", "int"),
    ("actor2", "string"),
    ("assoc_actor_2", "string"),
    ("inter2", "int"),
    ("country", "string"),
    ("admin1", "string"),
    ("admin2", "string"),
    ("location", "string"),
    ("latitude", "double"),
    ("longitude", "double"),
    ("geo_precision", "int"),
    ("geonames_id", "bigint"),
    ("fatalities", "int"),
    ("fatalities_low", "int"),
    ("fatalities_high", "int"),
    ("fatalities_by_category", "string"),
    ("injured", "int"),
    ("source", "string"),
    ("notes", "string"),
    ("confidence", "double"),
    ("alleged", "boolean"),
    ("historical", "boolean"),
    ("claims", "string"),
    ("evidence", "string"),
)
ROW_COLUMNS: tuple[tuple[str, str], ...] = (*EVENT_COLUMNS, ("origin", "string"), ("error", "string"))
_AS_JSON = frozenset({"fatalities_by_category", "claims", "evidence"})


def event_row(event: Event, origin: str) -> dict[str, Any]:
    """One event as a row of the event table."""
    record = event.to_record()
    row: dict[str, Any] = {}
    for column, _type in EVENT_COLUMNS:
        value = record[column]
        if column in _AS_JSON:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif column == "event_date" and value is not None:
            value = date.fromisoformat(value)
        row[column] = value
    return {**row, "origin": origin, "error": None}


def error_row(origin: str, reason: str) -> dict[str, Any]:
    """An input that failed, as a row of the event table with no event."""
    return {**dict.fromkeys(column for column, _type in EVENT_COLUMNS), "origin": origin, "error": reason}


def spark_ddl(columns: tuple[tuple[str, str], ...] = ROW_COLUMNS) -> str:
    """The columns as a Spark DDL schema string ("article_id string, ...")."""
    return ", ".join(f"{column} {kind}" for column, kind in columns)
