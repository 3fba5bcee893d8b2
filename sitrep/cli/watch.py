"""``sitrep watch``: poll RSS/Atom feeds and ingest each new entry's page into the database."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from sitrep.cli.common import DbOption, debugging, exit_code, stderr
from sitrep.store import DEFAULT_DB, Store


def watch_command(
    ctx: typer.Context,
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    interval: Annotated[float, typer.Option(help="Seconds between polls.", min=0.0)] = 900.0,
    polls: Annotated[
        int | None, typer.Option(help="Stop after this many polls (default: run until interrupted).", min=1)
    ] = None,
    seen: Annotated[
        Path | None,
        typer.Option(help="JSON file of the entries read already (default: beside the database file)."),
    ] = None,
) -> None:
    """Fetch the page of each new feed entry and store its events; entries seen once are not fetched again."""
    from sitrep.batch import LocalExtractor, ingest_items, one_by_one
    from sitrep.ingest.watch import SeenEntries, http_client, poll

    remembered = SeenEntries(seen or _seen_file(db))
    extract_all = one_by_one(LocalExtractor())
    failed = 0
    with Store.open(db) as store, http_client() as client:
        count = 0
        while True:
            polled = list(poll(feeds, remembered, client))
            counts = ingest_items(
                (p.item for p in polled),
                store,
                extract_all,
                console=stderr,
                debug=debugging(ctx),
                total=len(polled),
            )
            for entry in polled:
                if not isinstance(entry.item, Exception):
                    remembered.add(entry.feed, entry.key)
            remembered.save()
            failed += counts.failed
            stderr.print(
                f"poll {count + 1}: {len(polled)} new entries: {counts.stored} stored, "
                f"{counts.skipped} already stored, {counts.failed} failed",
                markup=False,
                highlight=False,
            )
            count += 1
            if polls is not None and count >= polls:
                break
            time.sleep(interval)
    raise typer.Exit(exit_code(failed))


def _seen_file(db: str) -> Path:
    """``<db>.seen.json`` beside a SQLite file; under the user's cache folder for a database URL."""
    if "://" not in db:
        return Path(f"{db}.seen.json")
    return Path.home() / ".cache" / "sitrep" / "watch-seen.json"
