"""Every figure of a report, recomputed from the database file with plain SQL (sqlite3, not the report's
SQLAlchemy queries), and found again in the rendered Markdown where a reader sees it."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from sitrep.report import Report, Scope, build_report
from sitrep.report.document import compose
from sitrep.report.query import EVENTS, INCIDENTS
from sitrep.report.render import to_markdown
from sitrep.report.wording import number
from sitrep.store import Store
from tests.report.support import MARCH

# One row per incident as the report counts it; a unit is an incident row, or an event row in a database
# without stored incidents. Its members are the event rows behind it.
UNITS = {
    INCIDENTS: (
        "SELECT incident_id AS unit_id, * FROM incidents",
        "SELECT incident_id AS unit_id, event_id FROM incident_events",
    ),
    EVENTS: ("SELECT event_id AS unit_id, * FROM events", "SELECT event_id AS unit_id, event_id FROM events"),
}
CTES = """
WITH units AS ({units}),
members AS ({members}),
reports AS (
    SELECT m.unit_id, e.*, a.source AS outlet FROM members m
    JOIN events e ON e.event_id = m.event_id JOIN articles a ON a.id = e.article_id
    WHERE e.status <> 'rejected'
),
current AS (SELECT * FROM reports WHERE historical = 0),
in_region AS (
    SELECT * FROM units WHERE (:country IS NULL OR lower(country) = lower(:country))
),
counted AS (
    SELECT * FROM in_region
    WHERE event_date BETWEEN :start AND :end AND unit_id IN (SELECT unit_id FROM current)
)
"""


@dataclass
class Recomputed:
    unit: str
    totals: tuple[int, int, int, int, int]  # incidents, fatalities, low, high, civilians
    previous: tuple[int, int, int, int, int]
    by_type: dict[str, tuple[int, int]]
    previous_by_type: dict[str, tuple[int, int]]
    weekly: Counter[tuple[date, str]]
    top: list[tuple[str, int | None]]
    published: dict[str | None, int]
    cited: Counter[str]
    undated: int
    historical: int
    located: int
    no_toll: int
    approximate: int
    regional: int
    reviewed: int
    articles: int


def recompute(db: Path, start: date, end: date, country: str | None = None) -> Recomputed:
    with closing(sqlite3.connect(db)) as conn:
        reconciled = conn.execute("SELECT count(*) FROM incident_events").fetchone()[0]
        unit = INCIDENTS if reconciled else EVENTS
        ctes = CTES.format(units=UNITS[unit][0], members=UNITS[unit][1])
        days = (end - start).days + 1
        previous = {
            "start": start - timedelta(days=days),
            "end": start - timedelta(days=1),
            "country": country,
        }
        here = {"start": start, "end": end, "country": country}

        def one(sql: str, params: dict[str, Any] = here) -> Any:
            return conn.execute(ctes + sql, params).fetchone()[0]

        def rows(sql: str, params: dict[str, Any] = here) -> list[Any]:
            return conn.execute(ctes + sql, params).fetchall()

        totals_sql = """
            SELECT count(*), total(coalesce(fatalities, 0)), total(coalesce(fatalities_low, fatalities, 0)),
                   total(coalesce(fatalities_high, fatalities, 0)),
                   total(coalesce(json_extract(fatalities_by_category, '$.civilians'), 0))
            FROM counted"""
        by_type_sql = "SELECT event_type, count(*), total(coalesce(fatalities, 0)) FROM counted GROUP BY 1"
        cited: Counter[str] = Counter()
        named: defaultdict[str, set[str]] = defaultdict(set)
        outlets: defaultdict[str, set[str]] = defaultdict(set)
        for unit_id, sources, outlet in rows(
            "SELECT unit_id, source, outlet FROM current WHERE unit_id IN (SELECT unit_id FROM counted)"
        ):
            named[unit_id] |= {name for name in sources.split("; ") if name}
            if outlet:
                outlets[unit_id].add(outlet)
        for unit_id, names in named.items():
            cited.update(names - outlets[unit_id])
        published: dict[str | None, int] = dict(
            rows(
                "SELECT outlet, count(DISTINCT unit_id) FROM current "
                "WHERE unit_id IN (SELECT unit_id FROM counted) AND outlet IS NOT NULL GROUP BY outlet"
            )
        )
        unknown = one(
            "SELECT count(*) FROM counted WHERE unit_id NOT IN "
            "(SELECT unit_id FROM current WHERE outlet IS NOT NULL)"
        )
        if unknown:
            published[None] = unknown
        return Recomputed(
            unit=unit,
            totals=tuple(int(value) for value in rows(totals_sql)[0]),
            previous=tuple(int(value) for value in rows(totals_sql, previous)[0]),
            by_type={name: (count, int(deaths)) for name, count, deaths in rows(by_type_sql)},
            previous_by_type={
                name: (count, int(deaths)) for name, count, deaths in rows(by_type_sql, previous)
            },
            weekly=Counter(
                {
                    (date.fromisoformat(monday), event_type): count
                    for monday, event_type, count in rows(
                        "SELECT date(event_date, 'weekday 0', '-6 days'), event_type, count(*) "
                        "FROM counted GROUP BY 1, 2"
                    )
                }
            ),
            top=rows(
                "SELECT unit_id, fatalities FROM counted "
                "ORDER BY coalesce(fatalities, -1) DESC, event_date, unit_id LIMIT 10"
            ),
            published=published,
            cited=cited,
            undated=one(
                "SELECT count(*) FROM in_region WHERE event_date IS NULL "
                "AND unit_id IN (SELECT unit_id FROM current)"
            ),
            historical=one(
                "SELECT count(*) FROM in_region WHERE event_date BETWEEN :start AND :end AND unit_id IN "
                "(SELECT unit_id FROM reports) AND unit_id NOT IN (SELECT unit_id FROM current)"
            ),
            located=one("SELECT count(*) FROM counted WHERE latitude IS NOT NULL AND longitude IS NOT NULL"),
            no_toll=one("SELECT count(*) FROM counted WHERE fatalities IS NULL"),
            approximate=one("SELECT count(*) FROM counted WHERE time_precision > 1"),
            regional=one(
                "SELECT count(*) FROM counted WHERE latitude IS NOT NULL AND coalesce(geo_precision, 3) = 3"
            ),
            reviewed=one(
                "SELECT count(DISTINCT unit_id) FROM current WHERE status IN ('verified', 'corrected') "
                "AND unit_id IN (SELECT unit_id FROM counted)"
            ),
            articles=one(
                "SELECT count(DISTINCT article_id) FROM current "
                "WHERE unit_id IN (SELECT unit_id FROM counted)"
            ),
        )


def report_of(db: Path, start: date, end: date, country: str | None = None) -> Report:
    with Store.open(db, create=False) as store, store.engine.connect() as conn:
        return build_report(conn, Scope(start, end, country=country), store.where)


def markdown_tables(text: str) -> list[list[list[str]]]:
    """The Markdown's tables, each a list of rows (the header first) of unescaped cell texts."""
    tables: list[list[list[str]]] = []
    previous_was_row = False
    for line in text.splitlines():
        is_row = line.startswith("| ")
        if is_row and not re.fullmatch(r"\|( -+:? \|)+", line):
            cells = [re.sub(r"\\(.)", r"\1", cell) for cell in line[2:-2].split(" | ")]
            if not previous_was_row:
                tables.append([])
            tables[-1].append(cells)
        previous_was_row = is_row
    return tables


CASES = {
    "handmade incidents, March": ("handmade_db", *MARCH, None),
    "handmade events, March": ("events_db", *MARCH, None),
    "handmade incidents, Syria": ("handmade_db", *MARCH, "syria"),
    "demo, 2014-2017": ("demo_db", date(2014, 1, 1), date(2017, 12, 31), None),
    "demo, Syria 2016": ("demo_db", date(2016, 1, 1), date(2016, 12, 31), "Syria"),
}


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request: pytest.FixtureRequest) -> tuple[Report, Recomputed, str]:
    fixture, start, end, country = CASES[request.param]
    db = request.getfixturevalue(fixture)
    report = report_of(db, start, end, country)
    has_map = any(row.located for row in report.incidents)
    markdown = to_markdown(compose(report, has_map=has_map), {"map": "map.png", "trend": "trend.png"})
    return report, recompute(db, start, end, country), markdown


def test_headline_figures_match_the_database(case: tuple[Report, Recomputed, str]) -> None:
    report, expected, markdown = case
    current, previous = report.current, report.previous
    assert report.unit == expected.unit
    assert (
        current.incidents,
        current.fatalities,
        current.low,
        current.high,
        current.civilians,
    ) == expected.totals
    assert (previous.incidents, previous.fatalities, previous.low, previous.high, previous.civilians) == (
        expected.previous
    )
    assert dict(current.by_type) == expected.by_type
    assert dict(previous.by_type) == expected.previous_by_type
    if report.empty:
        return
    headline = {row[0]: row[1:] for row in markdown_tables(markdown)[0][1:]}
    incidents, deaths, low, high, civilians = expected.totals
    assert headline["Incidents"][:2] == [number(incidents), number(expected.previous[0])]
    assert headline["Fatalities (best estimate)"][:2] == [number(deaths), number(expected.previous[1])]
    assert headline["Fatalities, low–high"][0] == f"{number(low)}–{number(high)}"
    assert headline["Civilian fatalities"][0] == number(civilians)
    by_type = {row[0]: (row[1], row[3]) for row in markdown_tables(markdown)[1][1:]}
    shown = {name: (number(count), number(deaths)) for name, (count, deaths) in expected.by_type.items()}
    assert {name: value for name, value in by_type.items() if name in shown} == shown


def test_weekly_trend_matches_the_database(case: tuple[Report, Recomputed, str]) -> None:
    report, expected, _ = case
    weeks = report.weekly()
    drawn = Counter({(monday, name): count for monday, counts in weeks for name, count in counts.items()})
    assert +drawn == expected.weekly
    mondays = [monday for monday, _ in weeks]
    assert all(later - earlier == timedelta(days=7) for earlier, later in pairwise(mondays))
    assert mondays[0] <= report.scope.start < mondays[0] + timedelta(days=7)


def test_top_incidents_match_the_database(case: tuple[Report, Recomputed, str]) -> None:
    report, expected, markdown = case
    assert [(row.incident_id, row.fatalities) for row in report.top()] == expected.top
    if report.empty:
        return
    table = next(table for table in markdown_tables(markdown) if table[0][0] == "#")
    assert [row[0] for row in table[1:]] == [str(n) for n in range(1, len(expected.top) + 1)]
    assert [row[3].split(" ")[0] for row in table[1:]] == [
        "–" if deaths is None else number(deaths) for _, deaths in expected.top
    ]


def test_sources_match_the_database(case: tuple[Report, Recomputed, str]) -> None:
    report, expected, markdown = case
    sources = report.sources()
    assert {source.name: source.published for source in sources if source.published} == expected.published
    assert {source.name: source.cited for source in sources if source.cited} == dict(expected.cited)
    if report.empty:
        return
    table = next(table for table in markdown_tables(markdown) if table[0][0] == "Source")
    shown = {row[0]: row[1] for row in table[1:] if row[1]}
    assert shown == {name or "(outlet not recorded)": number(n) for name, n in expected.published.items()}


def test_methods_note_figures_match_the_database(case: tuple[Report, Recomputed, str]) -> None:
    report, expected, markdown = case
    assert (report.undated, report.historical) == (expected.undated, expected.historical)
    methods = markdown.split("## Methods and uncertainty", 1)[1]
    assert f" {expected.undated} undated incident" in methods
    assert f" {expected.historical} incident" in methods
    if report.empty:
        return
    assert f"from {expected.articles} news article" in methods
    assert f"{expected.reviewed} of the {expected.totals[0]} counted were verified" in methods
    assert f"without a reported toll ({expected.no_toll})" in methods
    assert f"{expected.approximate} incident" in methods and "dated only to a week or a month" in methods
    assert f"{expected.regional} incident" in methods and "located only to a province" in methods
    unlocated = expected.totals[0] - expected.located
    assert f"; {unlocated} ha" in methods
    if expected.located:
        assert f"{expected.located} incident" in markdown.split("## Map of incidents", 1)[1].split("##")[0]


def test_handmade_month_in_both_units(handmade_db: Path, events_db: Path) -> None:
    incidents = report_of(handmade_db, *MARCH)
    events = report_of(events_db, *MARCH)
    assert (incidents.unit, events.unit) == (INCIDENTS, EVENTS)
    # Two outlets report the Jableh clash: one incident, two events.
    assert events.current.incidents == incidents.current.incidents + 1 == 7
    clash = next(row for row in incidents.incidents if row.location == "Jableh")
    assert set(clash.outlets) == {"Coast Monitor", "Gulf Daily"}
    # Left out: the historical mention, the undated attack, the rejected riot; February is the period before.
    assert (incidents.historical, incidents.undated) == (1, 1)
    assert "Mob violence" not in {row.sub_event_type for row in incidents.incidents}
    assert incidents.previous.incidents == 1 and incidents.previous.fatalities == 10
    assert "counts once per article" in to_markdown(compose(events, has_map=True), {})
    assert "merged into one" in to_markdown(compose(incidents, has_map=True), {})


def test_a_region_is_matched_whatever_its_case_and_named_as_stored(handmade_db: Path) -> None:
    report = report_of(handmade_db, *MARCH, country="syria")
    assert report.scope.country == "Syria"
    assert "Beirut" not in {row.location for row in report.incidents}
    assert report.current.incidents == 5
