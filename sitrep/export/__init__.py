"""Writers of event records (``Event.to_record()`` dicts) to the formats other tools read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from sitrep.export import acled_csv, geojson, jsonl

Writer = Callable[[Iterable[Mapping[str, Any]], TextIO], int]

WRITERS: dict[str, Writer] = {"acled-csv": acled_csv.write, "geojson": geojson.write, "jsonl": jsonl.write}

__all__ = ["WRITERS", "Writer"]
