"""Government periods that qualify state actors' names (``sitrep/data/actors/periods.tsv``)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sitrep.nlp.lexicon import data_path, read_table


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date | None

    @property
    def label(self) -> str:
        """ACLED's label: "2000-2024" for an ended period, "2024-" for the current one."""
        return f"{self.start.year}-{self.end.year if self.end else ''}"


@dataclass(frozen=True, slots=True)
class Periods:
    """For each country (ACLED spelling), its government periods in order of start."""

    by_country: dict[str, list[Period]]

    @classmethod
    def load(cls) -> Periods:
        by_country: defaultdict[str, list[Period]] = defaultdict(list)
        for country, start, end, _basis in read_table(data_path("actors", "periods.tsv"), 4):
            by_country[country].append(
                Period(date.fromisoformat(start), date.fromisoformat(end) if end else None)
            )
        for periods in by_country.values():
            periods.sort(key=lambda p: p.start)
        return cls(by_country=dict(by_country))

    def label(self, country: str, day: date | None) -> str | None:
        """The period label in force in ``country`` on ``day``; None when unknown (no day, no data, or
        a day before the first period on record)."""
        periods = self.by_country.get(country)
        if not periods or day is None:
            return None
        index = bisect_right([p.start for p in periods], day) - 1
        return periods[index].label if index >= 0 else None
