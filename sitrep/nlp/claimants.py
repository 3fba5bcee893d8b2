"""CLAIMANT mentions: who reported something, normalised ("the Observatory" -> "Syrian Observatory for
Human Rights", "a defence ministry source" -> "Ministry of Defence").

Attribution shapes recognised, each giving the name phrase as the mention span:

* "according to X", "as per X", "citing X", "reported by X" (and "a statement/toll by X" after them);
* "X said/reported/claimed/disclosed/..." with an optional appositive ("X, a monitoring group, said") and
  auxiliaries ("X has said"); a passive ("were reported") has no claimant;
* the inversion after a quote or clause: '..., said the Observatory';
* a wire dateline: "BEIRUT (Reuters) -".

X is a proper name ("Syrian Observatory for Human Rights", "Mustafa Kneifati") or a description built
from ``source_words.tsv`` ("local activists", "a defence ministry source", "state news agency SANA").
Names are normalised with ``claimants.tsv``; a person's appositive that names a known body gives that
body ("Rami Abdel Rahman, head of the Observatory" -> the Observatory). Official bodies named with a
country are qualified ("Russian defence ministry" -> "Ministry of Defence (Russia)"). Unknown claimants
come out as written, without a leading article or possessive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitrep.model import Mention, Span
from sitrep.nlp.countries import Countries
from sitrep.nlp.dates import MONTHS, WEEKDAYS
from sitrep.nlp.lexicon import alternation, data_path, read_lines, read_table, read_words
from sitrep.nlp.numbers import SCALES, TENS, UNITS

_TOKEN = re.compile(r"[\w’'-]+(?:\.(?=\w)[\w’'-]*)*\.?|[^\w\s]")
_FORWARD_CUE = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Aa]s\s+per|[Cc]iting|(?:reported|quoted|cited|documented|confirmed|announced)\s+by)"
    r"\s+(?:(?:a|an|the|its|their)\s+)?(?:(?:[\w-]+\s+){0,2}(?:statement|report|tally|toll|count|figures|data"
    r"|estimates?|documentation)\s+(?:issued\s+)?(?:by|from|of)\s+)?"
)
_INVERSION_CUE = re.compile(r"(?:,|[\"”’])\s*(?:said|says|added|reported|wrote)\s+")
_APPOSITIVE_AFTER = re.compile(r"\s*,\s*([^,]{1,120}),")
_DATELINE = re.compile(r"\(\s*([A-Z][\w.&'’ -]{0,40}?)\s*\)\s*[-–—]")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+$", re.IGNORECASE)
_LIVES_AFTER = re.compile(r"\s+(?:the\s+)?(?:lives?|\d+\s+lives)\b")
_AUXILIARIES = frozenset(
    {"has", "have", "had", "also", "later", "earlier", "previously", "further", "reportedly"}
)
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "which", "who", "whose", "its", "head", "director", "one"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
)
_CONNECTORS = frozenset({"of", "for", "and", "the", "al", "el", "de", "du", "des", "in", "on", "&"})
_MODIFIER_SUFFIXES = ("-based", "-run", "-owned", "-affiliated", "-linked", "-backed", "-led", "-controlled")
_MAX_WORDS = 10


@dataclass(frozen=True, slots=True)
class Alias:
    canonical: str
    kind: str


@dataclass(frozen=True, slots=True)
class ClaimantRecogniser:
    """Finds CLAIMANT mentions; load once (it compiles the alias and verb lists)."""

    aliases: dict[str, Alias]
    alias_pattern: re.Pattern[str]
    verb_pattern: re.Pattern[str]
    heads: frozenset[str]
    parts: frozenset[str]
    function_words: frozenset[str]
    countries: Countries

    @classmethod
    def load(cls, countries: Countries | None = None) -> ClaimantRecogniser:
        aliases = {
            _alias_key(alias): Alias(canonical, kind)
            for alias, canonical, kind in read_table(data_path("nlp", "claimants.tsv"), 3)
        }
        words = list(read_table(data_path("nlp", "source_words.tsv"), 2))
        verbs = read_words(data_path("nlp", "reporting_verbs.txt"))
        starters = {w.lower() for w in read_lines(data_path("nlp", "sentence_starters.txt"))}
        numbers = {*UNITS, *TENS, *SCALES}
        return cls(
            aliases=aliases,
            alias_pattern=_alias_pattern(list(aliases)),
            verb_pattern=re.compile(rf"\b(?:{alternation(verbs)})\b"),
            heads=frozenset(word for word, role in words if role == "head"),
            parts=frozenset(word for word, _ in words),
            function_words=frozenset({*starters, *numbers, *(w.lower() for w in (*WEEKDAYS, *MONTHS))}),
            countries=countries or Countries.load(),
        )

    def recognise(self, text: str, sentences: list[Span]) -> list[Mention]:
        found: dict[Span, Mention] = {}
        for sentence in sentences:
            for mention in self._in_sentence(text, sentence):
                found.setdefault(mention.span, mention)
        return sorted(found.values(), key=lambda m: m.span)

    def _in_sentence(self, text: str, sentence: Span) -> Iterator[Mention]:
        start, end = sentence.start, sentence.end
        for cue in _FORWARD_CUE.finditer(text, start, end):
            yield from self._forward(text, cue.end(), end)
        for cue in _INVERSION_CUE.finditer(text, start, end):
            yield from self._forward(text, cue.end(), end)
        for verb in self.verb_pattern.finditer(text, start, end):
            passive = _PASSIVE_BEFORE.search(text, max(start, verb.start() - 12), verb.start())
            if not passive and not _LIVES_AFTER.match(text, verb.end()):
                yield from self._backward(text, start, verb.start())
        for dateline in _DATELINE.finditer(text, start, end):
            alias = self._alias_in(dateline.group(1))
            if alias is not None:
                span = Span(dateline.start(1), dateline.end(1))
                yield Mention(span=span, label="CLAIMANT", text=span.of(text), value=alias.canonical)

    def _forward(self, text: str, start: int, end: int) -> Iterator[Mention]:
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        while tokens and tokens[0][0].lower() in _DETERMINERS:
            tokens.pop(0)
        phrase: list[tuple[str, int, int]] = []
        for token in tokens[:_MAX_WORDS]:
            if not self._in_name(token[0]):
                break
            phrase.append(token)
        appositive = _APPOSITIVE_AFTER.match(text, phrase[-1][2], end) if phrase else None
        yield from self._mention(text, phrase, appositive.group(1) if appositive else "")

    def _backward(self, text: str, start: int, end: int) -> Iterator[Mention]:
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        while tokens and tokens[-1][0].lower() in _AUXILIARIES:
            tokens.pop()
        appositive = ""
        if tokens and tokens[-1][0] == ",":
            opening = _appositive_start(tokens)
            if opening is None:
                return
            appositive = text[tokens[opening][2] : tokens[-1][1]]
            tokens = tokens[:opening]
        phrase: list[tuple[str, int, int]] = []
        for token in reversed(tokens[-_MAX_WORDS:]):
            if not self._in_name(token[0]):
                break
            phrase.insert(0, token)
        yield from self._mention(text, phrase, appositive)

    def _in_name(self, word: str) -> bool:
        """Whether a token can belong to a source's name or description."""
        lower = word.lower()
        return (
            word[:1].isupper()
            or lower in self.parts
            or lower in _CONNECTORS
            or lower.endswith(_MODIFIER_SUFFIXES)
            or lower.startswith(("al-", "el-"))
            or (lower.endswith(("'s", "’s")) and word[:1].isupper())
        )

    def _mention(self, text: str, phrase: list[tuple[str, int, int]], appositive: str) -> Iterator[Mention]:
        while phrase and (phrase[0][0].lower() in self.function_words or phrase[0][0].lower() in _CONNECTORS):
            phrase.pop(0)
        while phrase and (phrase[-1][0].lower() in _CONNECTORS or phrase[-1][0].endswith(("'s", "’s"))):
            phrase.pop()
        if not phrase:
            return
        last = phrase[-1][0]
        end = phrase[-1][2] - (last.endswith(".") and "." not in last[:-1])
        span = Span(phrase[0][1], end)
        name = span.of(text)
        value = self._normalise(self._decapitalised(name), appositive)
        if value is not None:
            yield Mention(span=span, label="CLAIMANT", text=name, value=value)

    def _normalise(self, name: str, appositive: str) -> str | None:
        """The canonical claimant for a name phrase, or None when the phrase names no one.

        The appositive is consulted only when the name itself is unknown: a spokesman introduced as
        "head of the Observatory" speaks for the Observatory.
        """
        alias = self.aliases.get(_alias_key(name)) or self._alias_in(name) or self._alias_in(appositive)
        if alias is not None:
            return self._qualified(alias, name)
        words = name.split()
        if not any(w[:1].isupper() for w in words) and words[-1].lower() not in self.heads:
            return None
        return name

    def _decapitalised(self, name: str) -> str:
        """ "Local activists" at a sentence start is the description "local activists", not a name."""
        first, _, rest = name.partition(" ")
        if first.lower() in self.parts and not first.isupper():
            return f"{first.lower()} {rest}".strip()
        return name

    def _qualified(self, alias: Alias, name: str) -> str:
        if alias.kind not in ("official", "armed forces") or "(" in alias.canonical:
            return alias.canonical
        country = next((c for _, c in self.countries.finditer(name)), None)
        if country is None or country.name in alias.canonical:
            return alias.canonical
        return f"{alias.canonical} ({country.name})"

    def _alias_in(self, phrase: str) -> Alias | None:
        """The alias inside a phrase, preferring names written with capitals, then the longest."""
        matches = list(self.alias_pattern.finditer(phrase.replace("’", "'")))
        if not matches:
            return None
        best = max(matches, key=lambda m: (m.group()[:1].isupper(), len(m.group())))
        return self.aliases.get(_alias_key(best.group()))


def _appositive_start(tokens: list[tuple[str, int, int]]) -> int | None:
    """Index of the comma opening the appositive that ends at the last token ("X, a monitor, said")."""
    for index in range(len(tokens) - 2, max(-1, len(tokens) - 30), -1):
        if tokens[index][0] == ",":
            opener = tokens[index + 1][0].lower()
            return index if opener in _APPOSITIVE_OPENERS else None
    return None


def _alias_key(alias: str) -> str:
    """Aliases in capitals match case-sensitively ("WHO" is not "who"); others in any case, sans "the"."""
    key = " ".join(alias.replace("’", "'").split())
    if key.replace(".", "").replace("/", "").isupper():
        return key
    return re.sub(r"^the\s+", "", key.lower())


def _alias_pattern(keys: list[str]) -> re.Pattern[str]:
    exact = alternation(k for k in keys if k != k.lower())
    folded = alternation(k for k in keys if k == k.lower())
    return re.compile(rf"(?<![\w-])(?:{exact}|(?i:{folded}))(?![\w-])")
