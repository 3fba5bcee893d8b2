"""``sitrep export``: stored events as ACLED-style CSV, GeoJSON or JSON Lines; stored incidents as ACLED-style
CSV (one row per incident), UCDP GED-like CSV, GeoJSON or JSON Lines."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import typer

from sitrep.cli.common import DbOption, Format, OutputOption, output_stream, stderr
from sitrep.export import INCIDENT_WRITERS, WRITERS, Writer
from sitrep.store import DEFAULT_DB, EventFilter, Store

DateOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="YYYY-MM-DD, inclusive.")]

EVENT_WRITERS: dict[str, Writer] = {format.value: WRITERS[format.writer_name] for format in Format}
ExportFormat = StrEnum("ExportFormat", {name: name for name in [*EVENT_WRITERS, *INCIDENT_WRITERS]})
DEFAULT_FORMAT = ExportFormat(Format.jsonl.value)
FORMAT_HELP = (
    "Events: acled-csv (csv), geojson or jsonl. Incidents (events of one happening across articles, "
    "merged): incidents-csv (ACLED-style), ucdp-csv (UCDP GED-like), incidents-geojson or incidents-jsonl."
)


def export_command(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = DEFAULT_FORMAT,
    db: DbOption = DEFAULT_DB,
    output: OutputOption = None,
    country: Annotated[str | None, typer.Option(help="Only events in this country.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Only events in this province/state.")] = None,
    event_type: Annotated[str | None, typer.Option(help="Only events of this ACLED event type.")] = None,
    since: DateOption = None,
    until: DateOption = None,
) -> None:
    """Write the stored events or incidents (oldest first) to stdout or a file."""
    filters = EventFilter(
        event_type=event_type,
        country=country,
        admin1=admin1,
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    incidents = output_format.value in INCIDENT_WRITERS
    with Store.open(db, create=False) as store, output_stream(output) as out:
        if incidents:
            count = INCIDENT_WRITERS[output_format.value](store.iter_incidents(filters), out)
        else:
            count = EVENT_WRITERS[output_format.value](store.iter_events(filters), out)
    stderr.print(f"{count} {'incidents' if incidents else 'events'} exported", markup=False, highlight=False)
