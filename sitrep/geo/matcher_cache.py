"""The gazetteer's name automaton, kept on disk beside the gazetteer file.

Building the automaton means reading every name of the gazetteer (several seconds); loading a pickled one
takes half a second. Each process that recognises places (a process-pool worker, a Spark executor) pays
that once, so the built automaton is stored beside the gazetteer under a fingerprint of everything it is
built from: the gazetteer file (size, modification time) and the code that builds it. A changed file or
code misses the cache and builds afresh; a folder that cannot be written to only costs the cache.
"""

from __future__ import annotations

import glob
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import ahocorasick

_SUFFIX = ".automaton.pickle"


def load_or_build(
    gazetteer: Path, fingerprint: str, build: Callable[[], ahocorasick.Automaton]
) -> ahocorasick.Automaton:
    """The automaton cached for ``gazetteer`` under ``fingerprint``, else ``build()``'s, then cached."""
    cache = gazetteer.with_name(f"{gazetteer.name}.{fingerprint}{_SUFFIX}")
    automaton = _load(cache)
    if automaton is None:
        automaton = build()
        if _store(cache, automaton):
            _remove_stale(gazetteer, cache)
    return automaton


def _load(cache: Path) -> ahocorasick.Automaton | None:
    try:
        with cache.open("rb") as stream:
            automaton = pickle.load(stream)
    except Exception:  # missing, truncated or foreign: build afresh and replace it
        return None
    return automaton if isinstance(automaton, ahocorasick.Automaton) else None


def _store(cache: Path, automaton: ahocorasick.Automaton) -> bool:
    """Write atomically (a reader sees no file or the whole file); False when the folder refuses it."""
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=cache.parent, prefix=f".{cache.name}.", delete=False) as out:
            temporary = Path(out.name)
            pickle.dump(automaton, out, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(cache)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        return False
    return True


def _remove_stale(gazetteer: Path, cache: Path) -> None:
    """Automata of earlier versions of this gazetteer or of the code (100 MB each)."""
    for stale in gazetteer.parent.glob(f"{glob.escape(gazetteer.name)}.*{_SUFFIX}"):
        if stale != cache:
            stale.unlink(missing_ok=True)
