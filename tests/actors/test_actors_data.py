"""The actor lexicon files hold what the code expects: known countries, valid codes, contiguous periods."""

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest

from sitrep.nlp.countries import Countries
from sitrep.nlp.lexicon import alternatives, data_path, read_lines, read_table
from sitrep.taxonomy import ACTOR_TYPES

COUNTRIES = Countries.load()
PLACEHOLDERS = re.compile(r"\{(\w+)\}")


def known(country: str) -> bool:
    return COUNTRIES.get(country) is not None and COUNTRIES.get(country).name == country


def test_periods_are_contiguous_per_country_and_name_known_countries() -> None:
    rows: dict[str, list[tuple[date, date | None]]] = {}
    for country, start, end, basis in read_table(data_path("actors", "periods.tsv"), 4):
        assert known(country), country
        assert basis, country
        rows.setdefault(country, []).append(
            (date.fromisoformat(start), date.fromisoformat(end) if end else None)
        )
    for country, periods in rows.items():
        periods.sort()
        for (_, end), (next_start, _) in pairwise(periods):
            assert end is not None and end + timedelta(days=1) == next_start, country
        assert periods[-1][1] is None, f"{country}: the last period is the current one"


def test_named_rows_use_known_countries_codes_and_placeholders() -> None:
    for aliases, template, inter, home, only_in, start, end in read_table(
        data_path("actors", "named.tsv"), 7
    ):
        assert alternatives(aliases) and int(inter) in ACTOR_TYPES, aliases
        assert set(PLACEHOLDERS.findall(template)) <= {"period", "country"}, template
        assert not home or known(home), home
        assert all(known(c) for c in alternatives(only_in)), only_in
        if "{period}" in template:
            assert home, f"{template}: a period needs the home country"
        if start and end:
            assert date.fromisoformat(start) <= date.fromisoformat(end)


@pytest.mark.parametrize(
    ("name", "columns", "placeholders"),
    [
        ("generic.tsv", 5, {"of_country", "country", "period"}),
        ("sides.tsv", 3, {"side"}),
        ("identity_patterns.tsv", 3, {"name", "group", "country"}),
        ("participants.tsv", 4, {"country"}),
    ],
)
def test_template_tables_use_valid_codes_and_placeholders(
    name: str, columns: int, placeholders: set[str]
) -> None:
    rows = list(read_table(data_path("actors", name), columns))
    assert rows
    for row in rows:
        assert int(row[2]) in ACTOR_TYPES, row
        assert set(PLACEHOLDERS.findall(row[1])) <= placeholders, row


@pytest.mark.parametrize("name", ["armed_nouns.txt", "titles.txt", "ethnic_groups.txt", "people_nouns.txt"])
def test_word_lists_are_non_empty_and_without_duplicates(name: str) -> None:
    words = list(read_lines(data_path("actors", name)))
    assert words and len(words) == len(set(words))


def test_every_data_file_has_provenance() -> None:
    folder = data_path("actors", "PROVENANCE.md").parent
    provenance = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
    for path in folder.iterdir():
        if path.suffix in (".tsv", ".txt"):
            assert path.name in provenance, path.name
