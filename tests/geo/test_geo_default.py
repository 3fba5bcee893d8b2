"""The default gazetteer (built on first use from packaged sources) on the founding article."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.geo import Gazetteer
from sitrep.geo.distance import km
from sitrep.geo.geocode import geocode
from sitrep.geo.locate import event_place, main_country
from sitrep.model import Article, Document, Span

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def default_gazetteer() -> Gazetteer:
    return Gazetteer.open(None)


def test_resolves_the_syrian_coast(default_gazetteer: Gazetteer) -> None:
    expected = {"Jableh": (35.36, 35.93), "Qardaha": (35.46, 36.06), "Baniyas": (35.18, 35.95),
                "Tartus": (34.89, 35.89), "Latakia": (35.53, 35.79)}  # fmt: skip
    for name, (latitude, longitude) in expected.items():
        best = geocode(default_gazetteer, name, country="SY")[0].place
        assert km(latitude, longitude, best.latitude, best.longitude) < 10, name


def test_ucdp_villages_are_in_it(default_gazetteer: Gazetteer) -> None:
    assert any(p.country_code == "SY" for p in default_gazetteer.lookup("Kafr Nabudah"))


def test_founding_article(default_gazetteer: Gazetteer) -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seed is absent")
    text = SEED.read_text(encoding="utf-8")
    text = text[: text.index("Explore top-notch")]  # the promo tail that clean removes
    doc = Document(Article(id="seed", raw=text, text=text))
    doc.mentions = default_gazetteer.recognise(doc)
    assert main_country(doc) == "Syria"

    def place_of(trigger: str) -> object:
        start = text.index(trigger)
        return event_place(doc, Span(start, start + len(trigger))).value

    clash = place_of("battles")
    assert km(clash.latitude, clash.longitude, 35.36, 35.92) < 15 and clash.admin1 == "Latakia"
    curfew_places = {m.value.admin1 for m in doc.mentions if m.text in ("Latakia", "Tartus", "Homs")}
    assert curfew_places == {"Latakia", "Tartus", "Homs"}
    assert place_of("casualties were").name != "Idlib"


def _division(gazetteer: Gazetteer, name: str, country: str) -> tuple[float, float]:
    [row] = [r for r in gazetteer.lookup(name) if r.feature_code == "ADM1" and r.country_code == country]
    return row.latitude, row.longitude


def test_large_provinces_sit_near_their_centre_not_among_their_towns(default_gazetteer: Gazetteer) -> None:
    # Queensland's and Ontario's towns crowd their coasts and southern edge; the middle of their towns'
    # bounding box lay 300-400 km from the centres.
    assert km(*_division(default_gazetteer, "Queensland", "AU"), -22.5, 144.5) < 100
    assert km(*_division(default_gazetteer, "Ontario", "CA"), 50.0, -86.0) < 100


def test_countries_answer_to_their_official_names(default_gazetteer: Gazetteer) -> None:
    for name, code in [("Netherlands", "NL"), ("People's Republic of China", "CN"),
                       ("Republic of Armenia", "AM"), ("Gambia", "GM"), ("DPRK", "KP"),
                       ("Democratic Republic of Congo", "CD")]:  # fmt: skip
        assert any(r.is_country and r.country_code == code for r in default_gazetteer.lookup(name)), name


def test_names_with_punctuation_match_on_word_boundaries(default_gazetteer: Gazetteer) -> None:
    text = "Troops left Congo (Kinshasa) in May; Congo (Kinshasa)x is no name."
    doc = Document(Article(id="t", raw=text, text=text))
    whole = [m.span.start for m in default_gazetteer.recognise(doc) if m.text == "Congo (Kinshasa)"]
    assert whole == [text.index("Congo (Kinshasa)")]  # not the one a letter runs on from


def test_a_small_foreign_town_stays_inside_its_written_hierarchy(default_gazetteer: Gazetteer) -> None:
    text = "Students angry at France rallied in Bougouni (Bougouni, Sikasso) on Friday."
    doc = Document(Article(id="t", raw=text, text=text))
    towns = [m.value for m in default_gazetteer.recognise(doc) if m.text == "Bougouni"]
    assert towns and all(t.country_code == "ML" and t.latitude is not None for t in towns)


def test_the_main_country_follows_what_the_names_resolve_to(default_gazetteer: Gazetteer) -> None:
    text = "Georgia lawmakers met in Valdosta on Monday; Texas sent observers."  # Georgia is the state
    doc = Document(Article(id="t", raw=text, text=text))
    [valdosta] = [m.value for m in default_gazetteer.recognise(doc) if m.text == "Valdosta"]
    assert valdosta.country_code == "US" and valdosta.latitude is not None


def test_after_in_a_common_word_or_surname_is_a_place(default_gazetteer: Gazetteer) -> None:
    def found(text: str) -> list[tuple[str, str | None]]:
        doc = Document(Article(id="t", raw=text, text=text))
        return [(m.text, m.value.country_code) for m in default_gazetteer.recognise(doc)]

    assert found("Teachers demonstrated in Tours in May. Tours resumed on Monday.") == [("Tours", "FR")]
    assert found("Protesters gathered in Chester on Monday. Chester said no.") == [("Chester", "GB")]


def test_a_given_span_the_gazetteer_lacks_is_the_place_named_inside_it(default_gazetteer: Gazetteer) -> None:
    text = "Students of Colorado State University met the Education Ministry."
    spans = [Span(12, 37), Span(text.index("Education"), len(text) - 1)]
    doc = Document(Article(id="t", raw=text, text=text))
    places = {m.text: m.value for m in default_gazetteer.resolve_spans(doc, spans)}
    assert places["Colorado State University"].admin1 == "Colorado"
    assert "Education Ministry" not in places  # no place inside: no mention
