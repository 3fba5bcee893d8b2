"""Event typing scored on CASE 2021 shared task 2 (fine-grained event classification of news snippets).

Each snippet goes through the whole pipeline; its most confident event's sub_event_type is the prediction
and a snippet without an event is "rejected". The gold labels are 25 ACLED sub-event codes and five types
outside ACLED's taxonomy (natural and man-made disasters, diplomacy, organised crime, attribution of
responsibility) that should be rejected. Scores: macro-F1 over the 25 ACLED classes (a rejected ACLED
snippet is a miss; an unseen snippet given an ACLED type is a false positive of that type) and the share
of unseen snippets rejected. The file is read from ``../shared/data`` and never copied into the repository.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from sitrep.errors import SitrepError
from sitrep.eval.confusion import NO_EVENT, Confusion, top_event

CASE_FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "case2021-task2"
CASE_TSV = CASE_FOLDER / "test_set_final_release_with_labels.tsv"
TARGETS = {"macro_f1": 0.70, "rejection_recall": 0.80}

# The shared task's codes for ACLED's sub-event types (task description, "SEEN" event types).
ACLED_CODES: MappingProxyType[str, str] = MappingProxyType(
    {
        "ARMED_CLASH": "Armed clash",
        "GOV_REGAINS_TERIT": "Government regains territory",
        "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
        "CHEM_WEAP": "Chemical weapon",
        "AIR_STRIKE": "Air/drone strike",
        "SUIC_BOMB": "Suicide bomb",
        "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
        "REM_EXPLOS": "Remote explosive/landmine/IED",
        "GRENADE": "Grenade",
        "PEACE_PROTEST": "Peaceful protest",
        "PROTEST_WITH_INTER": "Protest with intervention",
        "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
        "VIOL_DEMONSTR": "Violent demonstration",
        "MOB_VIOL": "Mob violence",
        "AGREEMENT": "Agreement",
        "ARREST": "Arrests",
        "CHANGE_TO_GROUP_ACT": "Change to group/activity",
        "DISR_WEAP": "Disrupted weapons use",
        "HQ_ESTABLISHED": "Headquarters or base established",
        "PROPERTY_DISTRUCT": "Looting/property destruction",
        "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
        "OTHER": "Other",
        "SEX_VIOL": "Sexual violence",
        "ATTACK": "Attack",
        "ABDUCT_DISSAP": "Abduction/forced disappearance",
    }
)
UNSEEN_CODES = frozenset({"MAN_MADE_DISASTER", "NATURAL_DISASTER", "DIPLO", "ORG_CRIME", "ATTRIB"})


@dataclass(frozen=True, slots=True)
class Snippet:
    snippet_id: str
    text: str
    code: str

    @property
    def label(self) -> str:
        """The ACLED sub-event type, or the task's own code for an unseen type."""
        return ACLED_CODES.get(self.code, self.code)


@dataclass(slots=True)
class CaseScore:
    snippets: int = 0
    seconds: float = 0.0
    confusion: Confusion = field(default_factory=Confusion)

    def macro_f1(self) -> float:
        return self.confusion.macro_f1(ACLED_CODES.values())

    def rejection_recall(self) -> float:
        """Share of unseen-type snippets that yield no event."""
        unseen = self.unseen_snippets()
        rejected = sum(self.confusion.pairs[(code, NO_EVENT)] for code in UNSEEN_CODES)
        return rejected / unseen if unseen else 0.0

    def unseen_snippets(self) -> int:
        return sum(n for (gold, _), n in self.confusion.pairs.items() if gold in UNSEEN_CODES)


def read_snippets(path: Path = CASE_TSV, limit: int | None = None) -> list[Snippet]:
    """Snippets of the task's labelled test file; SitrepError for a missing file or an unknown code."""
    if not path.is_file():
        raise SitrepError(f"{path}: no such CASE 2021 file (the gold data lives in ../shared/data)")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        snippets = [Snippet(row["id"], row["EventSnippet"], row["SubType"]) for row in rows]
    unknown = {s.code for s in snippets} - ACLED_CODES.keys() - UNSEEN_CODES
    if unknown:
        raise SitrepError(f"{path}: unknown sub-event codes {', '.join(sorted(unknown))}")
    return snippets[:limit]


def evaluate(path: Path = CASE_TSV, limit: int | None = None) -> CaseScore:
    from sitrep.pipeline import Resources

    snippets = read_snippets(path, limit)
    resources = Resources.load()
    score = CaseScore()
    started = time.perf_counter()
    for snippet in snippets:
        event = top_event(snippet.text, resources, origin=f"CASE {snippet.snippet_id}")
        predicted = event.sub_event_type if event is not None else NO_EVENT
        score.confusion.add(snippet.label, predicted)
        score.snippets += 1
    score.seconds = time.perf_counter() - started
    return score
