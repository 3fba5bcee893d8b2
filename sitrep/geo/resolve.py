"""Toponym resolution: choose, for each recognised name, the place the article means.

Each candidate gets a prior from what it is (a country, a province, a capital, a town) and how many people
live there; then context from the whole article: the countries the article's unambiguous names point to,
the admin hierarchy written next to a name ("Jableh, Latakia", "Minakulu (Oyam, Northern)"), the kind word
("Latakia province"), and distance to the other places mentioned. Two passes: the first picks each name's
likeliest place from its prior alone, the second rescores every candidate against those picks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from sitrep.geo.distance import km
from sitrep.geo.fold import fold
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.recognise import Toponym
from sitrep.geo.store import PlaceRow
from sitrep.model import Document, Mention, Place, Span

# Prior for what a place is: a country or province name is usually meant as that, not as a town.
FEATURE_PRIOR = {"PCLI": 4.0, "ADM1": 2.0, "PPLC": 2.5, "PPLA": 1.5, "ADM2": 0.5, "PPLA2": 0.8, "AREA": 0.5}
# A division's population counts for less than a town's: "Homs" is the city more often than its province.
POPULATION_WEIGHT = {"ADM1": 0.25, "ADM2": 0.25}
ADMIN_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADMD"})
LEVEL_CODES = {"admin1": ("ADM1",), "admin2": ("ADM2", "ADMD"), "town": ()}
PLACE = "PLACE"
# "Syrian", "Turks": a country's people or things, not the place; kept apart so no event is placed there.
DEMONYM = "DEMONYM"
COUNTRY_WEIGHT = 5.0
# A town named like the province it lies in is usually its seat and usually what a bare name means (Homs).
NAMESAKE_BONUS = 1.0
HIERARCHY_GAP = re.compile(r"^\s*(?:,|\(|,\s*in|\s+in|\s+-)\s*$")


@dataclass(slots=True)
class Choice:
    toponym: Toponym
    place: PlaceRow
    score: float


def resolve(
    gazetteer: Gazetteer, doc: Document, toponyms: list[Toponym], capitals: list[Span]
) -> list[Mention]:
    """Mentions for resolved toponyms, plus "the capital" resolved to the article's country's capital."""
    text = doc.text
    countries = country_weights([_first_choice(t) for t in toponyms if not t.variant])
    toponyms = [t for t in toponyms if not t.variant or _restrict_to(t, countries)]
    firsts = [_first_choice(t) for t in toponyms]
    choices = [_best(gazetteer, text, t, firsts) for t in toponyms]
    mentions = [_mention(gazetteer, text, choice) for choice in choices]
    main = max(countries, key=countries.__getitem__, default=None)
    capital = gazetteer.capital(main) if main else None
    if capital is not None:
        for span in capitals:
            mentions.append(
                Mention(span, "PLACE", span.of(text), _place(gazetteer, capital, span, near=False))
            )
    mentions.sort(key=lambda m: m.span)
    return mentions


def _first_choice(toponym: Toponym) -> Choice:
    best = max(toponym.candidates, key=prior)
    return Choice(toponym, best, prior(best))


def _restrict_to(toponym: Toponym, countries: Counter[str]) -> bool:
    """Keep a spelling variant's candidates in the countries the article names; False when none is left."""
    toponym.candidates = [c for c in toponym.candidates if c.country_code in countries]
    return bool(toponym.candidates)


def prior(row: PlaceRow) -> float:
    """What a place is and how many live there, before any context: 0 for a village, ~8 for a country."""
    code = row.feature_code or ""
    return FEATURE_PRIOR.get(code, 0.0) + POPULATION_WEIGHT.get(code, 0.5) * math.log10(row.population + 1)


def country_weights(choices: list[Choice]) -> Counter[str]:
    """How strongly the article points at each country: a named country counts 3, a place 1."""
    weights: Counter[str] = Counter()
    for choice in choices:
        code = choice.place.country_code
        if code:
            ambiguity = len({c.country_code for c in choice.toponym.candidates})
            weights[code] += (3.0 if choice.place.is_country else 1.0) / ambiguity
    return weights


def _best(gazetteer: Gazetteer, text: str, toponym: Toponym, firsts: list[Choice]) -> Choice:
    others = [c for c in firsts if c.toponym.key != toponym.key]
    context = country_weights(others)  # the other names' countries: a name does not vote for itself
    total = sum(context.values()) or 1.0
    around = _hierarchy_context(text, toponym, firsts)

    def score(row: PlaceRow) -> float:
        value = prior(row)
        value += COUNTRY_WEIGHT * context.get(row.country_code or "", 0.0) / total
        value += 5.0 * _inside_any(row, around)
        value += _level_bonus(toponym, row)
        value += _proximity(row, others)
        value += NAMESAKE_BONUS * namesake_seat(gazetteer, toponym.key, row)
        return value

    best = max(toponym.candidates, key=score)
    return Choice(toponym, best, score(best))


def _hierarchy_context(text: str, toponym: Toponym, firsts: list[Choice]) -> list[PlaceRow]:
    """Candidates of the names written right after this one as its admin context ("X, Latakia", "X (Oyam")."""
    context: list[PlaceRow] = []
    end = toponym.span.end
    for choice in firsts:
        start = choice.toponym.span.start
        if start < end:
            continue
        if not HIERARCHY_GAP.match(text[end:start]):
            break
        context.extend(c for c in choice.toponym.candidates if c.feature_code in ADMIN_CODES or c.is_country)
        end = choice.toponym.span.end
    return context


def namesake_seat(gazetteer: Gazetteer, key: str, row: PlaceRow) -> bool:
    """Whether ``row`` is a town called ``key`` inside a province of the same name."""
    if row.feature_class != "P":
        return False
    admin1 = gazetteer.admin1_name(row.country_code, row.admin1_code)
    return admin1 is not None and fold(admin1) == key


def _inside_any(row: PlaceRow, admins: list[PlaceRow]) -> float:
    for admin in admins:
        if admin.country_code != row.country_code or admin.id == row.id:
            continue
        if admin.is_country:
            return 1.0
        if admin.feature_code == "ADM1" and admin.admin1_code == row.admin1_code:
            return 1.0
        if admin.feature_code in ("ADM2", "ADMD") and admin.admin2_code == row.admin2_code:
            return 1.0
    return 0.0


def _level_bonus(toponym: Toponym, row: PlaceRow) -> float:
    if toponym.level is None:
        return 0.0
    if toponym.level == "town":
        return 2.0 if (row.feature_class or "P") in ("P", "S") else 0.0
    return 5.0 if row.feature_code in LEVEL_CODES[toponym.level] else 0.0


def _proximity(row: PlaceRow, others: list[Choice]) -> float:
    """Closeness to the other towns the article names: 1.5 within 50 km, 1 within 200, 0.5 within 500.

    Divisions' points are centroids, which say little about distance, so divisions neither get nor give it.
    """
    if row.latitude is None or row.longitude is None or row.feature_class == "A":
        return 0.0
    distances = [
        km(row.latitude, row.longitude, c.place.latitude, c.place.longitude)
        for c in others
        if c.place.latitude is not None and c.place.longitude is not None and c.place.feature_class != "A"
    ]
    nearest = min(distances, default=math.inf)
    return 1.5 if nearest < 50 else 1.0 if nearest < 200 else 0.5 if nearest < 500 else 0.0


def _mention(gazetteer: Gazetteer, text: str, choice: Choice) -> Mention:
    toponym = choice.toponym
    place = _place(gazetteer, choice.place, toponym.span, toponym.near)
    span = toponym.span
    if toponym.region is not None and (choice.place.is_country or choice.place.feature_code == "ADM1"):
        span = toponym.region
        place = _region(place, span.of(text), span)
    label = DEMONYM if choice.place.is_country and toponym.key in gazetteer.demonyms else PLACE
    return Mention(span, label, span.of(text), place)


def _place(gazetteer: Gazetteer, row: PlaceRow, span: Span, near: bool) -> Place:
    """A Place from a gazetteer row, with geo_precision and where_prec from its kind and context."""
    country = gazetteer.country(row.country_code)
    geo_precision, where_prec = _precision(row, near)
    is_country = row.is_country
    return Place(
        name=row.name,
        country=country.name if country else None,
        country_code=row.country_code,
        admin1=None if is_country else gazetteer.admin1_name(row.country_code, row.admin1_code),
        admin2=None if is_country else gazetteer.admin2_name(row),
        latitude=None if is_country else row.latitude,
        longitude=None if is_country else row.longitude,
        geonames_id=row.id if row.id > 0 else None,
        feature_code=row.feature_code,
        geo_precision=geo_precision,
        where_prec=where_prec,
        span=span,
    )


def _precision(row: PlaceRow, near: bool) -> tuple[int | None, int]:
    """(geo_precision, where_prec): a country has none; provinces and regions 3; towns 1, or 2 near."""
    code = row.feature_code or ""
    if row.is_country:
        return None, 6
    if code == "ADM1":
        return 3, 4
    if code.startswith("ADM"):
        return 3, 3
    if row.feature_class == "L" or code in ("RGN", "AREA"):
        return 3, 5
    return (2, 2) if near else (1, 1)


def _region(place: Place, name: str, span: Span) -> Place:
    """ "north-west Syria": part of a country (no point of its own) or part of a province (its point)."""
    is_country = place.geo_precision is None
    return Place(
        name=name,
        country=place.country,
        country_code=place.country_code,
        admin1=place.admin1,
        latitude=None if is_country else place.latitude,
        longitude=None if is_country else place.longitude,
        geonames_id=None,
        feature_code="RGN",
        geo_precision=3,
        where_prec=5 if is_country else 4,
        span=span,
    )
