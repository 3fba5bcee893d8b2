"""The one data model every stage takes and returns.

Field names follow ACLED's columns where ACLED has one; the rest (ranges, claims, evidence, confidence,
geonames_id, historical, alleged) are sitrep's own. Every offset is a character offset into
``Article.text``, the cleaned text, so a value can always be traced back to the sentence behind it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, TypeVar

_Item = TypeVar("_Item")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's clean text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def first_disjoint(ranked: Iterable[_Item], span_of: Callable[[_Item], Span]) -> list[_Item]:
    """The items that overlap none ranked before them (the longest match wins when ranked longest first),
    in text order. Kept spans are disjoint, so only the two neighbours of a new span can overlap it: a
    sentence of thousands of matches costs n log n, not n squared."""
    kept: list[_Item] = []
    starts: list[int] = []
    for item in ranked:
        span = span_of(item)
        at = bisect_right(starts, span.start)
        neighbours = kept[max(0, at - 1) : at + 1]
        if any(span_of(neighbour).overlaps(span) for neighbour in neighbours):
            continue
        kept.insert(at, item)
        starts.insert(at, span.start)
    return kept


@dataclass(slots=True)
class Article:
    """One news page. ``raw`` is the decoded input; ``text`` the clean body that all spans index into."""

    id: str
    raw: str
    content_type: str = "text"  # "text" or "html"
    text: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet that published the page
    author: str | None = None
    published: date | None = None
    origin: str = ""  # where it was read from: a path, "path:line", "<stdin>"


@dataclass(slots=True)
class Mention:
    """A recognised stretch of text with its normalised value (a place name, a count, a date...)."""

    span: Span
    label: str
    text: str
    value: Any = None


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date the text gives, resolved against publication; ``day`` is None when it cannot be resolved."""

    day: date | None
    precision: int | None  # taxonomy.TIME_PRECISION; None when unresolved
    start: date | None = None  # a range ("between 3 and 5 March") or multi-day total
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A number as the text hedges it: "over 70" is best 71, low 71, high None; "dozens" best 12."""

    best: int
    low: int
    high: int | None = None
    qualifier: str = "exact"  # taxonomy.QUALIFIERS


@dataclass(slots=True)
class Document:
    """An article after the nlp stage: sentence boundaries and the mentions later stages reason over."""

    article: Article
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_of(self, span: Span) -> Span | None:
        return next((s for s in self.sentences if s.contains(span)), None)

    def mentions_in(self, span: Span, label: str | None = None) -> list[Mention]:
        return [m for m in self.mentions if span.contains(m.span) and (label is None or m.label == label)]


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    feature_code: str | None = None
    geo_precision: int | None = None  # taxonomy.GEO_PRECISION
    where_prec: int | None = None  # taxonomy.UCDP_WHERE_PREC
    span: Span | None = None


@dataclass(slots=True)
class Actor:
    name: str  # ACLED-style, e.g. "Military Forces of Syria (2024-)"
    inter: int  # taxonomy.ACTOR_TYPES
    country: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Claim:
    """One reported figure: who said it, how hedged, of whom, and where in the text."""

    figure: int
    category: str  # taxonomy.CASUALTY_CATEGORIES
    kind: str = "killed"  # "killed" or "injured"
    qualifier: str = "exact"  # taxonomy.QUALIFIERS
    low: int | None = None
    high: int | None = None
    claimant: str | None = None
    article_id: str | None = None
    span: Span | None = None
    claimant_span: Span | None = None


@dataclass(slots=True)
class Fatalities:
    best: int | None = None
    low: int | None = None
    high: int | None = None
    by_category: dict[str, int] = field(default_factory=dict)
    injured: int | None = None


@dataclass(slots=True)
class Event:
    article_id: str
    event_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: int | None = None
    actor1: Actor | None = None
    assoc_actor_1: list[Actor] = field(default_factory=list)
    actor2: Actor | None = None
    assoc_actor_2: list[Actor] = field(default_factory=list)
    place: Place | None = None
    fatalities: Fatalities = field(default_factory=Fatalities)
    claims: list[Claim] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: str = ""
    confidence: float = 0.0
    alleged: bool = False
    historical: bool = False
    evidence: dict[str, list[Span]] = field(default_factory=dict)

    def cite(self, field_name: str, *spans: Span | None) -> None:
        """Record the spans behind a field, once each, in text order."""
        known = self.evidence.setdefault(field_name, [])
        for span in spans:
            if span is not None and span not in known:
                known.append(span)
        known.sort()

    def to_record(self) -> dict[str, Any]:
        """The flat output contract read by tools outside the repo (see README, "Output contract")."""
        place = self.place or Place(name="")
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": _actor_name(self.actor1),
            "assoc_actor_1": "; ".join(a.name for a in self.assoc_actor_1),
            "inter1": self.actor1.inter if self.actor1 else None,
            "actor2": _actor_name(self.actor2),
            "assoc_actor_2": "; ".join(a.name for a in self.assoc_actor_2),
            "inter2": self.actor2.inter if self.actor2 else None,
            "country": place.country,
            "admin1": place.admin1,
            "admin2": place.admin2,
            "location": place.name or None,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "geo_precision": place.geo_precision,
            "geonames_id": place.geonames_id,
            "fatalities": self.fatalities.best,
            "fatalities_low": self.fatalities.low,
            "fatalities_high": self.fatalities.high,
            "fatalities_by_category": dict(self.fatalities.by_category),
            "injured": self.fatalities.injured,
            "source": "; ".join(self.sources),
            "notes": self.notes,
            "confidence": round(self.confidence, 3),
            "alleged": self.alleged,
            "historical": self.historical,
            "claims": [_claim_record(c) for c in self.claims],
            "evidence": {k: [[s.start, s.end] for s in v] for k, v in self.evidence.items()},
        }


@dataclass(slots=True)
class Incident:
    """One real-world event and every report of it, across articles."""

    incident_id: str
    event_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    event_type: str = ""
    sub_event_type: str = ""
    event_date: date | None = None
    time_precision: int | None = None
    place: Place | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: Fatalities = field(default_factory=Fatalities)
    claims: list[Claim] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def _actor_name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


def _claim_record(claim: Claim) -> dict[str, Any]:
    """``asdict(claim)`` with spans as [start, end], built directly: asdict deep-copies every value."""
    record = {name: getattr(claim, name) for name in _CLAIM_FIELDS}
    for key in ("span", "claimant_span"):
        span = record[key]
        record[key] = [span.start, span.end] if span else None
    return record


_CLAIM_FIELDS = tuple(claim_field.name for claim_field in fields(Claim))
