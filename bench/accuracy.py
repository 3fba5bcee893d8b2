"""Extraction accuracy on every gold set the machine holds, against the issue-3 targets.

    python bench/accuracy.py               # regenerates bench/accuracy.md
    python bench/accuracy.py --limit 200   # the first 200 items of each set (a quick look; not committed)

ACLED notes (global and Middle East 2022H1 dev samples), CASE 2021 task 2 snippets, PLOVER gold-standard
sentences and UCDP GED Syria headlines go through the whole pipeline; the scorers are ``sitrep.eval.*``
(the same as ``sitrep eval acled|case|plover|ucdp``). Gold data is read from ../shared/data and never
copied: the report holds aggregate figures and class names only, no gold text. A missing set is skipped
and the report says so.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from sitrep.eval import acled, case, plover, ucdp
from sitrep.eval.confusion import ClassRow, Confusion

REPORT = Path(__file__).with_name("accuracy.md")
ACLED_SETS = {
    "global": acled.ACLED_FOLDER / "acled_2022H1_global_dev.csv",
    "Middle East": acled.ACLED_FOLDER / "acled_2022H1_middle_east_dev.csv",
}


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _met(value: float, target: float) -> str:
    return "yes" if value >= target else "**no**"


def _mistakes(row: ClassRow) -> str:
    return ", ".join(f"{label} {n}" for label, n in row.mistaken_for)


def class_rows(rows: list[ClassRow]) -> list[str]:
    cells = (
        (r.label, r.gold, f"{r.precision:.2f}", f"{r.recall:.2f}", f"{r.f1:.2f}", _mistakes(r)) for r in rows
    )
    return table(("gold class", "gold", "precision", "recall", "F1", "commonest mistakes"), cells)


def acled_section(limit: int | None) -> list[str]:
    lines = ["## ACLED notes (2022H1 dev samples)", ""]
    scores = {name: acled.evaluate(path, limit=limit) for name, path in ACLED_SETS.items() if path.is_file()}
    if not scores:
        return [*lines, "ACLED samples absent: skipped.", ""]
    lines.append("Each note's most confident event against the row's coding (`sitrep eval acled CSV`).")
    lines.append("")
    header = ("field", *(f"{name} ({s.notes} notes)" for name, s in scores.items()), "target", "met")
    rows = [
        (name, *(f"{s.accuracy(name):.3f}" for s in scores.values()), f"{target:.2f}",
         " / ".join(_met(s.accuracy(name), target) for s in scores.values()))
        for name, target in acled.TARGETS.items()
    ]  # fmt: skip
    lines += table(header, rows)
    for name, score in scores.items():
        lines += [
            f"### sub_event_type per gold class, {name} ({score.without_event} notes without event)",
            "",
        ]
        lines += class_rows(Confusion(score.confusion).rows())
    return lines


def case_section(limit: int | None) -> list[str]:
    lines = ["## CASE 2021 task 2 snippets", ""]
    if not case.CASE_TSV.is_file():
        return [*lines, "CASE 2021 absent: skipped.", ""]
    score = case.evaluate(limit=limit)
    lines += [
        f"{score.snippets} snippets, {score.unseen_snippets()} of the five unseen non-ACLED types "
        "(`sitrep eval case`). The prediction is the most confident event's sub_event_type; no event "
        "rejects the snippet.",
        "",
    ]
    figures = (
        ("sub-event macro-F1 (25 ACLED classes)", score.macro_f1(), case.TARGETS["macro_f1"]),
        ("rejection recall (unseen types)", score.rejection_recall(), case.TARGETS["rejection_recall"]),
    )
    lines += table(
        ("score", "value", "target", "met"), ((n, f"{v:.3f}", f"{t:.2f}", _met(v, t)) for n, v, t in figures)
    )
    return [*lines, *class_rows(score.confusion.rows())]


def plover_section(limit: int | None) -> list[str]:
    lines = ["## PLOVER gold-standard records", ""]
    if not plover.PLOVER_JSON.is_file():
        return [*lines, "PLOVER absent: skipped.", ""]
    score = plover.evaluate(limit=limit)
    lines += [
        f"{score.records} sentences (`sitrep eval plover`). Actors: a recognised actor shares >= 70% of its "
        "words (token-set ratio) with a gold source/target. Categories: PLOVER categories mapped to ACLED "
        "event types in `sitrep/data/eval/plover_event_types.tsv`; unmapped categories should yield no "
        "event.",
        "",
    ]
    figures = (
        (f"source actor matched ({score.actor_gold['source']} records)", score.actor_recall("source")),
        (f"target actor matched ({score.actor_gold['target']} records)", score.actor_recall("target")),
        (f"ACLED event type agrees ({score.mapped} mapped records)", score.category_agreement()),
        (f"no event for non-ACLED categories ({score.unmapped} records)", score.rejection()),
    )
    lines += table(("score", "value"), ((name, f"{value:.3f}") for name, value in figures))
    rows = (
        (category, n, f"{right / n:.2f}", ", ".join(f"{p} {k}" for p, k in predictions))
        for category, n, right, predictions in score.per_category()
    )
    return [*lines, *table(("PLOVER category", "records", "right", "commonest predictions"), rows)]


def ucdp_section(limit: int | None) -> list[str]:
    lines = ["## UCDP GED Syria headlines", ""]
    if not ucdp.UCDP_CSV.is_file():
        return [*lines, "UCDP GED absent: skipped.", ""]
    score = ucdp.evaluate(limit=limit)
    lines += [
        f"{score.rows} rows whose source headline names the coded place or its governorate "
        f"(`sitrep eval ucdp`; publication date = date_start); {score.without_event} gave no event.",
        "",
    ]
    return [
        *lines,
        *table(("score", "value"), ((name, f"{value:.3f}") for name, value in score.figures())),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items of each set")
    limit = parser.parse_args(argv).limit
    command = shlex.join(["python", "bench/accuracy.py", *(sys.argv[1:] if argv is None else argv)])
    lines = [
        "# Extraction accuracy against the gold sets",
        "",
        f"Command: `{command}` (from the repository root). Generated "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Gold data read from `../shared/data`; aggregate figures "
        "and class names only.",
        "",
    ]
    for section in (acled_section, case_section, plover_section, ucdp_section):
        lines += section(limit)
    REPORT.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
