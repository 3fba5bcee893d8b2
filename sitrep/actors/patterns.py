"""Actor patterns with slots (``sides.tsv``, ``identity_patterns.tsv``, ``participants.tsv``) compiled to
one regex.

A pattern is words separated by spaces; a word may hold a slot, alone ("{side}") or joined by a hyphen
("pro-{side}", "{side}-backed"). Slots:

* ``{side}``: a person with optional titles ("ousted leader Bashar al-Assad"), a country word or
  "government"/"regime"; inside a hyphenated word, a single capitalised word ("pro-Assad", "Iran-backed").
* ``{armed}``: a noun of ``armed_nouns.txt``.
* ``{name}``: a capitalised name of up to four words ("Bani Rashid").
* ``{group}``: a community of ``ethnic_groups.txt``.
* ``{people}``: a noun of ``people_nouns.txt`` with at most one modifier ("retired teachers").
* ``{gap}``: optionally, a short phrase between a subject and its verb ("of the union", ", parents,").
* ``{protest}``: a protest verb or a light verb with a protest noun ("marched", "staged a peaceful
  rally"), from ``protest_words.tsv``.

Every match contains the pattern's longest literal ("pro-", "loyal to", "tribesmen") or, for a pattern
with none, a word of its last listed slot (a protest verb or light verb: "protested", "staged"): each
pattern is tried only at word starts shortly before those (``sitrep.nlp.scan``), since a name slot may
start at any capital letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from sitrep.nlp import scan
from sitrep.nlp.lexicon import alternation

# A capitalised name of up to four words, joined by the particles of Arabic and other names.
NAME = r"[A-Z][\w'’.]*(?:[\s-]+(?:(?:al|el|bin|ibn|bani|abu|de|la|van|von)[\s-]+)?[A-Z][\w'’-]*){0,3}"
_SINGLE = r"[A-Z][\w'’.]*|(?i:government|regime)"
# One modifier before a people noun ("retired teachers", "Retired teachers"), not a function word.
_NOT_MODIFIERS = "and|or|of|the|a|an|by|to|in|on|at|with|for|from|some|many|dozens|hundreds|thousands"
_MODIFIER = rf"(?!(?i:{_NOT_MODIFIERS})\s)[A-Za-z][\w-]*"
_SLOT = re.compile(r"\{(\w+)\}")
_SLOT_ANYWHERE = re.compile(r"\{\w+\}")  # the same, without a group, for re.split
_REACH = 150  # characters a pattern may start before its trigger: a subject, a short phrase and a light verb
_GAP = (
    r"(?:\s+(?:of|from|with|at|in|under|affiliated\s+with|belonging\s+to|called\s+by|organi[sz]ed\s+by|led\s+by"
    r"|joined\s+by|including|and)\b[^.;:!?\n]{0,70}?|\s*,[^.;:!?\n]{1,70}?,)?"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """What one pattern alternative produces: a name template, an ACLED inter code, and the slot the
    mention covers (None: the whole match)."""

    template: str
    inter: int
    mention_slot: str | None = None


@dataclass(frozen=True, slots=True)
class SlotMatch:
    start: int
    end: int
    rule: Rule
    slots: dict[str, str]
    slot_spans: dict[str, tuple[int, int]]

    @property
    def mention(self) -> tuple[int, int]:
        """The stretch the mention covers: the rule's mention slot, else the whole match."""
        slot = self.rule.mention_slot
        return self.slot_spans[slot] if slot else (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled pattern alternative and the rule it applies."""

    regex: re.Pattern[str]
    rule: Rule


@dataclass(frozen=True, slots=True)
class SlotPatterns:
    """The compiled patterns, and ``triggers``: the words every match of a pattern contains (see the module
    docstring), each mapped to (length, matches in any case, pattern index)."""

    patterns: tuple[Pattern, ...]
    triggers: ahocorasick.Automaton

    @classmethod
    def compile(cls, rows: Iterable[tuple[str, Rule]], words: dict[str, frozenset[str]]) -> SlotPatterns:
        """``words`` holds the slots' word lists: "armed", "group", "title", "people", and "protest_verb",
        "protest_light", "protest_noun" for the protest slot."""
        titles = _alternation(words["title"], case_insensitive=False)
        light = _alternation(words["protest_light"], case_insensitive=True)
        protest_nouns = _alternation(words["protest_noun"], case_insensitive=True)
        slot_regexes = {
            "armed": _alternation(words["armed"], case_insensitive=True),
            "group": _alternation(words["group"], case_insensitive=False),
            "name": NAME,
            "side": rf"(?:(?i:{titles})\s+)*(?:{NAME}|{_SINGLE})",
            "people": rf"(?:{_MODIFIER}\s+)?{_alternation(words['people'], case_insensitive=True)}",
            "gap": _GAP,
            "protest": rf"(?:{_alternation(words['protest_verb'], case_insensitive=True)}"
            rf"|{light}\s+(?:(?i:an?)\s+)?(?:[\w-]+\s+){{0,2}}?{protest_nouns})",
        }
        slot_words = {
            "armed": words["armed"],
            "group": words["group"],
            "people": words["people"],
            "protest": words["protest_verb"] | words["protest_light"],
        }
        patterns: list[Pattern] = []
        triggers = ahocorasick.Automaton()
        for pattern, rule in rows:
            regex = re.compile(rf"(?<![\w-]){_compile_pattern(pattern, slot_regexes)}(?![\w-])")
            for word, any_case in _triggers(pattern, slot_words):
                key = word.lower()
                known = triggers.get(key) if key in triggers else ()
                triggers.add_word(key, (*known, (len(word), any_case, len(patterns))))
            patterns.append(Pattern(regex=regex, rule=rule))
        triggers.make_automaton()
        return cls(patterns=tuple(patterns), triggers=triggers)

    def finditer(self, text: str, lowered: str) -> Iterator[SlotMatch]:
        """Pattern matches in ``text`` (a pattern's matches do not overlap; different patterns' may);
        ``lowered`` is ``text`` in lowercase, offsets unchanged."""
        by_pattern: dict[int, list[tuple[int, int]]] = {}
        for last, readings in self.triggers.iter(lowered):
            for length, any_case, index in readings:
                start = last + 1 - length
                if any_case or text[start : last + 1].islower():
                    by_pattern.setdefault(index, []).append((start, last + 1))
        for index, found in sorted(by_pattern.items()):
            pattern = self.patterns[index]
            for match in scan.matches(pattern.regex, text, sorted(found), before=_REACH):
                groups = [name for name, value in match.groupdict().items() if value is not None]
                slots = {name.split("_")[0]: match.group(name) for name in groups}
                spans = {name.split("_")[0]: match.span(name) for name in groups}
                yield SlotMatch(match.start(), match.end(), pattern.rule, slots, spans)


def _triggers(pattern: str, slot_words: dict[str, frozenset[str]]) -> Iterable[tuple[str, bool]]:
    """(word, in any case) pairs: the pattern's longest literal in any case ("Pro-"), or, when it has
    none, the words of its last listed slot as written in lowercase ("marched", "staged")."""
    literal = max(_SLOT_ANYWHERE.split(pattern), key=len).strip()
    if len(literal) >= 3:
        return ((literal, True),)
    listed = [name for name in _SLOT.findall(pattern) if name in slot_words]
    return ((word, False) for word in slot_words[listed[-1]])


def _compile_pattern(pattern: str, slot_regexes: dict[str, str]) -> str:
    """One alternative's regex; slot groups are named ``{slot}_{word position}``."""
    words = []
    for position, word in enumerate(pattern.split()):
        pieces, last = [], 0
        for slot in _SLOT.finditer(word):
            name = slot.group(1)
            body = _SINGLE if name == "side" and word != slot.group() else slot_regexes[name]
            pieces += [_literal(word[last : slot.start()]), f"(?P<{name}_{position}>{body})"]
            last = slot.end()
        pieces.append(_literal(word[last:]))
        words.append("".join(pieces))
    return r"\s+".join(words)


def _literal(text: str) -> str:
    return f"(?i:{re.escape(text)})" if text else ""


def _alternation(words: Iterable[str], *, case_insensitive: bool) -> str:
    return f"(?i:{alternation(words)})" if case_insensitive else f"(?:{alternation(words)})"
