"""The map's country outlines (TopoJSON decoded here) and its view, zoomed to the incidents."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest
from matplotlib.path import Path as MplPath

from sitrep.report.charts import MIN_SPAN_DEGREES, view_bounds
from sitrep.report.outlines import countries
from tests.report.support import CLASH

# Two unit squares side by side sharing one border arc, the right one walking it backwards (~0), quantised
# on a 10 x 10 grid: left square (0,0)-(1,1), right square (1,0)-(2,1).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.1, 0.1], "translate": [0, 0]},
    "arcs": [
        [[10, 0], [0, 10]],  # the shared border, (1,0) -> (1,1)
        [
            [10, 10],
            [-10, 0],
            [0, -10],
            [10, 0],
        ],  # left square's other sides, (1,1) -> (0,1) -> (0,0) -> (1,0)
        [[10, 0], [10, 0], [0, 10], [-10, 0]],  # right square's other sides, (1,0) -> (2,0) -> (2,1) -> (1,1)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "West"}},
                {"type": "MultiPolygon", "arcs": [[[2, -1]]], "properties": {"name": "East"}},
            ],
        }
    },
}


def test_arcs_are_decoded_shared_and_reversed(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps(TOPOLOGY))
    west, east = countries(path)
    assert (west.name, west.bounds) == ("West", (0.0, 0.0, 1.0, 1.0))
    assert (east.name, east.bounds) == ("East", (1.0, 0.0, 2.0, 1.0))
    ring = east.polygons[0][0]
    assert ring.tolist() == [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]  # closed, the shared point kept once


def test_the_vendored_atlas_outlines_syria() -> None:
    syria = next(country for country in countries() if country.name == "Syria")
    min_lon, min_lat, max_lon, max_lat = syria.bounds
    assert 35.5 < min_lon < 36 and 42 < max_lon < 42.5 and 32 < min_lat < 32.5 and 37 < max_lat < 37.5
    outline = MplPath(syria.polygons[0][0])
    assert outline.contains_point((36.29, 33.51))  # Damascus
    assert not outline.contains_point((35.50, 33.89))  # Beirut


def test_the_view_zooms_to_one_incident_without_collapsing() -> None:
    min_lon, min_lat, max_lon, max_lat = view_bounds([CLASH], 1.5)
    assert min_lon < CLASH.longitude < max_lon and min_lat < CLASH.latitude < max_lat
    assert max_lat - min_lat == pytest.approx(MIN_SPAN_DEGREES)
    assert max_lon - min_lon < 10  # a province, not the world


@pytest.mark.parametrize("aspect", [0.8, 1.5, 3.0])
def test_the_view_holds_every_incident_at_the_maps_aspect(aspect: float) -> None:
    spread = [
        replace(CLASH, latitude=35.36, longitude=35.93),
        replace(CLASH, latitude=33.51, longitude=36.29),
        replace(CLASH, latitude=35.33, longitude=40.14),
    ]
    min_lon, min_lat, max_lon, max_lat = view_bounds(spread, aspect)
    for row in spread:
        assert min_lon < row.longitude < max_lon and min_lat < row.latitude < max_lat
    shrink = math.cos(math.radians((min_lat + max_lat) / 2))
    assert (max_lon - min_lon) * shrink / (max_lat - min_lat) == pytest.approx(aspect, rel=0.01)
