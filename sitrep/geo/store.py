"""The gazetteer's SQLite file: schema, a bulk writer, and the atomic build-then-rename around it.

One row per place (GeoNames id as the key; negative ids for places GeoNames lacks, such as UCDP villages),
one row per (folded name, place), admin names by code, and a variant table that maps transliteration keys
to folded names. Names are stored folded only: the display name is the place's own ``name``.
``WITHOUT ROWID`` tables keep the name index and the table one structure, which keeps a full GeoNames
dump under 500 MB.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.geo.fold import fold, variant_key

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE country(
    code TEXT PRIMARY KEY, name TEXT NOT NULL, capital TEXT, geonames_id INTEGER, population INTEGER
);
CREATE TABLE admin1(code TEXT PRIMARY KEY, name TEXT NOT NULL, geonames_id INTEGER);
CREATE TABLE admin2(code TEXT PRIMARY KEY, name TEXT NOT NULL, geonames_id INTEGER);
CREATE TABLE place(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    latitude REAL,
    longitude REAL,
    feature_class TEXT,
    feature_code TEXT,
    country_code TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    where_prec INTEGER
);
CREATE TABLE name(
    key TEXT NOT NULL, place_id INTEGER NOT NULL, recognise INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY(key, place_id)
) WITHOUT ROWID;
CREATE TABLE variant(key TEXT NOT NULL, name_key TEXT NOT NULL, PRIMARY KEY(key, name_key)) WITHOUT ROWID;
"""

PLACE_COLUMNS = (
    "id",
    "name",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "admin1_code",
    "admin2_code",
    "population",
    "where_prec",
)


@dataclass(slots=True)
class PlaceRow:
    """A place as stored. ``admin1_code``/``admin2_code`` are GeoNames codes within the country."""

    id: int
    name: str
    latitude: float | None
    longitude: float | None
    feature_class: str | None
    feature_code: str | None
    country_code: str | None
    admin1_code: str | None = None
    admin2_code: str | None = None
    population: int = 0
    where_prec: int | None = None

    @property
    def is_country(self) -> bool:
        """An independent or dependent political entity (PCLI, PCLD, PCLF, PCLS, PCL)."""
        return (self.feature_code or "").startswith("PCL")

    def values(self) -> tuple[object, ...]:
        """The row in ``PLACE_COLUMNS`` order."""
        return (
            self.id,
            self.name,
            self.latitude,
            self.longitude,
            self.feature_class,
            self.feature_code,
            self.country_code,
            self.admin1_code,
            self.admin2_code,
            self.population,
            self.where_prec,
        )


class Writer:
    """Bulk inserts into a fresh gazetteer file, buffered so a 12-million-row dump streams in small memory."""

    BATCH = 50_000

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._places: list[tuple[object, ...]] = []
        self._names: list[tuple[str, int, int]] = []
        self._recognised_names: set[str] = set()

    def place(self, row: PlaceRow, names: Iterable[str], recognise: bool = True) -> None:
        """Add a place with its names (display name included automatically), folded and deduplicated."""
        self._places.append(row.values())
        if recognise:
            self._recognised_names.add(fold(row.name))
        for key in {fold(n) for n in {row.name, *names}}:
            if key:
                self._names.append((key, row.id, int(recognise)))
        if len(self._names) >= self.BATCH or len(self._places) >= self.BATCH:
            self.flush()

    def names(self, place_id: int, names: Iterable[str], recognise: bool = True) -> None:
        """Add alternate names to a place already written (or about to be)."""
        self._names.extend((key, place_id, int(recognise)) for key in {fold(n) for n in set(names)} if key)
        if len(self._names) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        marks = ",".join("?" * len(PLACE_COLUMNS))
        self.connection.executemany(f"INSERT OR REPLACE INTO place VALUES ({marks})", self._places)
        self._names.sort()  # inserting in key order keeps the name b-tree's pages warm
        self.connection.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?)", self._names)
        self._places.clear()
        self._names.clear()

    def finish(self, meta: dict[str, str]) -> None:
        """Flush, derive the variant table, index, and record what was built from.

        Variant keys are taken from the display names of recognised places only: a place's alternate names
        are mostly variants of its name already, and keying every village of a full dump would cost disk
        for names the matcher never looks for. The only index beyond the keys is a partial one on capitals.
        """
        self.flush()
        keys = self._recognised_names
        self.connection.executemany(
            "INSERT OR IGNORE INTO variant VALUES (?, ?)",
            ((variant, key) for key in keys if key.isascii() and (variant := variant_key(key)) != key),
        )
        self.connection.execute(
            "CREATE INDEX place_capital ON place(country_code) WHERE feature_code = 'PPLC'"
        )
        meta = {"schema": SCHEMA_VERSION, **meta}
        self.connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        self.connection.commit()


@contextlib.contextmanager
def building(target: Path) -> Iterator[Writer]:
    """A Writer on a temporary file next to ``target``, renamed over it only if the build finishes.

    A killed or failed build leaves ``target`` as it was (absent or the previous gazetteer), never half-built.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
    os.close(handle)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;"
        )
        connection.executescript(SCHEMA)
        yield Writer(connection)
        connection.close()
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a gazetteer is shared data
        os.replace(temporary, target)
    except BaseException:
        connection.close()
        Path(temporary).unlink(missing_ok=True)
        raise
