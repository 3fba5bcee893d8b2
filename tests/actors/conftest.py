from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actors_support import Recognise

from sitrep.actors import ActorLexicon
from sitrep.model import Article, Mention, Place, Span
from sitrep.nlp import NLP

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"


@pytest.fixture(scope="session")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


@pytest.fixture(scope="session")
def recognise(lexicon: ActorLexicon) -> Recognise:
    """ACTOR mentions of a text; ``country`` stands in for the gazetteer's places (a country-level PLACE)."""
    nlp = NLP.load()

    def run(
        text: str, published: date | None = date(2025, 3, 7), country: str | None = None
    ) -> list[Mention]:
        doc = nlp.analyse(Article(id="test", raw=text, text=text, published=published))
        if country:
            doc.mentions.append(Mention(Span(0, 0), "PLACE", "", Place(name=country, country=country)))
        return lexicon.recognise(doc)

    return run


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seed/article.txt is not present")
    return SEED.read_text(encoding="utf-8")
