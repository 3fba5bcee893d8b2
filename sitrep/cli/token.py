"""``sitrep token``: bearer tokens for the API's writes (and for its reads under ``serve --private``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sitrep.cli.common import DbOption, stderr
from sitrep.store import DEFAULT_DB, Store, StoreError
from sitrep.store.database import writing
from sitrep.store.review import ROLES, create_token, list_tokens, revoke_token

token_app = typer.Typer(
    help="Create, list and revoke API tokens (only a hash of each is stored).", no_args_is_help=True
)
Role = StrEnum("Role", {role: role for role in ROLES})
stdout = Console()


@token_app.command("create")
def create_command(
    name: Annotated[str, typer.Argument(help="Who the token is for; corrections are recorded under it.")],
    role: Annotated[
        Role,
        typer.Option(
            help="reader: read a --private server; analyst: also correct events "
            "and post articles; admin: everything."
        ),
    ] = Role.analyst,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print a new token for NAME. It is shown this once: only its SHA-256 is stored."""
    with Store.open(db, create=False) as store, writing(store.engine).begin() as conn:
        token = create_token(conn, name, role.value)
    typer.echo(token)
    stderr.print(f"token for {name} ({role.value}); keep it now, it cannot be shown again", markup=False)


@token_app.command("list")
def list_command(db: DbOption = DEFAULT_DB) -> None:
    """Name, role and creation time of each token (the tokens themselves are not stored)."""
    with Store.open(db, create=False) as store, store.engine.connect() as conn:
        rows = list_tokens(conn)
    table = Table("name", "role", "created (UTC)")
    for row in rows:
        table.add_row(row["name"], row["role"], row["created_at"].strftime("%Y-%m-%d %H:%M"))
    stdout.print(table)


@token_app.command("revoke")
def revoke_command(
    name: Annotated[str, typer.Argument(help="The token's name.")], db: DbOption = DEFAULT_DB
) -> None:
    """Delete NAME's token: requests presenting it are refused from now on."""
    with Store.open(db, create=False) as store, writing(store.engine).begin() as conn:
        if not revoke_token(conn, name):
            raise StoreError(f"{store.where}: no token named {name!r}")
    stderr.print(f"token for {name} revoked", markup=False)
