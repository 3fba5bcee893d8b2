"""JSON Lines: each good line is an article, each bad line one error naming path:LINE, and reading goes on."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_inputs
from sitrep.ingest.jsonl import article_from_record, read_jsonl

BODY = "Air strikes killed 11 people in Idlib province on Tuesday, a monitor said."


def write_lines(tmp_path: Path, *lines: str, name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_good_and_bad_lines_come_out_in_order(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        json.dumps(
            {"id": "a1", "text": BODY, "published": "2016-07-13", "title": "Strikes", "source": "AFP"}
        ),
        '{"id": "a2", "text": "unterminated',
        "",
        json.dumps({"id": "a3", "text": 42}),
        json.dumps({"id": "a4", "title": "no body"}),
        json.dumps({"id": "a5", "html": "<p>" + BODY + "</p>", "url": "https://example.com/a5"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": BODY, "published": "13/07/2016"}),
    )
    items = list(read_inputs([str(path)]))
    origins = [item.origin for item in items]
    assert origins == [f"{path}:{line}" for line in (1, 2, 4, 5, 6, 7, 8)]
    good, bad_json, bad_type, no_body, html, not_object, bad_date = items
    assert (good.id, good.title, good.source, good.published) == ("a1", "Strikes", "AFP", date(2016, 7, 13))
    assert good.content_type == "text" and good.raw == BODY and good.text == ""
    assert isinstance(bad_json, InputError) and "not valid JSON" in bad_json.reason
    assert isinstance(bad_type, InputError) and '"text" must be a string' in bad_type.reason
    assert isinstance(no_body, InputError) and 'no "text" or "html"' in no_body.reason
    assert html.content_type == "html" and html.id == "a5" and html.url == "https://example.com/a5"
    assert isinstance(not_object, InputError) and "JSON object" in not_object.reason
    assert isinstance(bad_date, InputError) and "ISO date" in bad_date.reason


def test_an_id_is_made_when_none_is_given() -> None:
    with_url = article_from_record({"text": BODY, "url": "https://www.example.com/x?utm_source=rss"}, "f:1")
    without = article_from_record({"text": BODY}, "f:2")
    assert with_url.id.startswith("u-")
    assert without.id.startswith("c-")
    assert article_from_record({"text": "  " + BODY + "\n"}, "f:3").id == without.id


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-03-07", date(2025, 3, 7)),
        ("2025-03-07T23:30:00Z", date(2025, 3, 7)),
        ("2025-03-07T01:30:00+03:00", date(2025, 3, 7)),  # the date the outlet printed, not UTC's
        ("2025-03-07 10:15", date(2025, 3, 7)),
        (None, None),
        ("", None),
    ],
)
def test_published_is_read_as_printed(published: str | None, expected: date | None) -> None:
    assert article_from_record({"text": BODY, "published": published}, "f:1").published == expected


@pytest.mark.parametrize("given", [True, 3.5, ["a"], {"a": 1}])
def test_an_id_must_be_a_string_or_an_integer(given: object) -> None:
    with pytest.raises(InputError, match='"id"'):
        article_from_record({"id": given, "text": BODY}, "f:1")


def test_html_is_preferred_to_text_when_both_are_given() -> None:
    article = article_from_record({"text": "a lossy copy", "html": "<p>" + BODY + "</p>"}, "f:1")
    assert article.content_type == "html" and BODY in article.raw


def test_html_in_the_text_field_is_recognised() -> None:
    article = article_from_record({"text": "<html><body><p>" + BODY + "</p></body></html>"}, "f:1")
    assert article.content_type == "html"


def test_a_line_over_the_limit_is_refused_without_losing_the_next(tmp_path: Path) -> None:
    long_line = json.dumps({"text": "x " * 600})
    chunks = [
        long_line[:500].encode(),
        long_line[500:].encode() + b"\n" + json.dumps({"text": BODY}).encode(),
    ]
    first, second = read_jsonl(chunks, "feed.jsonl", max_bytes=1000)
    assert isinstance(first, InputError) and first.origin == "feed.jsonl:1" and "limit" in first.reason
    assert second.origin == "feed.jsonl:2" and second.raw == BODY


def test_lines_split_across_chunks_are_joined() -> None:
    line = json.dumps({"id": "split", "text": BODY}).encode()
    chunks = [line[:7], line[7:20], line[20:] + b"\r\n"]
    (article,) = read_jsonl(chunks, "feed.jsonl", max_bytes=10_000)
    assert article.id == "split" and article.raw == BODY


def test_a_line_in_a_legacy_encoding_is_still_read() -> None:
    line = json.dumps(
        {"text": "Frappes aériennes à Alep : douze morts selon l’Observatoire."}, ensure_ascii=False
    )
    (article,) = read_jsonl([line.encode("cp1252")], "feed.jsonl", max_bytes=10_000)
    assert "aériennes" in article.raw
