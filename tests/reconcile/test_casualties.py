from dataclasses import replace
from datetime import date

from reconcile_builders import claim, event, report

from sitrep.reconcile import reconcile_casualties, toll_history
from sitrep.reconcile.casualties import BREAKDOWN_MISMATCH, FIGURES_DISAGREE, TOLL_REVISED, VAGUE_FIGURES_ONLY

OBSERVATORY = "Syrian Observatory for Human Rights"
# "over 70 people dead ... at least 16 security personnel ... over 28 loyalists ... four civilians"
FOUNDING_CLAIMS = (
    replace(claim(71, qualifier="over", claimant=OBSERVATORY), low=71),
    claim(16, "state_forces", "at_least", OBSERVATORY),
    claim(29, "armed_group", "over", OBSERVATORY),
    claim(4, "civilians", claimant=OBSERVATORY),
)


def test_breakdown_that_does_not_add_up_is_flagged_and_every_claim_kept():
    result = reconcile_casualties([report(event("a", claims=FOUNDING_CLAIMS), "")])
    assert result.fatalities.best == 71  # the reported total, ACLED's lowest-reported rule
    assert result.fatalities.low == 49  # 16 + 29 + 4: the breakdown is a credible figure of its own
    assert result.fatalities.high == 71
    assert result.fatalities.by_category == {"armed_group": 29, "civilians": 4, "state_forces": 16}
    assert BREAKDOWN_MISMATCH in result.flags
    assert [c.figure for c in result.claims] == [71, 16, 29, 4]
    assert {c.article_id for c in result.claims} == {"a"}


def test_one_category_alongside_a_total_is_a_detail_not_a_breakdown():
    claims = (claim(20), claim(4, "civilians"))
    result = reconcile_casualties([report(event("a", claims=claims), "")])
    assert BREAKDOWN_MISMATCH not in result.flags
    assert (result.fatalities.best, result.fatalities.low, result.fatalities.high) == (20, 20, 20)
    assert result.fatalities.by_category == {"civilians": 4}


def test_a_detail_of_a_revised_total_does_not_become_a_toll_of_its_own():
    first = report(
        event("a", claims=[claim(23, claimant=OBSERVATORY), claim(9, "state_forces", claimant=OBSERVATORY)]),
        "",
        published=date(2025, 3, 7),
    )
    later = report(event("b", claims=[claim(31, claimant=OBSERVATORY)]), "", published=date(2025, 3, 8))
    result = reconcile_casualties([first, later])
    assert (result.fatalities.best, result.fatalities.low, result.fatalities.high) == (31, 31, 31)


def test_categories_without_a_total_add_up_to_the_toll():
    claims = (claim(3, "civilians"), claim(2, "state_forces"))
    result = reconcile_casualties([report(event("a", claims=claims), "")])
    assert (result.fatalities.best, result.fatalities.low, result.fatalities.high) == (5, 5, 5)


def test_disagreeing_outlets_give_a_range_with_the_lowest_as_best():
    reports = [
        report(event("a", claims=[claim(70, claimant="Outlet A")]), ""),
        report(event("b", claims=[claim(50, claimant="Outlet B")]), ""),
    ]
    result = reconcile_casualties(reports)
    assert (result.fatalities.best, result.fatalities.low, result.fatalities.high) == (50, 50, 70)
    assert FIGURES_DISAGREE in result.flags
    assert reconcile_casualties(reports, best_rule="highest").fatalities.best == 70


def test_open_ended_figures_that_overlap_do_not_disagree():
    reports = [
        report(event("a", claims=[claim(71, qualifier="over")]), ""),
        report(event("b", claims=[claim(75)]), ""),
    ]
    assert FIGURES_DISAGREE not in reconcile_casualties(reports).flags


def test_a_later_report_by_the_same_claimant_revises_the_toll_and_history_keeps_both():
    first = report(event("a", claims=[claim(20, claimant=OBSERVATORY)]), "", published=date(2025, 3, 7))
    later = report(event("b", claims=[claim(70, claimant=OBSERVATORY)]), "", published=date(2025, 3, 8))
    result = reconcile_casualties([later, first])
    assert result.fatalities.best == 70
    assert [c.figure for c in result.superseded] == [20]
    assert [c.figure for c in result.claims] == [20, 70]
    assert TOLL_REVISED in result.flags
    history = toll_history([later, first])
    assert [(h.as_of, h.article_id, h.best) for h in history] == [
        (date(2025, 3, 7), "a", 20),
        (date(2025, 3, 8), "b", 70),
    ]
    assert toll_history([first, later]) == history


def test_vague_figures_count_only_when_nobody_gives_a_number():
    dozens = claim(12, qualifier="vague")
    alone = reconcile_casualties([report(event("a", claims=[dozens]), "")])
    assert alone.fatalities.best == 12
    assert VAGUE_FIGURES_ONLY in alone.flags
    with_number = reconcile_casualties(
        [report(event("a", claims=[dozens]), ""), report(event("b", claims=[claim(30)]), "")]
    )
    assert with_number.fatalities.best == with_number.fatalities.low == 30
    assert VAGUE_FIGURES_ONLY not in with_number.flags


def test_injured_are_kept_apart_from_the_dead():
    claims = (claim(5), claim(40, kind="injured"))
    result = reconcile_casualties([report(event("a", claims=claims), "")])
    assert (result.fatalities.best, result.fatalities.injured) == (5, 40)


def test_no_figure_means_no_toll():
    result = reconcile_casualties([report(event("a"), "")])
    assert (result.fatalities.best, result.fatalities.low, result.fatalities.high) == (None, None, None)
    assert toll_history([report(event("a"), "")]) == []
