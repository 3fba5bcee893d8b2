"""``sitrep export``: stored events as ACLED-style CSV, GeoJSON or JSON Lines."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from sitrep.cli.common import DbOption, Format, OutputOption, output_stream, stderr
from sitrep.export import WRITERS
from sitrep.store import DEFAULT_DB, EventFilter, Store

DateOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="YYYY-MM-DD, inclusive.")]


def export_command(
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="acled-csv (csv), geojson or jsonl.")
    ] = Format.jsonl,
    db: DbOption = DEFAULT_DB,
    output: OutputOption = None,
    country: Annotated[str | None, typer.Option(help="Only events in this country.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Only events in this province/state.")] = None,
    event_type: Annotated[str | None, typer.Option(help="Only events of this ACLED event type.")] = None,
    since: DateOption = None,
    until: DateOption = None,
) -> None:
    """Write the stored events (oldest first) to stdout or a file."""
    filters = EventFilter(
        event_type=event_type,
        country=country,
        admin1=admin1,
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    with Store.open(db, create=False) as store, output_stream(output) as out:
        count = WRITERS[output_format.writer_name](store.iter_events(filters), out)
    stderr.print(f"{count} events exported", markup=False, highlight=False)
