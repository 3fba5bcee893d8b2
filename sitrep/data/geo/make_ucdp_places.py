"""Regenerate ``ucdp_places_sy.tsv`` from UCDP GED's Syria file (CC BY 4.0, see PROVENANCE.md).

    python sitrep/data/geo/make_ucdp_places.py ../shared/data/ucdp-ged-syria/ged191_syria_dev.csv

UCDP codes each event's place as free text (``where_coordinates``: "Teir Maaleh village", "Afrin district",
"Palmyra/Tadmur", "Al-Rai town (Choban Bey)") with a point and a precision (``where_prec``). This keeps the
named points (where_prec 1-4), strips the kind word into a GeoNames-style feature code, splits "/" and
parenthesised alternatives into alternate names, and takes the median point of each name's events.
Routes, borders, "area between" and directional regions ("Northern Hamah Governorate") are left out: they
are not one point.
"""

from __future__ import annotations

import csv
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent
OUTPUT = HERE / "ucdp_places_sy.tsv"

# Trailing kind words -> GeoNames feature code. A kind word in the middle of the name stays part of it.
KIND_CODES = {
    "town": "PPL",
    "village": "PPL",
    "villge": "PPL",
    "city": "PPL",
    "suburb": "PPLX",
    "locality": "PPLL",
    "district": "ADM2",
    "governorate": "ADM1",
    "area": "AREA",
}
# Kind words kept in the name ("Tishrin Dam") whose feature code is still known.
NAMED_KIND_CODES = {
    "mountain": "MT",
    "jabal": "MT",
    "hill": "HLL",
    "hills": "HLLS",
    "tall": "HLL",
    "airport": "AIRP",
    "airbase": "AIRB",
    "air base": "AIRB",
    "camp": "CMP",
    "dam": "DAM",
    "field": "OILF",
    "fields": "OILF",
    "oilfield": "OILF",
    "farm": "FRM",
    "farms": "FRMS",
    "base": "MILB",
    "brigade": "MILB",
    "prison": "PRN",
    "checkpoint": "CSTM",
    "plain": "PLN",
    "island": "ISL",
    "castle": "CSTL",
}
NOT_A_POINT = re.compile(
    r"\b(road|highway|border|between|axis|triangle|enclave|operation|river|pocket)\b|^(northern|southern|"
    r"eastern|western|north|south|east|west|northeastern|northwestern|southeastern|southwestern)\b.*"
    r"\bgovernorate$",
    re.IGNORECASE,
)
PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
# An English kind word UCDP appends to a name that already says its kind ("Jabal al Akrad mountain").
REDUNDANT_KIND = re.compile(r"^((?:jabal|tall|tell)\s.+?)\s+(?:mountain|hills?)$", re.IGNORECASE)
GOVERNORATE_SUFFIX = re.compile(r"\s+governorate$", re.IGNORECASE)


def split_names(where: str, context: set[str]) -> tuple[list[str], str | None]:
    """Names of one coded place and its feature code: "As Suwar town/Sur town" -> (["As Suwar", "Sur"], PPL).

    A parenthesised part is an alternate name ("Al-Rai town (Choban Bey)") unless it is an area or one of
    the ``context`` names (the row's governorate and district), which UCDP adds to tell places apart.
    """
    alternates = [
        p for p in PARENTHESIS.findall(where) if not re.search(r"\barea\b", p) and _key(p) not in context
    ]
    base = REDUNDANT_KIND.sub(r"\1", PARENTHESIS.sub("", where).strip())
    names: list[str] = []
    code: str | None = None
    for part in [*base.split("/"), *alternates]:
        words = part.split()
        if not words:
            continue
        kind = words[-1].lower()
        if kind in KIND_CODES and len(words) > 1:
            code = code or KIND_CODES[kind]
            words = words[:-1]
        names.append(" ".join(words))
    if code is None:
        lowered = base.lower()
        code = next((c for k, c in NAMED_KIND_CODES.items() if re.search(rf"\b{k}\b", lowered)), "AREA")
    return names, code


def _key(name: str) -> str:
    from sitrep.geo.fold import fold, variant_key

    return variant_key(fold(name))


def governorate_codes(admin1_file: Path, aliases_file: Path) -> dict[str, str]:
    """UCDP adm_1 spelling ("Hamah Governorate") -> GeoNames admin1 code ("SY.10")."""
    codes: dict[str, str] = {}
    for line in admin1_file.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, _ = line.split("\t")
        if code.startswith("SY."):
            codes[_key(name)] = codes[_key(ascii_name)] = code
    for line in aliases_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("SY."):
            code, _display, aliases = line.split("\t")
            for alias in aliases.split("|"):
                codes[_key(alias)] = code
    return codes


def main(source: Path) -> None:
    admin1 = governorate_codes(HERE / "admin1CodesASCII.txt", HERE / "admin1_aliases.tsv")
    points: dict[tuple[str, ...], list[tuple[float, float, int]]] = defaultdict(list)
    for row in csv.DictReader(source.open(encoding="utf-8")):
        where, prec = row["where_coordinates"].strip(), int(row["where_prec"])
        if prec > 4 or not where or where == row["country"] or NOT_A_POINT.search(where):
            continue
        governorate = GOVERNORATE_SUFFIX.sub("", row["adm_1"])
        district = re.sub(r"\s+district$", "", row["adm_2"], flags=re.IGNORECASE)
        names, code = split_names(where, {_key(governorate), _key(district)})
        admin1_code = admin1.get(_key(governorate), "")
        key = ("|".join(names), code or "", admin1_code, district)
        points[key].append((float(row["latitude"]), float(row["longitude"]), prec))
    with OUTPUT.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "# Derived from UCDP GED 19.1 Syria (CC BY 4.0) by make_ucdp_places.py; see PROVENANCE.md\n"
        )
        out.write("names\tlatitude\tlongitude\tfeature_code\tadmin1_code\tadmin2\twhere_prec\tevents\n")
        for (names, code, admin1_code, district), rows in sorted(points.items()):
            latitude = statistics.median(r[0] for r in rows)
            longitude = statistics.median(r[1] for r in rows)
            where_prec = Counter(r[2] for r in rows).most_common(1)[0][0]
            fields = (names, f"{latitude:.5f}", f"{longitude:.5f}", code, admin1_code, district, where_prec)
            out.write("\t".join(map(str, (*fields, len(rows)))) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))
    main(Path(sys.argv[1]))
