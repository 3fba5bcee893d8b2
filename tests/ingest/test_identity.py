"""Article ids: the same story read twice is one article; two different stories never share an id."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitrep.ingest.identity import article_id, normalise_url


def test_url_variants_of_one_page_share_an_id() -> None:
    variants = [
        "https://www.example.com/world/syria-clashes/",
        "http://example.com/world/syria-clashes",
        "https://EXAMPLE.com:443/world//syria-clashes?utm_source=twitter&utm_medium=social#comments",
        "  example.com/world/syria-clashes?fbclid=abc  ",
    ]
    assert len({article_id("any text", url) for url in variants}) == 1
    assert article_id("any text", variants[0]).startswith("u-")


def test_meaningful_query_parameters_are_kept_and_ordered() -> None:
    assert normalise_url("https://news.example/story?id=7&page=2") == "news.example/story?id=7&page=2"
    assert normalise_url("https://news.example/story?page=2&id=7") == "news.example/story?id=7&page=2"
    assert normalise_url("https://news.example/story?id=8") != normalise_url(
        "https://news.example/story?id=7"
    )


def test_url_id_ignores_content() -> None:
    url = "https://example.com/a"
    assert article_id("first version", url) == article_id("updated version with a correction", url)


def test_content_id_survives_whitespace_line_endings_and_normalisation() -> None:
    composed = "Clashes in Lattaquié\n\nTwelve killed."
    decomposed = "Clashes  in Lattaquie\u0301\r\n\r\nTwelve killed.\n"
    assert article_id(composed) == article_id(decomposed)
    assert article_id(composed).startswith("c-")


def test_different_content_gives_different_ids() -> None:
    assert article_id("Twelve killed in Daraa.") != article_id("Thirteen killed in Daraa.")


@given(st.text(min_size=1), st.text(alphabet=" \t\n\r", min_size=1))
def test_content_id_is_blind_to_surrounding_whitespace(text: str, padding: str) -> None:
    assert article_id(padding + text + padding) == article_id(text)
