"""Issue 6's acceptance test: the founding article twice under two ids and a reworded copy, through
``sitrep ingest`` into a real database, read through the API as one incident at the coastal town."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.eval.incidents import DUPLICATES, SEED_ARTICLE
from sitrep.reconcile.match import haversine_km
from sitrep.serve import create_app
from sitrep.store import Store
from tests.serve.conftest import fake_extract
from tests.store.support import INCIDENT_TABLES, dump

pytest.importorskip("sitrep.pipeline", reason="waits on the extraction stages", exc_type=ImportError)
if not SEED_ARTICLE.exists():
    pytest.skip("../shared/seed is absent", allow_module_level=True)

from sitrep.cli import app  # imports the pipeline's command modules

TOWN = (35.36, 35.92)  # where the acceptance test of issue 2 places the clash
REWORDED = DUPLICATES.parent / "founding_reworded.txt"
COPIES = {
    "seed-wire": SEED_ARTICLE.read_text(encoding="utf-8"),
    "seed-mirror": SEED_ARTICLE.read_text(encoding="utf-8"),
    "reworded": REWORDED.read_text(encoding="utf-8"),
}


def _ingest(tmp_path: Path, name: str, order: list[str]) -> Path:
    """``sitrep ingest`` of one JSON Lines file holding the copies in ``order``; the database's path."""
    lines = [json.dumps({"id": key, "text": COPIES[key], "published": "2025-03-07"}) for key in order]
    inputs = tmp_path / f"{name}.jsonl"
    inputs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / f"{name}.db"
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _ingest(tmp_path_factory.mktemp("founding"), "in-order", list(COPIES))


def _clashes_at_the_town(client: TestClient) -> list[dict]:
    found = client.get(
        "/api/incidents", params={"sub_event_type": "Armed clash", "date_from": "2025-03-01"}
    ).json()
    return [
        incident
        for incident in found["incidents"]
        if incident["latitude"] is not None
        and haversine_km(*TOWN, incident["latitude"], incident["longitude"]) <= 15
    ]


def test_the_three_copies_make_one_incident_listing_every_report(ingested: Path) -> None:
    with Store.open(ingested, create=False) as store:
        client = TestClient(create_app(store, extract=fake_extract))
        (clash,) = _clashes_at_the_town(client)
        detail = client.get(f"/api/incidents/{clash['incident_id']}").json()
    assert sorted(article["id"] for article in clash["articles"]) == sorted(COPIES)
    assert sorted(report["article"]["id"] for report in detail["reports"]) == sorted(COPIES)
    assert all(report["event"]["evidence"] for report in detail["reports"])
    assert {claim["article_id"] for claim in detail["claims"]} == set(COPIES)
    assert "Syrian Observatory for Human Rights" in {claim["claimant"] for claim in detail["claims"]}
    assert "breakdown_mismatch" in clash["flags"]
    assert 48 <= clash["fatalities"] <= 71
    assert clash["admin1"] == "Latakia" and clash["country"] == "Syria"
    assert detail["history"] and detail["history"][-1]["best"] == clash["fatalities"]


def test_another_arrival_order_gives_the_same_incident_tables(ingested: Path, tmp_path: Path) -> None:
    reordered = _ingest(tmp_path, "reordered", ["reworded", "seed-mirror", "seed-wire"])
    assert dump(reordered, INCIDENT_TABLES) == dump(ingested, INCIDENT_TABLES)
