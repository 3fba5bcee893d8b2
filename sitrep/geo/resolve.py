"""Toponym resolution: choose, for each recognised name, the place the article means.

Each candidate gets a prior from what it is (a country, a province, a capital, a town) and how many people
live there; then context from the whole article: the countries the article's unambiguous names point to,
the admin hierarchy written next to a name ("Jableh, Latakia", "Minakulu (Oyam, Northern)"), the kind word
("Latakia province"), and distance to the other places mentioned. Two passes: the first picks each name's
likeliest place from its prior alone, the second rescores every candidate against those picks.

A name written with its admin hierarchy is read the way conflict coders read it: one place per name per
article (the hierarchy after any of its mentions counts for all), and when no place of that name lies in
the hierarchy, the name is a place the gazetteer lacks inside it. It is then reported under its own name at
the hierarchy's narrowest known place, less precisely: geo_precision 2 at a town or district, 3 at a
province (ACLED's rule for villages it cannot find). Recognition passes such unknown names with no
candidates ("in Golombali (Touboro, Mayo-Rey, Nord)").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from sitrep.geo.distance import km
from sitrep.geo.fold import fold
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.recognise import HIERARCHY_GAP, Toponym
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
# The same for the first-level division the article's other places point at.
ADMIN1_WEIGHT = 3.0
# How much one name votes for its country: a named country 3, a place 1, a nationality word ("Russian
# forces") little, since the people named are often foreigners where the events happen.
COUNTRY_VOTE, PLACE_VOTE, DEMONYM_VOTE = 3.0, 1.0, 0.25
# A place this populous named before another is not "a place the gazetteer lacks inside it".
KNOWN_POPULATION = 100_000
# A town named like the province it lies in is usually its seat and usually what a bare name means (Homs).
NAMESAKE_BONUS = 1.0
# A place of a hierarchy that is a town holds the places this close to it.
NEAR_TOWN_KM = 50.0
# How much more likely a division is than a town as the broadest name of a hierarchy ("X (Colombo)").
DIVISION_BONUS = 1.0
# A place whose own name was written beats one that merely has it among its alternate names.
OWN_NAME_BONUS = 0.5
# Feature codes a foreign name may keep against the article's context: countries, provinces, capitals.
PROMINENT_CODES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCL", "ADM1", "PPLC", "CONT"})


@dataclass(slots=True)
class Choice:
    """A toponym's place; ``within`` when the name is an unknown place inside ``place`` (its hierarchy)."""

    toponym: Toponym
    place: PlaceRow
    score: float
    within: bool = False


def resolve(
    gazetteer: Gazetteer, doc: Document, toponyms: list[Toponym], capitals: list[Span]
) -> list[Mention]:
    """Mentions for resolved toponyms, plus "the capital" resolved to the article's country's capital."""
    text = doc.text
    demonyms = gazetteer.demonyms
    known = [t for t in toponyms if t.candidates]
    countries = country_weights([_first_choice(t) for t in known if not t.variant], demonyms)
    known = [t for t in known if not t.variant or _restrict_to(t, countries)]
    firsts = [_first_choice(t) for t in known]
    chains = {id(t): _hierarchy_chain(text, t, firsts) for t in toponyms}
    around = _shared_context(known, chains)
    votes = Votes(country_votes(firsts, demonyms), admin1_votes(firsts))
    contexts: dict[str, NameContext] = {}
    for toponym in known:
        if toponym.key not in contexts:
            contexts[toponym.key] = NameContext(gazetteer, toponym.key, firsts, around[toponym.key], votes)
    choices = {id(t): contexts[t.key].best(t) for t in known}
    anchors: dict[str, PlaceRow] = {}  # names the gazetteer lacks inside their hierarchy, at its known place
    for toponym in toponyms:
        anchor = _narrowest(chains[id(toponym)])
        if anchor is not None and _lacked_inside(toponym, around.get(toponym.key, [])):
            anchors.setdefault(toponym.key, anchor)
    for toponym in toponyms:
        if toponym.key in anchors:
            choices[id(toponym)] = Choice(toponym, anchors[toponym.key], 0.0, within=True)
    main = main_country_code(
        [c for c in choices.values() if not c.within and not c.toponym.variant], demonyms
    )
    mentions = [
        _in_context(gazetteer, text, choices[id(t)], main)
        if _stray(choices[id(t)], main, firsts, around.get(t.key, []), demonyms)
        else _mention(gazetteer, text, choices[id(t)])
        for t in toponyms
        if id(t) in choices
    ]
    capital = gazetteer.capital(main) if main else None
    if capital is not None:
        for span in capitals:
            mentions.append(
                Mention(span, "PLACE", span.of(text), _place(gazetteer, capital, span, near=False))
            )
    mentions.sort(key=lambda m: m.span)
    return mentions


def main_country_code(choices: list[Choice], demonyms: frozenset[str]) -> str | None:
    """The country the resolved names point at most ("Georgia" beside Atlanta and Texas is the state, so
    the United States, not Georgia the country)."""
    weights = country_weights(choices, demonyms)
    return max(weights, key=weights.__getitem__, default=None)


def _stray(
    choice: Choice, main: str | None, firsts: list[Choice], around: list[PlaceRow], demonyms: frozenset[str]
) -> bool:
    """A small foreign place, for a name with no candidate in the country the article is mostly about, when
    the article names no other town of that foreign country (countries, provinces and capitals are often
    named as governments: "Hara" in a story about Syria is not Hara, Japan, even when the story names
    Tokyo), nor a hierarchy the place lies in ("Bougouni (Bougouni, Sikasso)" in a protest against France)."""
    row = choice.place
    if main is None or choice.within or row.country_code == main or row.feature_code in PROMINENT_CODES:
        return False
    if _inside_any(row, around):
        return False
    if row.population >= KNOWN_POPULATION:
        return False
    if any(c.country_code == main for c in choice.toponym.candidates):
        return False
    return not any(
        other.place.country_code == row.country_code and other.place.feature_code not in PROMINENT_CODES
        for other in firsts
        if other.toponym.key != choice.toponym.key and other.toponym.key not in demonyms
    )


def _in_context(gazetteer: Gazetteer, text: str, choice: Choice, main: str) -> Mention:
    """A name the gazetteer lacks in the article's country: that name in that country, with no point."""
    span = choice.toponym.span
    country = gazetteer.country(main)
    place = Place(
        name=span.of(text),
        country=country.name if country else None,
        country_code=main,
        where_prec=6,
        span=span,
    )
    return Mention(span, PLACE, span.of(text), place)


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


@dataclass(frozen=True, slots=True)
class Vote:
    """How strongly one mention points at a country or a first-level division."""

    key: str
    target: str | tuple[str | None, str | None]
    weight: float


def country_votes(choices: list[Choice], demonyms: frozenset[str]) -> list[Vote]:
    """Each mention's vote for its place's country (``COUNTRY_VOTE``, ``PLACE_VOTE``, ``DEMONYM_VOTE``),
    shared among the countries an ambiguous name may be in."""
    votes = []
    for choice in choices:
        code = choice.place.country_code
        if code:
            ambiguity = len({c.country_code for c in choice.toponym.candidates})
            if choice.toponym.key in demonyms:
                vote = DEMONYM_VOTE
            else:
                vote = COUNTRY_VOTE if choice.place.is_country else PLACE_VOTE
            votes.append(Vote(choice.toponym.key, code, vote / ambiguity))
    return votes


def admin1_votes(choices: list[Choice]) -> list[Vote]:
    """Each mention's vote for its place's first-level division: a named one counts 3, a place in it 1
    (local news names its state once and its towns often: "Paris, Tenn.", "Henry County")."""
    votes = []
    for choice in choices:
        place = choice.place
        if place.admin1_code and not place.is_country:
            ambiguity = len({(c.country_code, c.admin1_code) for c in choice.toponym.candidates})
            vote = COUNTRY_VOTE if place.feature_code == "ADM1" else PLACE_VOTE
            votes.append(Vote(choice.toponym.key, (place.country_code, place.admin1_code), vote / ambiguity))
    return votes


def tally(votes: list[Vote], without: str | None = None) -> Counter:
    """The votes per target, less those of the name ``without`` (a name does not vote for itself)."""
    weights: Counter = Counter()
    for vote in votes:
        if vote.key != without:
            weights[vote.target] += vote.weight
    return weights


def country_weights(choices: list[Choice], demonyms: frozenset[str]) -> Counter[str]:
    """How strongly the article points at each country (see ``country_votes``)."""
    return tally(country_votes(choices, demonyms))


@dataclass(frozen=True, slots=True)
class Votes:
    """The first picks' votes for countries and first-level divisions, counted once per article."""

    countries: list[Vote]
    regions: list[Vote]


class NameContext:
    """What the article's other names say about the places of one name. Articles repeat their names, so
    this is worked out once per distinct name, and each candidate's score once per name but for what the
    words around one mention add (``_level_bonus``)."""

    def __init__(
        self, gazetteer: Gazetteer, key: str, firsts: list[Choice], around: list[PlaceRow], votes: Votes
    ) -> None:
        self.gazetteer, self.key = gazetteer, key
        self.others = [c for c in firsts if c.toponym.key != key]
        self.countries = tally(votes.countries, without=key)
        self.countries_total = max(sum(self.countries.values()), PLACE_VOTE)
        self.regions = tally(votes.regions, without=key)
        self.regions_total = max(sum(self.regions.values()), PLACE_VOTE)
        # A hierarchy's towns decide only what it lacks.
        self.divisions = [c for c in around if _is_division(c)]
        self._parts: dict[int, tuple[float, float, float, float]] = {}

    def score(self, toponym: Toponym, row: PlaceRow) -> float:
        parts = self._parts.get(row.id)
        if parts is None:
            parts = self._parts[row.id] = self._score_parts(row)
        context, proximity, namesake, own_name = parts
        return context + _level_bonus(toponym, row) + proximity + namesake + own_name

    def _score_parts(self, row: PlaceRow) -> tuple[float, float, float, float]:
        """The mention-independent terms of a candidate's score, summed in the order ``score`` adds them."""
        value = prior(row)
        value += COUNTRY_WEIGHT * self.countries.get(row.country_code or "", 0.0) / self.countries_total
        region = (row.country_code, row.admin1_code)
        value += ADMIN1_WEIGHT * self.regions.get(region, 0.0) / self.regions_total
        value += 5.0 * _inside_any(row, self.divisions)
        namesake = NAMESAKE_BONUS * namesake_seat(self.gazetteer, self.key, row)
        own_name = OWN_NAME_BONUS * (fold(row.name) == self.key)
        return value, _proximity(row, self.others), namesake, own_name

    def best(self, toponym: Toponym) -> Choice:
        best = max(toponym.candidates, key=lambda row: self.score(toponym, row))
        return Choice(toponym, best, self.score(toponym, best))


def _hierarchy_chain(text: str, toponym: Toponym, firsts: list[Choice]) -> list[Toponym]:
    """The names written right after this one as its hierarchy ("X, Latakia", "X (Touboro, Mayo-Rey)")."""
    chain: list[Toponym] = []
    end = toponym.span.end
    for choice in firsts:
        start = choice.toponym.span.start
        if start < end:
            continue
        if not HIERARCHY_GAP.match(text[end:start]):
            break
        chain.append(choice.toponym)
        end = choice.toponym.span.end
    return chain


def _shared_context(known: list[Toponym], chains: dict[int, list[Toponym]]) -> dict[str, list[PlaceRow]]:
    """Per name, the places of the hierarchies written after any of its mentions."""
    around: dict[str, list[PlaceRow]] = {t.key: [] for t in known}
    for toponym in known:
        for link in chains[id(toponym)]:
            around[toponym.key].extend(link.candidates)
    return around


def _is_division(row: PlaceRow) -> bool:
    return row.feature_code in ADMIN_CODES or row.is_country


def _lacked_inside(toponym: Toponym, around: list[PlaceRow]) -> bool:
    """Whether a name with a hierarchy is a place the gazetteer lacks inside it.

    An unknown name always is; a known one when none of its places lies in the hierarchy and it is no
    division, country or big town itself (which would make "Latakia, Tartus and Homs" a list, not a path).
    """
    if not toponym.candidates:
        return True
    if not around or any(_inside_any(c, around) for c in toponym.candidates):
        return False
    return not any(_is_division(c) or c.population >= KNOWN_POPULATION for c in toponym.candidates)


def _narrowest(chain: list[Toponym]) -> PlaceRow | None:
    """The most precise known place of a hierarchy, consistent with its broader names.

    The broadest name's place is the one most of the narrower names fit in (Nord: Cameroon's, given
    Touboro), else the likeliest, a division rather than a town of the same standing (a hierarchy names
    divisions); each narrower name then takes its likeliest place inside the broader one, if it has any.
    """
    if not chain:
        return None
    inner, broadest = chain[:-1], chain[-1].candidates

    def fit(row: PlaceRow) -> tuple[int, float]:
        inside = sum(any(_within(c, row) for c in link.candidates) for link in inner)
        return inside, prior(row) + DIVISION_BONUS * _is_division(row)

    place = max(broadest, key=fit)
    for link in reversed(inner):
        options = [c for c in link.candidates if _within(c, place)]
        if options:
            place = max(options, key=prior)
    return place


def namesake_seat(gazetteer: Gazetteer, key: str, row: PlaceRow) -> bool:
    """Whether ``row`` is a town called ``key`` inside a province of the same name."""
    if row.feature_class != "P":
        return False
    admin1 = gazetteer.admin1_name(row.country_code, row.admin1_code)
    return admin1 is not None and fold(admin1) == key


def _inside_any(row: PlaceRow, containers: list[PlaceRow]) -> float:
    return 1.0 if any(_within(row, container) for container in containers) else 0.0


def _within(row: PlaceRow, container: PlaceRow) -> bool:
    """Whether ``row`` lies in a country or division, or within 50 km of a town (a hierarchy's town)."""
    if container.country_code != row.country_code or container.id == row.id:
        return False
    code = container.feature_code
    if container.is_country:
        return True
    if code == "ADM1":
        return container.admin1_code == row.admin1_code
    if code in ("ADM2", "ADMD"):
        return container.admin1_code == row.admin1_code and container.admin2_code == row.admin2_code
    if None in (row.latitude, row.longitude, container.latitude, container.longitude):
        return False
    return km(row.latitude, row.longitude, container.latitude, container.longitude) <= NEAR_TOWN_KM


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
    span = toponym.span
    if choice.within:
        return Mention(
            span, PLACE, span.of(text), _unknown_within(gazetteer, choice.place, span.of(text), span)
        )
    place = _place(gazetteer, choice.place, toponym.span, toponym.near)
    if toponym.region is not None and (choice.place.is_country or choice.place.feature_code == "ADM1"):
        span = toponym.region
        place = _region(place, span.of(text), span)
    associative = choice.place.is_country or choice.place.feature_code == "CONT"
    label = DEMONYM if associative and toponym.key in gazetteer.demonyms else PLACE
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


def _unknown_within(gazetteer: Gazetteer, known: PlaceRow, name: str, span: Span) -> Place:
    """A place the gazetteer lacks, reported at the known place of its hierarchy, less precisely."""
    if known.is_country:
        geo_precision, where_prec = None, 6
    elif known.feature_code == "ADM1":
        geo_precision, where_prec = 3, 4
    else:  # a town or a district
        geo_precision, where_prec = 2, 2
    place = _place(gazetteer, known, span, near=False)
    return replace(
        place,
        name=name,
        geonames_id=None,
        feature_code=None,
        geo_precision=geo_precision,
        where_prec=where_prec,
    )


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
