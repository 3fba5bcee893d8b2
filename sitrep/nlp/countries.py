"""Country names, aliases and demonyms, normalised to ACLED's spelling (``sitrep/data/nlp/countries.tsv``).

Claimants use it to qualify official bodies ("the Russian defence ministry" -> "Ministry of Defence
(Russia)"); actors use it for the side an adjective names ("Turkish forces") and to read the country other
stages report in GeoNames spelling ("Democratic Republic of the Congo" -> "Democratic Republic of Congo").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick

from sitrep.model import Span
from sitrep.nlp.lexicon import alternatives, data_path, is_whole_word, lower_keeping_offsets, read_table

_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # ACLED's spelling: "Democratic Republic of Congo"
    article: str  # "the" when ACLED writes "Military Forces of the Democratic Republic of Congo"

    @property
    def of_name(self) -> str:
        """The name as it follows "Military Forces of"."""
        return f"{self.article} {self.name}" if self.article else self.name


@dataclass(frozen=True, slots=True)
class Countries:
    """Every word for a country (name, alias, demonym) mapped to the country, and a matcher to find them."""

    by_word: dict[str, Country]
    automaton: ahocorasick.Automaton

    @classmethod
    def load(cls) -> Countries:
        by_word: dict[str, Country] = {}
        automaton = ahocorasick.Automaton()
        for name, article, demonyms, aliases in read_table(data_path("nlp", "countries.tsv"), 4):
            country = Country(name=name, article=article)
            for word in (name, *alternatives(demonyms), *alternatives(aliases)):
                by_word[_key(word)] = country
                automaton.add_word(word.lower(), (word, country))
        automaton.make_automaton()
        return cls(by_word=by_word, automaton=automaton)

    def get(self, word: str | None) -> Country | None:
        """The country a name, alias or demonym denotes ("Syria's", "Syrian", "DRC"), or None."""
        if not word:
            return None
        return self.by_word.get(_key(_POSSESSIVE.sub("", word.strip())))

    def named(self, name: str) -> Country:
        """The country a name denotes, or for a name not in the table a country of that name."""
        return self.get(name) or Country(name=name, article="")

    def normalise(self, name: str | None) -> str | None:
        """ACLED's spelling of a country name given in another spelling ("Democratic Republic of the
        Congo"); unknown names pass through. For stages that report a country from GeoNames."""
        return self.named(name).name if name else None

    def finditer(self, text: str) -> Iterator[tuple[Span, Country]]:
        """Country words in ``text``: whole words, abbreviations only in capitals ("US", not "us")."""
        for last, (word, country) in self.automaton.iter(lower_keeping_offsets(text)):
            start, end = last + 1 - len(word), last + 1
            if is_whole_word(text, start, end) and (_key(word) == word.lower() or text[start:end] == word):
                yield Span(start, end), country


def _key(word: str) -> str:
    """Lookup key: lowercase, except that all-capital abbreviations keep their case ("US" is not "us")."""
    bare = word.replace(".", "")
    return word if bare.isupper() and len(bare) <= 4 else word.lower()
