from datetime import date

import pytest

from sitrep.eval.incidents import (
    DUPLICATES,
    FAKES_CSV,
    SEED_ARTICLE,
    bcubed,
    dateline,
    duplicate_score,
    founding_copies,
    lead_event,
    load_duplicate_stories,
    load_fakes,
)
from sitrep.model import Event, Span


def test_bcubed_counts_each_item_against_its_clusters():
    gold = {1: "a", 2: "a", 3: "b"}
    score = bcubed(gold, {1: "x", 2: "y", 3: "y"})
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert bcubed(gold, {1: "x", 2: "x", 3: "z"}).f1 == 1.0
    lumped = bcubed(gold, dict.fromkeys(gold, "all"))
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx(5 / 9)


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Wed 05 Apr 2017 Syria attack symptoms", date(2017, 4, 5)),
        ("Date of publication 12 June 2016 Dozens of civilians", date(2016, 6, 12)),
        ("Published April 24 2017 Assad regime forces", date(2017, 4, 24)),
        ("05.02.2015 A Syrian rebel Islamist group", date(2015, 2, 5)),
        ("13-12-2014 Kurdish Forces Kill 16", date(2014, 12, 13)),
        ("Kurdish forces killed 16 fighters on Saturday", None),
    ],
)
def test_dateline_reads_the_publication_date_before_the_lead(opening, expected):
    assert dateline(opening) == expected


def test_lead_event_is_the_first_current_event_in_the_text():
    background = Event(
        "a", "a-e0", "Battles", "Armed clash", evidence={"trigger": [Span(0, 5)]}, historical=True
    )
    later = Event("a", "a-e1", "Protests", "Peaceful protest", evidence={"trigger": [Span(90, 99)]})
    lead = Event("a", "a-e2", "Battles", "Armed clash", evidence={"trigger": [Span(40, 45)]})
    assert lead_event([background, later, lead]) is lead
    assert lead_event([]) is None


def test_duplicate_score_counts_split_stories_and_merged_ones():
    stories = {"one": ["a", "b"], "two": ["c"], "three": ["d"]}
    score = duplicate_score(stories, {"a": "i1", "b": "i2", "c": "i3", "d": "i3"})
    assert score.incidents_per_story == pytest.approx(4 / 3)
    assert score.merged_story_pairs == [("three", "two")]


def test_duplicate_gold_names_existing_fixtures():
    gold = load_duplicate_stories()
    all_ids = [u for ids in gold["fakes"].values() for u in ids]
    assert len(all_ids) == len(set(all_ids))
    for name in gold["founding"]["copies"]:
        if name != "seed":
            assert (DUPLICATES.parent / name.removeprefix("frame:")).exists()


@pytest.mark.slow
def test_fakes_gold_loads_with_dates_and_places():
    if not FAKES_CSV.exists() or not SEED_ARTICLE.exists():
        pytest.skip("../shared/data is absent")
    loaded = load_fakes()
    articles = {a.unit_id: a for a in loaded}
    assert len(loaded) == len(articles) == 792  # 804 rows, 12 repeating a unit id
    assert all(a.location and a.event_date.year >= 2011 for a in articles.values())
    assert {u for ids in load_duplicate_stories()["fakes"].values() for u in ids} <= set(articles)
    framed = founding_copies(["frame:founding_frame.txt"])[0]
    assert SEED_ARTICLE.read_text().split("\n\n")[1] in framed  # the body, under a new headline
