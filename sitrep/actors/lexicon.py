"""ACTOR mentions: who acts in or suffers an event, named as ACLED names actors.

Three data-driven sources of candidates, all in ``sitrep/data/actors``:

* named actors (``named.tsv``): "HTS", "Houthi forces", "Israel Defense Forces", with the row that
  applies chosen by the article's country and the mention's date;
* generic phrases (``generic.tsv``): "security forces", "gunmen", "protesters", "civilians", named from
  a template with the country (a country word right before the phrase, "Turkish troops", else the
  article's) and the government period;
* slot patterns (``sides.tsv``, ``identity_patterns.tsv``, ``participants.tsv``): "pro-Assad militants",
  "militants supporting ousted leader Bashar al-Assad", "Bani Rashid tribesmen", "Fulani herdsmen",
  "teachers demonstrated" (Protesters).

Overlapping candidates resolve to the longest; on a tie a named actor beats a pattern, which beats a
generic phrase. State forces outside their own country become external forces (inter 8), as ACLED codes
Turkish forces in Syria. The government period is that of the day a DATE mention in the same sentence
gives, else of publication; without either the name carries no period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby, pairwise
from operator import itemgetter

import ahocorasick

from sitrep.actors.context import ActorContext
from sitrep.actors.patterns import Rule, SlotPatterns
from sitrep.actors.periods import Periods
from sitrep.model import Actor, Document, Mention, Span, first_disjoint
from sitrep.nlp.countries import Countries, Country
from sitrep.nlp.lexicon import (
    alternation,
    alternatives,
    data_path,
    is_whole_word,
    lower_keeping_offsets,
    read_lines,
    read_table,
    read_words,
)
from sitrep.taxonomy import EXTERNAL_FORCES, STATE_FORCES

# Words that may stand between a country word and a generic phrase: "Syria's new army".
_BETWEEN_COUNTRY_AND_PHRASE = frozenset({"new", "interim", "transitional", "caretaker", "federal", "regular"})
_WORD = re.compile(r"[\w.'’-]+")
_NAMED, _PATTERN, _GENERIC = 0, 1, 2  # tie-break priority of candidate sources


@dataclass(frozen=True, slots=True)
class NamedRow:
    """One reading of a named actor's aliases, valid in some countries and between some days."""

    template: str
    inter: int
    home: str | None
    only_in: frozenset[str]
    start: date | None
    end: date | None

    def applies(self, country: Country | None, day: date | None, *, armed_noun_follows: bool) -> bool:
        """Whether the row reads an alias met on ``day`` in an article about ``country``. In an article of
        unknown country, a row limited to some countries applies only when an armed noun follows the alias
        ("ADF rebels"): that settles what an ambiguous acronym means."""
        if self.only_in and not (country.name in self.only_in if country else armed_noun_follows):
            return False
        day = day or date.max  # undated: the current reading
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Generic:
    template: str
    inter: int
    no_country: str
    needs_country_word: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """What a literal phrase found in text can be: readings of a named actor, or a generic actor."""

    phrase: str
    named: tuple[NamedRow, ...] = ()
    generic: Generic | None = None

    def matches_case(self, found: str) -> bool:
        """A phrase written with capitals matches only as written, bar its first letter ("IS" is not "is")."""
        if self.phrase.islower():
            return True
        return found[1:] == self.phrase[1:] and found[:1].lower() == self.phrase[:1].lower()


@dataclass(slots=True)
class Candidate:
    span: Span
    priority: int
    actor: Actor


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """Recognises and names actors; ``load()`` once per process, then ``recognise(doc)`` per article."""

    automaton: ahocorasick.Automaton
    patterns: SlotPatterns
    armed_after: re.Pattern[str]
    countries: Countries
    periods: Periods

    @classmethod
    def load(cls) -> ActorLexicon:
        countries = Countries.load()
        armed = read_words(data_path("actors", "armed_nouns.txt"))
        return cls(
            automaton=_automaton(),
            patterns=_slot_patterns(armed),
            armed_after=re.compile(rf"\s+(?:{alternation(armed)})\b", re.IGNORECASE),
            countries=countries,
            periods=Periods.load(),
        )

    def recognise(self, doc: Document) -> list[Mention]:
        """ACTOR mentions of ``doc``, non-overlapping, in text order."""
        context = ActorContext.of(doc, self.countries)
        lowered = lower_keeping_offsets(doc.text)
        candidates = [
            *self._literal_candidates(doc.text, lowered, context),
            *self._pattern_candidates(doc.text, lowered, context),
        ]
        ranked = sorted(candidates, key=lambda c: (c.span.start - c.span.end, c.priority, c.span.start))
        chosen = first_disjoint(ranked, lambda candidate: candidate.span)
        for candidate in chosen:
            candidate.actor.span = candidate.span
        return [Mention(span=c.span, label="ACTOR", text=c.span.of(doc.text), value=c.actor) for c in chosen]

    def _literal_candidates(self, text: str, lowered: str, context: ActorContext) -> Iterator[Candidate]:
        for last, (length, entries) in self.automaton.iter(lowered):
            start, end = last + 1 - length, last + 1
            if not is_whole_word(text, start, end):
                continue
            for entry in entries:
                if entry.matches_case(text[start:end]):
                    candidate = self._literal_candidate(text, Span(start, end), entry, context)
                    if candidate is not None:
                        yield candidate

    def _literal_candidate(
        self, text: str, span: Span, entry: Entry, context: ActorContext
    ) -> Candidate | None:
        day = context.day_of(span)
        if entry.named:
            absorbed = self.armed_after.match(text, span.end)
            follows = absorbed is not None
            row = next(
                (r for r in entry.named if r.applies(context.country, day, armed_noun_follows=follows)), None
            )
            if row is None:
                return None
            span = Span(span.start, absorbed.end()) if absorbed else span
            home = self.countries.named(row.home) if row.home else None
            actor = self._named_actor(row, home, context.country, day)
            return Candidate(span, _NAMED, actor)
        return self._generic_candidate(text, span, entry.generic, context, day) if entry.generic else None

    def _generic_candidate(
        self, text: str, span: Span, generic: Generic, context: ActorContext, day: date | None
    ) -> Candidate | None:
        named_country, start = self._country_before(text, span.start)
        if generic.needs_country_word and named_country is None:
            return None
        country = named_country or context.country
        span = Span(start, span.end)
        name = self._render(generic.template, country, day) if country else generic.no_country
        inter = _external(generic.inter, named_country, context.country)
        return Candidate(span, _GENERIC, Actor(name=name, inter=inter, country=_name(country)))

    def _named_actor(
        self, row: NamedRow, home: Country | None, country: Country | None, day: date | None
    ) -> Actor:
        if "{country}" in row.template:
            name = self._render(row.template, country, day) if country else _without_country(row.template)
            return Actor(name=name, inter=row.inter, country=_name(country))
        name = self._render(row.template, home, day) if home else _without_country(row.template)
        return Actor(name=name, inter=_external(row.inter, home, country), country=_name(home))

    def _pattern_candidates(self, text: str, lowered: str, context: ActorContext) -> Iterator[Candidate]:
        for match in self.patterns.finditer(text, lowered):
            span = Span(*match.mention)
            name = self._pattern_name(match.rule, match.slots, context.country)
            if name is not None:
                actor = Actor(name=name, inter=match.rule.inter, country=_name(context.country))
                yield Candidate(span, _PATTERN, actor)

    def _pattern_name(self, rule: Rule, slots: dict[str, str], country: Country | None) -> str | None:
        values = dict(slots)
        if "side" in values:
            values["side"] = self._side(values["side"])
        if "name" in values and self.countries.get(values["name"]):
            return None  # "Syrian tribesmen": a country word, left to the generic phrase
        template = rule.template if country else _without_country(rule.template)
        return template.format(country=_name(country), **values)

    def _side(self, side: str) -> str:
        """The side a militia is named after: a country, "Government", or a person's surname."""
        words = side.split()
        country = self.countries.get(words[-1]) or self.countries.get(side)
        if country:
            return country.name
        if words[-1].lower() in ("government", "regime"):
            return "Government"
        surname = re.sub(r"^(?:al|el)-", "", words[-1], flags=re.I)
        return re.sub(r"['’]s$", "", surname)

    def _country_before(self, text: str, start: int) -> tuple[Country | None, int]:
        """A country word before a generic phrase ("Syrian", "Israel's", "U.S."), and where it begins."""
        words = list(_WORD.finditer(text, max(0, start - 60), start))
        if words and text[words[-1].end() : start].strip():
            return None, start
        if words and words[-1].group().lower() in _BETWEEN_COUNTRY_AND_PHRASE:
            words.pop()
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            chunk = words[-size:]
            if any(text[a.end() : b.start()].strip() for a, b in pairwise(chunk)):
                continue
            country = self.countries.get(text[chunk[0].start() : chunk[-1].end()])
            if country is not None:
                return country, chunk[0].start()
        return None, start

    def _render(self, template: str, country: Country | None, day: date | None) -> str:
        label = self.periods.label(country.name, day) if country else None
        return template.format(
            country=_name(country),
            of_country=country.of_name if country else "",
            period=f" ({label})" if label else "",
        )


def _automaton() -> ahocorasick.Automaton:
    entries: dict[str, list[Entry]] = {}
    for phrases, template, inter, no_country, needs in read_table(data_path("actors", "generic.tsv"), 5):
        generic = Generic(template, int(inter), no_country, needs_country_word=needs == "country word")
        for phrase in alternatives(phrases):
            entries.setdefault(phrase.lower(), []).append(Entry(phrase=phrase, generic=generic))
    named: dict[str, list[NamedRow]] = {}
    for aliases, template, inter, home, only_in, start, end in read_table(
        data_path("actors", "named.tsv"), 7
    ):
        row = NamedRow(
            template=template,
            inter=int(inter),
            home=home or None,
            only_in=frozenset(alternatives(only_in)),
            start=date.fromisoformat(start) if start else None,
            end=date.fromisoformat(end) if end else None,
        )
        for alias in alternatives(aliases):
            named.setdefault(alias, []).append(row)
    for alias, rows in named.items():
        entries.setdefault(alias.lower(), []).insert(0, Entry(phrase=alias, named=tuple(rows)))
    automaton = ahocorasick.Automaton()
    for key, found in entries.items():
        automaton.add_word(key, (len(key), tuple(found)))
    automaton.make_automaton()
    return automaton


def _slot_patterns(armed: frozenset[str]) -> SlotPatterns:
    rows: list[tuple[str, Rule]] = []
    for name in ("sides.tsv", "identity_patterns.tsv", "participants.tsv"):
        for patterns, template, inter, mention in read_table(data_path("actors", name), 4):
            rule = Rule(template=template, inter=int(inter), mention_slot=mention or None)
            rows.extend((pattern, rule) for pattern in alternatives(patterns))
    words: dict[str, frozenset[str]] = {
        "armed": armed,
        "group": frozenset(read_lines(data_path("actors", "ethnic_groups.txt"))),
        "title": read_words(data_path("actors", "titles.txt")),
        "people": read_words(data_path("actors", "people_nouns.txt")),
    }
    for role, entries in groupby(
        sorted(read_table(data_path("actors", "protest_words.tsv"), 2)), itemgetter(0)
    ):
        words[f"protest_{role}"] = frozenset(word for _, word in entries)
    return SlotPatterns.compile(rows, words)


def _external(inter: int, actor_country: Country | None, article_country: Country | None) -> int:
    """State forces acting outside their own country are external forces (ACLED inter 8)."""
    if (
        inter == STATE_FORCES
        and actor_country
        and article_country
        and actor_country.name != article_country.name
    ):
        return EXTERNAL_FORCES
    return inter


def _without_country(template: str) -> str:
    return template.replace(" ({country})", "").replace("{period}", "")


def _name(country: Country | None) -> str | None:
    return country.name if country else None
