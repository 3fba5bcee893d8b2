"""Toponym recognition: find place names in an article and hand them to resolution.

A name counts when the folded text contains it on word boundaries (Aho-Corasick over every recognisable
name of the gazetteer), it is capitalised as a name is, it is not a common English word standing where
capitals mean nothing, and it is not the first or last name of a person or organisation ("Michael Jordan",
"Hayat Tahrir al-Sham"). Spelling variants the gazetteer lacks (Jebleh for Jablah) are found by
transliteration key among capitalised words left over, and confirmed with a fuzzy score. Context around the
name sets how precise the place is ("near X", "the outskirts of X", "X countryside": near a town;
"X province": the province), and "the capital" and directional regions ("north-west Syria") become
mentions of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.geo.default import DATA
from sitrep.geo.fold import fold, fold_with_offsets
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.store import PlaceRow
from sitrep.model import Document, Mention, Span


def _name_words() -> dict[str, frozenset[str]]:
    """Grammar words of place names by kind (particle, direction, admin1, admin2, town, near)."""
    lines = (DATA / "name_words.tsv").read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line and not line.startswith("#"))
    return {kind: frozenset(words.split()) for kind, words in rows}


NAME_WORDS = _name_words()
PARTICLES = NAME_WORDS["particle"]
DIRECTIONS = NAME_WORDS["direction"]
ADMIN1_WORDS, ADMIN2_WORDS, TOWN_WORDS = NAME_WORDS["admin1"], NAME_WORDS["admin2"], NAME_WORDS["town"]
CALENDAR_WORDS = NAME_WORDS["calendar"]
KIND_WORDS = ADMIN1_WORDS | ADMIN2_WORDS | TOWN_WORDS | NAME_WORDS["near"] | {"area"}

# "near X", "on the outskirts of X", "north of X", "10 km east of X", "the countryside of X": near a place.
NEAR_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\boutside(?: of)?|\baround|\bclose to|\boutskirts of|\bvicinity of|\bcountryside of|"
    r"\bsuburbs? of|\bcountryside|\boutskirts|\b(?:north|south|east|west|north-?east|north-?west|"
    r"south-?east|south-?west)(?:ern)? of|\d+\s*(?:km|kms|kilometres|kilometers|miles)(?: \w+)? of)"
    r"\s+(?:the\s+)?(?:(?:city|town|village|province|governorate|district) of\s+)?$",
    re.IGNORECASE,
)
NEAR_AFTER = re.compile(rf"^(?:['’]s)?\s+(?:{'|'.join(NAME_WORDS['near'])})\b", re.IGNORECASE)
LEVEL_BEFORE = re.compile(rf"\b({'|'.join(ADMIN1_WORDS | ADMIN2_WORDS)}) of\s+$", re.IGNORECASE)
KIND_AFTER = re.compile(r"^\s+([a-z-]+)\b", re.IGNORECASE)
DIRECTION_BEFORE = re.compile(
    r"(?:\bthe\s+)?\b((?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central)\s+$", re.IGNORECASE
)
CAPITAL = re.compile(r"\bthe\s+(?:\w+(?:'s)?\s+)?capital\b(?!\s+(?:of|city of)\b)", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LETTERS = re.compile(r"[^\W\d_]+")
NEXT_WORD = re.compile(r"[ -]+([^\W\d_]+)")
ACRONYM = re.compile(r"[A-Z]{2,5}")
POSSESSIVE = re.compile(r"['’]s$")
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“”‘(]|—|--)\s*$")
# Spellings sharing a transliteration key must also be this similar (Jebleh/Jablah 67, Bashar/Bassar 83):
# a loose check, since variants are also held to the countries the article's exact names point to.
MIN_VARIANT_SCORE = 60.0
# Zipf frequency above which a common-word place name is never taken alone (see make_stoplist.py).
ALWAYS_COMMON_ZIPF = 4.0
# A place this populous, a country or a first-level division is known well enough to pass the stoplist.
WELL_KNOWN_POPULATION = 1_000_000
# A place named like a common given name or surname ("Kelly", "Donald") must be this big to be taken alone.
PERSON_NAME_POPULATION = 100_000


@dataclass(slots=True)
class Toponym:
    """A recognised name before resolution, with what its context says about it."""

    span: Span
    key: str
    candidates: list[PlaceRow]
    near: bool = False
    level: str | None = None  # "admin1", "admin2" or "town" when a kind word says so
    region: Span | None = None  # "north-west Syria": the span with its direction word
    variant: bool = False  # found by transliteration key, not by an exact name
    extras: dict[str, str] = field(default_factory=dict)


def recognise(gazetteer: Gazetteer, doc: Document) -> list[Mention]:
    """PLACE mentions of ``doc``, each with a resolved Place."""
    from sitrep.geo.resolve import resolve

    toponyms = find_toponyms(gazetteer, doc.text)
    return resolve(gazetteer, doc, toponyms, capital_spans(doc.text, toponyms))


def toponyms_at(gazetteer: Gazetteer, text: str, spans: list[Span]) -> list[Toponym]:
    """Toponyms for spans someone else found (gold annotations): each looked up as written, minus "the"."""
    found = []
    for span in sorted(set(spans)):
        name = LEADING_THE.sub("", span.of(text))
        candidates = gazetteer.lookup(name)
        if candidates:
            toponym = Toponym(span, fold(name), candidates)
            _read_context(text, toponym)
            found.append(toponym)
    return found


def find_toponyms(gazetteer: Gazetteer, text: str) -> list[Toponym]:
    """Names of places in ``text``, in text order, none overlapping."""
    folded, origins = fold_with_offsets(text)
    found: list[Toponym] = []
    for span, key in _longest_first(_exact_matches(gazetteer, folded, origins)):
        if any(span.overlaps(t.span) for t in found) or not _looks_like_a_name(text, span):
            continue
        candidates = gazetteer.places(key)
        if ACRONYM.fullmatch(span.of(text)):
            candidates = [c for c in candidates if c.is_country]  # "USA", not "SANA" for Sanaa
        if (
            candidates
            and _passes_stoplist(gazetteer, text, span, key, candidates)
            and _not_a_person(gazetteer, key, candidates)
        ):
            found.append(Toponym(span, key, candidates))
    found.extend(_variant_matches(gazetteer, text, found))
    found.sort(key=lambda t: t.span)
    embedded = [t for t in found if _embedded_in_a_name(gazetteer, text, t.span)]
    # "Megyn Kelly ... Kelly said": a little-known name seen inside a person's name is that person throughout.
    people = {
        t.key for t in embedded if not any(_well_known(c, PERSON_NAME_POPULATION) for c in t.candidates)
    }
    kept = [t for t in found if t not in embedded and t.key not in people]
    for toponym in kept:
        toponym.span = _with_abbreviation_dot(text, toponym.span)
        _read_context(text, toponym)
    return kept


def _with_abbreviation_dot(text: str, span: Span) -> Span:
    """ "U.S." keeps its last full stop, which folding turned into a word boundary."""
    if text[span.end : span.end + 1] == "." and re.search(r"(?:^|\.)\w$", span.of(text)):
        return Span(span.start, span.end + 1)
    return span


def _exact_matches(gazetteer: Gazetteer, folded: str, origins: list[int]) -> list[tuple[Span, str]]:
    matches = []
    for end, length in gazetteer.automaton.iter(folded):
        start = end - length + 1
        if (start > 0 and folded[start - 1].isalnum()) or (
            end + 1 < len(folded) and folded[end + 1].isalnum()
        ):
            continue
        matches.append((Span(origins[start], origins[end] + 1), folded[start : end + 1]))
    return matches


def _longest_first(matches: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    return sorted(matches, key=lambda m: (-(m[0].end - m[0].start), m[0].start))


def _looks_like_a_name(text: str, span: Span) -> bool:
    """Capitalised as a name: the first word (after a direction word) and every long word but particles
    and kind words ("Deir ez-Zor", "eastern Ghouta", "Latakia province")."""
    words = LETTERS.findall(span.of(text))
    significant = [w for w in words if w.lower() not in DIRECTIONS]
    if not significant or not _capitalised(significant[0]):
        return False
    lowercase_allowed = PARTICLES | KIND_WORDS
    return all(_capitalised(w) or w.lower() in lowercase_allowed or len(w) < 4 for w in significant[1:])


def _capitalised(word: str) -> bool:
    first = word[0]
    return first.isupper() or not first.islower()  # scripts without case (Arabic) count as capitalised


def _passes_stoplist(
    gazetteer: Gazetteer, text: str, span: Span, key: str, candidates: list[PlaceRow]
) -> bool:
    zipf = gazetteer.stoplist.get(key)
    if zipf is None or any(_well_known(c) for c in candidates):
        return True
    if zipf >= ALWAYS_COMMON_ZIPF:
        return False
    return not (_sentence_initial(text, span.start) or _in_title_case_line(text, span))


def _not_a_person(gazetteer: Gazetteer, key: str, candidates: list[PlaceRow]) -> bool:
    """A common given name or surname is a person unless a well-known place has it ("Jackson" is)."""
    return key not in gazetteer.person_names or any(
        _well_known(c, PERSON_NAME_POPULATION) for c in candidates
    )


def _well_known(row: PlaceRow, population: int = WELL_KNOWN_POPULATION) -> bool:
    return row.is_country or row.feature_code in ("ADM1", "PPLC") or row.population >= population


def _sentence_initial(text: str, start: int) -> bool:
    return SENTENCE_START.search(text[max(0, start - 80) : start]) is not None


def _in_title_case_line(text: str, span: Span) -> bool:
    """A headline-like line where most words are capitalised, so a capital says nothing about a name."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    words = [
        w for w in WORD.findall(text[line_start : line_end if line_end >= 0 else len(text)]) if len(w) > 3
    ]
    return len(words) >= 3 and sum(_capitalised(w) for w in words) >= 0.7 * len(words)


def _embedded_in_a_name(gazetteer: Gazetteer, text: str, span: Span) -> bool:
    """Part of a longer capitalised name that is not a place: "Michael Jordan", "Jordan Peterson".

    The words right before the name (across name particles: "Bashar al-Assad") and right after it are
    looked at; one that is capitalised and not a common English word ("In", "Airport", "Times"), a kind
    word ("Province"), a direction, a day or a month makes the name part of something else. A comma or a
    line break ends a name.
    """
    for neighbour in (_word_before(gazetteer, text, span.start), _word_after(gazetteer, text, span.end)):
        if neighbour is None:
            continue
        word = neighbour.of(text)
        lower = word.lower()
        if not (word[0].isupper() and word.isalpha()) or fold(word) in gazetteer.stoplist:
            continue
        if lower not in KIND_WORDS and lower not in DIRECTIONS and lower not in CALENDAR_WORDS:
            return True
    return False


def _is_name_particle(gazetteer: Gazetteer, word: str, joined: bool) -> bool:
    """A particle inside a personal or place name ("al" of "al-Assad"), not an English word ("on", "of")."""
    return word.lower() in PARTICLES and (joined or fold(word) not in gazetteer.stoplist)


def _word_before(gazetteer: Gazetteer, text: str, offset: int) -> Span | None:
    """The word before ``offset`` across spaces, hyphens and name particles, or None past punctuation."""
    for match in reversed(list(WORD.finditer(text, max(0, offset - 60), offset))):
        gap = text[match.end() : offset]
        if gap.strip(" -") or "\n" in gap:
            return None
        if not _is_name_particle(gazetteer, match.group(), joined="-" in gap):
            return Span(match.start(), match.end())
        offset = match.start()
    return None


def _word_after(gazetteer: Gazetteer, text: str, offset: int) -> Span | None:
    """The word after ``offset`` across spaces, hyphens and name particles, or None past punctuation."""
    while (match := NEXT_WORD.match(text, offset)) is not None:
        joined = text[match.end(1) : match.end(1) + 1] == "-"
        if not _is_name_particle(gazetteer, match.group(1), joined):
            return Span(match.start(1), match.end(1))
        offset = match.end()
    return None


def _variant_matches(gazetteer: Gazetteer, text: str, found: list[Toponym]) -> list[Toponym]:
    """Capitalised words the exact matcher missed, matched by transliteration key and a fuzzy score."""
    matches = []
    for match in WORD.finditer(text):
        word = POSSESSIVE.sub("", match.group())
        span = Span(match.start(), match.start() + len(word))
        if len(word) < 5 or not word[0].isupper() or any(span.overlaps(t.span) for t in found):
            continue
        key = fold(word)
        if key in gazetteer.stoplist or _sentence_initial(text, span.start):
            continue
        scored = [(fuzz.ratio(key, name), name) for name in gazetteer.variant_names(key)]
        score, name = max(scored, default=(0.0, ""))
        if score >= MIN_VARIANT_SCORE:
            matches.append(Toponym(span, name, gazetteer.places(name), variant=True))
    return matches


def _read_context(text: str, toponym: Toponym) -> None:
    """Set how near and at what level the text puts the place, from the words around the name."""
    before = text[max(0, toponym.span.start - 60) : toponym.span.start]
    after = text[toponym.span.end : toponym.span.end + 40]
    toponym.near = bool(NEAR_BEFORE.search(before) or NEAR_AFTER.match(after))
    kind = KIND_AFTER.match(after)
    level_word = LEVEL_BEFORE.search(before)
    word = (kind.group(1).lower() if kind else "") or (level_word.group(1).lower() if level_word else "")
    if word in ADMIN1_WORDS:
        toponym.level = "admin1"
    elif word in ADMIN2_WORDS:
        toponym.level = "admin2"
    elif word in TOWN_WORDS:
        toponym.level = "town"
    direction = DIRECTION_BEFORE.search(before)
    if direction:
        toponym.region = Span(toponym.span.start - len(before) + direction.start(1), toponym.span.end)


def capital_spans(text: str, toponyms: list[Toponym]) -> list[Span]:
    """ "the capital" standing alone (not "the capital of X", nor followed by the capital's name)."""
    spans = []
    for match in CAPITAL.finditer(text):
        after = text[match.end() : match.end() + 3].lstrip(" ,")
        named_next = any(0 <= t.span.start - match.end() <= 3 for t in toponyms)
        if not named_next and not after[:1].isupper():
            spans.append(Span(match.start(), match.end()))
    return spans
