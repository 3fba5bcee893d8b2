"""Toponym resolution: the article's countries, the admin hierarchy written next to a name, population."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Place

Recognised = Callable[[str], dict[str, Place]]


def test_tripoli_follows_the_articles_country(recognised: Recognised) -> None:
    assert recognised("Protests in Tripoli and Beirut over bread prices.")["Tripoli"].country_code == "LB"
    assert recognised("Militias clashed in Tripoli; Benghazi was calm.")["Tripoli"].country_code == "LY"
    assert recognised("Lebanese army deployed in Tripoli.  Lebanon mourns.")["Tripoli"].country_code == "LB"


def test_without_context_the_larger_place_wins(recognised: Recognised) -> None:
    assert recognised("Fighting was reported in Tripoli.")["Tripoli"].country_code == "LY"


def test_admin_hierarchy_next_to_the_name_decides(recognised: Recognised) -> None:
    assert recognised("Shelling in Tripoli, Lebanon killed two.")["Tripoli"].country_code == "LB"
    assert recognised("Unrest in Tripoli (Liban-Nord) and in Benghazi.")["Tripoli"].country_code == "LB"


def test_a_town_is_preferred_to_the_province_named_after_it(recognised: Recognised) -> None:
    assert recognised("Shelling hit Idlib on Sunday.")["Idlib"].feature_code == "PPLA"
