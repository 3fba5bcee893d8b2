"""Event (or incident) records streamed as ACLED-style CSV or GeoJSON, in the export module's formats.

Output leaves in pieces of about ``PIECE_CHARS``: small enough to keep memory flat on any export, large
enough that handing each piece from the database thread to the server costs little.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sitrep.export.acled_csv import acled_row
from sitrep.export.columns import ACLED_CSV_COLUMNS
from sitrep.export.geojson import feature

PIECE_CHARS = 64 * 1024


def csv_chunks(
    records: Iterable[dict[str, Any]],
    columns: Sequence[str] = ACLED_CSV_COLUMNS,
    row: Callable[[dict[str, Any]], dict[str, str]] = acled_row,
) -> Iterator[str]:
    """A header line, then one row per record: ACLED's columns in ACLED's order, then sitrep's extras."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(row(record))
        if buffer.tell() >= PIECE_CHARS:
            yield _drain(buffer)
    yield _drain(buffer)


def geojson_chunks(records: Iterable[dict[str, Any]], id_key: str = "event_id") -> Iterator[str]:
    """An RFC 7946 FeatureCollection, one Feature per record (null geometry where the place is unknown)."""
    buffer = io.StringIO()
    buffer.write('{"type": "FeatureCollection", "features": [')
    for index, record in enumerate(records):
        buffer.write(("," if index else "") + "\n" + json.dumps(feature(record, id_key), ensure_ascii=False))
        if buffer.tell() >= PIECE_CHARS:
            yield _drain(buffer)
    buffer.write("\n]}\n")
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
