"""Every reader on hostile input: random bytes, every encoding trap, JSONL of wrong types, broken WARC
archives and feeds, bombs. Nothing may raise: each input gives articles, or one error naming it, on one line.

Counts: 7,500 mutants of valid inputs (the cheap bulk), and from hypothesis 400 byte strings, 400 encoded
texts, 300 JSONL files (600+ lines), 300 HTML strings, 300 WARC archives, 300 feeds, 200 texts of traps;
plus the hand-made traps. Each test asserts how many it checked.
"""

from __future__ import annotations

import codecs
import io
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import article_from_string, read_inputs
from sitrep.ingest.decode import SAMPLE_BYTES, decode_bytes
from sitrep.ingest.feed import is_feed
from sitrep.ingest.files import read_stream
from sitrep.ingest.warc import is_warc
from sitrep.model import Article
from tests.ingest.hostile import (
    ARABIC_REPORT,
    ARTICLE,
    ERROR,
    Encoded,
    encoded_texts,
    feed_documents,
    fuzz,
    good_report,
    hostile_bytes,
    hostile_files,
    html_documents,
    jsonl_line,
    jsonl_records,
    mutants,
    record,
    report_texts,
    seed_inputs,
    warc_archives,
)

SUFFIXES = ("", ".txt", ".html", ".jsonl", ".rss", ".warc", ".warc.gz", ".bin")
SINGLE_ARTICLE_SUFFIXES = ("", ".txt", ".html", ".bin")
MUTANTS = 7500
MUTANT_SEED = 20251124  # a failure names the mutant's number; the same seed makes it again
# Encodings whose bytes say what they are: a mark, or UTF-8 (which is tried first and strictly).
SELF_DESCRIBING = ("utf-8", "utf-8-sig", "utf-16", "utf-32")


def read_bytes(data: bytes, name: str) -> list[Article | InputError]:
    """What ``sitrep ingest`` makes of a file named ``name`` holding ``data``."""
    path = Path(name)
    return list(read_stream(io.BytesIO(data), name, path.suffix.lower(), len(data), name=path.name))


def assert_well_formed(items: list[Article | InputError], name: str, data: bytes | None = None) -> None:
    """Articles a later stage can use, and errors that name the input and fit on one line. Only a container
    (a WARC archive, a feed) may give nothing: one without page records or entries holds no article."""
    if data is None or not (is_warc(data[:SAMPLE_BYTES]) or is_feed(data[:SAMPLE_BYTES], Path(name).suffix)):
        assert items, f"{name}: nothing at all came out, not even an error"
    for item in items:
        assert item.origin.startswith(name)
        if isinstance(item, InputError):
            assert item.reason.strip() and "\n" not in item.reason and len(item.reason) < 500, item.reason
        else:
            assert isinstance(item, Article)
            assert item.raw.strip() and item.id and item.content_type in ("html", "text")
            for value in (item.raw, item.id, item.title, item.url, item.source):
                assert value is None or value.encode("utf-8")  # storable: no lone surrogate


def test_damaged_inputs_of_every_kind_give_articles_or_one_error_each() -> None:
    names = [f"fuzz/input{suffix}" for suffix in SUFFIXES]
    checked = 0
    for number, data in enumerate(mutants(seed_inputs(), MUTANTS, seed=MUTANT_SEED)):
        name = names[number % len(names)]
        assert_well_formed(read_bytes(data, name), name, data)
        checked += 1
    assert record("mutants", checked) == MUTANTS


def test_random_bytes_under_any_name_give_articles_or_one_error_each() -> None:
    def check(sample: tuple[bytes, str]) -> None:
        data, suffix = sample
        name = f"fuzz/input{suffix}"
        items = read_bytes(data, name)
        assert_well_formed(items, name, data)
        if suffix in SINGLE_ARTICLE_SUFFIXES and not data.lstrip(codecs.BOM_UTF8).startswith((b"{", b"<")):
            assert len(items) == 1

    strategy = st.tuples(hostile_bytes, st.sampled_from(SUFFIXES))
    assert fuzz("random bytes", strategy, check, examples=400) == 400


def test_text_in_any_encoding_reads_back_exactly_when_its_bytes_say_which() -> None:
    def check(sample: Encoded) -> None:
        readable = sample.intact and sample.encoding in SELF_DESCRIBING and _plain(sample.text)
        try:
            text = decode_bytes(sample.data, "fuzz.txt")
        except InputError as error:
            assert error.origin == "fuzz.txt" and error.reason
            assert not readable, error
            return
        if readable:
            assert text.removeprefix("\ufeff") == sample.text

    assert fuzz("encoded texts", encoded_texts(), check, examples=400) == 400


def _plain(text: str) -> bool:
    """Text without control characters other than line breaks and tabs (which mark binary data)."""
    return all(character in "\t\n\r" or unicodedata.category(character) != "Cc" for character in text)


def test_windows_1256_arabic_is_read_as_arabic() -> None:
    assert decode_bytes(ARABIC_REPORT.encode("cp1256"), "arabic.txt") == ARABIC_REPORT


def test_jsonl_of_wrong_types_gives_one_item_per_line_and_keeps_every_good_line() -> None:
    def check(records: list[dict[str, Any]]) -> None:
        good = {2 * index + 2: good_report(index) for index in range(len(records))}
        lines = []
        for index, fuzzed in enumerate(records):
            good_line = jsonl_line({"text": good[2 * index + 2], "published": "2025-03-07"})
            lines += [jsonl_line(fuzzed), good_line]
        items = read_bytes(b"\n".join(lines) + b"\n", "fuzz.jsonl")
        assert_well_formed(items, "fuzz.jsonl")
        numbers = range(1, len(lines) + 1)
        assert [item.origin for item in items] == [f"fuzz.jsonl:{number}" for number in numbers]
        for number, text in good.items():
            article = items[number - 1]
            assert isinstance(article, Article) and article.raw == text, article

    strategy = st.lists(jsonl_records(), min_size=1, max_size=3)
    assert fuzz("jsonl files", strategy, check, examples=300) == 300


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"text": 5}', '"text" must be a string'),
        (b'{"text": ["a", "b"]}', '"text" must be a string'),
        (b'{"text": null}', 'no "text" or "html"'),
        (b'{"text": "Clashes.", "published": "31 February 2025"}', "not an ISO date"),
        (b'{"text": "Clashes.", "published": "0000-01-01"}', "not an ISO date"),
        (b'{"text": "Clashes.", "published": "9999-99-99"}', "not an ISO date"),
        (b'{"text": "Clashes.", "published": "0001-01-01"}', "outside the years"),
        (b'{"text": "Clashes.", "published": 1e308}', '"published" must be a string'),
        (b'{"text": "Clashes.", "id": 1e308}', '"id" must be a string or an integer'),
        (b'{"text": "Clashes.", "id": ' + b"9" * 5000 + b"}", "not readable JSON"),
        (b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        (b'{"text": "Clashes \\ud800 in Homs."}', "lone surrogate"),
        (b'{"text": "Clashes.", "title": "\\udfff"}', '"title" is not valid Unicode'),
        (b'{"text": "Clashes.", "url": "http://[::1"}', "not a valid URL"),
    ],
)
def test_a_bad_jsonl_line_is_one_error_naming_the_line(line: bytes, reason: str) -> None:
    items = read_bytes(line + b"\n" + jsonl_line({"text": good_report(0)}), "feed.jsonl")
    assert [type(item) for item in items] == [InputError, Article]
    assert items[0].origin == "feed.jsonl:1" and reason in items[0].reason, items[0]
    record("jsonl traps", 1)


@pytest.mark.parametrize(
    ("title", "published", "reason"),
    [
        ("&#xD800;", "Fri, 07 Mar 2025 09:30:00 GMT", "not a readable feed"),
        ("Clashes", "Sat, 01 Jan 0001 00:00:00 GMT", "outside the years"),
    ],
)
def test_a_feed_entry_with_an_impossible_character_or_date_is_one_error(
    title: str, published: str, reason: str
) -> None:
    item = f"<item><title>{title}</title><link>https://news.example/1</link><pubDate>{published}</pubDate>"
    item += "<description>Clashes in Homs.</description></item>"
    feed = f'<rss version="2.0"><channel>{item}</channel></rss>'
    items = read_bytes(feed.encode(), "wire.rss")
    assert len(items) == 1 and isinstance(items[0], InputError) and reason in items[0].reason, items
    record("feed traps", 1)


def test_html_of_any_shape_becomes_an_article_or_one_error() -> None:
    def check(page: str) -> None:
        try:
            article = article_from_string(page, origin="page.html")
        except InputError as error:
            assert error.origin == "page.html" and not page.strip(), error
            return
        assert_well_formed([article], "page.html")

    assert fuzz("html strings", html_documents(), check, examples=300) == 300


def test_warc_archives_broken_anywhere_give_articles_then_at_most_one_error_each() -> None:
    def check(data: bytes) -> None:
        items = read_bytes(data, "crawl.warc")
        assert_well_formed(items, "crawl.warc", data)
        file_errors = [item for item in items if isinstance(item, InputError) and item.origin == "crawl.warc"]
        assert len(file_errors) <= 1

    assert fuzz("warc archives", warc_archives(), check, examples=300) == 300


def test_feeds_with_garbage_dates_links_and_entities_give_articles_or_errors() -> None:
    def check(data: bytes) -> None:
        assert_well_formed(read_bytes(data, "wire.rss"), "wire.rss", data)

    assert fuzz("feeds", feed_documents(), check, examples=300) == 300


def test_text_strings_with_trap_phrases_are_kept_whole() -> None:
    def check(text: str) -> None:
        article = article_from_string(text, published="2025-03-07")
        assert article.raw == text.removeprefix("\ufeff") and article.published is not None

    assert fuzz("trap texts", report_texts.filter(lambda text: text.strip()), check, examples=200) == 200


def test_the_hand_made_traps_each_give_what_they_hold_and_no_more(tmp_path: Path) -> None:
    expected = hostile_files(tmp_path / "traps")
    started = time.monotonic()
    items = list(read_inputs([str(tmp_path / "traps")]))
    elapsed = time.monotonic() - started
    by_file: dict[str, list[str]] = defaultdict(list)
    for item in items:
        name = Path(item.origin.split("@")[0].split("#")[0]).name
        by_file[name].append(ERROR if isinstance(item, InputError) else ARTICLE)
    assert {name: tuple(kinds) for name, kinds in by_file.items()} == expected
    assert_well_formed(items, str(tmp_path / "traps"))
    entity_bomb = next(item for item in items if "entity-bomb" in item.origin)
    assert len(entity_bomb.raw) < 1000, "an XML entity bomb was expanded"
    assert elapsed < 60, f"reading {len(expected)} traps took {elapsed:.0f} s (bombs must not be unpacked)"
    record("hand-made traps", len(expected))
