"""The report's figures as PNG bytes: a map of the incidents and their weekly count by event type.

Drawn with matplotlib's object API (no pyplot, so no global state and safe in the API's worker threads)
on the Agg backend. The map needs no tile server: country outlines come from ``outlines``.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Sequence
from datetime import date

import numpy as np
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import MaxNLocator

from sitrep.report.outlines import Country, countries
from sitrep.report.query import IncidentRow
from sitrep.serve.meta_api import EVENT_COLOURS
from sitrep.taxonomy import EVENT_TYPES

Bounds = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat

DPI = 200
MAP_SIZE = (7.2, 4.2)  # inches; the report's column width at A4
CHART_SIZE = (7.2, 2.5)
MIN_SPAN_DEGREES = 2.5  # the smallest view: about 250 km across, so a single incident shows its province
PLACE_LABELS = 12
LABEL_AREA = 0.06  # share of the map a country must cover to be named
LABEL_SPACING = 0.06  # share of the map's width a place name needs to itself
PADDING = 0.12  # share of the incidents' extent added on each side
KM_PER_DEGREE = 111.32
LAND, SEA = "#f6f4ef", "#dce6ee"  # the map's fills (the report's PDF test looks for them)
_INK, _SOFT, _BORDER = "#1d2731", "#51606e", "#8d99a6"


def incident_map(incidents: Sequence[IncidentRow], numbered: Sequence[IncidentRow] = ()) -> bytes | None:
    """The located incidents over country outlines, coloured by type and sized by deaths, zoomed to them;
    those in ``numbered`` carry their position in it (the report's table of top incidents). None when no
    incident has coordinates."""
    located = [row for row in incidents if row.located]
    if not located:
        return None
    figure = Figure(figsize=MAP_SIZE, dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    bounds = view_bounds(located, MAP_SIZE[0] / MAP_SIZE[1])
    _draw_outlines(axes, bounds)
    for event_type in EVENT_TYPES:
        rows = [row for row in located if row.event_type == event_type]
        if rows:
            axes.scatter(
                [row.longitude for row in rows],
                [row.latitude for row in rows],
                s=[_marker_area(row.fatalities) for row in rows],
                color=EVENT_COLOURS[event_type],
                alpha=0.8,
                edgecolors="white",
                linewidths=0.8,
                zorder=3,
            )
    _place_names(axes, located, bounds)
    _number(axes, numbered)
    _map_legend(axes, located)
    _scale_bar(axes, bounds)
    axes.text(
        0.995, 0.005, "Country outlines: Natural Earth", transform=axes.transAxes, ha="right", va="bottom",
        fontsize=5.5, color=_SOFT,
    )  # fmt: skip
    axes.set_xlim(bounds[0], bounds[2])
    axes.set_ylim(bounds[1], bounds[3])
    axes.set_aspect(1 / math.cos(math.radians((bounds[1] + bounds[3]) / 2)))
    axes.set_facecolor(SEA)
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_edgecolor(_BORDER)
    return _png(figure)


def weekly_chart(weeks: Sequence[tuple[date, Counter[str]]]) -> bytes:
    """Stacked bars of incidents per week (``Report.weekly()``), one colour per event type."""
    figure = Figure(figsize=CHART_SIZE, dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    mondays = date2num([monday for monday, _ in weeks])
    bottom = np.zeros(len(weeks))
    present = [name for name in EVENT_TYPES if any(counts[name] for _, counts in weeks)]
    for event_type in present:
        heights = np.array([counts[event_type] for _, counts in weeks], dtype=float)
        axes.bar(
            mondays + 3.5, heights, width=6, bottom=bottom, color=EVENT_COLOURS[event_type], label=event_type
        )
        bottom += heights
    axes.set_xlim(mondays[0], mondays[-1] + 7)
    axes.set_ylim(0, max(bottom.max(), 1) * 1.1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.set_ylabel("Incidents per week", fontsize=8, color=_SOFT)
    axes.tick_params(labelsize=7, colors=_SOFT)
    axes.grid(axis="y", color="#e3e7ec", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if present:
        axes.legend(
            loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=6.5, frameon=False, ncols=len(present),
            handlelength=1, columnspacing=1.2, borderaxespad=0.2,
        )  # fmt: skip
    return _png(figure)


def view_bounds(located: Sequence[IncidentRow], aspect: float) -> Bounds:
    """The incidents' extent, padded, at least ``MIN_SPAN_DEGREES`` across, widened to the map's aspect
    (width over height, with longitude degrees shrunk by the cosine of the latitude as drawn)."""
    longitudes = [row.longitude for row in located if row.longitude is not None]
    latitudes = [row.latitude for row in located if row.latitude is not None]
    centre_lon, centre_lat = (min(longitudes) + max(longitudes)) / 2, (min(latitudes) + max(latitudes)) / 2
    shrink = math.cos(math.radians(centre_lat))
    width = max((max(longitudes) - min(longitudes)) * (1 + 2 * PADDING), MIN_SPAN_DEGREES) * shrink
    height = max((max(latitudes) - min(latitudes)) * (1 + 2 * PADDING), MIN_SPAN_DEGREES)
    width, height = max(width, height * aspect), max(height, width / aspect)
    half_lon, half_lat = width / shrink / 2, height / 2
    return (
        centre_lon - half_lon,
        max(centre_lat - half_lat, -89.0),
        centre_lon + half_lon,
        min(centre_lat + half_lat, 89.0),
    )


def _draw_outlines(axes: Axes, bounds: Bounds) -> None:
    visible = [country for country in countries() if country.intersects(bounds)]
    for country in visible:
        axes.add_patch(PathPatch(_path(country), facecolor=LAND, edgecolor=_BORDER, linewidth=0.6, zorder=1))
    for country in visible:
        label = _label_point(country, bounds)
        if label is not None:
            axes.text(
                *label, country.name.upper(), ha="center", va="center", fontsize=7, color="#9aa5b1",
                fontweight="bold", zorder=2, clip_on=True,
            )  # fmt: skip


def _path(country: Country) -> MplPath:
    """All the country's rings as one compound path; holes are wound the other way, so they stay empty."""
    vertices, codes = [], []
    for polygon in country.polygons:
        for ring in polygon:
            vertices.append(ring)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _label_point(country: Country, bounds: Bounds) -> tuple[float, float] | None:
    """Where to write a country's name: the point of a grid over the map that lies inside the country and
    nearest the middle of its visible part, when that part fills a good share of the map (slivers at the
    edge stay unnamed)."""
    grid = np.stack(
        np.meshgrid(np.linspace(bounds[0], bounds[2], 24), np.linspace(bounds[1], bounds[3], 16)), axis=-1
    ).reshape(-1, 2)
    inside = np.zeros(len(grid), dtype=bool)
    for polygon in country.polygons:
        inside |= MplPath(polygon[0]).contains_points(grid)
    if inside.mean() < LABEL_AREA:
        return None
    points = grid[inside]
    nearest = points[np.argmin(np.linalg.norm(points - points.mean(axis=0), axis=1))]
    return float(nearest[0]), float(nearest[1])


def _marker_area(fatalities: int | None) -> float:
    """Marker area in points²: a base size, growing with the square root of the deaths."""
    return 28 + 14 * math.sqrt(min(fatalities or 0, 2_000))


def _number(axes: Axes, numbered: Sequence[IncidentRow]) -> None:
    badge = {"boxstyle": "circle,pad=0.25", "facecolor": "white", "edgecolor": _SOFT, "linewidth": 0.5}
    for position, row in enumerate(numbered, start=1):
        if row.located:
            axes.annotate(
                str(position), (row.longitude, row.latitude), xytext=(7, 7), textcoords="offset points",
                fontsize=6.5, fontweight="bold", color=_INK, zorder=4, bbox=badge,
            )  # fmt: skip


def _place_names(axes: Axes, located: Sequence[IncidentRow], bounds: Bounds) -> None:
    """The names of the places with incidents, the deadliest first, at most ``PLACE_LABELS`` of them, each
    only where no name already stands close by (so a cluster of towns reads as one name, not a smudge)."""
    deaths: Counter[tuple[str, float, float]] = Counter()
    for row in located:
        if row.location:
            deaths[(row.location, row.longitude, row.latitude)] += (row.fatalities or 0) + 1
    spacing = LABEL_SPACING * (bounds[2] - bounds[0])
    placed: list[tuple[float, float]] = []
    for name, longitude, latitude in (place for place, _ in deaths.most_common()):
        if len(placed) == PLACE_LABELS:
            break
        if any(math.dist((longitude, latitude), other) < spacing for other in placed):
            continue
        placed.append((longitude, latitude))
        axes.annotate(
            name, (longitude, latitude), xytext=(7, -4), textcoords="offset points", fontsize=6.5,
            color=_INK, va="top", zorder=4, clip_on=True,
        )  # fmt: skip


def _map_legend(axes: Axes, located: Sequence[IncidentRow]) -> None:
    present = [name for name in EVENT_TYPES if any(row.event_type == name for row in located)]
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=6, color=EVENT_COLOURS[name], label=name)
        for name in present
    ]
    legend = axes.legend(
        handles=handles, loc="upper left", fontsize=6.5, framealpha=0.9, edgecolor=_BORDER,
        title="Marker area grows with deaths", title_fontsize=6,
    )  # fmt: skip
    legend.set_zorder(5)


def _scale_bar(axes: Axes, bounds: Bounds) -> None:
    """A bar of a round number of kilometres, about a fifth of the map's width, in the lower left corner."""
    latitude = (bounds[1] + bounds[3]) / 2
    km_per_degree = KM_PER_DEGREE * math.cos(math.radians(latitude))
    target = (bounds[2] - bounds[0]) * km_per_degree / 5
    length = max(n * 10**e for e in range(0, 5) for n in (1, 2, 5) if n * 10**e <= max(target, 1))
    x0 = bounds[0] + (bounds[2] - bounds[0]) * 0.03
    y0 = bounds[1] + (bounds[3] - bounds[1]) * 0.04
    x1 = x0 + length / km_per_degree
    axes.plot([x0, x1], [y0, y0], color=_INK, linewidth=1.6, solid_capstyle="butt", zorder=4)
    axes.text((x0 + x1) / 2, y0, f"{length:,} km", ha="center", va="bottom", fontsize=6, color=_INK, zorder=4)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
