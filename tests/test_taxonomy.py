import csv
from pathlib import Path

import pytest

from sitrep import taxonomy

CATEGORIES = Path(__file__).resolve().parents[2] / "shared/data/acled-sample-2022/acled_event_categories.csv"


def test_six_event_types_and_twenty_five_sub_event_types():
    assert len(taxonomy.EVENT_TYPES) == 6
    assert len(taxonomy.SUB_EVENT_TYPES) == 25


def test_labels_are_spelled_as_acled_spells_them():
    if not CATEGORIES.exists():
        pytest.skip("../shared/data is absent")
    with CATEGORIES.open(newline="") as handle:
        acled = {(row["event_type"], row["sub_event_type"]) for row in csv.DictReader(handle)}
    ours = {(event_type, sub) for event_type, subs in taxonomy.EVENT_TYPES.items() for sub in subs}
    assert ours == acled


def test_sub_event_type_names_its_event_type():
    assert taxonomy.event_type_of("Air/drone strike") == taxonomy.EXPLOSIONS
    with pytest.raises(KeyError):
        taxonomy.event_type_of("Airstrike")


@pytest.mark.parametrize(
    ("event_type", "inter1", "inter2", "expected"),
    [
        (taxonomy.BATTLES, taxonomy.STATE_FORCES, taxonomy.REBEL_GROUPS, 1),
        (taxonomy.BATTLES, taxonomy.REBEL_GROUPS, taxonomy.IDENTITY_MILITIAS, 2),
        (taxonomy.VAC, taxonomy.POLITICAL_MILITIAS, taxonomy.CIVILIANS, 3),
        (taxonomy.EXPLOSIONS, taxonomy.EXTERNAL_FORCES, taxonomy.CIVILIANS, 3),
        (taxonomy.PROTESTS, taxonomy.PROTESTERS, None, None),
    ],
)
def test_ucdp_type_of_violence(event_type, inter1, inter2, expected):
    assert taxonomy.ucdp_type_of_violence(event_type, inter1, inter2) == expected
