from dataclasses import replace
from datetime import date

import pytest
from reconcile_builders import (
    CIVILIANS,
    COAST_PROVINCE,
    COAST_TOWN,
    MILITIA,
    NORTH_CITY,
    PORT_CITY,
    STATE,
    UNIDENTIFIED,
    event,
    report,
)

from sitrep.reconcile import Agreement, CachedSimilarity, Matcher, TermFrequencyEncoder
from sitrep.reconcile.match import actor_agreement, date_agreement, place_agreement, type_agreement

RADII = (10.0, 25.0, 100.0)


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
    a = event("a", day=first[0], precision=first[1])
    b = event("b", day=second[0], precision=second[1])
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
