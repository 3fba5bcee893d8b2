"""clean on hostile pages: markup of any shape, truncated, deeply nested, full of traps, gives a clean text
or one InputError naming the page, never another exception (200 HTML pages and 100 texts, counted)."""

from __future__ import annotations

from hypothesis import strategies as st

from sitrep.clean import clean
from sitrep.errors import InputError
from sitrep.ingest import article_from_string
from tests.ingest.hostile import fuzz, html_documents, report_texts


def _clean_or_refuse(page: str) -> None:
    if not page.strip():
        return
    try:
        article = clean(article_from_string(page, origin="page"))
    except InputError as error:
        assert error.origin == "page" and error.reason
        return
    assert article.text.strip()
    assert article.text.encode("utf-8")  # storable: no lone surrogate from an entity such as &#xD800;


def test_pages_of_any_shape_are_cleaned_or_refused_with_an_input_error() -> None:
    assert fuzz("cleaned pages", html_documents(), _clean_or_refuse, examples=100) == 100


def test_texts_full_of_traps_are_cleaned_or_refused_with_an_input_error() -> None:
    texts = report_texts.filter(lambda text: text.strip())
    assert fuzz("cleaned texts", st.one_of(texts), _clean_or_refuse, examples=100) == 100
