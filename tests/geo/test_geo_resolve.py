"""Toponym resolution: the article's countries, the admin hierarchy written next to a name, population."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.geo import Gazetteer
from sitrep.geo.recognise import Toponym
from sitrep.geo.resolve import NameContext, Votes
from sitrep.geo.store import PlaceRow
from sitrep.model import Place, Span

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


def test_a_name_the_gazetteer_lacks_is_placed_at_its_hierarchy(recognised: Recognised) -> None:
    village = recognised("Shelling in Beit Ana (Jablah, Latakia) at dawn.")["Beit Ana"]
    assert (village.name, village.admin1, village.geo_precision, village.geonames_id) == (
        "Beit Ana",
        "Latakia",
        2,
        None,
    )
    assert (village.latitude, village.longitude) == (35.36, 35.93)  # at Jablah, the nearest known place


def test_a_known_name_outside_its_hierarchy_is_another_place_inside_it(recognised: Recognised) -> None:
    place = recognised("Clashes near Kafr Halab, Latakia.")["Kafr Halab"]  # the known Kafr Halab is in Aleppo
    assert (place.admin1, place.geo_precision, place.geonames_id) == ("Latakia", 3, None)


def test_a_list_of_places_is_not_a_hierarchy(recognised: Recognised) -> None:
    found = recognised("Curfews were imposed in Latakia, Tartus and Idlib.")
    assert found["Latakia"].geonames_id in (173576, 173578)
    assert found["Tartus"].admin1 == "Tartus"


def test_one_place_per_name_when_its_hierarchy_is_written_once(recognised: Recognised) -> None:
    found = recognised("Tripoli was calm. Later, protests in Tripoli (Liban-Nord) grew.")
    assert found["Tripoli"].country_code == "LB"


def test_a_place_of_that_very_name_beats_one_that_has_it_as_an_alternate(gazetteer: Gazetteer) -> None:
    byron = PlaceRow(1, "Byron", 32.6, -83.8, "P", "PPL", "US", "GA", population=5000)  # alias "Jackson"
    jackson = PlaceRow(2, "Jackson", 33.3, -83.9, "P", "PPL", "US", "GA", population=5000)
    toponym = Toponym(Span(0, 7), "jackson", [byron, jackson])
    context = NameContext(gazetteer, "jackson", [], [], Votes([], []))
    assert context.best(toponym).place is jackson
