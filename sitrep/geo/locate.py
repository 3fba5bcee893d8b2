"""Where an event happened, and which country an article is about.

``event_place(doc, anchor)`` chooses among the PLACE mentions already in ``doc.mentions``:

1. Places in the trigger's own sentence, except those the text gives as somewhere people come from or went
   to rather than where the event was ("were from Idlib", "natives of X", "displaced to X", "fled to X").
   Among them, a place introduced by a locative ("in", "at", "near", "on the outskirts of", "outside",
   "around") wins over a bare one, then one in the trigger's own clause, then the nearest to the trigger;
   a place below country level wins over a country.
2. If the sentence names no known place but says "in/at/near <Capitalised Name>" ("Tensions escalated in
   Beit Ana"), that name, in the article's country, with no point and geo_precision None: a place the
   gazetteer lacks is reported by name rather than replaced by another place.
3. Else the dateline ("ALEPPO, Syria (Reuters) -") or, failing that, the article's main place: the place
   below country level it names most often (a province and its namesake town count together; the more
   precise mention stands for them), earliest first.
4. Else the country the article is about, as a country-only mention (geo_precision None, no point), so
   the event says "no place below country level" instead of taking a centroid.

``main_country(doc)`` is the country name the article's places point to most (a named country counts
three, each other place and each nationality word ("Syrian") one).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from sitrep.geo.resolve import DEMONYM, PLACE
from sitrep.model import Document, Mention, Place, Span

# Words before a place that make it a where-from or where-to rather than the event's location.
NOT_THE_SCENE = re.compile(
    r"(?:\b(?:were|was|are|is|came|come|comes|hail(?:ed|s|ing)?|originally|mostly|all|people|residents|"
    r"natives?|originat(?:e|ed|ing)|displaced|fled|flee(?:ing)?|evacuated|transferred|moved|returned|"
    r"deported|relocated|brought|taken|sent|refugees?)\s+(?:\w+\s+){0,2}(?:from|to|of|for)\s+"
    r"|\bnatives? of\s+|\bfrom\s+)(?:the\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|inside|outside|around|across|throughout|into|on)|\boutskirts of|\bvicinity of|"
    r"\bcountryside of|\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[;:]|\b(?:while|whereas|but|although|after|before|as)\b|,\s+(?:and|which|who)\b")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
DATELINE = re.compile(r"^\s*([A-Z][\w' .-]{1,40}?)(?:,\s*[\w .-]+)?\s*(?:\([^)]{1,30}\))?\s*[-—–:]")
CONTEXT_CHARS = 60
# A place name inside a compound adjective ("UK-based monitor", "US-led coalition", "Russian-backed forces")
# says who someone is, not where the event was.
ATTRIBUTIVE_AFTER = re.compile(
    r"^-(?:based|led|backed|born|made|funded|run|owned|sponsored|allied|brokered|supported|trained|armed)\b",
    re.IGNORECASE,
)
# "in Beit Ana", "near Tall Rifaat": capitalised words (with Arabic name particles) after a locative.
NAME_WORD = r"[A-Z][a-z'’]+"
NAME_PARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|ez|bin|abu|umm)-"
UNKNOWN_PLACE = re.compile(
    rf"\b(?:in|at|near|outside)\s+({NAME_WORD}(?:[ -](?:{NAME_PARTICLE}|{NAME_WORD})+){{0,3}})(?=[\s,.;:)]|$)"
)
# Capitalised words after "in" that are not places: months, days, and words capitalised at a start.
NOT_PLACE_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "response", "support"}
)  # fmt: skip


def event_place(doc: Document, anchor: Span) -> Mention | None:
    """The PLACE mention where the event triggered at ``anchor`` happened (rules in the module docstring)."""
    places = [m for m in doc.mentions if m.label == PLACE and isinstance(m.value, Place)]
    scenes = [m for m in places if not _not_the_scene(doc.text, m)]
    sentence = _sentence_of(doc, anchor)
    home = main_country(doc)
    in_sentence = [m for m in scenes if sentence.contains(m.span) and not _state_as_party(doc.text, m, home)]
    if in_sentence:
        return max(in_sentence, key=lambda m: _closeness(doc.text, anchor, m))
    unknown = _unknown_place(doc, sentence, places)
    if unknown is not None:
        return unknown
    return _dateline(doc.text, places) or _main_place(scenes) or _country_mention(scenes, main_country(doc))


def _unknown_place(doc: Document, sentence: Span, places: list[Mention]) -> Mention | None:
    """ "Tensions escalated in Beit Ana": a named place the gazetteer lacks, in the article's country.

    It is returned with its name and country only (no point, geo_precision None), rather than letting the
    event fall back to another place of the article.
    """
    country = next((m.value for m in places if m.value.country == main_country(doc)), None)
    for match in UNKNOWN_PLACE.finditer(doc.text, sentence.start, sentence.end):
        span = Span(match.start(1), match.end(1))
        words = match.group(1).split()
        if any(m.span.overlaps(span) for m in doc.mentions) or words[0].lower() in NOT_PLACE_WORDS:
            continue
        place = Place(
            name=match.group(1),
            country=country.country if country else None,
            country_code=country.country_code if country else None,
            span=span,
        )
        return Mention(span, PLACE, match.group(1), place)
    return None


def main_country(doc: Document) -> str | None:
    """The name of the country the article's places point to most, or None when it names none."""
    weights: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in doc.mentions:
        place = mention.value
        if mention.label not in (PLACE, DEMONYM) or not isinstance(place, Place) or not place.country:
            continue
        named_country = mention.label == PLACE and place.geo_precision is None and place.feature_code != "RGN"
        weights[place.country] += 3 if named_country else 1
        first_seen.setdefault(place.country, mention.span.start)
    return max(weights, key=lambda c: (weights[c], -first_seen[c]), default=None)


def _state_as_party(text: str, mention: Mention, home: str | None) -> bool:
    """A country, or a foreign capital, named without a locative is a state acting or spoken of ("the
    United States said", "US strikes", "a deal brokered by Moscow"), not where the event happened."""
    place = mention.value
    country = place.geo_precision is None and place.feature_code != "RGN"
    foreign_capital = place.feature_code == "PPLC" and place.country != home
    if not (country or foreign_capital):
        return False
    return LOCATIVE.search(text[max(0, mention.span.start - CONTEXT_CHARS) : mention.span.start]) is None


def _not_the_scene(text: str, mention: Mention) -> bool:
    after = text[mention.span.end : mention.span.end + CONTEXT_CHARS]
    return ATTRIBUTIVE_AFTER.match(after) is not None or _not_the_scene_before(text, mention.span.start)


@lru_cache(maxsize=4096)
def _not_the_scene_before(text: str, start: int) -> bool:
    """Cached: every event of an article asks about each of its places."""
    return NOT_THE_SCENE.search(text[max(0, start - CONTEXT_CHARS) : start]) is not None


def _closeness(text: str, anchor: Span, mention: Mention) -> tuple[bool, bool, bool, int]:
    """Sort key: locative first, then same clause, then below country level, then nearest."""
    before = text[max(0, mention.span.start - CONTEXT_CHARS) : mention.span.start]
    first, second = sorted((anchor, mention.span))
    gap = text[first.end : second.start]
    below_country = mention.value.geo_precision is not None
    return (LOCATIVE.search(before) is not None, CLAUSE_BREAK.search(gap) is None, below_country, -len(gap))


def _sentence_of(doc: Document, anchor: Span) -> Span:
    sentence = doc.sentence_of(anchor)
    if sentence is not None:
        return sentence
    for match in SENTENCE.finditer(doc.text):
        if match.start() <= anchor.start < match.end():
            return Span(match.start(), match.end())
    return anchor


def _dateline(text: str, places: list[Mention]) -> Mention | None:
    """A place opening the article as a dateline: "ALEPPO, Syria (Reuters) -" or "Beirut: ..."."""
    match = DATELINE.match(text)
    if match is None:
        return None
    return next(
        (m for m in places if m.span.start == match.start(1) and m.value.geo_precision is not None), None
    )


def _main_place(places: list[Mention]) -> Mention | None:
    below_country = [m for m in places if m.value.geo_precision is not None]
    counts = Counter(m.value.name for m in below_country)
    most = max(counts.values(), default=0)
    named_most = [m for m in below_country if counts[m.value.name] == most]
    first = min(named_most, key=lambda m: m.span.start, default=None)
    return min((m for m in named_most if m.value.name == first.value.name), key=_precision) if first else None


def _precision(mention: Mention) -> int:
    return mention.value.geo_precision or 9


def _country_mention(places: list[Mention], country: str | None) -> Mention | None:
    return next((m for m in places if m.value.geo_precision is None and m.value.country == country), None)
