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

from sitrep.geo.default import DATA, admin1_aliases, is_abbreviation
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
ADMIN1_ACRONYMS = frozenset(
    fold(name) for _, names in admin1_aliases().values() for name in names if name.isupper()
)
# Abbreviated divisions ("Alta.", "Miss.") by folded form: names only after a town, never the word itself.
ADMIN1_ABBREVIATIONS = frozenset(
    (fold(name), code)
    for code, (_, names) in admin1_aliases().items()
    for name in names
    if is_abbreviation(name)
)
PARTICLES = NAME_WORDS["particle"]
DIRECTIONS = NAME_WORDS["direction"]
ADMIN1_WORDS, ADMIN2_WORDS, TOWN_WORDS = NAME_WORDS["admin1"], NAME_WORDS["admin2"], NAME_WORDS["town"]
CALENDAR_WORDS = NAME_WORDS["calendar"]
FACILITY_WORDS = NAME_WORDS["facility"]
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
_KIND = "|".join(sorted(KIND_WORDS | NAME_WORDS["hierarchy"]))
_PARTICLE = "|".join(sorted(PARTICLES))
# A name the gazetteer may lack: capitalised words, hyphenated parts and name particles ("Tal al-Hamra").
_NAME = rf"[A-Z][\w'’]*(?:-[\w'’]+)*(?:\s+(?:(?:{_PARTICLE})\s+)?[A-Z][\w'’]*(?:-[\w'’]+)*){{0,3}}"
# Between a name and the next one of its admin hierarchy: a comma or an opening parenthesis after an
# optional kind word, past unknown names of the list ("Kan Pauk village (Yebyu township, Dawei district").
_GAP = rf"(?:\s+(?:{_KIND}))?\s*(?:[,(](?:\s*{_NAME}(?:\s+(?:{_KIND}))?\s*,)*\s*(?:in\s+)?|\s+in\s+|\s+-\s+)"
HIERARCHY_GAP = re.compile(rf"^{_GAP}$")
# "in Golombali (Touboro, ...": a name after a locative and before its hierarchy, maybe unknown to the
# gazetteer.
HEAD_BEFORE = re.compile(
    rf"\b(?:in|at|near|outside|around|into|towards|(?:{_KIND})\s+of)\s+(?:the\s+)?({_NAME}){_GAP}$"
)
# ", Tenn.", ", W.Va.": an abbreviated state after a town, the one place such abbreviations are names.
ABBREVIATION_AFTER = re.compile(r",\s+((?:[A-Z][a-z]{0,4}\.){1,2})(?![\w.])")
# A common word naming a division ("Central", "Northern") is one only in a hierarchy or before a kind word.
ADMIN_POSITION = re.compile(r"[,(]\s*$")
ADMIN_END = re.compile(r"^\s*(?:[),.;]|$)")
ADMIN1_KIND_AFTER = re.compile(rf"^\s+(?:{'|'.join(sorted(ADMIN1_WORDS))})\b", re.IGNORECASE)
CAPITAL = re.compile(r"\bthe\s+(?:\w+(?:'s)?\s+)?capital\b(?!\s+(?:of|city of)\b)", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LETTERS = re.compile(r"[^\W\d_]+")
# Words of one name are joined by spaces or a bare hyphen; a spaced dash separates ("Tokyo - Chiyoda").
NAME_JOINT = re.compile(r" +|-")
NEXT_WORD = re.compile(rf"(?:{NAME_JOINT.pattern})([^\W\d_]+)")
ACRONYM = re.compile(r"[A-Z]{2,5}")
# Up to three capitalised words after a name, the last of which may name a facility ("State University").
FACILITY_AFTER = re.compile(r"(?: [A-Z][\w'’-]*){1,3}")
POSSESSIVE = re.compile(r"['’]s$")
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|around|towards)\s+$")
SENTENCE_OPENERS = frozenset('.!?:;"“”‘(—')
# Spellings sharing a transliteration key must also be this similar (Jebleh/Jablah 67, Bashar/Bassar 83):
# a loose check, since variants are also held to the countries the article's exact names point to.
MIN_VARIANT_SCORE = 60.0
# Zipf frequency above which a common-word place name is never taken alone (see make_stoplist.py).
ALWAYS_COMMON_ZIPF = 4.0
# A place this populous, a country or a first-level division is known well enough to pass the stoplist.
WELL_KNOWN_POPULATION = 1_000_000
# A place named like a common given name or surname ("Kelly", "Donald") must be this big to be taken alone.
PERSON_NAME_POPULATION = 100_000


class Coverage:
    """The characters of a text that names found so far cover: an overlap test that does not grow with
    the number of names."""

    def __init__(self, length: int) -> None:
        self._covered = bytearray(length)

    def overlaps(self, span: Span) -> bool:
        return self._covered.find(1, span.start, span.end) >= 0

    def add(self, span: Span) -> None:
        self._covered[span.start : span.end] = b"\x01" * (span.end - span.start)


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
        key, candidates = fold(name), gazetteer.lookup(name)
        if not candidates:  # "Colorado State University", "Cavan Institute": the place named inside
            inner = max(find_toponyms(gazetteer, name), key=lambda t: t.span.end - t.span.start, default=None)
            key, candidates = (inner.key, inner.candidates) if inner else (key, [])
        if candidates:
            toponym = Toponym(span, key, candidates)
            _read_context(text, toponym, regions=False)  # the span is given: "southern Texas" stays Texas
            found.append(toponym)
    return found


def find_toponyms(gazetteer: Gazetteer, text: str) -> list[Toponym]:
    """Names of places in ``text``, in text order, none overlapping."""
    folded, origins = fold_with_offsets(text)
    found: list[Toponym] = []
    covered = Coverage(len(text))
    for span, key in _longest_first(_exact_matches(gazetteer, folded, origins)):
        if covered.overlaps(span) or not _looks_like_a_name(text, span):
            continue
        candidates = [c for c in gazetteer.places(key) if not _abbreviated(key, c)]
        if ACRONYM.fullmatch(span.of(text)):  # "USA", "EU" and "NSW", not "SANA" for Sanaa
            candidates = [c for c in candidates if _acronym_of(gazetteer, key, c)]
        if candidates and (
            (
                _passes_stoplist(gazetteer, text, span, key, candidates)
                and _not_a_person(gazetteer, key, candidates)
            )
            or _after_locative(text, span)
        ):
            found.append(Toponym(span, key, candidates))
            covered.add(span)
    found.extend(_variant_matches(gazetteer, text, covered))
    found.sort(key=lambda t: t.span)
    embedded = [t for t in found if _embedded_in_a_name(gazetteer, text, t.span)]
    # "Megyn Kelly ... Kelly said": a little-known name seen inside a person's name is that person throughout.
    people = {
        t.key for t in embedded if not any(_well_known(c, PERSON_NAME_POPULATION) for c in t.candidates)
    }
    kept = [t for t in found if t not in embedded and t.key not in people]
    states = _abbreviated_states(gazetteer, text, kept)  # "Winnipeg, Man.": Manitoba, not a place "Man"
    kept = [t for t in kept if not any(t.span.overlaps(s.span) for s in states)] + states
    kept.extend(_unknown_heads(gazetteer, text, kept))
    kept.sort(key=lambda t: t.span)
    for toponym in kept:
        toponym.span = _with_abbreviation_dot(text, toponym.span)
        _read_context(text, toponym)
        toponym.span = _with_facility(text, toponym.span)
    return kept


def _with_facility(text: str, span: Span) -> Span:
    """ "Colorado State University", "Dubai World Cup": the mention spans the site or body named after the
    place (which stays the mention's place), so its evidence shows what the text names."""
    match = FACILITY_AFTER.match(text, span.end)
    if match is None:
        return span
    words = match.group().split()
    for count in range(len(words), 0, -1):
        if words[count - 1].lower() in FACILITY_WORDS:
            return Span(span.start, span.end + len(" ".join(words[:count])) + 1)
    return span


def _abbreviated_states(gazetteer: Gazetteer, text: str, found: list[Toponym]) -> list[Toponym]:
    """ "Paris, Tenn.": an abbreviated first-level division written after a town."""
    states = []
    for toponym in found:
        match = ABBREVIATION_AFTER.match(text, toponym.span.end)
        if match is None:
            continue
        span = Span(match.start(1), match.end(1))
        candidates = [c for c in gazetteer.lookup(match.group(1)) if c.feature_code == "ADM1"]
        if candidates:
            states.append(Toponym(span, fold(match.group(1)), candidates))
    return states


def _unknown_heads(gazetteer: Gazetteer, text: str, found: list[Toponym]) -> list[Toponym]:
    """Names the gazetteer lacks, written after a locative and before their admin hierarchy.

    "in Golombali (Touboro, Mayo-Rey, Nord)", "near Beit Ana, Latakia": a toponym with no candidates,
    which resolution places at the hierarchy's narrowest known place.
    """
    heads = []
    for toponym in found:
        before = text[max(0, toponym.span.start - 160) : toponym.span.start]
        match = HEAD_BEFORE.search(before)
        if match is None:
            continue
        offset = toponym.span.start - len(before)
        span = Span(offset + match.start(1), offset + match.end(1))
        key = fold(match.group(1))
        words = key.split()
        if (
            any(span.overlaps(t.span) for t in (*found, *heads))
            or words[0] in CALENDAR_WORDS
            or key in gazetteer.stoplist
            or key in gazetteer.demonyms
        ):
            continue
        heads.append(Toponym(span, key, []))
    return heads


def _abbreviated(key: str, row: PlaceRow) -> bool:
    """Whether ``key`` names ``row`` only as an abbreviation ("alta" is Alberta only when written "Alta.")."""
    return (
        key,
        f"{row.country_code}.{row.admin1_code}",
    ) in ADMIN1_ABBREVIATIONS and row.feature_code == "ADM1"


def _acronym_of(gazetteer: Gazetteer, key: str, row: PlaceRow) -> bool:
    """Acronyms name countries, bodies ("EU") and the divisions ``admin1_aliases.tsv`` spells so ("NSW")."""
    return (
        row.is_country or key in gazetteer.demonyms or (row.feature_code == "ADM1" and key in ADMIN1_ACRONYMS)
    )


def _with_abbreviation_dot(text: str, span: Span) -> Span:
    """ "U.S." keeps its last full stop, which folding turned into a word boundary."""
    if text[span.end : span.end + 1] == "." and re.search(r"(?:^|\.)\w$", span.of(text)):
        return Span(span.start, span.end + 1)
    return span


def _exact_matches(gazetteer: Gazetteer, folded: str, origins: list[int]) -> list[tuple[Span, str]]:
    return [
        (Span(origins[start], origins[end - 1] + 1), folded[start:end])
        for start, end in gazetteer.name_matches(folded)
    ]


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


def _after_locative(text: str, span: Span) -> bool:
    """ "demonstrated in Tours", "gathered in Chester": after a lowercase locative a capitalised word is a
    place even when it is also a common word or a surname (days and months aside)."""
    key = fold(span.of(text))
    if key in CALENDAR_WORDS or _is_a_date(key):
        return False
    return LOCATIVE_BEFORE.search(text, max(0, span.start - 12), span.start) is not None


def _passes_stoplist(
    gazetteer: Gazetteer, text: str, span: Span, key: str, candidates: list[PlaceRow]
) -> bool:
    """Whether a name that may be a common word stands as a place here.

    Days, months, feasts and dates never do. A phrase of common words ("White House", "Big Creek") does only
    as some place's own name, not as another's translation. A common word does when a well-known place has
    it, except a division named by a common word ("Central", "Northern"), which needs a hierarchy or a
    kind word around it ("(Kampala, Central)", "Northern region"); a rarer one when its capital means
    something (not at a sentence start or in a headline).
    """
    if key in CALENDAR_WORDS or _is_a_date(key):
        return False
    zipf = gazetteer.stoplist.get(key)
    if zipf is None:
        return not _common_phrase(gazetteer, key, candidates)
    common = zipf >= ALWAYS_COMMON_ZIPF
    if any(_well_known(c) and not (common and c.feature_code == "ADM1") for c in candidates):
        return True
    if any(c.feature_code == "ADM1" for c in candidates) and _in_admin_position(text, span):
        return True
    if common:
        return False
    return not (_sentence_initial(text, span.start) or _in_title_case_line(text, span))


def _is_a_date(key: str) -> bool:
    """ "28 May", "1 May": a day of a month, whatever place is named after it."""
    words = key.split()
    return any(w.isdigit() for w in words) and any(w in CALENDAR_WORDS for w in words)


def _common_phrase(gazetteer: Gazetteer, key: str, candidates: list[PlaceRow]) -> bool:
    """Several common English words that no candidate (nor a country) has as its own name."""
    words = key.split()
    return (
        len(words) > 1
        and all(word in gazetteer.stoplist for word in words)
        and not any(c.is_country or fold(c.name) == key for c in candidates)
    )


def _in_admin_position(text: str, span: Span) -> bool:
    """ "(Kampala, Central)", "Masindi, Western.", "the Northern region"."""
    before, after = text[max(0, span.start - 3) : span.start], text[span.end : span.end + 20]
    in_hierarchy = ADMIN_POSITION.search(before) is not None and ADMIN_END.match(after) is not None
    return in_hierarchy or ADMIN1_KIND_AFTER.match(after) is not None


def _not_a_person(gazetteer: Gazetteer, key: str, candidates: list[PlaceRow]) -> bool:
    """A common given name or surname is a person unless a well-known place has it ("Jackson" is)."""
    return key not in gazetteer.person_names or any(
        _well_known(c, PERSON_NAME_POPULATION) for c in candidates
    )


def _well_known(row: PlaceRow, population: int = WELL_KNOWN_POPULATION) -> bool:
    return row.is_country or row.feature_code in ("ADM1", "PPLC") or row.population >= population


def _sentence_initial(text: str, start: int) -> bool:
    """Whether only spaces stand between ``start`` and a line, sentence or clause opening (or 80 blank
    characters)."""
    window = text[max(0, start - 80) : start]
    before = window.rstrip()
    opened = not before or before[-1] in SENTENCE_OPENERS or before.endswith("--")
    return opened or "\n" in window[len(before) :]


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
    word ("Province"), a direction, a day or a month makes the name part of something else, and so does
    a given name before it even when it is also a common word ("Mark Zuckerberg"), unless it opens the
    sentence ("Will Turkey..."). A comma or a line break ends a name.
    """
    before = _word_before(gazetteer, text, span.start)
    for neighbour in (before, _word_after(gazetteer, text, span.end)):
        if neighbour is None:
            continue
        word = neighbour.of(text)
        lower = word.lower()
        if not (word[0].isupper() and word.isalpha()):
            continue
        given_name = neighbour is before and lower in gazetteer.person_names
        if fold(word) in gazetteer.stoplist and not (
            given_name and not _sentence_initial(text, neighbour.start)
        ):
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
        if not NAME_JOINT.fullmatch(gap):
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


def _variant_matches(gazetteer: Gazetteer, text: str, covered: Coverage) -> list[Toponym]:
    """Capitalised words the exact matcher missed (outside ``covered``), matched by transliteration key
    and a fuzzy score."""
    matches = []
    for match in WORD.finditer(text):
        token = match.group()
        if len(token) < 5 or not token[0].isupper():  # most words: checked before anything costlier
            continue
        word = POSSESSIVE.sub("", token)
        span = Span(match.start(), match.start() + len(word))
        if len(word) < 5 or covered.overlaps(span):
            continue
        key = fold(word)
        if _not_a_variant(gazetteer, key) or _sentence_initial(text, span.start):
            continue
        scored = [(fuzz.ratio(key, name), name) for name in gazetteer.variant_names(key)]
        score, name = max(scored, default=(0.0, ""))
        if score >= MIN_VARIANT_SCORE:
            matches.append(Toponym(span, name, gazetteer.places(name), variant=True))
    return matches


def _not_a_variant(gazetteer: Gazetteer, key: str) -> bool:
    """Words never taken as a spelling of a place: common words, days, names of people, nationalities."""
    return (
        key in gazetteer.stoplist
        or key in CALENDAR_WORDS
        or key in gazetteer.person_names
        or key in gazetteer.demonyms
    )


def _read_context(text: str, toponym: Toponym, regions: bool = True) -> None:
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
    direction = DIRECTION_BEFORE.search(before) if regions else None
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
