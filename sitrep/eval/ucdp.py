"""Place and fatalities scored on UCDP GED Syria, with each event's source headline as the only text.

UCDP gives no article body, only the headline of the report it coded each event from. Each row's
``source_headline`` goes through the whole pipeline with ``date_start`` as the publication date, and the most
confident event is compared with the row, on rows whose headline names the coded place or its governorate
(folded, rapidfuzz partial ratio >= 85; a headline naming neither cannot be placed from its text):

* within 25 km: the event's coordinates within 25 km of UCDP's point; also given on the rows whose headline
  names the coded place itself rather than only its governorate;
* adm_1: the same governorate ("Hamah Governorate" / "Hama", compared as ACLED's admin1 is);
* fatalities: the event's best figure (an unknown toll counting as 0) within the row's low..high; also
  given on the rows whose headline has a figure in digits (most headlines state no toll at all).

A headline without an event is wrong on every field. The file is read from ``../shared/data`` and never
copied into the repository.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from rapidfuzz import fuzz

from sitrep.errors import SitrepError
from sitrep.eval.confusion import top_event
from sitrep.eval.geo import same_admin1
from sitrep.geo.distance import km
from sitrep.geo.fold import fold
from sitrep.model import Event

UCDP_FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ucdp-ged-syria"
UCDP_CSV = UCDP_FOLDER / "ged191_syria_dev.csv"
PLACE_KM = 25.0
NAME_SIMILARITY = 85  # rapidfuzz partial ratio of a folded name inside the folded headline, 0-100
SHORTEST_NAME = 4  # shorter names ("Tal") match inside too many words
# Words that say what kind of place a UCDP name is, not which one ("Teir Maaleh village", "Homs Governorate").
_KIND_WORDS = re.compile(r"\b(?:town|village|villge|city|district|governorate|sub-district|area|camp)\b")


@dataclass(frozen=True, slots=True)
class Row:
    row_id: str
    headline: str
    published: date
    place: str
    adm_1: str
    latitude: float
    longitude: float
    low: int
    high: int

    def names_place(self) -> bool:
        return _named(self.place, self.headline)

    def names_region(self) -> bool:
        return _named(self.adm_1, self.headline)

    def has_figure(self) -> bool:
        return any(character.isdigit() for character in self.headline)


@dataclass(slots=True)
class UcdpScore:
    rows: int = 0  # headlines naming the place or its governorate
    place_rows: int = 0  # of which naming the place itself
    without_event: int = 0
    within: int = 0
    place_within: int = 0
    adm_1: int = 0
    fatalities: int = 0
    figure_rows: int = 0  # headlines with a figure in digits
    figure_fatalities: int = 0
    seconds: float = 0.0

    def share(self, count: int, of: int | None = None) -> float:
        total = self.rows if of is None else of
        return count / total if total else 0.0

    def figures(self) -> list[tuple[str, float]]:
        """(what is scored, share right) for a report."""
        return [
            (f"place within {PLACE_KM:.0f} km", self.share(self.within)),
            (
                f"place within {PLACE_KM:.0f} km, headline names the place ({self.place_rows})",
                self.share(self.place_within, self.place_rows),
            ),
            ("adm_1", self.share(self.adm_1)),
            ("fatalities within low..high", self.share(self.fatalities)),
            (
                f"fatalities within low..high, headline has a figure ({self.figure_rows})",
                self.share(self.figure_fatalities, self.figure_rows),
            ),
        ]


def _named(name: str, headline: str) -> bool:
    key = " ".join(_KIND_WORDS.sub(" ", fold(name)).split())
    return len(key) >= SHORTEST_NAME and fuzz.partial_ratio(key, fold(headline)) >= NAME_SIMILARITY


def read_rows(path: Path = UCDP_CSV, limit: int | None = None) -> list[Row]:
    """The first ``limit`` rows whose headline names the coded place or its governorate."""
    if not path.is_file():
        raise SitrepError(f"{path}: no such UCDP GED file (the gold data lives in ../shared/data)")
    with path.open(encoding="utf-8", newline="") as handle:
        named = (row for row in _rows(csv.DictReader(handle)) if row.names_place() or row.names_region())
        return list(islice(named, limit))


def _rows(reader: csv.DictReader[str]) -> Iterator[Row]:
    for row in reader:
        if row["source_headline"].strip() and row["latitude"]:
            yield Row(
                row_id=row["id"],
                headline=row["source_headline"].strip(),
                published=date.fromisoformat(row["date_start"][:10]),
                place=row["where_coordinates"],
                adm_1=row["adm_1"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                low=int(float(row["low"])),
                high=int(float(row["high"])),
            )


def matches(row: Row, event: Event | None) -> dict[str, bool]:
    """Which fields ``event`` gets right for ``row`` (all wrong when there is no event)."""
    if event is None:
        return {"within": False, "adm_1": False, "fatalities": False}
    place = event.place
    located = place is not None and place.latitude is not None and place.longitude is not None
    return {
        "within": located and km(place.latitude, place.longitude, row.latitude, row.longitude) <= PLACE_KM,
        "adm_1": place is not None and bool(place.admin1) and same_admin1(place.admin1, row.adm_1),
        "fatalities": row.low <= (event.fatalities.best or 0) <= row.high,
    }


def evaluate(path: Path = UCDP_CSV, limit: int | None = None) -> UcdpScore:
    from sitrep.pipeline import Resources

    rows = read_rows(path, limit)
    resources = Resources.load()
    score = UcdpScore()
    started = time.perf_counter()
    for row in rows:
        event = top_event(row.headline, resources, published=row.published, origin=f"UCDP {row.row_id}")
        right = matches(row, event)
        names_place = row.names_place()
        score.rows += 1
        score.place_rows += names_place
        score.without_event += event is None
        score.within += right["within"]
        score.place_within += names_place and right["within"]
        score.adm_1 += right["adm_1"]
        score.fatalities += right["fatalities"]
        score.figure_rows += row.has_figure()
        score.figure_fatalities += row.has_figure() and right["fatalities"]
    score.seconds = time.perf_counter() - started
    return score
