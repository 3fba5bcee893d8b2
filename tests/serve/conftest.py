from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from sitrep.errors import InputError
from sitrep.model import Article, Event
from sitrep.serve import create_app
from sitrep.serve.extraction import PostedArticle
from sitrep.store import Store
from sitrep.store.database import writing
from sitrep.store.review import create_token
from tests.serve.support import filled_store, north_events

if TYPE_CHECKING:
    from sitrep.pipeline import Resources


@cache
def pipeline_resources() -> Resources | None:
    """The pipeline's resources, loaded once for all the tests that need them; None while it cannot import."""
    try:
        from sitrep.pipeline import Resources
    except ImportError:
        return None
    return Resources.load()


def fake_extract(posted: PostedArticle, origin: str) -> tuple[Article, list[Event]]:
    """Stands in for the pipeline: the posted text becomes article "posted", with the north events."""
    if not posted.text.strip(" .\n"):
        raise InputError(origin, "no body text left after cleaning")
    article = Article(
        id="posted",
        raw=posted.text,
        text=posted.text,
        published=posted.published,
        url=posted.url,
        origin=origin,
    )
    events = north_events()
    for index, event in enumerate(events):
        event.article_id, event.event_id = "posted", f"posted-{index}"
        event.evidence.clear()
        event.claims.clear()
    return article, events


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with filled_store(tmp_path / "sitrep.db") as opened:
        yield opened


def token(store: Store, name: str, role: str) -> dict[str, str]:
    with writing(store.engine).begin() as conn:
        return {"Authorization": f"Bearer {create_token(conn, name, role)}"}


@pytest.fixture
def analyst(store: Store) -> dict[str, str]:
    return token(store, "alice", "analyst")


@pytest.fixture
def reader(store: Store) -> dict[str, str]:
    return token(store, "rob", "reader")


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store, extract=fake_extract))
