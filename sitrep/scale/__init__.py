"""Running the pipeline at scale: the event table's columns, and the Spark adapter (``sitrep.scale.spark``,
which needs the optional ``spark`` extra: pyspark and a Java runtime)."""

from __future__ import annotations

from sitrep.scale.table import EVENT_COLUMNS, event_row

__all__ = ["EVENT_COLUMNS", "event_row"]
