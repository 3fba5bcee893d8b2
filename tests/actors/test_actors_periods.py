from datetime import date

from sitrep.actors.periods import Periods

PERIODS = Periods.load()


def test_syria_period_changes_on_8_december_2024() -> None:
    assert PERIODS.label("Syria", date(2024, 12, 7)) == "2000-2024"
    assert PERIODS.label("Syria", date(2024, 12, 8)) == "2024-"


def test_unknown_country_day_or_a_day_before_the_record_has_no_period() -> None:
    assert PERIODS.label("Atlantis", date(2024, 1, 1)) is None
    assert PERIODS.label("Syria", None) is None
    assert PERIODS.label("Syria", date(1999, 1, 1)) is None
