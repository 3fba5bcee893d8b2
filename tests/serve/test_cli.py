"""``sitrep token`` and ``sitrep serve`` as commands (registered the way the CLI owner registers them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.cli.serve import APP_FACTORY, serve_command
from sitrep.cli.token import token_app
from sitrep.serve.app import CONFIG_VARIABLE, app_factory
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


def served(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[dict[str, Any], FastAPI]:
    """Run ``sitrep serve ARGS`` with uvicorn stubbed out: what it was asked to run, and the app a worker
    would build from the configuration the command handed over."""
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: calls.append((a, kw)))
    monkeypatch.setenv(CONFIG_VARIABLE, "")  # restored after the test, whatever the command sets
    result = runner.invoke(app, ["serve", *args])
    assert result.exit_code == 0, result.output
    (target,), options = calls[0]
    assert target == APP_FACTORY and options["factory"] is True
    return options, app_factory()


def test_serve_runs_the_app_factory_in_as_many_workers_as_asked(
    monkeypatch: pytest.MonkeyPatch, store: Store, tmp_path: Path
) -> None:
    db = str(tmp_path / "sitrep.db")
    options, one = served(monkeypatch, ["--db", db])
    assert options["workers"] == 1
    assert one.state.write_limit.per_second == pytest.approx(1.0)  # 60 writes a minute by default
    options, two = served(monkeypatch, ["--db", db, "--workers", "2", "--writes-per-minute", "30"])
    assert options["workers"] == 2
    assert two.state.write_limit.per_second * 2 == pytest.approx(30 / 60)  # the two workers share the rate
    assert TestClient(two).get("/api/events").json()["total"] > 0


def test_serve_answers_cross_origin_requests_only_from_the_origins_given(
    monkeypatch: pytest.MonkeyPatch, store: Store, tmp_path: Path
) -> None:
    db = str(tmp_path / "sitrep.db")
    args = ["--db", db, "--cors-origin", "https://a.example", "--cors-origin", "http://b.example:8080"]
    _options, served_app = served(monkeypatch, args)
    client = TestClient(served_app)
    for origin in ("https://a.example", "http://b.example:8080"):
        allowed = client.get("/api/events", headers={"Origin": origin})
        assert allowed.headers["access-control-allow-origin"] == origin
    assert (
        "access-control-allow-origin"
        not in client.get("/api/events", headers={"Origin": "https://c.example"}).headers
    )
    _options, default_app = served(monkeypatch, ["--db", db])
    refused = TestClient(default_app).get("/api/events", headers={"Origin": "https://a.example"})
    assert "access-control-allow-origin" not in refused.headers


def test_serve_refuses_a_cors_origin_that_is_not_one(tmp_path: Path, store: Store) -> None:
    result = runner.invoke(
        app, ["serve", "--db", str(tmp_path / "sitrep.db"), "--cors-origin", "a.example/x"]
    )
    assert result.exit_code == 2
