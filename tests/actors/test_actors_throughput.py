"""Throughput of the language and actor stages on the 804 FA-KES articles (../shared; skipped if absent).

CPU time, not wall time, so other jobs on the machine do not count; run with ``-s`` to see the figure.
"""

from __future__ import annotations

import csv
import time
from datetime import datetime
from pathlib import Path

import pytest

from sitrep.actors import ActorLexicon
from sitrep.model import Article
from sitrep.nlp import NLP

FAKES = Path(__file__).resolve().parents[3] / "shared" / "data" / "fakes-syria-news" / "FA-KES-Dataset.csv"


def articles() -> list[Article]:
    with FAKES.open(encoding="latin-1") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Article(
            id=row["unit_id"],
            raw=row["article_content"],
            text=row["article_content"],
            published=datetime.strptime(row["date"], "%m/%d/%Y").date(),
        )
        for row in rows
    ]


@pytest.mark.slow
def test_nlp_and_actors_run_hundreds_of_articles_a_second() -> None:
    if not FAKES.exists():
        pytest.skip("../shared/data/fakes-syria-news is not present")
    corpus = articles()
    nlp, lexicon = NLP.load(), ActorLexicon.load()
    started = time.process_time()
    mentions = sum(len(lexicon.recognise(nlp.analyse(article))) for article in corpus)
    rate = len(corpus) / (time.process_time() - started)
    print(
        f"\nNLP.analyse + ActorLexicon.recognise: {rate:.0f} articles/s of CPU time ({len(corpus)} articles)"
    )
    assert mentions > len(corpus)
    assert rate > 150
