"""Folding names so that spellings of one place meet: accents, case, apostrophes, transliteration variants.

``fold`` is exact-match folding (Ţarţūs -> tartus, Deir ez-Zor -> deir ez zor); ``fold_with_offsets`` does
the same to an article while remembering where each folded character came from; ``variant_key`` goes
further and merges transliterations of one Arabic/Persian/Turkic name (Jableh, Jablah, Jebleh -> jabla;
Tartous -> tartus), so it is only used to find candidates that a fuzzy score then confirms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter plus marks.
_SPECIAL_LETTERS = {
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
    "ə": "a",
}
# Apostrophes and ayn/hamza signs vanish (Ma'arrat, Maʿarrat -> maarrat); dashes and dots become spaces.
_VANISHING = set("'’‘`´ʿʾʻʼ\u02bf\u02be\u0640")  # includes Arabic tatweel
_SPACING = set("-‐‑‒–—_/.·")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded: '' for marks and apostrophes, ' ' for dashes, else lowercase base letters."""
    if char in _VANISHING:
        return ""
    if char in _SPACING:
        return " "
    lower = char.lower()
    if lower in _SPECIAL_LETTERS:
        return _SPECIAL_LETTERS[lower]
    decomposed = unicodedata.normalize("NFKD", lower)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept if kept.isprintable() else " "


_UNICODE_TABLE = str.maketrans(
    {**_SPECIAL_LETTERS, **{c: None for c in _VANISHING}, **{c: " " for c in _SPACING}}
)


def _combining_marks() -> re.Pattern[str]:
    """A character class of every combining mark, as ranges (a class of single characters is slower)."""
    ranges: list[list[int]] = []
    for code in range(0x30000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(z))}" for a, z in ranges) + "]+")


_COMBINING = _combining_marks()
_ASCII_TABLE = bytes.maketrans(b"-_/.", b"    ")


def fold(text: str) -> str:
    """Lowercase, accent-free, apostrophe-free, single-spaced form of a name."""
    if text.isascii():
        return " ".join(text.lower().encode().translate(_ASCII_TABLE, b"'`").decode().split())
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_UNICODE_TABLE))
    return " ".join(_COMBINING.sub("", decomposed).split())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` character by character; ``origins[i]`` is the index in ``text`` of folded char ``i``.

    The apostrophe of a possessive ("Syria's") becomes a space, so the name before it stays a whole word.
    Whitespace runs are kept (not collapsed) so a match in the folded text maps back to one span of the
    original; names are folded with single spaces, so the article's whitespace is normalised to single
    spaces too (newlines included).
    """
    mapped = text.translate(_ONE_CHAR_FOLDS)
    if _LONGER in mapped:  # a letter folding to two ("ß" -> "ss"): rare, done one character at a time
        return _fold_char_by_char(text)
    for match in _APOSTROPHE_S.finditer(text):
        if _is_possessive(text, match.start()):
            mapped = f"{mapped[: match.start()]} {mapped[match.start() + 1 :]}"
    origins: list[int] = []
    kept_from = 0
    for dropped in _DROPPED_RUN.finditer(mapped):
        origins.extend(range(kept_from, dropped.start()))
        kept_from = dropped.end()
    origins.extend(range(kept_from, len(mapped)))
    return _DROPPED_RUN.sub("", mapped), origins


# Placeholders in the mapped text: folding never yields them, as it turns unprintable characters to spaces.
_NOTHING = "\x00"  # a character folded to nothing (an apostrophe, a combining mark)
_LONGER = "\x01"  # a character folded to more than one
# What folding drops from the mapped text: placeholders for nothing, and each space after a space (a
# character folded to nothing between two spaces keeps both, as folding one character at a time does).
_DROPPED_RUN = re.compile(r"\x00+|(?<= ) +")
_APOSTROPHE_S = re.compile(r"['’](?=[sS])")


class _OneCharFolds(dict[int, str]):
    """A ``str.translate`` table filled on demand: each character's fold when it is one character long,
    else a placeholder; whitespace folds to a space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        piece = " " if char.isspace() else fold_char(char)
        value = piece if len(piece) == 1 else _NOTHING if not piece else _LONGER
        self[code] = value
        return value


_ONE_CHAR_FOLDS = _OneCharFolds()


def _fold_char_by_char(text: str) -> tuple[str, list[int]]:
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        piece = " " if char.isspace() or _is_possessive(text, index) else fold_char(char)
        if piece == " " and folded and folded[-1] == " ":
            continue
        folded.append(piece)
        origins.extend([index] * len(piece))
    return "".join(folded), origins


def _is_possessive(text: str, index: int) -> bool:
    return (
        text[index] in "'’"
        and text[index + 1 : index + 2] in ("s", "S")
        and not text[index + 2 : index + 3].isalpha()
    )


# Transliteration variants of a folded name. Romanisations of Arabic, Persian and Turkish names alternate
# between these spellings (sources: UNGEGN and BGN/PCGN romanisation tables, and the variants GeoNames lists
# as alternate names of Syrian, Iraqi and Lebanese places). Letter groups are replaced in one leftmost-longest
# pass; the article, a final h, doubled letters and spaces are then removed.
_LETTER_GROUPS = {
    "ou": "u", "oo": "u", "uu": "u",
    "ee": "i", "ei": "i", "ie": "i", "ii": "i", "iy": "i", "yi": "i", "ey": "i",
    "ai": "a", "ay": "a", "aa": "a",
    "kh": "h", "sch": "s", "sh": "s", "ch": "s",
    "ck": "k", "dh": "d", "th": "d",
    "dzh": "j", "dj": "j", "zh": "j",
}  # fmt: skip
_SINGLE_LETTERS = str.maketrans({"q": "k", "c": "k", "w": "u", "e": "a", "o": "u", "y": "i"})
_LETTERS = re.compile("|".join(sorted(_LETTER_GROUPS, key=len, reverse=True)))
_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|en|il)\s+|\b(?:al|el)(?=[a-z]{3})")
_FINAL_H = re.compile(r"(?<=[a-z])h\b")
_DOUBLED_OR_SPACE = re.compile(r"([a-z])\1+|\s+")


def variant_key(folded: str) -> str:
    """A coarse key shared by transliterations of one name; compare candidates with a fuzzy score after."""
    key = _ARTICLE.sub("", folded)
    key = _LETTERS.sub(lambda m: _LETTER_GROUPS[m.group()], key).translate(_SINGLE_LETTERS)
    key = _FINAL_H.sub("", key)
    return _DOUBLED_OR_SPACE.sub(r"\1", key)
