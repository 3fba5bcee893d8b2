"""Issue 2's founding article: five body paragraphs survive clean, and all of the page furniture goes."""

from __future__ import annotations

from importlib import resources

import pytest

from sitrep.clean import PARAGRAPH_BREAK, clean
from sitrep.ingest import article_from_string
from sitrep.model import Article

SAMPLE = resources.files("sitrep").joinpath("data", "samples", "jableh-2025-03.txt")


@pytest.fixture(scope="module")
def cleaned() -> Article:
    return clean(article_from_string(SAMPLE.read_text(encoding="utf-8"), published="2025-03-07"))


def test_the_title_line_is_the_title_and_not_part_of_the_text(cleaned: Article) -> None:
    assert cleaned.title == "Intense Fighting Erupts in Syria’s War-Torn Region"
    assert not cleaned.text.startswith("Intense Fighting")


def test_all_five_body_paragraphs_are_kept_with_blank_lines_between(cleaned: Article) -> None:
    paragraphs = cleaned.text.split(PARAGRAPH_BREAK)
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("An escalation of violence in the war-torn region of north-west Syria")
    assert paragraphs[1].startswith("The unrest unfolded in the Mediterranean coastal province of Latakia")
    assert paragraphs[2].startswith("Video footage circulated on social platforms")
    assert paragraphs[3].startswith("In response to the violent incidents")
    assert paragraphs[4].startswith("According to SANA, security forces have enforced overnight curfews")
    assert paragraphs[4].endswith("have pledged to hold those responsible accountable.")


@pytest.mark.parametrize(
    "furniture",
    [
        "Explore top-notch British journalism",
        "The Telegraph",
        "Author",
        "Recommended news",
        "Bezos",
        "Joey Roulette",
        "(Reuters)",
        "Advertisement",
        "spot_img",
    ],
)
def test_the_page_furniture_is_gone(cleaned: Article, furniture: str) -> None:
    assert furniture not in cleaned.text


def test_every_sentence_of_the_body_survives(cleaned: Article) -> None:
    raw_body = SAMPLE.read_text(encoding="utf-8").split("\n\n")[1:6]
    for raw_paragraph, paragraph in zip(raw_body, cleaned.text.split(PARAGRAPH_BREAK), strict=True):
        promo_start = raw_paragraph.find(" Explore top-notch")
        expected = raw_paragraph if promo_start == -1 else raw_paragraph[:promo_start]
        assert paragraph == expected.strip()


def test_clean_keeps_what_ingest_set(cleaned: Article) -> None:
    assert str(cleaned.published) == "2025-03-07"
    assert cleaned.raw.startswith("Intense Fighting") and cleaned.id.startswith("c-")
