"""Toponym recognition: word boundaries, capitals, the stoplist, variants, multi-word names, context."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Place

Recognised = Callable[[str], dict[str, Place]]


def test_places_that_are_english_words_are_not_places(recognised: Recognised) -> None:
    found = recognised("Over 70 people died. Many were fighters in the War of the ridges near Latakia.")
    assert list(found) == ["Latakia"]


def test_capitalisation_and_word_boundaries(recognised: Recognised) -> None:
    assert recognised("the latakia road and Latakiaville were quiet") == {}
    assert list(recognised("Shelling hit Latakia.")) == ["Latakia"]


def test_possessive_keeps_the_name(recognised: Recognised) -> None:
    assert recognised("Syria's coast: clashes in Latakia's port.")["Latakia"].geonames_id == 173576


def test_spelling_variants_resolve_to_one_place(recognised: Recognised) -> None:
    for spelling in ("Jablah", "Jableh", "Jebleh", "جبلة"):
        found = recognised(f"Fighting in {spelling}, near Latakia in Syria.")
        assert found[spelling].geonames_id == 169304, spelling
    assert recognised("Curfew in Jabla and Latakia.")["Jabla"].geonames_id == 169304
    assert recognised("Curfew in Ţarţūs.")["Ţarţūs"].geonames_id == 163345


def test_a_variant_needs_the_article_to_point_at_its_country(recognised: Recognised) -> None:
    assert "Jabla" not in recognised("Reporters asked Jabla about Atlanta.")
    assert "Jabla" in recognised("Reporters asked Jabla about Latakia.")


def test_multi_word_names_are_one_mention(recognised: Recognised) -> None:
    found = recognised("Islamic State attacked Deir ez-Zor on Monday.")
    assert found["Deir ez-Zor"].geonames_id == 170794


def test_person_and_organisation_names_are_not_places(recognised: Recognised) -> None:
    assert "Tripoli" not in recognised("Spokesman Ahmed Tripoli said in Beirut that talks would go on.")
    assert "Beirut" in recognised("Spokesman Ahmed Tripoli said in Beirut that talks would go on.")


def test_near_outskirts_and_countryside_are_geo_precision_2(recognised: Recognised) -> None:
    for text, name in (
        ("Shells fell near Idlib.", "Idlib"),
        ("Clashes on the outskirts of Idlib.", "Idlib"),
        ("Raids in Idlib countryside killed two.", "Idlib"),
        ("Reinforcements reached the Jablah vicinity.", "Jablah"),
    ):
        place = recognised(text)[name]
        assert (place.geo_precision, place.where_prec) == (2, 2), text
    assert recognised("Shelling hit Idlib.")["Idlib"].geo_precision == 1


def test_province_words_select_the_province(recognised: Recognised) -> None:
    province = recognised("Unrest spread in Latakia province.")["Latakia"]
    assert (province.feature_code, province.geo_precision, province.where_prec) == ("ADM1", 3, 4)
    assert province.admin1 == "Latakia"
    assert recognised("the governorate of Idlib")["Idlib"].feature_code == "ADM1"
    assert recognised("Shelling hit Idlib city.")["Idlib"].feature_code == "PPLA"


def test_the_capital_is_the_article_countrys_capital(recognised: Recognised) -> None:
    found = recognised("Clashes in Latakia, Syria. Security was tightened in the capital.")
    assert found["the capital"].name == "Damascus"
    assert "the capital" not in recognised("They flew to the capital, Damascus.")


def test_regions_and_countries_have_no_point_of_their_own(recognised: Recognised) -> None:
    found = recognised("Violence in north-west Syria spread to Lebanon.")
    region = found["north-west Syria"]
    assert (region.country, region.geo_precision, region.where_prec, region.latitude) == ("Syria", 3, 5, None)
    lebanon = found["Lebanon"]
    assert (lebanon.geo_precision, lebanon.latitude, lebanon.country_code, lebanon.geonames_id) == (
        None,
        None,
        "LB",
        272103,
    )


def test_country_acronyms_but_not_other_acronyms(recognised: Recognised) -> None:
    found = recognised("The USA said LA police and ATL officials disagreed.")
    assert found["USA"].country_code == "US"
    assert "LA" not in found and "ATL" not in found


def test_place_fields(recognised: Recognised) -> None:
    jablah = recognised("Clashes in Jablah, Syria.")["Jablah"]
    assert (jablah.name, jablah.country, jablah.admin1, jablah.admin2) == (
        "Jablah",
        "Syria",
        "Latakia",
        "Jablah District",
    )
    assert (jablah.latitude, jablah.longitude, jablah.feature_code) == (35.36, 35.93, "PPL")


def test_an_abbreviated_state_after_a_town_is_its_state(recognised: Recognised) -> None:
    found = recognised("Protests in Atlanta, Ga. grew on Friday.")
    assert (found["Ga."].feature_code, found["Ga."].admin1) == ("ADM1", "Georgia")
    assert found["Atlanta"].admin1 == "Georgia"


def test_a_spaced_dash_separates_names(recognised: Recognised) -> None:
    assert "Beirut" in recognised("Protesters gathered in Beirut - Achrafieh on Sunday.")


def test_a_site_named_after_a_place_is_one_mention_of_that_place(recognised: Recognised) -> None:
    found = recognised("Students rallied at Beirut International Airport and in Tripoli.")
    assert found["Beirut International Airport"].geonames_id == 276781
