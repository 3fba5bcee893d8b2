"""``sitrep token`` and ``sitrep serve`` as commands (registered the way the CLI owner registers them)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from sitrep.cli.serve import serve_command
from sitrep.cli.token import token_app
from sitrep.store import Store
from sitrep.store.review import authenticate

runner = CliRunner()
app = typer.Typer()
app.add_typer(token_app, name="token")
app.command("serve")(serve_command)


def test_token_create_prints_a_working_token_once(store: Store, tmp_path: Path) -> None:
    db = str(tmp_path / "sitrep.db")
    result = runner.invoke(app, ["token", "create", "alice", "--role", "admin", "--db", db])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    with store.engine.connect() as conn:
        identity = authenticate(conn, token)
    assert identity is not None and (identity.name, identity.role) == ("alice", "admin")
    listed = runner.invoke(app, ["token", "list", "--db", db])
    assert "alice" in listed.stdout and token not in listed.stdout
    assert runner.invoke(app, ["token", "revoke", "alice", "--db", db]).exit_code == 0
    with store.engine.connect() as conn:
        assert authenticate(conn, token) is None


def test_token_create_refuses_an_unknown_role(store: Store, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["token", "create", "bob", "--role", "owner", "--db", str(tmp_path / "sitrep.db")]
    )
    assert result.exit_code == 2


def test_serve_refuses_a_database_that_does_not_exist(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code != 0
    assert "no such database" in str(result.exception)
    assert not (tmp_path / "missing.db").exists()
