"""``sitrep geocode``: one JSON line per name, nulls when nothing matches, exit 1 only when none matched."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from sitrep.cli.geo import gazetteer_app, geocode_command
from sitrep.geo import Gazetteer

app = typer.Typer()
app.command("geocode")(geocode_command)
app.add_typer(gazetteer_app, name="gazetteer")
runner = CliRunner()


def geocode(gazetteer: Gazetteer, *args: str, stdin: str | None = None) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["geocode", *args, "--gazetteer", str(gazetteer.path)], input=stdin)
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def test_best_match_per_name_in_order(gazetteer: Gazetteer) -> None:
    code, lines = geocode(gazetteer, "Jableh", "Nowhere", "Ţarţūs")
    assert code == 0
    assert [line["query"] for line in lines] == ["Jableh", "Nowhere", "Ţarţūs"]
    jableh = lines[0]
    assert (jableh["name"], jableh["geonames_id"], jableh["admin1"], jableh["country"]) == (
        "Jablah",
        169304,
        "Latakia",
        "Syria",
    )
    assert set(jableh) >= {"latitude", "longitude", "admin2", "feature_code", "score"}
    assert all(value is None for key, value in lines[1].items() if key != "query")


def test_country_and_near_choose_among_namesakes(gazetteer: Gazetteer) -> None:
    assert geocode(gazetteer, "Tripoli")[1][0]["country"] == "Libya"
    assert geocode(gazetteer, "Tripoli", "--country", "LB")[1][0]["country"] == "Lebanon"
    assert geocode(gazetteer, "Tripoli", "--near", "34.0,35.5")[1][0]["country"] == "Lebanon"


def test_all_lists_ranked_candidates(gazetteer: Gazetteer) -> None:
    candidates = geocode(gazetteer, "Tripoli", "--all")[1][0]["candidates"]
    assert [c["country"] for c in candidates] == ["Libya", "Lebanon"]
    assert candidates[0]["score"] > candidates[1]["score"]


def test_names_from_stdin_and_exit_code(gazetteer: Gazetteer) -> None:
    code, lines = geocode(gazetteer, "-", stdin="Beirut\n\nIdleb\n")
    assert code == 0 and [line["name"] for line in lines] == ["Beirut", "Idlib"]
    assert geocode(gazetteer, "Atlantis", "Lemuria")[0] == 1


def test_bad_near_is_a_usage_error(gazetteer: Gazetteer) -> None:
    result = runner.invoke(app, ["geocode", "Beirut", "--near", "north", "--gazetteer", str(gazetteer.path)])
    assert result.exit_code != 0


def test_gazetteer_build_command(dump_files: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "built.sqlite"
    result = runner.invoke(app, ["gazetteer", "build", *map(str, dump_files), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert [p.id for p in Gazetteer.open(target).lookup("Beirut")] == [276781]
