"""Casualty figures: which counts are deaths, of whom, reported by whom, and ACLED's conservative best."""

from __future__ import annotations

from events_support import cited, claimant, count, events, main_event


def test_killed_and_wounded_are_kept_apart() -> None:
    text = "Gunmen attacked the village, killed 5 and wounded 7."
    event = main_event(text, count("5", 5), count("7", 7))
    assert (event.fatalities.best, event.fatalities.injured) == (5, 7)
    assert cited(event, "fatalities", text) == ["5"]


def test_casualties_alone_are_not_deaths() -> None:
    text = "Shelling of the town caused 12 casualties."
    assert main_event(text, count("12", 12)).fatalities.best is None


def test_nobody_killed_is_zero_not_unknown() -> None:
    event = main_event("Militants fired rockets at the base. No casualties were reported.")
    assert event.fatalities.best == 0
    assert main_event("Militants fired rockets at the base.").fatalities.best is None


def test_categories_add_up_and_the_lowest_estimate_is_best() -> None:
    text = (
        "Clashes left over 70 people dead. Fighters claimed the lives of at least 16 security personnel, "
        "while over 28 loyalists, along with four civilians, were also killed in the confrontations."
    )
    event = main_event(
        text,
        count("over 70", 71, qualifier="over"),
        count("at least 16", 16, qualifier="at_least"),
        count("over 28", 29, qualifier="over"),
        count("four", 4),
    )
    fatalities = event.fatalities
    assert fatalities.by_category == {"civilians": 4, "state_forces": 16, "armed_group": 29}
    assert (fatalities.best, fatalities.low, fatalities.high) == (49, 49, 71)


def test_different_sources_give_a_range_with_the_lowest_as_best() -> None:
    text = (
        "Airstrikes hit the market, killing 10 civilians, according to the Observatory. "
        "The ministry said 7 civilians were killed."
    )
    event = main_event(
        text,
        count("10", 10),
        count("7", 7),
        claimant("Observatory", "Syrian Observatory for Human Rights"),
        claimant("ministry", "Ministry of Health"),
    )
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (7, 7, 10)
    assert {(c.figure, c.claimant) for c in event.claims} == {
        (10, "Syrian Observatory for Human Rights"),
        (7, "Ministry of Health"),
    }
    assert event.sources[:2] == ["Syrian Observatory for Human Rights", "Ministry of Health"]


def test_an_attribution_carries_over_to_the_next_sentence() -> None:
    text = "The Observatory reported clashes in the town. Fighters killed 16 soldiers."
    event = main_event(text, count("16", 16), claimant("Observatory", "Syrian Observatory for Human Rights"))
    assert [c.claimant for c in event.claims] == ["Syrian Observatory for Human Rights"]


def test_singular_victims_count_one_each() -> None:
    event = main_event("A man and a woman were shot and killed by gunmen in the market.")
    assert event.fatalities.best == 2
    assert event.fatalities.by_category == {"civilians": 2}


def test_a_part_of_a_toll_is_not_added_to_it() -> None:
    text = "A car bomb exploded in the market. At least 50 people were killed, including two militants."
    event = main_event(text, count("At least 50", 50, qualifier="at_least"), count("two", 2))
    assert event.fatalities.best == 50


def test_a_protest_about_a_killing_has_no_fatalities() -> None:
    text = "Residents protested over the killing of 3 farmers."
    (event,) = events(text, count("3", 3))
    assert event.sub_event_type == "Peaceful protest"
    assert event.fatalities.best is None and event.claims == []


def test_perpetrators_are_not_counted_as_dead() -> None:
    event = main_event("On Friday, 3 assailants killed a journalist outside his home.", count("3", 3))
    assert event.fatalities.best == 1
    by_agent = main_event("A man was shot dead by an armed individual in the market.")
    assert by_agent.fatalities.best == 1


def test_counts_joined_to_a_toll_add_up_and_things_do_not_count() -> None:
    text = "Rebels killed 8 civilians in one village and 7 civilians in another, and burned 5 houses."
    event = main_event(text, count("8", 8), count("7", 7), count("5", 5))
    assert event.fatalities.best == 15


def test_a_pronoun_victim_counts_one() -> None:
    event = main_event("Police opened fire on a driver at a checkpoint, killing him.")
    assert event.fatalities.best == 1
