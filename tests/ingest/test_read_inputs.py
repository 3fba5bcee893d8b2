"""read_inputs: files, folders and stdin; one InputError per bad input, and reading goes on after it."""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import MAX_ARTICLE_BYTES, read_inputs
from sitrep.model import Article

STORY = "Government air strikes killed nine civilians in Maarat al-Numan on Sunday, rescuers said.\n"
PAGE = f"<html><head><title>Strikes</title></head><body><p>{STORY}</p></body></html>"


def read(*paths: Path | str) -> list[Article | InputError]:
    return list(read_inputs([str(path) for path in paths]))


def reasons(items: list[Article | InputError]) -> dict[str, str]:
    return {item.origin: item.reason for item in items if isinstance(item, InputError)}


def test_a_folder_is_read_recursively_in_name_order_skipping_hidden_entries(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.html").write_text(PAGE)
    (tmp_path / "a" / "notes").write_text("An extensionless file is sniffed like any other: " + STORY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(STORY)
    (tmp_path / ".draft.txt").write_text(STORY)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    items = read(tmp_path)
    assert [Path(item.origin).relative_to(tmp_path).as_posix() for item in items] == [
        "a/notes",
        "a/z.html",
        "b.txt",
    ]
    assert [item.content_type for item in items] == ["text", "html", "text"]


def test_a_named_file_is_read_whatever_its_name(tmp_path: Path) -> None:
    hidden = tmp_path / ".draft"
    hidden.write_text(STORY)
    (article,) = read(hidden)
    assert article.raw == STORY


def test_html_is_sniffed_in_a_txt_file(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_text(PAGE)
    (article,) = read(tmp_path / "saved.txt")
    assert article.content_type == "html"


def test_the_same_text_in_two_files_and_two_encodings_is_one_article(tmp_path: Path) -> None:
    text = "Frappes à Alep : « douze morts », selon l’Observatoire.\n"
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    one, two = read(tmp_path)
    assert one.id == two.id and one.origin != two.origin


def test_bad_inputs_each_give_one_error_and_the_rest_are_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n\t")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    (tmp_path / "good.txt").write_text(STORY)
    missing = tmp_path / "missing.txt"
    items = read(tmp_path, missing)
    assert [item.origin for item in items if isinstance(item, Article)] == [str(tmp_path / "good.txt")]
    assert reasons(items) == {
        str(tmp_path / "binary.txt"): "binary file (contains NUL bytes)",
        str(tmp_path / "blank.txt"): "empty (no text, or only whitespace)",
        str(tmp_path / "empty.txt"): "empty file (0 bytes)",
        str(tmp_path / "garbled.txt"): "not valid UTF-8, and no other text encoding explains the bytes",
        str(missing): "no such file or folder",
    }


def test_an_unreadable_file_is_an_error_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY)
    real_open = Path.open

    def refuse(path: Path, *args: object, **kwargs: object) -> object:
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    (tmp_path / "other.txt").write_text(STORY)
    items = read(tmp_path)
    assert reasons(items) == {str(locked): "cannot read (Permission denied)"}
    assert len(items) == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY)
    locked.chmod(0)
    try:
        assert reasons(read(locked)) == {str(locked): "cannot read (Permission denied)"}
    finally:
        locked.chmod(0o600)


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "dump.html"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.write(b"<html><body><p>")
        handle.truncate(50_000_000)
    tracemalloc.start()
    try:
        (error,) = read(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, InputError)
    assert error.reason == "50.0 MB is over the 20 MB limit for one article"
    assert peak < 2_000_000
    assert MAX_ARTICLE_BYTES == 20_000_000


def test_a_stream_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode() * 50)))
    (error,) = list(read_inputs(["-"], max_bytes=1000))
    assert error.origin == "<stdin>" and "over the 0.001 MB limit" in error.reason


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode("utf-16"))))
    (article,) = read("-")
    assert (article.origin, article.raw) == ("<stdin>", STORY)


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": "s1", "text": STORY}), "{broken", json.dumps({"id": "s2", "text": STORY})]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    first, broken, last = read("-")
    assert (first.id, last.id) == ("s1", "s2")
    assert isinstance(broken, InputError) and broken.origin == "<stdin>:2"


def test_jsonl_files_may_exceed_the_per_article_limit(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": str(n), "text": STORY}) + "\n" for n in range(30)))
    items = list(read_inputs([str(feed)], max_bytes=500))
    assert len(items) == 30 and all(isinstance(item, Article) for item in items)


def test_truncated_html_is_still_read(tmp_path: Path) -> None:
    cut = tmp_path / "cut.html"
    cut.write_text(PAGE[: PAGE.index("</p>") - 10])
    (article,) = read(cut)
    assert article.content_type == "html" and "air strikes" in article.raw
