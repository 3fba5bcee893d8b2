"""What a situation report says, as a list of blocks that ``render`` lays out as Markdown or HTML.

All the wording is here, once; the renderers decide only syntax and style. Figures are kept as the blocks'
text exactly as a reader sees them, so a test can read a number back from any format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep import __version__
from sitrep.report import wording
from sitrep.report.query import EVENTS, IncidentRow, Report, Totals
from sitrep.report.summary import summarise
from sitrep.taxonomy import EVENT_TYPES

MAP, TREND = "map", "trend"  # the report's figures, by name
NOT_REPORTED = "–"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    role: str = ""  # "lead" (the report's first statement), "intro" (of the table after it), or "" for body


@dataclass(frozen=True, slots=True)
class KeyFigure:
    label: str
    value: str
    previous: str
    change: str


@dataclass(frozen=True, slots=True)
class KeyFigures:
    figures: tuple[KeyFigure, ...]
    previous_label: str


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # what the table lists: "by-type", "incidents", "sources" (a CSS class in HTML)
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns


@dataclass(frozen=True, slots=True)
class Image:
    name: str  # MAP or TREND
    alt: str
    caption: str


Block = Heading | Paragraph | KeyFigures | Table | Image


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    subtitle: tuple[str, ...]
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def compose(report: Report, *, has_map: bool) -> Document:
    """The report's document; ``has_map`` says whether a map could be drawn (some incident is located)."""
    scope = report.scope
    region = scope.region or "All regions"
    previous = scope.previous()
    subtitle = [
        f"{_period(report)} ({wording.counted(scope.days, 'day')}), compared with "
        f"{wording.day(previous.start)} – {wording.day(previous.end)}",
        *(f"Filter: {text}" for text in scope.described),
        f"Generated on {wording.day(report.generated)} from {report.database} by sitrep {__version__}",
    ]
    body = _empty(report) if report.empty else _full(report, has_map)
    return Document(f"Situation report: {region}", tuple(subtitle), (*body, *_methods(report)))


def _period(report: Report, between: str = " – ") -> str:
    return f"{wording.day(report.scope.start)}{between}{wording.day(report.scope.end)}"


def _empty(report: Report) -> list[Block]:
    scope = report.scope
    where = f" in {scope.region}" if scope.region else ""
    lines = [f"Nothing was recorded{where} from {_period(report, ' to ')}."]
    if report.previous.incidents:
        lines.append(
            f"In the {wording.counted(scope.days, 'day')} before, "
            f"{wording.counted(report.previous.incidents, 'incident was', 'incidents were')} recorded."
        )
    if report.region_dates:
        first, last = report.region_dates
        lines.append(
            f"The database holds incidents{where} dated from {wording.day(first)} to {wording.day(last)}."
        )
    else:
        lines.append(f"The database holds no dated incident{where}.")
    return [Paragraph(" ".join(lines), role="lead")]


def _full(report: Report, has_map: bool) -> list[Block]:
    current, previous = report.current, report.previous
    top = report.top()
    located = sum(row.located for row in report.incidents)
    blocks: list[Block] = [
        Paragraph(_lead(report), role="lead"),
        Heading("Headline figures"),
        _key_figures(current, previous),
        _by_type(current, previous),
        Heading("Map of incidents"),
    ]
    if has_map:
        unlocated = len(report.incidents) - located
        caption = (
            f"{wording.counted(located, 'incident')} of {wording.number(len(report.incidents))} shown, "
            "coloured by event type; numbers mark the top incidents listed below."
        )
        if unlocated:
            caption += f" {wording.counted(unlocated, 'incident has', 'incidents have')} no coordinates."
        blocks.append(Image(MAP, "Map of the incidents of the period", caption))
    else:
        blocks.append(Paragraph("No incident of the period has coordinates, so none can be mapped."))
    blocks += [
        Heading("Weekly trend"),
        Image(
            TREND,
            "Incidents per week by event type",
            "Incidents per week (Monday to Sunday), stacked by event type.",
        ),
        Heading("Top incidents by fatalities"),
        Paragraph(
            f"The {wording.counted(len(top), 'deadliest incident')} of the period, most deaths first; each "
            "summary is generated from the coded fields of its reports.",
            role="intro",
        ),
        _incident_table(top, with_country=report.scope.country is None),
        Heading("Sources"),
        Paragraph(
            "Outlets that published the reports, and the sources those reports name for what happened or for "
            "the death toll (monitoring groups, agencies, officials). An incident counts once per source.",
            role="intro",
        ),
        _sources_table(report),
    ]
    return blocks


def _lead(report: Report) -> str:
    current, previous = report.current, report.previous
    where = f" in {report.scope.region}" if report.scope.region else ""
    text = (
        f"{wording.counted(current.incidents, 'incident was', 'incidents were')} recorded{where} from "
        f"{_period(report, ' to ')}, with {wording.counted(current.fatalities, 'reported death')} "
        f"(best estimate; reports range from {wording.number(current.low)} to {wording.number(current.high)})"
    )
    if current.civilians:
        text += f", {wording.number(current.civilians)} of them civilians"
    return (
        f"{text}. In the {wording.counted(report.scope.days, 'day')} before, "
        f"{wording.counted(previous.incidents, 'incident was', 'incidents were')} recorded with "
        f"{wording.counted(previous.fatalities, 'death')}."
    )


def _key_figures(current: Totals, previous: Totals) -> KeyFigures:
    def figure(label: str, now: int, before: int) -> KeyFigure:
        return KeyFigure(label, wording.number(now), wording.number(before), wording.change(now, before))

    return KeyFigures(
        (
            figure("Incidents", current.incidents, previous.incidents),
            figure("Fatalities (best estimate)", current.fatalities, previous.fatalities),
            KeyFigure(
                "Fatalities, low–high",
                _range(current),
                _range(previous),
                " / ".join(wording.change(*pair) for pair in _ends(current, previous)),
            ),
            figure("Civilian fatalities", current.civilians, previous.civilians),
        ),
        previous_label="Previous period",
    )


def _ends(current: Totals, previous: Totals) -> tuple[tuple[int, int], tuple[int, int]]:
    return (current.low, previous.low), (current.high, previous.high)


def _range(totals: Totals) -> str:
    return f"{wording.number(totals.low)}–{wording.number(totals.high)}"


def _by_type(current: Totals, previous: Totals) -> Table:
    rows = []
    for event_type in EVENT_TYPES:
        now = current.by_type.get(event_type, (0, 0))
        before = previous.by_type.get(event_type, (0, 0))
        if now != (0, 0) or before != (0, 0):
            rows.append(
                (
                    event_type,
                    wording.number(now[0]),
                    wording.change(now[0], before[0]),
                    wording.number(now[1]),
                    wording.change(now[1], before[1]),
                )
            )
    return Table(
        "by-type",
        ("Event type", "Incidents", "Change", "Fatalities", "Change"),
        tuple(rows),
        (False, True, True, True, True),
    )


def _incident_table(top: Sequence[IncidentRow], *, with_country: bool) -> Table:
    rows = tuple(
        (
            str(position),
            _date(row),
            row.sub_event_type + (" (alleged)" if row.alleged else ""),
            _fatalities(row),
            summarise(row, with_country=with_country),
        )
        for position, row in enumerate(top, start=1)
    )
    return Table(
        "incidents", ("#", "Date", "Type", "Fatalities", "Summary"), rows, (True, False, False, True, False)
    )


def _date(row: IncidentRow) -> str:
    """'6 Mar 2025'; '~6 Mar 2025' when known to the week, 'Mar 2025' when known to the month."""
    if row.time_precision == 3:
        return f"{row.event_date:%b %Y}"
    approximate = "~" if row.time_precision == 2 else ""
    return f"{approximate}{row.event_date.day} {row.event_date:%b %Y}"


def _fatalities(row: IncidentRow) -> str:
    """'49 (49–71)': the best estimate, then the reported range when it differs."""
    if row.fatalities is None:
        return NOT_REPORTED
    text = wording.number(row.fatalities)
    low, high = row.fatalities_low, row.fatalities_high
    if low is not None and high is not None and low != high:
        text += f" ({wording.number(low)}–{wording.number(high)})"
    return text


def _sources_table(report: Report) -> Table:
    rows = tuple(
        (
            source.name or "(outlet not recorded)",
            wording.number(source.published) if source.published else "",
            wording.number(source.cited) if source.cited else "",
        )
        for source in report.sources()
    )
    return Table(
        "sources", ("Source", "Incidents published", "Incidents citing it"), rows, (False, True, True)
    )


def _methods(report: Report) -> list[Block]:
    rows = report.incidents
    articles = len({article for row in rows for article in row.articles})
    counted = len(rows)
    paragraphs = [_unit_note(report.unit, articles)]
    where = f" and its place in {report.scope.region}" if report.scope.region else ""
    inclusion = (
        f"An incident is counted when its date falls in the period (both days included){where}. Left out: "
        f"{wording.counted(report.undated, 'undated incident')} of the same region and filters (no date "
        f"could be read from the reports), {wording.counted(report.historical, 'incident')} of the period "
        "that the articles mention only as background, and whatever an analyst rejected."
    )
    if counted:
        reviewed = sum(row.reviewed for row in rows)
        inclusion += (
            f" {wording.number(reviewed)} of the {wording.number(counted)} counted were verified or "
            "corrected by an analyst; the rest are machine-coded and unchecked."
        )
    paragraphs.append(inclusion)
    if counted:
        paragraphs += [_fatality_note(rows), _precision_note(rows)]
    if flagged := Counter(flag for row in rows for flag in row.flags):
        listed = ", ".join(
            f"{flag.replace('_', ' ')} ({wording.number(n)})" for flag, n in sorted(flagged.items())
        )
        paragraphs.append(
            f"Reconciliation flagged {wording.counted(sum(bool(row.flags) for row in rows), 'incident')} for "
            f"an analyst to check: {listed}."
        )
    paragraphs.append(
        f"Changes compare the period with the {wording.counted(report.scope.days, 'day')} just before it, "
        "for the same region and filters. Summaries are generated from the coded fields (type, actors, "
        "place, toll and who gave it) and say nothing the coding does not: read the articles before quoting."
    )
    return [Heading("Methods and uncertainty"), *(Paragraph(text) for text in paragraphs)]


def _unit_note(unit: str, articles: int) -> str:
    source = "sitrep extracts automatically from news articles"
    if articles:
        source = f"sitrep extracted automatically from {wording.counted(articles, 'news article')}"
    if unit == EVENTS:
        return (
            f"Figures count events that {source}, each event as one incident. Reports of one incident in "
            "different articles have not been reconciled in this database, so such an incident counts once "
            "per article reporting it: counts may overstate the number of distinct incidents, and deaths "
            "reported by several articles may be counted more than once."
        )
    return (
        f"Figures count incidents: the events that {source}, with the reports of one incident in "
        "different articles merged into one and their death tolls reconciled."
    )


def _fatality_note(rows: Sequence[IncidentRow]) -> str:
    no_toll = sum(row.fatalities is None for row in rows)
    open_ended = sum(row.fatalities is not None and row.fatalities_high is None for row in rows)
    text = (
        "Fatalities are each incident's best estimate, following ACLED's conservative practice: where "
        "sources disagree, the lowest figure. The low–high range adds up the lowest and highest figures any "
        f"report gave. Incidents without a reported toll ({wording.number(no_toll)}) add nothing: their "
        "deaths are unknown, not zero."
    )
    if open_ended:
        text += (
            f" {wording.counted(open_ended, 'incident has', 'incidents have')} no upper figure; "
            "the best estimate stands in for it."
        )
    return text + (
        " Civilian fatalities count only deaths the reports attribute to civilians; the others are of "
        "combatants or of people whose status the reports do not give."
    )


def _precision_note(rows: Sequence[IncidentRow]) -> str:
    approximate = sum((row.time_precision or 1) > 1 for row in rows)
    regional = sum(row.located and (row.geo_precision or 3) == 3 for row in rows)
    unlocated = sum(not row.located for row in rows)
    return (
        f"{wording.counted(approximate, 'incident is', 'incidents are')} dated only to a week or a month "
        "(summaries say \u201caround\u201d or give the month) and counted in the week of the coded date. "
        f"{wording.counted(regional, 'incident is', 'incidents are')} located only to a province or region "
        f"and drawn at its centre; {wording.counted(unlocated, 'has', 'have')} no coordinates and "
        f"{'is' if unlocated == 1 else 'are'} not on the map."
    )
