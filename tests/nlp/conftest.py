from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Article, Document
from sitrep.nlp import NLP

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"


@pytest.fixture(scope="session")
def nlp() -> NLP:
    return NLP.load()


@pytest.fixture(scope="session")
def analyse(nlp: NLP) -> Callable[..., Document]:
    def run(text: str, published: date | None = date(2025, 3, 7)) -> Document:
        return nlp.analyse(Article(id="test", raw=text, text=text, published=published))

    return run


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seed/article.txt is not present")
    return SEED.read_text(encoding="utf-8")
