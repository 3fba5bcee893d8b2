"""Incidents as ACLED-style CSV: one row per incident, ACLED's 31 columns then ``columns.INCIDENT_EXTRAS``.

An incident row reads like an ACLED event row: ``event_id_cnty`` is the incident id, ``source`` every outlet
and claimant that reported it, ``fatalities`` the reconciled best estimate and ``notes`` the earliest
report's summary. Columns an incident has no value for (associated actors, ACLED's own regions and tags)
are empty. ``flags`` name what an analyst should check (figures that disagree, a revised toll...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from sitrep.export.acled_csv import acled_values, cell, write_rows
from sitrep.export.columns import INCIDENT_CSV_COLUMNS, INCIDENT_EXTRAS


def write(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write one CSV row per incident record (``Store.iter_incidents``); returns the number of rows."""
    return write_rows(map(incident_row, records), INCIDENT_CSV_COLUMNS, out)


def incident_row(record: Mapping[str, Any]) -> dict[str, str]:
    row = acled_values({**record, "source": record["sources"]}, record["incident_id"])
    extras = {**record, "article_ids": [article["id"] for article in record["articles"]]}
    row.update({name: extras[name] for name in INCIDENT_EXTRAS})
    return {name: cell(value) for name, value in row.items()}
