"""``sitrep gazetteer build`` and ``sitrep geocode``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sitrep.errors import InputError
from sitrep.geo import Gazetteer
from sitrep.geo.dumps import build_from_dumps
from sitrep.geo.geocode import geocode, match_record

gazetteer_app = typer.Typer(help="Build gazetteers from GeoNames dumps.", no_args_is_help=True)

GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Gazetteer file (default: the shipped one, built on first use).",
        envvar="SITREP_GAZETTEER",
    ),
]


@gazetteer_app.command("build")
def build_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames files: allCountries.zip, a country file (SY.zip), cities500.zip, "
            "alternateNamesV2.zip, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt.",
            show_default=False,
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The gazetteer file to write.")] = Path(
        "gazetteer.sqlite"
    ),
    focus: Annotated[
        list[str] | None,
        typer.Option("--focus", help="Country code whose every village is kept and matched (repeatable)."),
    ] = None,
    feature_class: Annotated[
        list[str] | None,
        typer.Option(
            "--feature-class", help="Also keep this GeoNames feature class (S, T, H, V, U; repeatable)."
        ),
    ] = None,
) -> None:
    """Load GeoNames dumps into a gazetteer file (written atomically: a failed build leaves nothing)."""
    counts = build_from_dumps(files, output, focus or (), feature_class or ())
    summary = ", ".join(f"{count:,} {what.replace('_', ' ')}" for what, count in counts.items())
    typer.echo(f"{output}: {summary}", err=True)
    typer.echo(f"use it with --gazetteer {output} or SITREP_GAZETTEER={output}", err=True)


def geocode_command(
    names: Annotated[list[str], typer.Argument(help="Place names; - reads names from stdin, one a line.")],
    country: Annotated[
        str | None, typer.Option("--country", help="ISO country code to search within.")
    ] = None,
    near: Annotated[
        str | None, typer.Option("--near", help="LAT,LON: prefer places near this point.")
    ] = None,
    all_candidates: Annotated[
        bool, typer.Option("--all", help="Add the ranked candidates to each line.")
    ] = False,
    gazetteer_path: GazetteerOption = None,
) -> None:
    """Print one JSON line per name with its best match (fields null when none); exit 1 if none matched."""
    point = _point(near) if near else None
    gazetteer = Gazetteer.open(gazetteer_path)
    matched = 0
    for query in _queries(names):
        matches = geocode(gazetteer, query, country=country, near=point)
        record = match_record(gazetteer, query, matches[0] if matches else None)
        if all_candidates:
            record["candidates"] = [match_record(gazetteer, query, m) for m in matches]
        typer.echo(json.dumps(record, ensure_ascii=False))
        matched += bool(matches)
    if not matched:
        raise typer.Exit(1)


def _queries(names: list[str]) -> list[str]:
    queries: list[str] = []
    for name in names:
        if name == "-":
            queries.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            queries.append(name)
    return queries


def _point(text: str) -> tuple[float, float]:
    try:
        latitude, longitude = (float(part) for part in text.split(","))
    except ValueError:
        raise InputError("--near", f"expected LAT,LON in degrees, got {text!r}") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InputError("--near", f"{text!r} is not a point on Earth")
    return latitude, longitude
