"""Looking a place name up directly (``sitrep geocode``), without an article around it.

Candidates are the places whose names fold to the query, then those sharing its transliteration key
(Tartous -> Tartus), then, within ``country`` only, the names most similar by edit distance (rapidfuzz).
A query such as "Aleppo Governorate" is also tried without its kind word, preferring divisions then.
Each candidate is scored by how well its name matches (dominant), then by what it is and its population,
and by its distance to ``near``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from sitrep.geo.default import admin_display_name
from sitrep.geo.distance import km
from sitrep.geo.fold import fold
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import NAMESAKE_BONUS, namesake_seat, prior
from sitrep.geo.store import PlaceRow

MIN_FUZZY_SCORE = 85.0
FUZZY_LIMIT = 5
NEAR_SCALE_KM = 200.0
NEAR_WEIGHT = 6.0
DIVISION_BONUS = 5.0


@dataclass(frozen=True, slots=True)
class Match:
    query: str
    place: PlaceRow
    score: float


def geocode(
    gazetteer: Gazetteer, query: str, country: str | None = None, near: tuple[float, float] | None = None
) -> list[Match]:
    """Places ``query`` may name, best first; empty when nothing matches."""
    folded = fold(query)
    code = country.upper() if country else None
    for key in dict.fromkeys((folded, fold(admin_display_name(query)))):
        division = key != folded  # "Aleppo Governorate" asks for the governorate, not the city
        similar = _similar_names(gazetteer, key, code)
        matches = [
            Match(
                query, place, _score(place, similarity, near, division) + _seat_bonus(gazetteer, key, place)
            )
            for name, similarity in similar.items()
            for place in gazetteer.places(name)
            if code is None or place.country_code == code
        ]
        if matches:
            best = {}
            for match in sorted(matches, key=lambda m: -m.score):
                best.setdefault(match.place.id, match)
            return list(best.values())
    return []


def _similar_names(gazetteer: Gazetteer, key: str, country: str | None) -> dict[str, float]:
    """Folded names like ``key`` with a similarity in [0, 1]: exact, transliteration variants, else fuzzy."""
    names = {key: 1.0} if gazetteer.places(key) else {}
    for name in gazetteer.variant_names(key):
        names.setdefault(name, 0.9 * fuzz.ratio(key, name) / 100 + 0.05)
    if names or country is None:
        return names
    choices = gazetteer.country_names(country)
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=MIN_FUZZY_SCORE, limit=FUZZY_LIMIT)
    return {name: 0.8 * score / 100 for name, score, _ in found}


def _seat_bonus(gazetteer: Gazetteer, key: str, place: PlaceRow) -> float:
    return NAMESAKE_BONUS if namesake_seat(gazetteer, key, place) else 0.0


def _score(place: PlaceRow, similarity: float, near: tuple[float, float] | None, division: bool) -> float:
    value = 10.0 * similarity + prior(place)
    if division and (place.feature_code or "").startswith("ADM"):
        value += DIVISION_BONUS
    if near is not None and place.latitude is not None and place.longitude is not None:
        distance = km(near[0], near[1], place.latitude, place.longitude)
        value += NEAR_WEIGHT * math.exp(-distance / NEAR_SCALE_KM)
    return value


def match_record(gazetteer: Gazetteer, query: str, match: Match | None) -> dict[str, Any]:
    """The JSON object ``sitrep geocode`` prints for one query (every field null when nothing matched)."""
    if match is None:
        fields = (
            "name",
            "geonames_id",
            "latitude",
            "longitude",
            "admin1",
            "admin2",
            "country",
            "country_code",
        )
        return {"query": query, **dict.fromkeys(fields), "feature_code": None, "score": None}
    place = match.place
    country = gazetteer.country(place.country_code)
    return {
        "query": query,
        "name": place.name,
        "geonames_id": place.id if place.id > 0 else None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "admin1": gazetteer.admin1_name(place.country_code, place.admin1_code),
        "admin2": gazetteer.admin2_name(place),
        "country": country.name if country else None,
        "country_code": place.country_code,
        "feature_code": place.feature_code,
        "score": round(match.score, 3),
    }
