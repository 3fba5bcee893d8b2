"""Incidents as UCDP GED-like CSV (codebook 19.1 column names and codes; ``columns.UCDP_COLUMNS``).

Only incidents UCDP would count are written: organised lethal violence, i.e. the ACLED types
``taxonomy.ucdp_type_of_violence`` maps to a ``type_of_violence``; protests and strategic developments are
left out. The mapping, field by field:

- ``side_a``/``side_b``: the incident's two actors, the state's forces as side A and civilians as side B
  (GED's convention), sitrep's ACLED-style names kept (they are not UCDP's actor names).
- ``date_start``/``date_end``: the days the incident's date may stand for at its precision; ``date_prec``:
  exact day 1, a few days or a week 2, a month 4.
- ``where_prec``: the named place 1, near it 2, a district 3, a province 4, the country only 6.
- ``deaths_a``/``deaths_b``: state-force deaths on the state's side, armed-group deaths on the other, when
  one side is the state; ``deaths_civilians``, ``deaths_unknown`` from the reported breakdown. A category no
  report gives stays empty (not 0): a report that does not mention civilians does not say none died.
- ``source_article``: "outlet,date,headline" per article; ``source_original``: the claimants (who gave the
  figures: a monitor, a ministry); ``number_of_sources``: the articles that report the incident.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TextIO

from sitrep.export.acled_csv import cell
from sitrep.export.columns import UCDP_COLUMNS
from sitrep.reconcile.match import days_around
from sitrep.taxonomy import CIVILIANS, EXTERNAL_FORCES, STATE_FORCES, ucdp_type_of_violence

# ACLED time_precision -> GED date_prec.
DATE_PREC = {1: 1, 2: 2, 3: 4}
# ACLED geo_precision -> GED where_prec (3 is refined: a district when admin2 is known, else a province).
WHERE_PREC = {1: 1, 2: 2}
DISTRICT, PROVINCE, COUNTRY_ONLY = 3, 4, 6
STATE_SIDES = frozenset({STATE_FORCES, EXTERNAL_FORCES})
# Casualty categories (taxonomy.CASUALTY_CATEGORIES) that have a GED column whoever the sides are, and the
# two that belong to a side.
CATEGORY_COLUMNS = {"civilians": "deaths_civilians", "unknown": "deaths_unknown"}
STATE_DEATHS, ARMED_GROUP_DEATHS = "state_forces", "armed_group"


def write(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write one GED-like row per incident UCDP would count; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=UCDP_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        row = ucdp_row(record)
        if row is not None:
            writer.writerow(row)
            count += 1
    return count


def ucdp_row(record: Mapping[str, Any]) -> dict[str, str] | None:
    """An incident record as a GED row, or None when UCDP would not count the incident."""
    violence = ucdp_type_of_violence(record["event_type"], record["inter1"], record["inter2"])
    if violence is None:
        return None
    (side_a, inter_a), (side_b, inter_b) = sides(record)
    day = date.fromisoformat(record["event_date"]) if record["event_date"] else None
    window = days_around(day, record["time_precision"])
    located = record["latitude"] is not None and record["longitude"] is not None
    row = {
        "id": record["incident_id"],
        "year": day.year if day else None,
        "type_of_violence": violence,
        "side_a": side_a,
        "side_b": side_b,
        "where_prec": where_prec(record),
        "where_coordinates": record["location"],
        "adm_1": record["admin1"],
        "adm_2": record["admin2"],
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "geom_wkt": f"POINT ({record['longitude']} {record['latitude']})" if located else None,
        "country": record["country"],
        "date_prec": DATE_PREC.get(record["time_precision"]),
        "date_start": window[0].isoformat() if window else None,
        "date_end": window[1].isoformat() if window else None,
        "low": record["fatalities_low"],
        "best": record["fatalities"],
        "high": record["fatalities_high"],
        **sources(record),
        **deaths(record["fatalities_by_category"], inter_a, inter_b),
    }
    return {name: cell(row.get(name)) for name in UCDP_COLUMNS}


def sides(record: Mapping[str, Any]) -> tuple[tuple[str | None, int | None], tuple[str | None, int | None]]:
    """(side A, side B) as (name, inter code): the state's side first, civilians last."""
    first, second = (record["actor1"], record["inter1"]), (record["actor2"], record["inter2"])

    def rank(side: tuple[str | None, int | None]) -> int:
        return 0 if side[1] in STATE_SIDES else 2 if side[1] == CIVILIANS else 1

    return (second, first) if rank(second) < rank(first) else (first, second)


def where_prec(record: Mapping[str, Any]) -> int | None:
    precision = record["geo_precision"]
    if precision in WHERE_PREC:
        return WHERE_PREC[precision]
    if precision == 3:
        return DISTRICT if record["admin2"] else PROVINCE
    return COUNTRY_ONLY if record["country"] else None


def sources(record: Mapping[str, Any]) -> dict[str, Any]:
    """GED's source columns from the incident's articles; claimants are the sources that are not outlets."""
    articles = record["articles"]
    outlets = [article["source"] for article in articles if article["source"]]
    return {
        "number_of_sources": record["number_of_sources"],
        "source_article": [
            ",".join(part or "" for part in (a["source"], a["published"], a["title"])) for a in articles
        ],
        "source_office": list(dict.fromkeys(outlets)),
        "source_date": [article["published"] or "" for article in articles],
        "source_headline": [article["title"] or "" for article in articles],
        "source_original": [source for source in record["sources"] if source not in outlets],
    }


def deaths(by_category: Mapping[str, int], inter_a: int | None, inter_b: int | None) -> dict[str, int | None]:
    """Deaths per GED column from the reported breakdown; a side's deaths only when one side is the state."""
    columns = {column: by_category.get(category) for category, column in CATEGORY_COLUMNS.items()}
    state_on_a, state_on_b = inter_a in STATE_SIDES, inter_b in STATE_SIDES
    if state_on_a != state_on_b:
        state, other = ("deaths_a", "deaths_b") if state_on_a else ("deaths_b", "deaths_a")
        columns[state] = by_category.get(STATE_DEATHS)
        columns[other] = by_category.get(ARMED_GROUP_DEATHS)
    return columns
