"""Cumulative tolls ("since the war began", "so far this year") are background: no event, no fatalities."""

from __future__ import annotations

from datetime import date

from events_support import count, day, events, main_event, place

PUBLISHED = date(2017, 4, 5)


def test_a_toll_since_a_year_long_past_is_no_event() -> None:
    text = (
        "More than 180000 people have been killed in Syria "
        "since an uprising against the regime began in 2011."
    )
    found = events(
        text,
        count("More than 180000", 180001, low=180001, qualifier="more_than"),
        place("Syria", precision=None),
        day("2011", date(2011, 1, 1), precision=3),
        published=PUBLISHED,
    )
    assert all((e.fatalities.best or 0) < 180001 for e in found)
    assert not found


def test_a_toll_of_the_war_is_no_event() -> None:
    for text in (
        "The war has killed 300000 people in Aleppo.",
        "The conflict in Aleppo, which has killed 300000 people, entered its seventh year.",
        "So far this year 300000 people have been killed in Aleppo.",
    ):
        assert not events(text, count("300000", 300000), place("Aleppo")), text


def test_a_new_events_toll_beside_a_cumulative_one_is_kept() -> None:
    text = "An air strike killed 12 civilians in Aleppo on Tuesday. The war has killed 300000 people."
    event = main_event(text, count("12", 12), count("300000", 300000), place("Aleppo"))
    assert event.sub_event_type == "Air/drone strike"
    assert event.fatalities.best == 12


def test_a_recent_start_is_no_cumulative_period() -> None:
    text = "Air strikes have killed 12 civilians in Aleppo since Monday."
    event = main_event(
        text, count("12", 12), place("Aleppo"), day("Monday", date(2017, 4, 3)), published=PUBLISHED
    )
    assert event.fatalities.best == 12


def test_a_comparison_with_a_past_period_is_no_cumulative_toll() -> None:
    text = "The air strike killed 40 people in Aleppo, the deadliest attack in the past two years."
    assert main_event(text, count("40", 40), place("Aleppo")).fatalities.best == 40


def test_a_year_or_a_period_later_in_the_statement_makes_a_toll_cumulative() -> None:
    for text, figure in (
        ("More than 280000 people have been killed in Aleppo since the conflict erupted in 2011.", "280000"),
        (
            "The monitor counted the killing of 5812 civilians in Aleppo (in air raids) over the past year.",
            "5812",
        ),
    ):
        found = events(text, count(figure, int(figure)), place("Aleppo"))
        assert all(e.fatalities.best is None for e in found), text
