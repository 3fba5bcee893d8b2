"""Bytes to text without guessing wrong quietly.

Order: a byte-order mark, UTF-16 without a mark (NUL bytes in every other position), binary refusal, strict
UTF-8 (valid multi-byte UTF-8 is almost never an accident, so it beats a page's own declaration, and UTF-8
with a few damaged bytes is refused, naming the first, rather than read as mojibake), the charset an HTML or
XML page declares, then detection among legacy 8-bit encodings (cp1252, Windows-1256 Arabic, ...).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
from charset_normalizer.md import mess_ratio

from sitrep.errors import InputError

SAMPLE_BYTES = 64 * 1024
SAMPLE_CHARS = 20_000

# Byte-order marks, longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9._:-]+)|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-z0-9._:-]+)""",
    re.IGNORECASE,
)
# WHATWG Encoding Standard: browsers decode pages labelled Latin-1 or ASCII as windows-1252, and a UTF-16
# label on a page that reached us as 8-bit bytes cannot be right.
_LABEL_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8"}
# Well-formed multi-byte UTF-8 (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII_TEXT_BYTE = re.compile(rb"[\t\n\r -~]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_WORD_JOINERS = frozenset("'’-‐.·")
_MAX_CONTROL_SHARE = 0.01
_MAX_MESS = 0.3
_MESS_TIE = 0.02
_PREFERRED_LEGACY = "cp1252"  # the web's most common legacy encoding, first among equals


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode one input's bytes, or raise InputError saying why they are not text."""
    encoding, body = _by_byte_order_mark(data)
    if encoding is None:
        encoding = _utf16_without_mark(data)
    if encoding is not None:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(
                origin, f"looks like {encoding.upper()} but is not valid {encoding.upper()}"
            ) from None
    else:
        _refuse_binary(data, origin)
        text = _decode_8bit(data, origin)
    if _control_share(text[:SAMPLE_CHARS]) > _MAX_CONTROL_SHARE:
        raise InputError(origin, "binary content (control characters where text should be)")
    return text


def declared_charset(data: bytes) -> str | None:
    """The Python codec named by a page's <meta charset> or XML declaration, if it names a known one."""
    match = _DECLARED_CHARSET.search(data[:SAMPLE_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _LABEL_ALIASES.get(name, name)


def _by_byte_order_mark(data: bytes) -> tuple[str | None, bytes]:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, data[len(mark) :]
    return None, data


def _utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 of mostly Latin-script text has a NUL in every other byte and almost none in the others."""
    sample = data[:SAMPLE_BYTES]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.02 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.02 * half:
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, origin: str) -> None:
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample:
        raise InputError(origin, "binary file (contains NUL bytes)")
    if len(_CONTROL_BYTES.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(origin, "binary file (control bytes where text should be)")


def _decode_8bit(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            raise InputError(
                origin, f"invalid UTF-8 at byte {error.start} in a file that is otherwise UTF-8"
            ) from None
    declared = declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; detection below decides
    text = _detect_legacy(data)
    if text is None:
        raise InputError(origin, "not valid UTF-8, and no other text encoding explains the bytes")
    return text


def _mostly_utf8(data: bytes) -> bool:
    """Most bytes above ASCII form well-formed UTF-8 sequences: UTF-8 with a few damaged bytes, which a
    legacy code page would turn into mojibake ("Ţarţūs" as "ĹŁarĹŁĹ«s"). In legacy-encoded text such
    sequences are rare accidents."""
    sample = data[:SAMPLE_BYTES]
    high_bytes = sum(byte >= 0x80 for byte in sample)
    in_sequences = sum(len(sequence) for sequence in _UTF8_SEQUENCE.findall(sample))
    return in_sequences > 0 and in_sequences > high_bytes / 2


def _detect_legacy(data: bytes) -> str | None:
    """The decoding that reads most like language; near-ties go to the one without symbols inside words.

    Bytes without one ASCII character (no space, newline, digit or Latin letter) are no text in an 8-bit
    code page, though some code page maps every byte to a letter."""
    if not _ASCII_TEXT_BYTE.search(data[:SAMPLE_BYTES]):
        return None
    candidates = [_PREFERRED_LEGACY]
    for match in charset_normalizer.from_bytes(data[:SAMPLE_BYTES]):
        if match.encoding not in candidates:
            candidates.append(match.encoding)
    decoded: list[tuple[float, int, int, str]] = []
    for rank, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        sample = text[:SAMPLE_CHARS]
        decoded.append((mess_ratio(sample, 1.0), _symbols_inside_words(sample), rank, text))
    if not decoded:
        return None
    least_mess = min(mess for mess, *_ in decoded)
    if least_mess > _MAX_MESS:
        return None
    near_ties = [entry for entry in decoded if entry[0] <= least_mess + _MESS_TIE]
    return min(near_ties, key=lambda entry: (entry[1], entry[2]))[3]


def _symbols_inside_words(text: str) -> int:
    """Symbols wedged between letters ("wybuch³y"): the mark of the wrong one of two similar code pages."""
    return sum(
        left.isalpha()
        and right.isalpha()
        and not (middle.isalpha() or middle.isspace() or middle in _WORD_JOINERS)
        for left, middle, right in zip(text, text[1:], text[2:], strict=False)
    )


def _control_share(text: str) -> float:
    return len(_CONTROL_CHARS.findall(text)) / len(text) if text else 0.0
