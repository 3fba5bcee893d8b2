"""Resolution respects the article's country: a small foreign namesake does not beat it, and a country in a
compound adjective ("UK-based", "US-led") is not where an event happened."""

from __future__ import annotations

import pytest

from sitrep.geo import Gazetteer
from sitrep.geo.locate import event_place
from sitrep.model import Article, Document, Mention, Span

SYRIAN_STORY = (
    "Government forces shelled the town of Hara on Monday. "
    "Rebels in Idlib and Aleppo said Syrian troops were also advancing near Homs. "
    "The UK-based Syrian Observatory for Human Rights reported the shelling."
)


@pytest.fixture(scope="module")
def default_gazetteer() -> Gazetteer:
    return Gazetteer.open(None)


def places(gazetteer: Gazetteer, text: str) -> tuple[Document, dict[str, Mention]]:
    doc = Document(Article(id="t", raw=text, text=text), [], [])
    doc.mentions = gazetteer.recognise(doc)
    return doc, {m.text: m for m in doc.mentions if m.label == "PLACE"}


def test_a_small_foreign_namesake_stays_in_the_articles_country(default_gazetteer: Gazetteer) -> None:
    _, found = places(default_gazetteer, SYRIAN_STORY)
    hara = found["Hara"].value
    assert hara.country == "Syria"
    assert hara.latitude is None and hara.geonames_id is None  # no invented point


def test_a_foreign_place_the_article_points_to_keeps_its_country(default_gazetteer: Gazetteer) -> None:
    _, found = places(default_gazetteer, SYRIAN_STORY + " Turkish officials met in Ankara and Gaziantep.")
    assert found["Gaziantep"].value.country == "Turkey"


def test_a_country_in_a_compound_adjective_is_no_event_location(default_gazetteer: Gazetteer) -> None:
    text = "The UK-based monitor said an attack killed five people."
    doc, _ = places(default_gazetteer, text)
    start = text.index("attack")
    located = event_place(doc, Span(start, start + len("attack")))
    assert located is None or located.value.country != "United Kingdom"


def test_a_foreign_capital_acting_is_no_event_location(default_gazetteer: Gazetteer) -> None:
    text = "Air strikes hit Idlib on Monday. Washington condemned the strikes, which killed 12 people."
    doc, _ = places(default_gazetteer, text)
    start = text.index("strikes, which")
    located = event_place(doc, Span(start, start + len("strikes")))
    assert located is not None and located.value.country == "Syria"
