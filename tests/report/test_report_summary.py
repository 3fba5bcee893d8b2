"""One-sentence summaries written from coded fields only, in the manner of ACLED's notes."""

from __future__ import annotations

from dataclasses import replace

from sitrep.report.query import Claimed
from sitrep.report.summary import phrases, summarise
from sitrep.taxonomy import CIVILIANS, SUB_EVENT_TYPES
from tests.report.support import CLASH, SOHR


def test_a_clash_reads_like_an_acled_note() -> None:
    assert summarise(CLASH) == (
        "On 6 March 2025, clashes between Military Forces of Syria (2024-) and Militia (Pro-Assad) took "
        "place in Jableh (Latakia); more than 70 people were killed (reports range from 49 to 71), 4 of "
        "them civilians, according to Syrian Observatory for Human Rights and Ministry of Health."
    )


def test_a_report_on_several_countries_names_the_country() -> None:
    assert "in Jableh (Latakia, Syria);" in summarise(CLASH, with_country=True)


def test_date_precision_is_said_not_hidden() -> None:
    assert summarise(replace(CLASH, time_precision=2)).startswith("Around 6 March 2025, ")
    assert summarise(replace(CLASH, time_precision=3)).startswith("In March 2025, ")


def test_missing_fields_leave_their_part_out() -> None:
    bare = replace(
        CLASH, actor1=None, actor2=None, location=None, admin1=None, country=None, fatalities=None, killed=()
    )
    assert (
        summarise(bare) == "On 6 March 2025, armed clashes took place at a location the reports do not give."
    )


def test_an_alleged_incident_reportedly_took_place() -> None:
    assert "reportedly took place" in summarise(replace(CLASH, alleged=True))


def test_generic_actors_are_named_by_their_type() -> None:
    strike = replace(
        CLASH,
        sub_event_type="Air/drone strike",
        actor1=None,
        inter1=None,
        actor2="Civilians (Syria)",
        inter2=CIVILIANS,
        civilians=71,
    )
    sentence = summarise(strike)
    assert "an air or drone strike on civilians took place" in sentence
    assert "all of them civilians" in sentence


def test_hedges_follow_the_claim_behind_the_best_figure() -> None:
    at_least = replace(CLASH, fatalities=49, killed=(Claimed(SOHR, 49, "at_least", "total"),), civilians=None)
    assert "; at least 49 people were killed" in summarise(at_least)
    one = replace(CLASH, fatalities=1, fatalities_low=1, fatalities_high=1, killed=(), civilians=None)
    assert "; 1 person was killed, as reported by Example News." in summarise(one)


def test_every_acled_sub_event_type_has_a_phrase_in_every_form() -> None:
    assert set(phrases()) == set(SUB_EVENT_TYPES)
    for sub_event_type, (both, first, second, neither) in phrases().items():
        assert "{actor1}" in both and "{actor2}" in both, sub_event_type
        assert "{actor1}" in first and "{actor2}" not in first, sub_event_type
        assert "{actor2}" in second and "{actor1}" not in second, sub_event_type
        assert "{" not in neither, sub_event_type
