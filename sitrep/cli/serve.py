"""``sitrep serve``: the REST API (OpenAPI at /docs) and the dashboard over a database."""

from __future__ import annotations

from typing import Annotated

import typer

from sitrep.cli.common import DbOption, stderr
from sitrep.store import DEFAULT_DB, Store


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    private: Annotated[
        bool, typer.Option("--private", help="Reads need a token too (writes always do).")
    ] = False,
) -> None:
    """Serve the API under /api (docs at /docs) and the dashboard at / until interrupted."""
    import uvicorn

    from sitrep.serve import create_app

    with Store.open(db, create=False) as store:
        stderr.print(
            f"serving {store.where} at http://{host}:{port}/ (API docs at /docs)"
            + ("; reads need a token" if private else ""),
            markup=False,
            highlight=False,
        )
        uvicorn.run(create_app(store, private=private), host=host, port=port, log_level="warning")
