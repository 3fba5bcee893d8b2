"""Writers of event records (``Event.to_record()`` dicts) and incident records (``Store.iter_incidents``)
to the formats other tools read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any, TextIO

from sitrep.export import acled_csv, geojson, incidents_csv, jsonl, ucdp_csv

Writer = Callable[[Iterable[Mapping[str, Any]], TextIO], int]

WRITERS: dict[str, Writer] = {"acled-csv": acled_csv.write, "geojson": geojson.write, "jsonl": jsonl.write}
INCIDENT_WRITERS: dict[str, Writer] = {
    "incidents-csv": incidents_csv.write,
    "incidents-geojson": partial(geojson.write, id_key="incident_id"),
    "incidents-jsonl": jsonl.write,
    "ucdp-csv": ucdp_csv.write,
}

__all__ = ["INCIDENT_WRITERS", "WRITERS", "Writer"]
