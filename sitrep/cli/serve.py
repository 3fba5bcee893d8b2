"""``sitrep serve``: the REST API (OpenAPI at /docs) and the dashboard over a database."""

from __future__ import annotations

from typing import Annotated

import typer

from sitrep.cli.common import DbOption, stderr
from sitrep.store import DEFAULT_DB, Store

APP_FACTORY = "sitrep.serve.app:app_factory"


def _origins(values: list[str] | None) -> list[str]:
    """Origins as browsers send them: scheme, host and port, nothing after (or ``*`` for any)."""
    for origin in values or []:
        scheme, separator, rest = origin.partition("://")
        if origin != "*" and (scheme not in ("http", "https") or not separator or not rest or "/" in rest):
            raise typer.BadParameter(
                f"{origin!r} is not an origin like https://example.org or http://host:8080"
            )
    return values or []


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    private: Annotated[
        bool, typer.Option("--private", help="Reads need a token too (writes always do).")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes answering at once (about one per core; SQLite reads in parallel).",
        ),
    ] = 1,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            callback=_origins,
            help="An origin whose web pages may call the API (https://host[:port]); repeat for several. "
            "Default: only the dashboard's own origin.",
        ),
    ] = None,
    writes_per_minute: Annotated[
        float,
        typer.Option(
            min=0.01,
            help="Writes a minute each token may make (posting, correcting), all workers together; "
            "429 past it.",
        ),
    ] = 60,
) -> None:
    """Serve the API under /api (docs at /docs) and the dashboard at / until interrupted."""
    import uvicorn

    from sitrep.serve.app import ServeConfig

    with Store.open(db, create=False) as store:  # a missing or foreign database fails here, not in a worker
        where = store.where
    config = ServeConfig(db, private, tuple(cors_origin or ()), writes_per_minute, workers)
    config.to_environment()
    stderr.print(
        f"serving {where} at http://{host}:{port}/ (API docs at /docs)"
        + (f" with {workers} workers" if workers > 1 else "")
        + ("; reads need a token" if private else ""),
        markup=False,
        highlight=False,
    )
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning")
