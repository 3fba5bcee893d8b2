"""Bytes to text: every encoding a news archive throws at us, and a clear refusal for what is not text."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest.decode import declared_charset, decode_bytes

ENGLISH = "Shelling killed “at least 16” people in Jableh — the Observatory said on Friday. Café owners fled."
FRENCH = (
    "Des affrontements ont éclaté à Lattaquié, faisant des dizaines de morts selon l’Observatoire. "
    "Les forces de sécurité ont déployé des renforts à Jableh et à Tartous."
)
ARABIC = (
    "اندلعت اشتباكات عنيفة في مدينة جبلة الساحلية بين قوات الأمن ومسلحين موالين للرئيس المخلوع، "
    "وأفاد المرصد السوري لحقوق الإنسان بمقتل أكثر من سبعين شخصاً."
)
POLISH = (
    "Zbrojne starcia wybuchły w Latakii; zginęło ponad 70 osób, podało Obserwatorium. Siły bezpieczeństwa."
)
RUSSIAN = "В Латакии вспыхнули ожесточённые бои, погибли более 70 человек, сообщила обсерватория."


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks_decide(encoding: str) -> None:
    data = ENGLISH.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data, "a.txt") == ENGLISH


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_recognised_from_its_nul_pattern(encoding: str) -> None:
    assert decode_bytes(ENGLISH.encode(encoding), "a.txt") == ENGLISH


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(ENGLISH, "cp1252"), (FRENCH, "cp1252"), (ARABIC, "cp1256"), (POLISH, "cp1250"), (RUSSIAN, "cp1251")],
)
def test_legacy_code_pages_are_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "a.txt") == text


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{FRENCH}</p></body></html>'
    assert FRENCH in decode_bytes(page.encode("utf-8"), "a.html")


def test_a_declared_charset_is_honoured_when_the_bytes_are_not_utf8() -> None:
    arabic_word = "قتل"  # three letters: far too little for statistics, so only the declaration can tell
    declaration = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
    page = f"<html><head>{declaration}</head><p>{arabic_word}</p>"
    assert arabic_word in decode_bytes(page.encode("cp1256"), "a.html")


def test_a_wrong_utf8_declaration_falls_back_to_detection() -> None:
    page = f'<html><head><meta charset="utf-8"></head><body><p>{FRENCH}</p></body></html>'
    assert FRENCH in decode_bytes(page.encode("cp1252"), "a.html")


@pytest.mark.parametrize(
    ("markup", "codec"),
    [
        ('<meta charset="ISO-8859-1">', "cp1252"),  # browsers read Latin-1 labels as windows-1252
        ("<meta charset=windows-1256>", "cp1256"),
        ('<?xml version="1.0" encoding="koi8-r"?>', "koi8-r"),
        ('<meta charset="no-such-charset">', None),
        ("<p>no declaration</p>", None),
    ],
)
def test_declared_charset(markup: str, codec: str | None) -> None:
    assert declared_charset(markup.encode("ascii")) == codec


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputError, match="binary") as error:
        decode_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4, "report.pdf")
    assert error.value.origin == "report.pdf"


def test_control_bytes_mean_binary() -> None:
    rng = random.Random(7)
    data = bytes(rng.choice([*range(1, 9), *range(14, 32), *range(65, 91)]) for _ in range(2000))
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "blob")


def test_bytes_that_no_encoding_explains_are_refused() -> None:
    rng = random.Random(1)
    junk = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(junk, "junk.txt")


@pytest.mark.parametrize("damage", [b"\xff", b"\xff\xfe", b"\xe2\x80", b"\xc3"])
def test_utf8_with_a_damaged_byte_is_refused_at_that_byte_not_read_as_mojibake(damage: bytes) -> None:
    good = f"{ENGLISH} Curfews in Ţarţūs and Latakia.\n".encode()
    with pytest.raises(InputError, match=f"invalid UTF-8 at byte {len(good)}") as error:
        decode_bytes(good + damage + b" the report went on.\n", "report.txt")
    assert error.value.origin == "report.txt"


def test_a_declared_legacy_charset_does_not_excuse_damaged_utf8() -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{FRENCH}</p>'.encode()
    with pytest.raises(InputError, match="invalid UTF-8 at byte"):
        decode_bytes(page + b"\x81</body></html>", "page.html")


@pytest.mark.parametrize("length", [3, 10, 40])
def test_short_high_byte_junk_is_refused(length: int) -> None:
    junk = bytes(random.Random(length).choice(range(0x80, 0xC0)) for _ in range(length))  # no UTF-8 lead
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(junk, "junk.txt")


def test_a_broken_byte_order_mark_is_named() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xdc", "odd.txt")


@given(st.binary(max_size=400))
def test_any_bytes_decode_or_give_an_input_error(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data, "fuzz"), str)
    except InputError as error:
        assert error.origin == "fuzz"
