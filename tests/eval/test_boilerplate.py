"""The boilerplate scorer: its arithmetic, its handling of a missing benchmark, and the real score."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.eval.boilerplate import BENCHMARK_FOLDER, page_counts, score_extraction

GOLD = "Government shelling killed nine civilians in Kafr Nabl on Sunday, rescuers said."
# Measured on the 181 benchmark pages (see the report of issue 2): clean F1 0.965, trafilatura alone 0.960.
MEASURED_F1 = 0.965
MARGIN = 0.01


def test_identical_text_scores_perfectly() -> None:
    assert page_counts(GOLD, GOLD, 4) == (1.0, 0.0, 0.0)


def test_extra_text_costs_precision_and_missing_text_costs_recall() -> None:
    tp, fp, fn = page_counts(GOLD, GOLD + " Sign up for our newsletter today to get more news.", 1)
    assert fp > 0 and fn == 0 and tp > fp
    tp, fp, fn = page_counts(GOLD, "Government shelling killed nine civilians", 1)
    assert fn > 0 and fp == 0


def test_counts_are_shares_of_the_page_so_long_pages_weigh_no_more() -> None:
    assert sum(page_counts(GOLD * 20, GOLD, 4)) == pytest.approx(1.0)


def write_benchmark(folder: Path, pages: dict[str, tuple[str, str]]) -> None:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for key, (html, body) in pages.items():
        (folder / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        truth[key] = {"articleBody": body, "url": f"https://example.com/{key}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_scoring_a_small_benchmark_in_its_own_format(tmp_path: Path) -> None:
    page = (
        f"<html><body><nav>Home World</nav><article><p>{GOLD}</p>"
        "<p>Sign up for our newsletter.</p></article></body></html>"
    )
    write_benchmark(
        tmp_path, {"a": (page, GOLD), "b": ("<html><body></body></html>", "Text the page lacks.")}
    )
    score = score_extraction(folder=tmp_path)
    assert (score.pages, score.empty, score.shingle_size) == (2, 1, 4)
    assert score.precision == pytest.approx(1.0) and score.recall == pytest.approx(0.5)
    assert "F1 0.667" in str(score)


def test_a_missing_benchmark_raises_a_sitrep_error(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="not found"):
        score_extraction(folder=tmp_path / "absent")


@pytest.mark.slow
def test_clean_scores_as_measured_on_the_zyte_benchmark() -> None:
    if not (BENCHMARK_FOLDER / "ground-truth.json").is_file():
        pytest.skip(f"benchmark not available at {BENCHMARK_FOLDER}")
    score = score_extraction()
    assert score.pages == 181
    assert score.f1 >= MEASURED_F1 - MARGIN
    assert score.precision >= score.recall - 0.05  # clean favours precision
