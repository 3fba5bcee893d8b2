"""Building a gazetteer from GeoNames dumps in their published formats."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.geo import Gazetteer
from sitrep.geo.dumps import build_from_dumps


def test_build_loads_places_names_admin_names_and_countries(
    dump_files: list[Path], place_rows: list[tuple], tmp_path: Path
) -> None:
    counts = build_from_dumps(dump_files, tmp_path / "g.sqlite")
    assert counts["places"] == len(place_rows) - 2  # not the lake (class H), nor a village without figures
    assert counts["countries"] == 4
    gazetteer = Gazetteer.open(tmp_path / "g.sqlite")
    jablah = next(p for p in gazetteer.lookup("Jableh") if p.country_code == "SY")
    assert jablah.id == 169304
    assert gazetteer.admin1_name("SY", jablah.admin1_code) == "Latakia"
    assert gazetteer.admin2_name(jablah) == "Jablah District"
    assert gazetteer.country("SY").capital == "Damascus"


def test_alternate_names_in_every_script_are_loaded_but_links_are_not(gazetteer: Gazetteer) -> None:
    assert [p.id for p in gazetteer.lookup("جبلة")] == [169304]
    assert [p.id for p in gazetteer.lookup("طرطوس")] == [163345]
    assert gazetteer.lookup("https://en.wikipedia.org/wiki/Jableh") == []
    assert gazetteer.lookup("Nowhere Known") == []  # alternate name of a place not in the dump


def test_more_feature_classes_on_request(dump_files: list[Path], tmp_path: Path) -> None:
    build_from_dumps(dump_files, tmp_path / "g.sqlite", classes=["H"])
    assert [p.id for p in Gazetteer.open(tmp_path / "g.sqlite").lookup("Lake Name")] == [11111111]


def test_villages_without_population_are_kept_for_focus_countries(
    dump_files: list[Path], tmp_path: Path
) -> None:
    assert Gazetteer.open(_built(dump_files, tmp_path / "a.sqlite")).lookup("Kafr Halab") == []
    focused = Gazetteer.open(_built(dump_files, tmp_path / "b.sqlite", focus=["sy"]))
    assert [p.id for p in focused.lookup("Kafr Halab")] == [170999]
    everywhere = Gazetteer.open(_built(dump_files, tmp_path / "c.sqlite", all_villages=True))
    assert [p.id for p in everywhere.lookup("Kafr Halab")] == [170999]


def _built(files: list[Path], target: Path, **options: object) -> Path:
    build_from_dumps(files, target, **options)  # type: ignore[arg-type]
    return target


def test_admin1_names_drop_the_kind_word(gazetteer: Gazetteer) -> None:
    assert gazetteer.place_by_id(173578).name == "Latakia Governorate"
    assert gazetteer.admin1_name("SY", "02") == "Latakia"
    assert gazetteer.admin1_name("SY", "13") == "Damascus"  # display name from admin1_aliases.tsv


def test_unzipped_country_file_without_side_tables(
    dump_writer: Callable[[Path], list[Path]], tmp_path: Path
) -> None:
    files = dump_writer(tmp_path / "dumps")
    with zipfile.ZipFile(files[0]) as archive:
        lines = archive.read("allCountries.txt").decode().splitlines(keepends=True)
    country_file = tmp_path / "SY.txt"
    country_file.write_text("".join(line for line in lines if "\tSY\t" in line), encoding="utf-8")
    build_from_dumps([country_file], tmp_path / "sy.sqlite")
    gazetteer = Gazetteer.open(tmp_path / "sy.sqlite")
    assert gazetteer.country("SY").name == "Syria"  # derived from the PCLI row
    assert gazetteer.country("SY").capital == "Damascus"
    assert gazetteer.admin1_name("SY", "02") == "Latakia"  # derived from the ADM1 row, kind word dropped
    assert gazetteer.lookup("Tripoli") == []


def test_a_failed_build_leaves_the_previous_file_untouched(dump_files: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"
    build_from_dumps(dump_files, target)
    before = target.read_bytes()
    broken = tmp_path / "XX.txt"
    broken.write_text("1\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(InputError, match="19 tab-separated columns"):
        build_from_dumps([*dump_files, broken], target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_unknown_files_and_missing_places_are_input_errors(dump_files: list[Path], tmp_path: Path) -> None:
    odd = tmp_path / "notes.csv"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a GeoNames dump"):
        build_from_dumps([odd], tmp_path / "g.sqlite")
    with pytest.raises(InputError, match="no places file"):
        build_from_dumps(
            [p for p in dump_files if not p.name.startswith("allCountries")], tmp_path / "g.sqlite"
        )
    assert not (tmp_path / "g.sqlite").exists()


def test_open_refuses_a_missing_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no gazetteer file"):
        Gazetteer.open(tmp_path / "absent.sqlite")
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(InputError, match="not a gazetteer"):
        Gazetteer.open(foreign)


def test_the_gazetteer_pickles_as_its_path(gazetteer: Gazetteer) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.path == gazetteer.path
    assert [p.id for p in copy.lookup("Beirut")] == [276781]
