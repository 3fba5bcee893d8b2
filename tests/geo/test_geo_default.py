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
