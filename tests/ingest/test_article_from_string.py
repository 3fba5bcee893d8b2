"""The Python API's entry point: a string in, a raw Article out."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sitrep.errors import InputError
from sitrep.ingest import article_from_string

TEXT = "Twelve people were killed in mortar fire on central Damascus on Tuesday, state media said."


@pytest.mark.parametrize(
    "published",
    ["2014-04-29", "2014-04-29T10:00:00Z", date(2014, 4, 29), datetime(2014, 4, 29, 23, 59)],
)
def test_published_may_be_a_string_a_date_or_a_datetime(published: str | date) -> None:
    assert article_from_string(TEXT, published=published).published == date(2014, 4, 29)


def test_a_bad_published_value_is_an_input_error_naming_the_origin() -> None:
    with pytest.raises(InputError) as error:
        article_from_string(TEXT, published="29 April 2014", origin="cli")
    assert error.value.origin == "cli" and "ISO date" in error.value.reason


def test_raw_article_fields() -> None:
    article = article_from_string("\ufeff" + TEXT, url="https://example.com/d", source=" SANA ")
    assert article.raw == TEXT and article.text == ""
    assert (article.content_type, article.source, article.origin) == ("text", "SANA", "<string>")
    assert article.id.startswith("u-")


def test_html_strings_are_recognised() -> None:
    assert article_from_string(f"<html><body><p>{TEXT}</p></body></html>").content_type == "html"


@pytest.mark.parametrize("blank", ["", "   \n\t ", "\ufeff"])
def test_blank_input_is_refused(blank: str) -> None:
    with pytest.raises(InputError, match="empty"):
        article_from_string(blank)
