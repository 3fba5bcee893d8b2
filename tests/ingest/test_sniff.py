"""HTML, text or JSONL is decided by what a file holds; the file name only breaks ties."""

from __future__ import annotations

import pytest

from sitrep.ingest.sniff import content_type, is_jsonl


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><body><p>Clashes in Idlib.</p></body></html>",
        "\n  <!-- saved by a crawler --><html lang='ar'><body>text</body></html>",
        "<p>A fragment of a page, one paragraph long.</p>",
        "Saved body: <div><p>First.</p><p>Second.</p><br></div>",
    ],
)
def test_markup_is_html_whatever_the_name(page: str) -> None:
    assert content_type(page, ".txt") == "html"


def test_prose_mentioning_a_tag_stays_text() -> None:
    prose = "Editors wrap paragraphs in <p> tags; this article is about web design, not markup."
    assert content_type(prose, ".txt") == "text"


def test_an_html_file_with_any_tag_is_html() -> None:
    assert content_type("Breaking: <b>12 killed</b> in Daraa", ".html") == "html"
    assert content_type("No markup at all in this .html file.", ".html") == "text"


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        (b'{"id": 1, "text": "x"}\n{"id": 2, "text": "y"}\n', "", True),
        (b'\xef\xbb\xbf{"text": "with a byte-order mark"}\n', ".txt", True),
        (b'{"text": "a first line longer than the sniffed head', "", True),
        (b"", ".jsonl", True),
        (b"{ this is prose in braces }\nsecond line", "", False),
        (b'["a", "json", "array"]\n', "", False),
        (b"Intense fighting erupts\n\nAn escalation...", ".txt", False),
    ],
)
def test_jsonl_sniffing(head: bytes, suffix: str, expected: bool) -> None:
    assert is_jsonl(head, suffix) is expected
