"""Building a gazetteer from GeoNames dumps in their published formats.

Accepted files (zipped as GeoNames publishes them, or unzipped): a places table (``allCountries.zip``, a
country file such as ``SY.zip``, ``cities500.zip``/``cities1000.zip``...; 19 tab-separated columns),
``alternateNamesV2.zip`` (or ``alternateNames.zip``), ``admin1CodesASCII.txt``, ``admin2Codes.txt`` and
``countryInfo.txt``. Files are recognised by name. Places stream in batches, so a full ``allCountries``
dump loads in bounded memory. To keep the file under 500 MB only feature classes A (countries and
divisions), P (populated places) and L (regions), and the S/T codes conflict reports name (airports,
bases, camps, dams, mountains, islands...), are kept unless more classes are asked for, and villages with
no population figure only in the ``focus`` countries (or everywhere with ``all_villages``).

Every stored name can be looked up (``sitrep geocode``); the matcher that finds names in articles only
loads the names of places worth finding in running text: countries, divisions, regions, populated places
of at least 1,000 people or seats of government, and every place of the ``focus`` countries.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sitrep.errors import InputError
from sitrep.geo.default import add_demonyms, admin1_aliases, admin_display_name, is_abbreviation, useful_names
from sitrep.geo.store import PlaceRow, Writer, building

KEPT_CLASSES = frozenset("APL")
# Airports and airfields, military sites, camps, dams, prisons, oil/gas fields, ports, border posts,
# mountains, plains and islands.
KEPT_CODES = frozenset(
    {
        *("AIRP", "AIRB", "AIRF", "MILB", "INSM", "CMP", "CMPRF", "DAM", "PRN", "OILF", "GASF"),
        *("PRT", "CSTM", "MT", "MTS", "PLN", "ISL"),
    }
)
RECOGNISED_POPULATION = 1000
SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLG"})
# alternateNames "isolanguage" values that are not names: links, postcodes, airport/UN codes, Wikidata ids.
NOT_NAMES = frozenset(
    {"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "fr_1793", "phon", "piny"}
)
COUNTRY_FILE = re.compile(r"^(?:[A-Z]{2}|allCountries|cities\d+|no-country)\.(?:txt|zip)$")


def build_from_dumps(
    paths: Iterable[Path],
    target: Path,
    focus: Iterable[str] = (),
    classes: Iterable[str] = (),
    all_villages: bool = False,
) -> dict[str, int]:
    """Build ``target`` from GeoNames files; returns counts of what was loaded. Atomic like every build."""
    files = _classify(list(paths))
    focus_codes = frozenset(code.upper() for code in focus)
    kept = Kept(KEPT_CLASSES | frozenset(c.upper() for c in classes), focus_codes, all_villages)
    counts = {"places": 0, "alternate_names": 0, "admin1": 0, "admin2": 0, "countries": 0}
    with building(target) as writer:
        counts["countries"] = sum(_load_countries(writer, path) for path in files["countries"])
        counts["admin1"] = sum(_load_admin(writer, "admin1", path) for path in files["admin1"])
        counts["admin2"] = sum(_load_admin(writer, "admin2", path) for path in files["admin2"])
        loaded = Loaded()
        for path in files["places"]:
            counts["places"] += _load_places(writer, path, kept, loaded)
        for path in files["alternates"]:
            counts["alternate_names"] += _load_alternates(writer, path, loaded)
        writer.flush()
        _derive_missing_tables(writer)
        add_demonyms(writer)
        writer.finish({"source": " ".join(sorted(p.name for kind in files.values() for p in kind))})
    return counts


def _classify(paths: list[Path]) -> dict[str, list[Path]]:
    files: dict[str, list[Path]] = {
        "countries": [],
        "admin1": [],
        "admin2": [],
        "places": [],
        "alternates": [],
    }
    for path in paths:
        name = path.name
        if not path.is_file():
            raise InputError(str(path), "no such file")
        if name.startswith("alternateNames"):
            files["alternates"].append(path)
        elif name.startswith("admin1Codes"):
            files["admin1"].append(path)
        elif name.startswith("admin2Codes"):
            files["admin2"].append(path)
        elif name.startswith("countryInfo"):
            files["countries"].append(path)
        elif COUNTRY_FILE.match(name):
            files["places"].append(path)
        else:
            raise InputError(
                str(path), "not a GeoNames dump this command knows (see `sitrep gazetteer build`)"
            )
    if not files["places"]:
        raise InputError(
            " ".join(map(str, paths)), "no places file (allCountries.zip, SY.zip, cities500.zip...)"
        )
    return files


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    """The table inside a GeoNames zip (the member named like the zip, else the first .txt), or the file."""
    if path.suffix != ".zip":
        with path.open(encoding="utf-8", newline="") as handle:
            yield handle
        return
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.namelist() if m.endswith(".txt") and not m.startswith("readme")]
        wanted = f"{path.stem}.txt"
        if not members:
            raise InputError(str(path), "zip has no .txt table")
        member = wanted if wanted in members else members[0]
        with archive.open(member) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _rows(path: Path, columns: int) -> Iterator[list[str]]:
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            row = line.rstrip("\r\n").split("\t")
            if len(row) < columns:
                raise InputError(
                    f"{path}:{number}", f"expected {columns} tab-separated columns, got {len(row)}"
                )
            yield row


def _load_countries(writer: Writer, path: Path) -> int:
    """countryInfo.txt: ISO, ISO3, ISO-Numeric, fips, Country, Capital, Area, Population, ..., geonameid."""
    rows = [
        (r[0], r[4], r[5] or None, int(r[16]) if r[16] else None, int(r[7] or 0)) for r in _rows(path, 17)
    ]
    writer.connection.executemany("INSERT OR REPLACE INTO country VALUES (?, ?, ?, ?, ?)", rows)
    return len(rows)


def _load_admin(writer: Writer, table: str, path: Path) -> int:
    """admin1CodesASCII.txt / admin2Codes.txt: code, name, ascii name, geonameid."""
    display = {code: name for code, (name, _aliases) in admin1_aliases().items()} if table == "admin1" else {}
    rows = [
        (r[0], display.get(r[0]) or admin_display_name(r[1]), int(r[3]) if r[3] else None)
        for r in _rows(path, 4)
    ]
    writer.connection.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", rows)
    return len(rows)


@dataclass(frozen=True, slots=True)
class Kept:
    """Which rows of a places table are kept: the feature classes (and ``KEPT_CODES``), and villages.

    Populated places with no population figure and no seat of government (millions of villages) are kept
    only in the ``focus`` countries, or everywhere with ``all_villages``: that keeps a full dump's
    gazetteer within 500 MB while the countries one monitors keep every village.
    """

    classes: frozenset[str]
    focus: frozenset[str]
    all_villages: bool

    def __call__(self, place: PlaceRow) -> bool:
        if place.feature_class not in self.classes and place.feature_code not in KEPT_CODES:
            return False
        village = place.feature_class == "P" and not place.population and place.feature_code not in SEAT_CODES
        return not village or self.all_villages or place.country_code in self.focus


def _load_places(writer: Writer, path: Path, kept: Kept, loaded: Loaded) -> int:
    """The 19-column GeoNames table; notes each loaded (and each recognised) id for the alternate names."""
    aliases = {code: [display, *names] for code, (display, names) in admin1_aliases().items()}
    count = 0
    for row in _rows(path, 19):
        feature_class, feature_code, country_code = row[6], row[7], row[8]
        place = PlaceRow(
            id=int(row[0]),
            name=row[1],
            latitude=float(row[4]),
            longitude=float(row[5]),
            feature_class=feature_class or None,
            feature_code=feature_code or None,
            country_code=country_code or None,
            admin1_code=row[10] or None,
            admin2_code=row[11] or None,
            population=int(row[14] or 0),
        )
        if not kept(place):
            continue
        alternates = row[3].split(",") if row[3] else []
        names = [row[2], *(alternates if place.is_country else useful_names(alternates))]
        if feature_code == "ADM1":
            names += [admin_display_name(row[1]), *aliases.get(f"{country_code}.{row[10]}", [])]
        recognised = _recognised(place, kept.focus)
        writer.place(place, [n for n in names if not is_abbreviation(n)], recognise=recognised)
        writer.names(place.id, [n for n in names if is_abbreviation(n)], recognise=False)
        loaded.add(place.id, recognised)
        count += 1
    return count


def _recognised(place: PlaceRow, focus: frozenset[str]) -> bool:
    """Whether the article matcher should look for this place's names (every name stays geocodable)."""
    return (
        place.country_code in focus
        or place.feature_class in ("A", "L")
        or place.feature_code in SEAT_CODES
        or place.population >= RECOGNISED_POPULATION
    )


def _load_alternates(writer: Writer, path: Path, loaded: Loaded) -> int:
    """alternateNamesV2: id, geonameid, isolanguage, name, preferred, short, colloquial, historic, ..."""
    count = 0
    for row in _rows(path, 4):
        geonameid = int(row[1])
        if row[2] in NOT_NAMES or not loaded.loaded(geonameid) or not useful_names([row[3]]):
            continue
        writer.names(geonameid, [row[3]], recognise=loaded.recognised(geonameid))
        count += 1
    return count


class Loaded:
    """Which GeoNames ids were loaded and which are recognised: two bitmaps (13 MB for all of GeoNames)."""

    def __init__(self) -> None:
        self._loaded = bytearray()
        self._recognised = bytearray()

    def add(self, number: int, recognised: bool) -> None:
        _mark(self._loaded, number)
        if recognised:
            _mark(self._recognised, number)

    def loaded(self, number: int) -> bool:
        return _is_marked(self._loaded, number)

    def recognised(self, number: int) -> bool:
        return _is_marked(self._recognised, number)


def _mark(bitmap: bytearray, number: int) -> None:
    index = number >> 3
    if index >= len(bitmap):
        bitmap.extend(bytes(index - len(bitmap) + 1 + (1 << 16)))
    bitmap[index] |= 1 << (number & 7)


def _is_marked(bitmap: bytearray, number: int) -> bool:
    index = number >> 3
    return index < len(bitmap) and bool(bitmap[index] & (1 << (number & 7)))


def _derive_missing_tables(writer: Writer) -> None:
    """Countries, admin1 and admin2 names from the places themselves when their tables were not given."""
    connection = writer.connection
    connection.execute(
        "INSERT OR IGNORE INTO country (code, name, capital, geonames_id, population) "
        "SELECT p.country_code, p.name, (SELECT c.name FROM place c WHERE c.country_code = p.country_code "
        "AND c.feature_code = 'PPLC' ORDER BY c.population DESC LIMIT 1), p.id, p.population "
        "FROM place p WHERE p.feature_code IN ('PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCL') "
        "AND p.country_code IS NOT NULL"
    )
    for table, code in (("admin1", "ADM1"), ("admin2", "ADM2")):
        key = "country_code || '.' || admin1_code" + (" || '.' || admin2_code" if code == "ADM2" else "")
        rows = connection.execute(
            f"SELECT {key}, name, id FROM place WHERE feature_code = ?", (code,)
        ).fetchall()
        connection.executemany(
            f"INSERT OR IGNORE INTO {table} VALUES (?, ?, ?)",
            [(k, admin_display_name(name), i) for k, name, i in rows if k],
        )
