"""How often ACLED's own actors for an event are among the actors recognised in its notes.

Reads ~200 events of ACLED's 2022 H1 example data from ../shared (evaluation only; skipped when absent).
A gold actor counts as found when a recognised actor's name has a rapidfuzz token-set similarity of at
least 70 with it, government periods dropped ("Military Forces of Syria (2000-)" vs "... (2000-2024)").
Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from sitrep.actors import ActorLexicon
from sitrep.model import Actor, Article, Mention, Place, Span
from sitrep.nlp import NLP

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "acled-sample-2022"
    / "acled_2022H1_global_dev.csv"
)
PERIOD = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
EVENTS = 200


def similarity(gold: str, found: str) -> float:
    return fuzz.token_set_ratio(PERIOD.sub("", gold), PERIOD.sub("", found))


def recall(rows: list[dict[str, str]], *, country_known: bool) -> tuple[float, float]:
    """Share of gold actors found, and share of those found with ACLED's inter code."""
    nlp, lexicon = NLP.load(), ActorLexicon.load()
    found = total = same_inter = 0
    for row in rows:
        article = Article(id=row["event_id_cnty"], raw=row["notes"], text=row["notes"])
        article.published = date.fromisoformat(row["event_date"])
        doc = nlp.analyse(article)
        if country_known:  # what the geo stage supplies: the event's country
            doc.mentions.append(
                Mention(Span(0, 0), "PLACE", "", Place(name=row["country"], country=row["country"]))
            )
        actors = [m.value for m in lexicon.recognise(doc) if isinstance(m.value, Actor)]
        for name_column, inter_column in (("actor1", "inter1"), ("actor2", "inter2")):
            gold = row[name_column]
            if not gold:
                continue
            total += 1
            best = max(actors, key=lambda a: similarity(gold, a.name), default=None)
            if best is not None and similarity(gold, best.name) >= 70:
                found += 1
                same_inter += str(best.inter) == row[inter_column]
    return found / total, same_inter / max(found, 1)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    if not SAMPLE.exists():
        pytest.skip("../shared/data/acled-sample-2022 is not present")
    with SAMPLE.open(encoding="utf-8") as handle:
        every = list(csv.DictReader(handle))
    return every[:: len(every) // EVENTS][:EVENTS]


@pytest.mark.slow
def test_acled_actors_are_recognised_in_their_notes(rows: list[dict[str, str]]) -> None:
    alone, inter_alone = recall(rows, country_known=False)
    with_country, inter_with_country = recall(rows, country_known=True)
    print(
        f"\nACLED notes ({len(rows)} events): actors found {alone:.1%} (inter agrees {inter_alone:.1%}); "
        f"with the event's country known {with_country:.1%} (inter agrees {inter_with_country:.1%})"
    )
    assert alone >= 0.55
    assert with_country >= alone
    assert inter_with_country >= 0.85
