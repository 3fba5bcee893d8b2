"""The shared line and sentence rules, block by block: what goes, and the reporting that must stay."""

from __future__ import annotations

import pytest

from sitrep.clean.boilerplate import Block, filter_blocks, is_headline, split_sentences, strip_promo_sentences

LEAD = "Government shelling killed nine civilians in Kafr Nabl on Sunday, the White Helmets said."
SECOND = "The shells hit a crowded market shortly after noon, according to rescuers at the scene."
THIRD = "Russia and Turkey agreed a ceasefire for the province in September, but attacks continued."


def kept(*lines: str, title: str | None = None) -> list[str]:
    return list(filter_blocks([Block(line) for line in lines], title=title).paragraphs)


@pytest.mark.parametrize(
    "promo",
    [
        "Sign up for our Middle East newsletter and get the headlines delivered straight to your inbox.",
        "Try the Daily Courier for free for 3 months and enjoy unlimited digital access.",
        "Become a member today and support independent journalism from just $1 a month.",
        "Download our free news app to get breaking news alerts.",
        "Follow us on Twitter and Facebook for the latest updates.",
        "We use cookies to improve your experience; read our cookie policy.",
        "© 2024 Courier Media Ltd. All rights reserved.",
        "To read the full report, click here.",
    ],
)
def test_a_promotional_sentence_is_removed_from_inside_a_paragraph(promo: str) -> None:
    assert strip_promo_sentences(f"{LEAD} {promo} {SECOND}") == f"{LEAD} {SECOND}"


@pytest.mark.parametrize(
    "reporting",
    [
        "The group posted a video of the strike on Facebook and Twitter on Monday.",
        "A local council newsletter listed the names of 40 people who were detained.",
        "Rebels said they would not share control of the crossing with the Kurdish forces.",
        "Journalism in Syria is dangerous: 12 reporters were killed there last year.",
        "Residents said the water supply was free for the first time in a month.",
        "The ministry said more than 200 people had read more than one warning leaflet.",
    ],
)
def test_reporting_that_shares_a_cue_word_is_kept(reporting: str) -> None:
    assert strip_promo_sentences(reporting) == reporting


@pytest.mark.parametrize(
    "furniture",
    [
        "Author",
        "By Sara Haddad",
        "BY NICK JONES and AMAL SAID",
        "- Advertisement -",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Share this article",
        "Facebook Twitter WhatsApp Email",
        "Tags: Syria, Idlib, Russia",
        "Photo: AFP/Omar Haj Kadour",
        "A man walks past a damaged building in Douma. REUTERS/Bassam Khabieh",
        "Reporting by Sara Haddad; Editing by John Stonestreet",
        "Home > World > Middle East",
        "News | Syria | Politics",
        "Comments (12)",
        "Read more: Syria's war in ten charts",
        "Listen to this article",
        "Accept all cookies",
        "Copyright 2024 Courier Media",
    ],
)
def test_furniture_lines_are_removed(furniture: str) -> None:
    assert kept(LEAD, furniture, SECOND) == [LEAD, SECOND]


@pytest.mark.parametrize(
    "short_news",
    [
        "More than 200 people were killed.",
        "By nightfall, the army had retaken the village.",
        "Save the Children said 12 children died.",
        "Comments by the minister drew criticism.",
        "Photos from the scene showed destroyed homes.",
        "Advertising boards were hit by shrapnel.",
        "Related fighting killed five more people in Hama.",
        "Idlib | 12 | 30",
    ],
)
def test_short_news_sentences_that_resemble_furniture_stay(short_news: str) -> None:
    assert kept(LEAD, short_news, SECOND) == [LEAD, short_news, SECOND]


def test_a_teaser_for_another_story_after_the_article_is_removed() -> None:
    lines = [
        LEAD,
        SECOND,
        "Recommended",
        "Floods Sweep Through Villages in Northern Iraq",
        "BAGHDAD (AP) - Heavy rains flooded dozens of villages across the north, officials said on...",
    ]
    assert kept(*lines) == [LEAD, SECOND]


def test_a_teaser_pair_inside_the_article_is_removed() -> None:
    lines = [
        LEAD,
        "Donors Weigh Reconstruction Funding for Aleppo",
        "Officials met in Brussels to discuss how...",
        THIRD,
    ]
    assert kept(*lines) == [LEAD, THIRD]


def test_a_related_heading_ends_the_article_when_teasers_follow() -> None:
    lines = [
        LEAD,
        "Related stories",
        "UN Envoy Prepares Fresh Round of Geneva Talks",
        "The special envoy said he hoped to convene both delegations before the end of the month.",
    ]
    assert kept(*lines) == [LEAD]


def test_a_related_box_in_mid_article_does_not_end_the_article() -> None:
    lines = [LEAD, "Don't miss", SECOND, THIRD, "The death toll is expected to rise."]
    assert kept(*lines) == [LEAD, SECOND, THIRD, "The death toll is expected to rise."]


def test_links_and_scraps_after_the_last_paragraph_go_but_a_paywalled_paragraph_stays() -> None:
    cut = "Still, the commander, who led the assault on the town in 2016, has been"
    assert kept(LEAD, cut) == [LEAD, cut]
    linked = Block("Syria's war in ten charts", link_density=1.0)
    result = filter_blocks([Block(LEAD), linked, Block("Latest"), Block("Syria Conflict Timeline Explained")])
    assert result.paragraphs == (LEAD,)


def test_a_link_dense_line_goes_but_a_linked_sentence_stays() -> None:
    blocks = [
        Block(LEAD),
        Block("Syria: 800 detainees freed in amnesty", link_density=0.9),
        Block(SECOND, link_density=0.6),
    ]
    assert filter_blocks(blocks).paragraphs == (LEAD, SECOND)


def test_the_opening_title_line_becomes_the_title() -> None:
    body = filter_blocks(
        [Block("Car Bomb Kills 12 at Checkpoint Near Azaz"), Block("By Sara Haddad"), Block(LEAD)]
    )
    assert body.title == "Car Bomb Kills 12 at Checkpoint Near Azaz"
    assert body.paragraphs == (LEAD,)


def test_a_given_title_is_kept_and_its_repetition_removed() -> None:
    body = filter_blocks(
        [Block("Shelling kills nine in Kafr Nabl"), Block(LEAD)],
        title="Shelling kills nine in Kafr Nabl | Courier",
    )
    assert body.title == "Shelling kills nine in Kafr Nabl | Courier"
    assert body.paragraphs == (LEAD,)


def test_a_date_line_is_not_taken_for_a_title() -> None:
    body = filter_blocks([Block("Published 7 March 2025"), Block(LEAD)])
    assert body.title is None
    assert body.paragraphs == ("Published 7 March 2025", LEAD)


def test_menus_before_the_article_go() -> None:
    assert kept("Home", "World", "Middle East", LEAD, SECOND) == [LEAD, SECOND]


def test_text_without_any_full_sentence_is_not_emptied() -> None:
    assert kept("Ceasefire holds in Idlib for a third day", "Aid convoys reach Atareb") == [
        "Ceasefire holds in Idlib for a third day",
        "Aid convoys reach Atareb",
    ]


def test_arabic_and_chinese_paragraphs_count_as_prose() -> None:
    arabic = "قُتل تسعة مدنيين في قصف على بلدة كفرنبل يوم الأحد، بحسب الدفاع المدني."
    chinese = "叙利亚人权观察组织说，周日的炮击造成九名平民死亡。"
    assert kept(arabic, chinese) == [arabic, chinese]


def test_whitespace_and_invisible_characters_are_tidied() -> None:
    assert kept("  Twelve\u00a0people   were\u200b killed\n in Daraa on Friday.  ") == [
        "Twelve people were killed in Daraa on Friday."
    ]


def test_is_headline() -> None:
    assert is_headline("Bezos Unfazed by Musk-Trump Space Alliance Threat!")
    assert is_headline("UN Envoy Prepares Fresh Round of Geneva Talks")
    assert not is_headline("Ceasefire holds in Idlib for a third day")
    assert not is_headline(LEAD)


def test_split_sentences_keeps_every_character_but_the_breaks() -> None:
    text = 'He said: "We will return." Then he left. Was it over? "No," said another.'
    assert split_sentences(text) == [
        'He said: "We will return."',
        "Then he left.",
        "Was it over?",
        '"No," said another.',
    ]


def test_a_title_over_a_cut_off_lead_is_not_a_teaser() -> None:
    lead = (
        "Government forces shelled the last rebel-held towns in the province overnight, the monitor said..."
    )
    body = filter_blocks([Block("Shelling Resumes on Rebel Towns in Idlib"), Block(lead), Block(SECOND)])
    assert body.title == "Shelling Resumes on Rebel Towns in Idlib"
    assert body.paragraphs == (lead, SECOND)


def test_a_given_title_equal_to_the_only_paragraph_does_not_empty_the_article() -> None:
    only = "Twelve people were killed in Daraa on Friday."
    assert filter_blocks([Block(only)], title=only).paragraphs == (only,)


def test_headlines_between_the_body_and_a_related_heading_go_too() -> None:
    lines = [LEAD, SECOND, "Syria Conflict Explained in Maps", "Related", "Aid Convoy Reaches Atareb", THIRD]
    assert kept(*lines) == [LEAD, SECOND]
