"""Event location: the place where the event happened, not places only mentioned."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.geo import Gazetteer
from sitrep.geo.locate import event_place, main_country
from sitrep.model import Document, Span

TEXT = (
    "Clashes between security forces and gunmen erupted in Jablah on Thursday, leaving 40 dead. "
    "Most of the soldiers killed were from Idlib, the monitor said. "
    "Curfews were imposed in Latakia and Tartus. "
    "Officials gave no details of the arrests."
)


def located(
    gazetteer: Gazetteer, make_document: Callable[[str], Document], text: str, trigger: str
) -> str | None:
    doc = make_document(text)
    doc.mentions = gazetteer.recognise(doc)
    start = text.index(trigger)
    mention = event_place(doc, Span(start, start + len(trigger)))
    return mention.text if mention else None


def test_the_trigger_sentences_place(gazetteer: Gazetteer, make_document: Callable[[str], Document]) -> None:
    assert located(gazetteer, make_document, TEXT, "Clashes") == "Jablah"
    assert located(gazetteer, make_document, TEXT, "Curfews") == "Latakia"


def test_where_people_came_from_is_not_where_it_happened(
    gazetteer: Gazetteer, make_document: Callable[[str], Document]
) -> None:
    assert located(gazetteer, make_document, TEXT, "killed") != "Idlib"
    text = "Dozens of displaced people fled to Idlib after shelling hit Jablah."
    assert located(gazetteer, make_document, text, "shelling") == "Jablah"


def test_a_locative_place_beats_a_bare_one(
    gazetteer: Gazetteer, make_document: Callable[[str], Document]
) -> None:
    text = "Latakia officials said an airstrike hit a market in Jablah."
    assert located(gazetteer, make_document, text, "airstrike") == "Jablah"


def test_no_place_in_the_sentence_falls_back_to_the_dateline(
    gazetteer: Gazetteer, make_document: Callable[[str], Document]
) -> None:
    text = "BEIRUT (Reuters) - Talks stalled. Two men were arrested on Monday, Tripoli officials said later."
    assert located(gazetteer, make_document, text, "Talks") == "BEIRUT"


def test_no_place_below_country_level_says_so(
    gazetteer: Gazetteer, make_document: Callable[[str], Document]
) -> None:
    doc = make_document("Fighting in Syria intensified. Three soldiers were killed.")
    doc.mentions = gazetteer.recognise(doc)
    mention = event_place(doc, Span(doc.text.index("killed"), doc.text.index("killed") + 6))
    assert mention is not None and mention.text == "Syria"
    assert (mention.value.geo_precision, mention.value.latitude) == (None, None)


def test_main_country(gazetteer: Gazetteer, make_document: Callable[[str], Document]) -> None:
    doc = make_document(TEXT)
    doc.mentions = gazetteer.recognise(doc)
    assert main_country(doc) == "Syria"
    assert main_country(make_document("No places here.")) is None


def test_a_place_the_gazetteer_lacks_is_named_not_replaced(
    gazetteer: Gazetteer, make_document: Callable[[str], Document]
) -> None:
    text = (
        "Clashes erupted in Jablah, Syria. Tensions escalated in Beit Zaytun when residents blocked a road."
    )
    doc = make_document(text)
    doc.mentions = gazetteer.recognise(doc)
    start = text.index("Tensions")
    mention = event_place(doc, Span(start, start + 8))
    assert mention is not None and mention.text == "Beit Zaytun"
    assert (mention.value.country, mention.value.latitude, mention.value.geo_precision) == (
        "Syria",
        None,
        None,
    )
