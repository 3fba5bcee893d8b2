from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.store import Store
from tests.report.support import fill, forget_incidents, ingest_samples


@pytest.fixture(scope="session")
def handmade_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made month, with its events reconciled into incidents as the store keeps them."""
    path = tmp_path_factory.mktemp("handmade") / "sitrep.db"
    with Store.open(path) as store:
        fill(store)
    return path


@pytest.fixture(scope="session")
def events_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same month in a database without stored incidents (written before reconciliation was)."""
    path = tmp_path_factory.mktemp("events") / "sitrep.db"
    with Store.open(path) as store:
        fill(store)
        forget_incidents(store)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged samples ingested through the real pipeline: the demo database."""
    path = tmp_path_factory.mktemp("demo") / "sitrep.db"
    with Store.open(path) as store:
        if not ingest_samples(store):
            pytest.skip("the extraction pipeline does not import yet")
    return path
