"""The Gazetteer: a read-only SQLite file of places and names, and the matcher built from it.

``Gazetteer.open(None)`` opens the default gazetteer, building it first if this machine has none yet.
The object pickles as its path: a process-pool worker reopens the file and loads the name automaton (built
once, then cached beside the file) on its first ``recognise`` call, which is cheaper than shipping it.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import ahocorasick

from sitrep.errors import InputError
from sitrep.geo.default import DATA, build_default, continents, default_path, demonyms
from sitrep.geo.fold import fold, variant_key
from sitrep.geo.matcher_cache import load_or_build
from sitrep.geo.store import PLACE_COLUMNS, SCHEMA_VERSION, PlaceRow
from sitrep.model import Document, Mention, Span

MIN_KEY_LENGTH = 3
LOOKUP_CACHE_SIZE = 20_000  # distinct names kept; a few MB
LATIN_OR_ARABIC = re.compile("[\x00-\x7f\u0600-\u06ff]*")
NOT_ALPHANUMERIC = re.compile(r"[\W_]")
# Automaton values: a word form's length above two flags saying which names have that form.
EXACT_FORM, PUNCTUATED_FORM, FLAG_BITS = 1, 2, 2


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    capital: str | None
    geonames_id: int | None


def word_form(text: str) -> str:
    """``text`` with every character that is neither a letter nor a digit as a space, between two spaces:
    a name's form occurs in a text's form exactly where the name stands between word boundaries ("al-bab"
    and "al bab" share the form " al bab ")."""
    return f" {NOT_ALPHANUMERIC.sub(' ', text)} "


def _recognisable(key: str, is_country: bool) -> bool:
    """Names the matcher looks for: Latin or Arabic script, three characters or more (two for countries and
    continents: "UK", "EU")."""
    long_enough = len(key) >= (2 if is_country else MIN_KEY_LENGTH)
    return long_enough and (key.isascii() or LATIN_OR_ARABIC.fullmatch(key) is not None)


class Gazetteer:
    """Places, their names and admin hierarchy, looked up by folded name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._country_names: dict[str, list[str]] = {}
        # Articles name the same places again and again: each name is read from the file once.
        self._places = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._read_places)
        self._variant_names = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._read_variant_names)

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """The gazetteer at ``path``, or the default one (built into the user cache on first use)."""
        if path is None:
            path = default_path()
            if not path.exists():
                build_default(path)
        elif not Path(path).is_file():
            raise InputError(str(path), "no gazetteer file there (build one with `sitrep gazetteer build`)")
        gazetteer = cls(Path(path))
        gazetteer.check_schema()
        return gazetteer

    def check_schema(self) -> None:
        """Raise InputError unless the file is a gazetteer of this schema version."""
        try:
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.Error as error:
            raise InputError(str(self.path), f"not a gazetteer: {error}") from error
        if row is None or row[0] != SCHEMA_VERSION:
            raise InputError(str(self.path), "gazetteer of another sitrep version; rebuild it")

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._connection

    def reconnect(self) -> None:
        """Open a connection of this process's own at the next lookup: what a forked process must do, as an
        SQLite connection may not cross a fork. What was read already (names, automaton) is kept."""
        self._connection = None

    # -- lookups ------------------------------------------------------------------------------------------
    def places(self, key: str) -> list[PlaceRow]:
        """Every place one of whose names folds to ``key``."""
        return list(self._places(key))

    def _read_places(self, key: str) -> tuple[PlaceRow, ...]:
        rows = self.connection.execute(
            f"SELECT {', '.join('p.' + c for c in PLACE_COLUMNS)} "
            "FROM name n JOIN place p ON p.id = n.place_id WHERE n.key = ?",
            (key,),
        )
        return tuple(PlaceRow(*row) for row in rows)

    def variant_names(self, folded: str) -> list[str]:
        """Folded names that share ``folded``'s transliteration key (Jebleh -> jablah, jableh)."""
        return list(self._variant_names(folded))

    def _read_variant_names(self, folded: str) -> tuple[str, ...]:
        key = variant_key(folded)
        rows = self.connection.execute("SELECT name_key FROM variant WHERE key = ?", (key,))
        names = [row[0] for row in rows]
        return (*names, *([key] if key != folded and self._has_name(key) else []))

    def _has_name(self, key: str) -> bool:
        return (
            self.connection.execute("SELECT 1 FROM name WHERE key = ? LIMIT 1", (key,)).fetchone() is not None
        )

    def country_names(self, country_code: str) -> list[str]:
        """Every folded name of the places of one country (for fuzzy lookup within it); read once each."""
        if country_code not in self._country_names:
            rows = self.connection.execute(
                "SELECT DISTINCT n.key FROM place p JOIN name n ON n.place_id = p.id "
                "WHERE p.country_code = ?",
                (country_code,),
            )
            self._country_names[country_code] = [row[0] for row in rows]
        return self._country_names[country_code]

    def place_by_id(self, place_id: int) -> PlaceRow | None:
        row = self.connection.execute(
            f"SELECT {', '.join(PLACE_COLUMNS)} FROM place WHERE id = ?", (place_id,)
        ).fetchone()
        return PlaceRow(*row) if row else None

    def country(self, code: str | None) -> Country | None:
        return self.countries.get(code or "")

    def admin1_name(self, country_code: str | None, admin1_code: str | None) -> str | None:
        return self.admin1_names.get(f"{country_code}.{admin1_code}") if admin1_code else None

    def admin2_name(self, row: PlaceRow) -> str | None:
        """The admin2 name of a place; default gazetteers store the name itself as the code."""
        if not row.admin2_code:
            return None
        code = f"{row.country_code}.{row.admin1_code}.{row.admin2_code}"
        return self.admin2_names.get(code, row.admin2_code if not row.admin2_code.isdigit() else None)

    def capital(self, country_code: str) -> PlaceRow | None:
        row = self.connection.execute(
            f"SELECT {', '.join(PLACE_COLUMNS)} FROM place WHERE country_code = ? AND feature_code = 'PPLC' "
            "ORDER BY population DESC LIMIT 1",
            (country_code,),
        ).fetchone()
        return PlaceRow(*row) if row else None

    @cached_property
    def countries(self) -> dict[str, Country]:
        rows = self.connection.execute("SELECT code, name, capital, geonames_id FROM country")
        return {row[0]: Country(*row) for row in rows}

    @cached_property
    def admin1_names(self) -> dict[str, str]:
        return dict(self.connection.execute("SELECT code, name FROM admin1"))

    @cached_property
    def admin2_names(self) -> dict[str, str]:
        return dict(self.connection.execute("SELECT code, name FROM admin2"))

    @cached_property
    def stoplist(self) -> dict[str, float]:
        """Place names that are common English words, with their Zipf frequency (see make_stoplist.py)."""
        lines = (DATA / "stoplist.tsv").read_text(encoding="utf-8").splitlines()
        return {word: float(zipf) for word, zipf in (line.split("\t") for line in lines if line[:1] != "#")}

    @cached_property
    def demonyms(self) -> frozenset[str]:
        """Folded nationality and associative words ("syrian", "turks", "european", "eu"): mentions of a
        country's or continent's people or bodies, not of the place."""
        associative = [words for _names, words in continents().values()]
        return frozenset(fold(word) for words in (*demonyms().values(), *associative) for word in words)

    @cached_property
    def person_names(self) -> frozenset[str]:
        """Common given names and surnames (see make_person_names.py)."""
        lines = (DATA / "person_names.txt").read_text(encoding="utf-8").splitlines()
        return frozenset(line for line in lines if line and not line.startswith("#"))

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """An Aho-Corasick automaton over the recognisable folded names, each as its word form (see
        ``word_form``); values pack the form's length with ``EXACT_FORM``/``PUNCTUATED_FORM`` flags.

        Built once per gazetteer and code version, then loaded from beside the gazetteer file (see
        sitrep.geo.matcher_cache)."""
        return load_or_build(self.path, self._automaton_fingerprint(), self._build_automaton)

    def _automaton_fingerprint(self) -> str:
        """What the automaton is built from: this gazetteer file, and this module's code."""
        status = self.path.stat()
        code = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()
        identity = f"{SCHEMA_VERSION}|{status.st_size}|{status.st_mtime_ns}|{code}|{version('pyahocorasick')}"
        return hashlib.sha1(identity.encode()).hexdigest()[:16]

    def _build_automaton(self) -> ahocorasick.Automaton:
        rows = self.connection.execute(
            "SELECT n.key, max(p.feature_code LIKE 'PCL%' OR p.feature_code = 'CONT') "
            "FROM name n JOIN place p ON p.id = n.place_id WHERE n.recognise = 1 GROUP BY n.key"
        )
        flags: dict[str, int] = {}
        for key, is_country in rows:
            if _recognisable(key, bool(is_country)):
                form = word_form(key)
                flags[form] = flags.get(form, 0) | (EXACT_FORM if form[1:-1] == key else PUNCTUATED_FORM)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for form, flag in flags.items():
            automaton.add_word(form, len(form) << FLAG_BITS | flag)
        automaton.make_automaton()
        return automaton

    def name_matches(self, folded: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every recognisable name in folded text that stands on word boundaries.

        The automaton holds names as word forms and scans the text's word form, so it reports only matches
        with no letter or digit on either side; each is then checked against the names themselves.
        """
        words = word_form(folded)
        matches = []
        for last, value in self.automaton.iter(words):
            start, end = last - (value >> FLAG_BITS) + 1, last - 1  # the form's padding maps onto the text's
            name = folded[start:end]
            if name == words[start + 1 : end + 1]:
                found = bool(value & EXACT_FORM)
            else:
                found = bool(value & PUNCTUATED_FORM) and self._is_recognised(name)
            if found:
                matches.append((start, end))
        return matches

    def _is_recognised(self, key: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM name WHERE key = ? AND recognise = 1 LIMIT 1", (key,))
        return row.fetchone() is not None

    # -- the pipeline stage ---------------------------------------------------------------------------------
    def recognise(self, doc: Document) -> list[Mention]:
        """PLACE mentions in ``doc``, each resolved to a ``Place`` (see sitrep.geo.recognise)."""
        from sitrep.geo.recognise import recognise

        return recognise(self, doc)

    def resolve_spans(self, doc: Document, spans: list[Span]) -> list[Mention]:
        """PLACE mentions for given name spans (say, gold annotations), resolved in the article's context."""
        from sitrep.geo.recognise import toponyms_at
        from sitrep.geo.resolve import resolve

        return resolve(self, doc, toponyms_at(self, doc.text, spans), [])

    def lookup(self, name: str) -> list[PlaceRow]:
        """Places called ``name`` exactly (after folding) or by a transliteration variant."""
        folded = fold(name)
        rows = self.places(folded)
        if rows:
            return rows
        return [row for key in self.variant_names(folded) for row in self.places(key)]
