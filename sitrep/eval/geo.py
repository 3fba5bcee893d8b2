"""Geoparsing scored against gold corpora, UCDP's Syrian place names and ACLED's coded locations.

* Geocoding with gold spans (GeoWebNews, LGL, TR-News, GeoVirus): each gold toponym that has coordinates
  is resolved in its article's context; correct when within 161 km (100 miles, the usual threshold) of the
  gold point, and, where the gold gives one, "exact id" when the GeoNames id is the same. A toponym the
  gazetteer cannot find counts as wrong. A country is scored at its gazetteer point.
* End to end (toponym recognition): predicted PLACE spans against gold toponym spans; GeoWebNews counts
  every toponym type except expressions (Literal_Expression, Non_Lit_Expression), languages and
  non-toponyms. "exact" needs the same offsets; "overlap" any shared character.
* UCDP Syria: each distinct ``where_coordinates`` name with where_prec 1 or 2, less its kind word, through
  ``geocode(name, country="SY")``; correct within 10 km of UCDP's point. The default gazetteer includes
  places derived from this very file, so the figure is also given for GeoNames alone (``--no-ucdp``).
* ACLED: the notes' event place (``event_place`` on the note's first clause); admin1 compared folded,
  fuzzily (Idleb/Idlib: rapidfuzz ratio >= 80), by transliteration key (Erbil/Arbil) or as names of the
  same division of the predicted country in the gazetteer (Bavaria/Bayern: ISO 3166-2 and GeoNames
  names); location within 10 km.

Gold data is read from ``../shared/data`` relative to the repository and never copied into it.
"""

from __future__ import annotations

import csv
import re
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from sitrep.geo import Gazetteer
from sitrep.geo.default import build_default
from sitrep.geo.distance import km
from sitrep.geo.fold import fold, variant_key
from sitrep.geo.geocode import geocode
from sitrep.geo.locate import event_place
from sitrep.model import Article, Document, Place, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
GEOPARSING = SHARED / "geoparsing-gold"
UCDP_CSV = SHARED / "ucdp-ged-syria" / "ged191_syria_dev.csv"
ACLED_CSV = SHARED / "acled-sample-2022" / "acled_2022H1_global_dev.csv"
CORPORA = ("GeoWebNews", "LGL", "TR-News", "GeoVirus")
ACCURACY_KM = 161.0
LOCATION_KM = 10.0
ADMIN1_SIMILARITY = 80
ALIGN_CHARS = 5
# Words that say what kind of region a name is, not which one ("Seoul Special City", "Kherson Oblast").
ADMIN_KIND_WORDS = frozenset(
    [
        "oblast",
        "province",
        "region",
        "governorate",
        "state",
        "department",
        "prefecture",
        "county",
        "district",
        "territory",
        "municipality",
        "autonomous",
        "republic",
        "krai",
        "kray",
        "voivodeship",
        "division",
        "special",
        "city",
        "metropolitan",
        "capital",
        "area",
        "muhafazat",
        "wilayah",
        "of",
        "the",
    ]
)
NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Language", "Non_Toponym"})
KIND_SUFFIX = re.compile(r"\s+(?:town|village|villge|city)$", re.IGNORECASE)
TARGETS = {"accuracy_161km_mean": 0.93, "geowebnews_f1": 0.80, "ucdp_within_10km": 0.85,
           "acled_admin1": 0.90, "acled_within_10km": 0.80}  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoldToponym:
    span: Span
    latitude: float | None
    longitude: float | None
    geonames_id: int | None = None
    fcode: str | None = None


@dataclass(slots=True)
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


@dataclass(slots=True)
class Score:
    """Counts for one corpus; the ratios are properties so a report never divides by hand."""

    name: str
    documents: int = 0
    gold: int = 0
    within: int = 0
    with_id: int = 0
    same_id: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    seconds: float = 0.0
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.within / self.gold if self.gold else 0.0

    @property
    def id_accuracy(self) -> float:
        return self.same_id / self.with_id if self.with_id else 0.0

    def f1(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def read_corpus(name: str, folder: Path = GEOPARSING) -> list[GoldArticle]:
    """One gold corpus: GeoWebNews, LGL, TR-News or GeoVirus (each has its own XML layout)."""
    root = ElementTree.parse(folder / f"{name}.xml").getroot()
    readers = {"GeoWebNews": _geowebnews, "GeoVirus": _geovirus}
    return [readers.get(name, _lgl)(article) for article in root.iter("article")]


def _geowebnews(article: ElementTree.Element) -> GoldArticle:
    toponyms = []
    for toponym in article.iter("toponym"):
        if toponym.findtext("type") in NOT_TOPONYMS:
            continue
        latitude, longitude = toponym.findtext("latitude"), toponym.findtext("longitude")
        gid = toponym.findtext("geonamesID")
        toponyms.append(
            GoldToponym(
                Span(int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)),
                float(latitude) if latitude else None,
                float(longitude) if longitude else None,
                int(gid) if gid else None,
            )
        )
    return _aligned(
        article.findtext("text") or "",
        toponyms,
        [
            t.findtext("extractedName") or ""
            for t in article.iter("toponym")
            if t.findtext("type") not in NOT_TOPONYMS
        ],
    )


def _aligned(text: str, toponyms: list[GoldToponym], names: list[str]) -> GoldArticle:
    """Gold offsets that miss their name by a few characters (GeoVirus counts one more at the start, some
    TR-News articles one more) are moved onto the nearest occurrence of the name."""
    aligned = []
    for toponym, name in zip(toponyms, names, strict=True):
        span = toponym.span
        if name and span.of(text) != name:
            window = text[max(0, span.start - ALIGN_CHARS) : span.end + ALIGN_CHARS]
            offsets = [
                m.start() + max(0, span.start - ALIGN_CHARS) for m in re.finditer(re.escape(name), window)
            ]
            if offsets:
                start = min(offsets, key=lambda o: abs(o - span.start))
                span = Span(start, start + len(name))
        aligned.append(
            GoldToponym(span, toponym.latitude, toponym.longitude, toponym.geonames_id, toponym.fcode)
        )
    return GoldArticle(text, aligned)


def _lgl(article: ElementTree.Element) -> GoldArticle:
    toponyms = []
    for toponym in article.iter("toponym"):
        tag = toponym.find("gaztag")
        span = Span(int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0))
        if tag is None:
            toponyms.append(GoldToponym(span, None, None))
            continue
        gid = tag.get("geonameid")
        toponyms.append(
            GoldToponym(
                span,
                float(tag.findtext("lat") or 0),
                float(tag.findtext("lon") or 0),
                int(gid) if gid else None,
            )
        )
    names = [toponym.findtext("phrase") or "" for toponym in article.iter("toponym")]
    return _aligned(article.findtext("text") or "", toponyms, names)


def _geovirus(article: ElementTree.Element) -> GoldArticle:
    toponyms = [
        GoldToponym(
            Span(int(location.findtext("start") or 0), int(location.findtext("end") or 0)),
            float(location.findtext("lat") or 0),
            float(location.findtext("lon") or 0),
        )
        for location in article.iter("location")
    ]
    names = [location.findtext("name") or "" for location in article.iter("location")]
    return _aligned(article.findtext("text") or "", toponyms, names)


def _document(text: str) -> Document:
    return Document(Article(id="gold", raw=text, text=text))


def _point(gazetteer: Gazetteer, place: Place) -> tuple[float, float] | None:
    """A mention's point; countries and regions have none in a Place, so take the gazetteer's."""
    if place.latitude is not None and place.longitude is not None:
        return place.latitude, place.longitude
    row = gazetteer.place_by_id(place.geonames_id) if place.geonames_id else None
    return (row.latitude, row.longitude) if row and row.latitude is not None else None


def score_geocoding(gazetteer: Gazetteer, name: str, articles: list[GoldArticle]) -> Score:
    """Resolution given the gold spans: share within 161 km, and share with the gold GeoNames id."""
    score = Score(name, documents=len(articles))
    started = time.perf_counter()
    for article in articles:
        gold = [t for t in article.toponyms if t.latitude is not None]
        mentions = gazetteer.resolve_spans(_document(article.text), [t.span for t in gold])
        by_span = {m.span: m.value for m in mentions}
        for toponym in gold:
            place = by_span.get(toponym.span)
            point = _point(gazetteer, place) if place else None
            score.gold += 1
            if point and km(point[0], point[1], toponym.latitude, toponym.longitude) <= ACCURACY_KM:
                score.within += 1
            if toponym.geonames_id:
                score.with_id += 1
                score.same_id += bool(place and place.geonames_id == toponym.geonames_id)
    score.seconds = time.perf_counter() - started
    return score


def score_recognition(gazetteer: Gazetteer, name: str, articles: list[GoldArticle]) -> Score:
    """End-to-end toponym recognition: precision, recall and F1 of predicted spans."""
    score = Score(name, documents=len(articles))
    started = time.perf_counter()
    for article in articles:
        predicted = [m.span for m in gazetteer.recognise(_document(article.text))]  # places and demonyms
        gold = [t.span for t in article.toponyms]
        score.gold += len(gold)
        score.predicted += len(predicted)
        score.exact += len(set(predicted) & set(gold))
        score.overlap += sum(any(p.overlaps(g) for p in predicted) for g in gold)
    score.seconds = time.perf_counter() - started
    return score


def ucdp_names(path: Path = UCDP_CSV) -> Iterator[tuple[str, float, float]]:
    """Distinct (name without kind word, latitude, longitude) of UCDP rows with where_prec 1 or 2."""
    seen: set[tuple[str, float, float]] = set()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["where_prec"] not in ("1", "2"):
                continue
            item = (
                KIND_SUFFIX.sub("", row["where_coordinates"].strip()),
                float(row["latitude"]),
                float(row["longitude"]),
            )
            if item not in seen:
                seen.add(item)
                yield item


def score_ucdp(gazetteer: Gazetteer, path: Path = UCDP_CSV) -> Score:
    """``geocode NAME --country SY`` within 10 km of UCDP's point."""
    score = Score("UCDP Syria")
    started = time.perf_counter()
    for name, latitude, longitude in ucdp_names(path):
        matches = geocode(gazetteer, name, country="SY")
        score.gold += 1
        place = matches[0].place if matches else None
        if (
            place
            and place.latitude is not None
            and km(place.latitude, place.longitude, latitude, longitude) <= 10
        ):
            score.within += 1
    score.seconds = time.perf_counter() - started
    return score


def score_acled(gazetteer: Gazetteer, path: Path = ACLED_CSV, limit: int | None = None) -> Score:
    """The notes' event place: admin1 agreement and location within 10 km (``extra``: admin1 hits)."""
    score = Score("ACLED notes")
    admin1_hits = 0
    started = time.perf_counter()
    with path.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            if limit is not None and number >= limit:
                break
            doc = _document(row["notes"])
            doc.mentions = gazetteer.recognise(doc)
            mention = event_place(doc, _first_clause(doc.text))
            score.gold += 1
            place = mention.value if mention else None
            admin1_hits += bool(place and same_admin1(place.admin1, row["admin1"], place.country_code))
            if place and place.latitude is not None and row["latitude"]:
                distance = km(
                    place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"])
                )
                score.within += distance <= LOCATION_KM
    score.documents = score.gold
    score.extra["admin1"] = admin1_hits / score.gold if score.gold else 0.0
    score.seconds = time.perf_counter() - started
    return score


def _first_clause(text: str) -> Span:
    """The anchor for a note's event: the first word after its "On <date>," opening."""
    comma = text.find(",")
    start = comma + 2 if 0 <= comma < 40 else 0
    end = text.find(" ", start)
    return Span(start, end if end > start else len(text))


def same_admin1(predicted: str | None, gold: str, country_code: str | None = None) -> bool:
    """One first-level region however spelt, the one admin1 comparison of every scorer: Idlib/Idleb by edit
    distance, Arbil/Erbil by transliteration key (both less words naming the kind of region: Seoul/Seoul
    Special City, Kherson Oblast/Kherson), Bavaria/Bayern by the default gazetteer's names of first-level
    divisions (of ``country_code`` when given)."""
    if not predicted or not gold:
        return False
    left, right = _region_key(predicted), _region_key(gold)
    if (
        left == right
        or fuzz.ratio(left, right) >= ADMIN1_SIMILARITY
        or variant_key(left) == variant_key(right)
    ):
        return True
    gazetteer = default_gazetteer()
    return bool(
        _admin1_codes(gazetteer, predicted, country_code) & _admin1_codes(gazetteer, gold, country_code)
    )


def _region_key(name: str) -> str:
    """The folded name less kind words, unless it has nothing else ("Capital", "Central Region")."""
    folded = fold(name)
    return " ".join(word for word in folded.split() if word not in ADMIN_KIND_WORDS) or folded


def _admin1_codes(gazetteer: Gazetteer, name: str, country_code: str | None) -> set[tuple[str, str]]:
    return {
        (r.country_code, r.admin1_code)
        for r in gazetteer.lookup(name)
        if r.feature_code == "ADM1"
        and r.country_code
        and r.admin1_code
        and country_code in (None, r.country_code)
    }


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The default gazetteer, opened once per process for the scorers that compare names through it."""
    return Gazetteer.open(None)


def geonames_only(folder: Path) -> Gazetteer:
    """The default gazetteer without the places derived from UCDP, built into ``folder``."""
    build_default(folder / "geonames-only.sqlite", with_ucdp=False)
    return Gazetteer.open(folder / "geonames-only.sqlite")


def available() -> bool:
    return GEOPARSING.is_dir()


def report(gazetteer: Gazetteer, acled_limit: int | None = None) -> list[str]:
    """Every figure of issue 4 that the shared data allows, as Markdown lines."""
    lines = ["| corpus | docs | gold | acc@161km | exact id | seconds |", "|---|---|---|---|---|---|"]
    accuracies = []
    for name in CORPORA:
        score = score_geocoding(gazetteer, name, read_corpus(name))
        accuracies.append(score.accuracy)
        id_accuracy = f"{score.id_accuracy:.3f}" if score.with_id else "n/a"
        cells = (
            name,
            score.documents,
            score.gold,
            f"{score.accuracy:.3f}",
            id_accuracy,
            f"{score.seconds:.1f}",
        )
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    lines.append(f"\nmean accuracy within 161 km: {sum(accuracies) / len(accuracies):.3f} (target 0.93)\n")
    lines += ["| corpus | P exact | R exact | F1 exact | F1 overlap | docs/s |", "|---|---|---|---|---|---|"]
    for name in CORPORA:
        score = score_recognition(gazetteer, name, read_corpus(name))
        p, r, f = score.f1(score.exact)
        overlap_f1 = score.f1(score.overlap)[2]
        rate = score.documents / score.seconds if score.seconds else 0.0
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {overlap_f1:.3f} | {rate:.0f} |")
    if UCDP_CSV.is_file():
        ucdp = score_ucdp(gazetteer)
        lines.append(f"\nUCDP Syria names within 10 km: {ucdp.accuracy:.3f} of {ucdp.gold} (target 0.85)")
        with tempfile.TemporaryDirectory(prefix="sitrep-eval-") as folder:
            alone = score_ucdp(geonames_only(Path(folder)))
        lines.append(f"UCDP Syria names within 10 km, GeoNames places only: {alone.accuracy:.3f}")
    if ACLED_CSV.is_file():
        acled = score_acled(gazetteer, limit=acled_limit)
        lines.append(
            f"ACLED notes ({acled.gold}): admin1 {acled.extra['admin1']:.3f} (target 0.90), "
            f"within 10 km {acled.accuracy:.3f} (target 0.80)"
        )
    return lines


if __name__ == "__main__":
    import sys

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print("\n".join(report(Gazetteer.open(path))))  # python -m sitrep.eval.geo [GAZETTEER]
