"""A small gazetteer built from synthetic GeoNames dumps in the published formats (zips, 19 columns)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.geo import Gazetteer
from sitrep.geo.dumps import build_from_dumps
from sitrep.model import Article, Document, Place

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, admin1, admin2, population
PLACES = [
    (163843, "Syria", "Syria", "Syrian Arab Republic", 35.0, 38.0, "A", "PCLI", "SY", "00", "", 22933531),
    (272103, "Lebanon", "Lebanon", "", 33.83, 35.83, "A", "PCLI", "LB", "00", "", 6848925),
    (2215636, "Libya", "Libya", "", 28.0, 17.0, "A", "PCLI", "LY", "00", "", 6678567),
    (
        6252001,
        "United States",
        "United States",
        "USA,America",
        39.76,
        -98.5,
        "A",
        "PCLI",
        "US",
        "00",
        "",
        327e6,
    ),
    (
        173578,
        "Latakia Governorate",
        "Latakia Governorate",
        "Muhafazat al Ladhiqiyah",
        35.67,
        36.0,
        "A",
        "ADM1",
        "SY",
        "02",
        "",
        1008000,
    ),
    (163342, "Tartus Governorate", "Tartus Governorate", "", 35.0, 36.0, "A", "ADM1", "SY", "14", "", 797000),
    (169387, "Idlib Governorate", "Idlib Governorate", "", 35.75, 36.5, "A", "ADM1", "SY", "12", "", 1501000),
    (
        173576,
        "Latakia",
        "Latakia",
        "Al Ladhiqiyah,Lattakia",
        35.53,
        35.79,
        "P",
        "PPLA",
        "SY",
        "02",
        "",
        709000,
    ),
    (169304, "Jablah", "Jablah", "Jableh,Jeble,Djeble", 35.36, 35.93, "P", "PPL", "SY", "02", "0201", 65915),
    (163345, "Ţarţūs", "Tartus", "Tartus", 34.89, 35.89, "P", "PPLA", "SY", "14", "", 458327),
    (169389, "Idlib", "Idlib", "Idleb", 35.93, 36.63, "P", "PPLA", "SY", "12", "", 128840),
    (170654, "Damascus", "Damascus", "Dimashq,Sham", 33.51, 36.29, "P", "PPLC", "SY", "13", "", 1569394),
    (
        170794,
        "Deir ez-Zor",
        "Deir ez-Zor",
        "Dayr az Zawr,Deir Ezzor",
        35.34,
        40.14,
        "P",
        "PPLA",
        "SY",
        "07",
        "",
        242565,
    ),
    (266838, "Liban-Nord", "Liban-Nord", "North Lebanon", 34.42, 36.1, "A", "ADM1", "LB", "09", "", 731251),
    (266826, "Tripoli", "Tripoli", "Trablous", 34.43, 35.84, "P", "PPLA", "LB", "09", "", 229398),
    (276781, "Beirut", "Beirut", "Bayrut", 33.89, 35.49, "P", "PPLC", "LB", "04", "", 1916100),
    (2210247, "Tripoli", "Tripoli", "Tarabulus", 32.89, 13.19, "P", "PPLC", "LY", "77", "", 1150989),
    (88319, "Benghazi", "Benghazi", "Banghazi", 32.11, 20.07, "P", "PPLA", "LY", "54", "", 650629),
    (4333669, "Many", "Many", "", 31.57, -93.48, "P", "PPL", "US", "LA", "085", 2853),
    (4829791, "Over", "Over", "", 33.3, -86.8, "P", "PPL", "US", "AL", "", 1500),
    (4828890, "War", "War", "", 37.3, -81.68, "P", "PPL", "US", "WV", "047", 1200),
    (4197000, "Georgia", "Georgia", "", 32.75, -83.5, "A", "ADM1", "US", "GA", "", 10711908),
    (4180439, "Atlanta", "Atlanta", "ATL", 33.75, -84.39, "P", "PPLA", "US", "GA", "121", 463878),
    (5368361, "Los Angeles", "Los Angeles", "LA", 34.05, -118.24, "P", "PPLA2", "US", "CA", "037", 3971883),
    (7870385, "Tishrin Dam", "Tishrin Dam", "", 36.38, 38.18, "S", "DAM", "SY", "09", "", 0),
    (170999, "Kafr Halab", "Kafr Halab", "", 36.1, 36.9, "P", "PPL", "SY", "09", "", 0),
    (11111111, "Some Lake", "Some Lake", "", 36.0, 38.0, "H", "LK", "SY", "09", "", 0),
]
ALTERNATE_NAMES = [
    # alternateNameId, geonameid, isolanguage, name, isPreferred, isShort, isColloquial, isHistoric, from, to
    (1, 169304, "ar", "جبلة", "", "", "", "", "", ""),
    (2, 169304, "en", "Jebleh", "1", "", "", "", "", ""),
    (3, 169304, "link", "https://en.wikipedia.org/wiki/Jableh", "", "", "", "", "", ""),
    (4, 163345, "ar", "طرطوس", "", "", "", "", "", ""),
    (5, 99999999, "en", "Nowhere Known", "", "", "", "", "", ""),
    (6, 11111111, "en", "Lake Name", "", "", "", "", "", ""),
]
ADMIN1 = [
    ("SY.02", "Latakia", "Latakia", 173578),
    ("SY.14", "Tartus", "Tartus", 163342),
    ("SY.12", "Idlib", "Idlib", 169387),
    ("SY.13", "Dimashq", "Dimashq", 170652),
    ("LB.09", "Liban-Nord", "Liban-Nord", 266838),
    ("LY.77", "Tripoli", "Tripoli", 2210245),
    ("US.LA", "Louisiana", "Louisiana", 4331987),
    ("US.GA", "Georgia", "Georgia", 4197000),
]
ADMIN2 = [("SY.02.0201", "Jablah District", "Jablah District", 169300)]
COUNTRIES = [
    ("SY", "SYR", "760", "SY", "Syria", "Damascus", "185180", "22933531", "AS", ".sy", "SYP", "Pound", "963",
     "", "", "ar-SY", "163843", "IQ,JO,IL,TR,LB", ""),
    ("LB", "LBN", "422", "LE", "Lebanon", "Beirut", "10400", "6848925", "AS", ".lb", "LBP", "Pound", "961",
     "", "", "ar-LB", "272103", "SY,IL", ""),
    ("LY", "LBY", "434", "LY", "Libya", "Tripoli", "1759540", "6678567", "AF", ".ly", "LYD", "Dinar", "218",
     "", "", "ar-LY", "2215636", "TD,NE,DZ,SD,TN,EG", ""),
    ("US", "USA", "840", "US", "United States", "Washington", "9629091", "327167434", "NA", ".us", "USD",
     "Dollar", "1", "", "", "en-US", "6252001", "CA,MX,CU", ""),
]  # fmt: skip


def place_line(row: tuple) -> str:
    gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, admin1, admin2, population = row
    columns = [gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, "", admin1, admin2, "", "",
               int(population), "", "10", "Asia/Damascus", "2024-01-01"]  # fmt: skip
    return "\t".join(map(str, columns)) + "\n"


def tsv(rows: list[tuple]) -> str:
    return "".join("\t".join(map(str, row)) + "\n" for row in rows)


def write_dumps(folder: Path) -> list[Path]:
    """allCountries.zip, alternateNamesV2.zip, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    places = folder / "allCountries.zip"
    with zipfile.ZipFile(places, "w") as archive:
        archive.writestr("allCountries.txt", "".join(place_line(row) for row in PLACES))
    alternates = folder / "alternateNamesV2.zip"
    with zipfile.ZipFile(alternates, "w") as archive:
        archive.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
        archive.writestr("alternateNamesV2.txt", tsv(ALTERNATE_NAMES))
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text(tsv(ADMIN1), encoding="utf-8")
    admin2 = folder / "admin2Codes.txt"
    admin2.write_text(tsv(ADMIN2), encoding="utf-8")
    countries = folder / "countryInfo.txt"
    countries.write_text("#ISO\tISO3\t...\n" + tsv(COUNTRIES), encoding="utf-8")
    return [places, alternates, admin1, admin2, countries]


@pytest.fixture(scope="session")
def dump_writer() -> Callable[[Path], list[Path]]:
    return write_dumps


@pytest.fixture(scope="session")
def place_rows() -> list[tuple]:
    return PLACES


@pytest.fixture(scope="session")
def dump_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_dumps(tmp_path_factory.mktemp("geonames"))


@pytest.fixture(scope="session")
def gazetteer(dump_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    target = tmp_path_factory.mktemp("gazetteer") / "test.sqlite"
    build_from_dumps(dump_files, target)
    return Gazetteer.open(target)


def document(text: str) -> Document:
    return Document(Article(id="test", raw=text, text=text))


@pytest.fixture(scope="session")
def make_document() -> Callable[[str], Document]:
    return document


@pytest.fixture(scope="session")
def recognised(gazetteer: Gazetteer) -> Callable[[str], dict[str, Place]]:
    """Mention text -> Place for every PLACE mention of a text."""

    def places(text: str) -> dict[str, Place]:
        return {m.text: m.value for m in gazetteer.recognise(document(text))}

    return places
