"""Country outlines for the report's map: Natural Earth (public domain) from the dashboard's vendored
TopoJSON, decoded here rather than shipped twice.

TopoJSON stores each shared border once as an *arc*: a list of integer positions, every one after the first
a delta from the previous, in a grid that ``transform`` scales back to longitude and latitude. A polygon
ring lists the arcs it follows; arc ``~i`` (that is ``-i - 1``) is arc ``i`` walked backwards. Consecutive
arcs share their end point, which is kept once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

WORLD_ATLAS = Path(__file__).parents[1] / "serve" / "static" / "vendor" / "world-atlas" / "countries-50m.json"

Ring = np.ndarray  # (n, 2) longitude, latitude


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: its outer ring, then its holes
    bounds: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat

    def intersects(self, bounds: tuple[float, float, float, float]) -> bool:
        min_lon, min_lat, max_lon, max_lat = bounds
        return not (
            self.bounds[0] > max_lon
            or self.bounds[2] < min_lon
            or self.bounds[1] > max_lat
            or self.bounds[3] < min_lat
        )


@cache
def countries(path: Path = WORLD_ATLAS) -> tuple[Country, ...]:
    """Every country of the TopoJSON's ``countries`` object, with its polygons in degrees."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology["arcs"], topology.get("transform"))
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = tuple(
            tuple(_ring(arcs, indices) for indices in polygon) for polygon in _polygons(geometry)
        )
        if polygons:
            name = geometry.get("properties", {}).get("name", "")
            found.append(Country(name, polygons, _bounds([ring for polygon in polygons for ring in polygon])))
    return tuple(found)


def decode_arcs(arcs: list[list[list[int]]], transform: dict[str, list[float]] | None) -> list[Ring]:
    """Arcs in degrees: a quantised topology's deltas summed, then scaled and translated."""
    decoded = []
    for arc in arcs:
        points = np.asarray(arc, dtype=float)[:, :2]
        if transform is not None:
            points = np.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        decoded.append(points)
    return decoded


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def _ring(arcs: list[Ring], indices: list[int]) -> Ring:
    parts = []
    for position, index in enumerate(indices):
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(points if position == 0 else points[1:])
    return np.concatenate(parts)


def _bounds(rings: list[Ring]) -> tuple[float, float, float, float]:
    points = np.concatenate(rings)
    (min_lon, min_lat), (max_lon, max_lat) = points.min(axis=0), points.max(axis=0)
    return float(min_lon), float(min_lat), float(max_lon), float(max_lat)
