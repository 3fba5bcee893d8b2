from dataclasses import replace
from datetime import date

import pytest
from reconcile_builders import (
    CIVILIANS,
    COAST_PROVINCE,
    COAST_TOWN,
    COUNTRYWIDE,
    MILITIA,
    NORTH_CITY,
    PORT_CITY,
    STATE,
    UNIDENTIFIED,
    claim,
    event,
    report,
)

from sitrep import taxonomy
from sitrep.model import Actor
from sitrep.reconcile import Agreement, CachedSimilarity, MatchConfig, Matcher, TermFrequencyEncoder
from sitrep.reconcile.match import actor_agreement, date_agreement, place_agreement, type_agreement

RADII = (10.0, 25.0, 100.0)
FOREIGN_CIVILIANS = Actor("Civilians (Lebanon)", taxonomy.CIVILIANS, "Lebanon")
OLD_STATE = Actor("Military Forces of Syria (2000-2024)", taxonomy.STATE_FORCES, "Syria")
GOVERNMENT = Actor("Government of Syria (2024-)", taxonomy.STATE_FORCES)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ((date(2025, 3, 6), 1), (date(2025, 3, 6), 1), Agreement.SAME),
        ((date(2025, 3, 6), 1), (date(2025, 3, 7), 1), Agreement.COMPATIBLE),  # a day's reporting lag
        ((date(2025, 3, 6), 1), (date(2025, 3, 9), 1), Agreement.CONFLICT),
        ((date(2025, 3, 6), 1), (date(2025, 3, 9), 2), Agreement.COMPATIBLE),  # "within the week"
        ((date(2025, 3, 6), 1), (date(2025, 3, 15), 3), Agreement.COMPATIBLE),  # "in March"
        ((date(2025, 3, 6), 1), (date(2025, 4, 15), 3), Agreement.CONFLICT),
        ((date(2025, 3, 6), 1), (None, None), Agreement.UNKNOWN),
    ],
)
def test_date_windows_follow_each_dates_precision(first, second, expected):
    a = report(event("a", day=first[0], precision=first[1]), "", published=None)
    b = report(event("b", day=second[0], precision=second[1]), "", published=None)
    assert date_agreement(a, b, slack_days=1) == expected
    assert date_agreement(b, a, slack_days=1) == expected


def test_places_compare_by_distance_within_each_places_precision():
    assert place_agreement(COAST_TOWN, COAST_TOWN, RADII) == Agreement.SAME
    # Two towns 21 km apart are two places; "near" the other town (precision 2) reaches that far.
    assert place_agreement(COAST_TOWN, PORT_CITY, RADII) == Agreement.CONFLICT
    assert place_agreement(COAST_TOWN, replace(PORT_CITY, geo_precision=2), RADII) == Agreement.COMPATIBLE
    assert place_agreement(COAST_TOWN, NORTH_CITY, RADII) == Agreement.CONFLICT
    assert place_agreement(COAST_TOWN, COAST_PROVINCE, RADII) == Agreement.COMPATIBLE
    assert place_agreement(COAST_TOWN, None, RADII) == Agreement.UNKNOWN


def test_a_different_actor_pair_is_a_different_event():
    clash = event("a", actors=(STATE, MILITIA))
    assert actor_agreement(clash, event("b", actors=(MILITIA, STATE))) == Agreement.SAME
    assert actor_agreement(clash, event("b", actors=(STATE, CIVILIANS))) == Agreement.CONFLICT
    assert actor_agreement(clash, event("b", actors=(STATE,))) == Agreement.COMPATIBLE
    assert actor_agreement(clash, event("b", actors=())) == Agreement.UNKNOWN
    # An unidentified group of the same actor type may be the named one.
    assert actor_agreement(clash, event("b", actors=(STATE, UNIDENTIFIED))) == Agreement.SAME


def test_event_types_must_be_compatible():
    clash = event("a")
    assert type_agreement(clash, event("b", sub_event_type="Shelling/artillery/missile attack")) == (
        Agreement.COMPATIBLE
    )
    assert type_agreement(clash, event("b", sub_event_type="Peaceful protest")) == Agreement.CONFLICT
    arrest = event("a", sub_event_type="Arrests")
    assert type_agreement(arrest, event("b", sub_event_type="Agreement")) == Agreement.CONFLICT


def test_acled_rule_links_same_actors_place_and_day_whatever_the_wording():
    matcher = Matcher(CachedSimilarity(TermFrequencyEncoder()))
    first = report(event("a"), "Gunmen attacked a checkpoint.")
    second = report(event("b"), "Heavy fighting with loyalists left dozens dead in the town.")
    assert matcher.link(first, second) is not None
    vague = report(event("b", actors=()), "Heavy fighting with loyalists left dozens dead in the town.")
    assert matcher.link(first, vague) is None  # without the actors, the wording has to agree


def test_two_events_of_one_article_never_link():
    matcher = Matcher(CachedSimilarity(TermFrequencyEncoder()))
    text = "Security forces clashed with gunmen in the town."
    assert matcher.link(report(event("a", 0), text), report(event("a", 1), text)) is None


PROVINCE_WIDE = replace(COAST_PROVINCE, latitude=None, longitude=None)  # "in Latakia province"


def test_a_place_given_at_province_or_country_level_holds_the_towns_inside_it():
    far_corner = replace(COAST_TOWN, name="Kessab", latitude=35.93, longitude=35.99, geonames_id=9)  # 63 km
    assert place_agreement(far_corner, COAST_TOWN, RADII) == Agreement.CONFLICT  # two towns
    assert place_agreement(far_corner, COAST_PROVINCE, RADII) == Agreement.COMPATIBLE
    assert place_agreement(far_corner, PROVINCE_WIDE, RADII) == Agreement.COMPATIBLE
    assert place_agreement(NORTH_CITY, PROVINCE_WIDE, RADII) == Agreement.CONFLICT  # another province
    assert place_agreement(COAST_TOWN, COUNTRYWIDE, RADII) == Agreement.UNKNOWN
    assert place_agreement(COAST_TOWN, replace(COUNTRYWIDE, country="Iraq"), RADII) == Agreement.CONFLICT


def test_far_apart_places_do_not_conflict_when_a_report_names_the_others_place():
    matcher = Matcher(CachedSimilarity(TermFrequencyEncoder()))
    filed_from_capital = event("b", place=replace(NORTH_CITY, name="Damascus", admin1="Damascus"))
    named = report(filed_from_capital, "The death toll from the bombing in Jablah rose to 30.")
    unnamed = report(filed_from_capital, "The death toll from the bombing rose to 30.")
    town = report(event("a"), "A bombing killed 30.")
    assert matcher.compare(town, named).place == Agreement.UNKNOWN
    assert matcher.compare(named, town).place == Agreement.UNKNOWN
    assert matcher.compare(town, unnamed).place == Agreement.CONFLICT


def test_actor_names_differing_in_qualifiers_or_branch_of_one_state_are_one_actor():
    assert actor_agreement(event("a", actors=(CIVILIANS,)), event("b", actors=(FOREIGN_CIVILIANS,))) == (
        Agreement.COMPATIBLE
    )
    assert actor_agreement(event("a", actors=(STATE, MILITIA)), event("b", actors=(OLD_STATE, MILITIA))) == (
        Agreement.SAME
    )
    assert actor_agreement(event("a", actors=(STATE, MILITIA)), event("b", actors=(GOVERNMENT, MILITIA))) == (
        Agreement.SAME
    )
    foreign_army = Actor("Military Forces of Turkey (2016-)", taxonomy.STATE_FORCES, "Turkey")
    assert actor_agreement(
        event("a", actors=(STATE, MILITIA)), event("b", actors=(foreign_army, MILITIA))
    ) == (Agreement.CONFLICT)


def test_a_report_naming_one_side_only_leaves_the_other_side_unknown():
    clash = event("a", actors=(STATE, MILITIA))
    assert actor_agreement(clash, event("b", actors=(CIVILIANS,))) == Agreement.UNKNOWN
    assert actor_agreement(event("a", actors=(STATE,)), event("b", actors=(CIVILIANS,))) == Agreement.UNKNOWN
    assert actor_agreement(clash, event("b", actors=(STATE, CIVILIANS))) == Agreement.CONFLICT  # ACLED


def test_a_shared_death_toll_counts_towards_a_link():
    matcher = Matcher(CachedSimilarity(TermFrequencyEncoder()), MatchConfig(link_threshold=1.0))
    vague = event("a", actors=(), place=COUNTRYWIDE, claims=[claim(31)])
    text = "Shelling of the town killed 31 people including two medics."
    same_toll = report(event("b", actors=(), claims=[claim(31)]), "Government shelling left 31 dead.")
    other_toll = report(event("b", actors=(), claims=[claim(12)]), "Government shelling left 12 dead.")
    assert matcher.compare(report(vague, text), same_toll).shared_toll
    assert not matcher.compare(report(vague, text), other_toll).shared_toll
    small = Matcher(CachedSimilarity(TermFrequencyEncoder()))
    one_dead = [report(event(x, actors=(), claims=[claim(1)]), text) for x in "ab"]
    assert not small.compare(*one_dead).shared_toll  # tolls under toll_min_figure coincide too often


def test_an_undated_event_happened_in_the_month_up_to_its_articles_publication():
    matcher = Matcher(CachedSimilarity(TermFrequencyEncoder()))
    text = "Security forces clashed with pro-Assad gunmen in the coastal town."
    undated = report(event("a", day=None), text, published=date(2025, 3, 7))
    assert matcher.compare(undated, report(event("b"), text)).date == Agreement.COMPATIBLE
    later = report(event("b", day=date(2025, 3, 20)), text)  # after the report: another clash
    assert matcher.compare(undated, later).date == Agreement.CONFLICT
    assert matcher.link(undated, report(event("b"), text)) is not None


def test_a_report_nothing_places_in_time_links_to_no_other():
    matcher = Matcher(CachedSimilarity(TermFrequencyEncoder()))
    text = "Security forces clashed with pro-Assad gunmen in the coastal town."
    unanchored = report(event("a", day=None), text, published=None)
    assert matcher.link(unanchored, report(event("b"), text)) is None
    assert matcher.link(report(event("b"), text), unanchored) is None
