"""The CASE 2021 task 2 scorer: reading the gold, macro-F1, rejection of unseen types, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli.eval import eval_app
from sitrep.errors import SitrepError
from sitrep.eval.case import ACLED_CODES, CASE_TSV, TARGETS, CaseScore, evaluate, read_snippets
from sitrep.eval.confusion import NO_EVENT

SNIPPETS = [
    ("1", 'Government forces clashed with rebels near Idlib, killing 4 "fighters".', "ARMED_CLASH"),
    ("2", "Hundreds of people marched peacefully in Basra to demand jobs.", "PEACE_PROTEST"),
    ("3", "An earthquake struck the coast, damaging hundreds of buildings.", "NATURAL_DISASTER"),
    ("4", "The foreign minister met his French counterpart in Paris.", "DIPLO"),
]


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["id\tEventSnippet\tSubType", *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_quotes_verbatim_and_labels_unseen_types_by_their_code(tmp_path: Path) -> None:
    snippets = read_snippets(_write(tmp_path / "case.tsv", SNIPPETS))
    assert snippets[0].text.endswith('4 "fighters".')
    assert [s.label for s in snippets] == ["Armed clash", "Peaceful protest", "NATURAL_DISASTER", "DIPLO"]
    assert len(ACLED_CODES) == 25


def test_an_unknown_code_or_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="unknown sub-event codes BOGUS"):
        read_snippets(_write(tmp_path / "case.tsv", [("1", "text", "BOGUS")]))
    with pytest.raises(SitrepError, match="no such CASE"):
        read_snippets(tmp_path / "absent.tsv")


def test_macro_f1_counts_rejected_acled_snippets_as_misses_and_unseen_events_as_false_positives() -> None:
    score = CaseScore()
    for gold, predicted in [
        ("Armed clash", "Armed clash"),
        ("Armed clash", NO_EVENT),
        ("DIPLO", "Armed clash"),
        ("DIPLO", NO_EVENT),
        ("ORG_CRIME", NO_EVENT),
    ]:
        score.confusion.add(gold, predicted)
    precision, recall, f1 = score.confusion.scores("Armed clash")
    assert (precision, recall) == (0.5, 0.5)
    assert score.macro_f1() == pytest.approx(f1 / 25)  # every other ACLED class scores 0
    assert score.rejection_recall() == pytest.approx(2 / 3)


def test_the_pipeline_types_acled_snippets_and_rejects_unseen_ones(tmp_path: Path) -> None:
    score = evaluate(_write(tmp_path / "case.tsv", SNIPPETS))
    assert score.snippets == 4
    assert score.confusion.pairs[("Armed clash", "Armed clash")] == 1
    assert score.confusion.pairs[("Peaceful protest", "Peaceful protest")] == 1
    assert score.rejection_recall() == 1.0


def test_cli_prints_scores_and_the_per_class_table(tmp_path: Path) -> None:
    path = _write(tmp_path / "case.tsv", SNIPPETS)
    result = CliRunner().invoke(eval_app, ["case", str(path), "--limit", "2"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output and "rejection recall" in result.output
    assert "Peaceful protest" in result.output and "2 snippets" in result.output


@pytest.mark.slow
@pytest.mark.skipif(not CASE_TSV.is_file(), reason="CASE 2021 lives in ../shared/data")
def test_case_scores_on_the_task_test_set() -> None:
    score = evaluate()
    assert score.snippets == 1019 and score.unseen_snippets() == 190
    # Measured 0.624 / 0.600 when written; the issue-3 targets are 0.70 / 0.80.
    assert score.macro_f1() >= 0.58, f"macro-F1 {score.macro_f1():.3f} (target {TARGETS['macro_f1']})"
    assert score.rejection_recall() >= 0.55
