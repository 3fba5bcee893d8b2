"""clean() on pages in the styles of different outlets: the rules must generalise, not match one page.

Every page here is synthetic (written for these tests); outlet names are invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.clean import PARAGRAPH_BREAK, clean
from sitrep.errors import InputError
from sitrep.ingest import article_from_string, read_inputs
from sitrep.model import Article

WIRE_LEAD = (
    "AZAZ, Syria (Reuters) - A car bomb exploded at a checkpoint near the Turkish border on Saturday, "
    "killing 12 people including five civilians, a war monitor said."
)
WIRE_SECOND = (
    "The Syrian Observatory for Human Rights said the blast hit a crossing run by Turkish-backed factions "
    "and wounded at least 20 others."
)
WIRE_COPY = "\n\n".join(
    [
        "Car bomb kills 12 at checkpoint near Azaz",
        "By Sara Haddad",
        WIRE_LEAD,
        WIRE_SECOND,
        "Reporting by Sara Haddad; Editing by John Stonestreet",
        "Share this article",
        "Read next",
        "Floods Sweep Through Northern Iraq Villages",
        "BAGHDAD (AP) - Heavy rains flooded dozens of villages across the north on Friday, officials said, "
        "as rescue teams...",
    ]
)

REGIONAL_LEAD = (
    "A Turkish drone struck a checkpoint of the Syrian Democratic Forces near Qamishli late on Tuesday, "
    "killing two fighters, the SDF said in a statement."
)
REGIONAL_SECOND = (
    "The strike came a day after clashes in the countryside of Tal Tamr left three fighters dead."
)
REGIONAL_SITE = "\n\n".join(
    [
        "Home | Syria | Politics",
        "Turkish drone strike hits SDF checkpoint in Qamishli",
        REGIONAL_LEAD + " Download our free app for breaking news alerts on your phone.",
        REGIONAL_SECOND + " To read the SDF statement in full, click here.",
        "We use cookies to personalise content and ads. By using this site you consent to our cookie policy.",
        "© 2023 Levant Courier. All rights reserved.",
    ]
)

GUARDIAN_STYLE = """<!doctype html>
<html><head>
<title>Shelling kills nine in Idlib market town | World news | The Daily Courier</title>
<meta property="og:title" content="Shelling kills nine in Idlib market town">
<meta property="og:site_name" content="The Daily Courier">
<meta name="author" content="Hana Khalil">
<meta property="article:published_time" content="2019-05-12T08:00:00Z">
</head><body>
<article>
<h1>Shelling kills nine in Idlib market town</h1>
<p>Government shelling killed nine civilians, including three children, in the town of Kafr Nabl on Sunday,
rescuers said, as the offensive on the last rebel-held province entered its third week.</p>
<p><strong>Related:</strong>
<a href="/world/idlib-timeline">Syria's war: a timeline of the Idlib offensive</a></p>
<p>The White Helmets said the shells hit a market shortly after noon. Sign up to our free Middle East
newsletter to get the day's headlines delivered straight to your inbox.</p>
<p>Russia and Turkey agreed a ceasefire for the province in September, but attacks have continued
almost daily.</p>
<p>Photo: AFP/Omar Haj Kadour</p>
<p>Support independent journalism. Become a supporter for as little as $1 a month.</p>
<h2>Most viewed</h2>
<p><a href="/uk/storm">Storm Dennis: Rivers Burst Their Banks Across Wales</a></p>
<p><a href="/film/oscars">Oscars 2020: The Full List of Winners</a></p>
</article>
</body></html>
"""

SCRIPTED_PAGE = """<html><head><title>Mortar fire hits Damascus</title>
<script>var headline = "Subscribe now"; document.write("<p>Injected teaser text</p>");</script>
<style>.story p { font-size: 18px }</style></head>
<body><div class="story">
<p>Mortar shells slammed into central Damascus on Tuesday, killing 12 people and wounding 50, state media
reported.</p>
<script type="text/javascript">
window.adQueue.push({slot: "mid-article", keywords: "syria war damascus"});
</script>
<noscript>Please enable JavaScript to view the comments.</noscript>
<p>Two of the shells hit a technical institute in the Shaghour neighbourhood, the news agency said.</p>
</div></body></html>
"""

ARABIC_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>مقتل تسعة مدنيين في قصف على كفرنبل</title></head><body>
<nav><a href="/">الرئيسية</a> | <a href="/syria">سوريا</a> | <a href="/world">العالم</a></nav>
<article>
<h1>مقتل تسعة مدنيين في قصف على كفرنبل</h1>
<p>قُتل تسعة مدنيين بينهم ثلاثة أطفال في قصف مدفعي للقوات الحكومية على بلدة كفرنبل
في ريف إدلب الجنوبي يوم الأحد، بحسب الدفاع المدني.</p>
<p>وقال المرصد السوري لحقوق الإنسان إن القذائف سقطت على سوق شعبي مزدحم قرابة الظهر،
وإن عدد القتلى مرشح للارتفاع.</p>
</article>
<footer>جميع الحقوق محفوظة © 2019</footer>
</body></html>
"""


def paragraphs(article: Article) -> list[str]:
    return article.text.split(PARAGRAPH_BREAK)


def test_wire_copy_keeps_the_story_and_drops_byline_credits_and_the_next_story() -> None:
    cleaned = clean(article_from_string(WIRE_COPY))
    assert cleaned.title == "Car bomb kills 12 at checkpoint near Azaz"
    assert paragraphs(cleaned) == [WIRE_LEAD, WIRE_SECOND]


def test_regional_site_loses_menu_app_promo_link_prompt_cookie_banner_and_copyright() -> None:
    cleaned = clean(article_from_string(REGIONAL_SITE))
    assert cleaned.title == "Turkish drone strike hits SDF checkpoint in Qamishli"
    assert paragraphs(cleaned) == [REGIONAL_LEAD, REGIONAL_SECOND]


def test_html_page_with_unlabelled_promos_related_links_credits_and_most_viewed() -> None:
    cleaned = clean(article_from_string(GUARDIAN_STYLE))
    text = cleaned.text
    assert len(paragraphs(cleaned)) == 3
    assert "killed nine civilians, including three children" in text
    assert "The White Helmets said the shells hit a market shortly after noon." in text
    assert "attacks have continued almost daily." in text
    for furniture in (
        "newsletter",
        "Related",
        "timeline",
        "Photo",
        "AFP/Omar",
        "journalism",
        "Most viewed",
        "Storm",
    ):
        assert furniture not in text
    assert "\n" not in text.replace(PARAGRAPH_BREAK, "")


def test_html_metadata_fills_what_ingest_left_empty() -> None:
    cleaned = clean(article_from_string(GUARDIAN_STYLE))
    assert cleaned.title == "Shelling kills nine in Idlib market town"
    assert (cleaned.author, cleaned.source, cleaned.published) == (
        "Hana Khalil",
        "The Daily Courier",
        date(2019, 5, 12),
    )


def test_values_the_user_gave_are_not_overridden_by_page_metadata() -> None:
    given = article_from_string(
        GUARDIAN_STYLE, published="2019-05-13", source="Courier (print)", title="Nine killed"
    )
    cleaned = clean(given)
    assert (cleaned.title, cleaned.source, cleaned.published) == (
        "Nine killed",
        "Courier (print)",
        date(2019, 5, 13),
    )


def test_scripts_styles_and_noscript_never_reach_the_text() -> None:
    cleaned = clean(article_from_string(SCRIPTED_PAGE))
    assert paragraphs(cleaned) == [
        "Mortar shells slammed into central Damascus on Tuesday, killing 12 people and wounding 50, "
        "state media reported.",
        "Two of the shells hit a technical institute in the Shaghour neighbourhood, the news agency said.",
    ]


def test_an_arabic_page_in_windows_1256_is_decoded_and_cleaned(tmp_path: Path) -> None:
    page = tmp_path / "kafr-nabl.html"
    page.write_bytes(ARABIC_PAGE.encode("cp1256"))
    (article,) = read_inputs([str(page)])
    cleaned = clean(article)
    assert cleaned.title == "مقتل تسعة مدنيين في قصف على كفرنبل"
    assert len(paragraphs(cleaned)) == 2
    assert paragraphs(cleaned)[0].startswith("قُتل تسعة مدنيين بينهم ثلاثة أطفال")
    assert "الرئيسية" not in cleaned.text and "محفوظة" not in cleaned.text


def test_arabic_plain_text_in_windows_1256_without_any_declaration(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    body = " ".join(ARABIC_PAGE.split("<p>")[1].split("</p>")[0].split())
    story.write_bytes(body.encode("cp1256"))
    (article,) = read_inputs([str(story)])
    assert clean(article).text == body


def test_truncated_html_still_gives_the_text_that_arrived() -> None:
    cut = GUARDIAN_STYLE[: GUARDIAN_STYLE.index("shortly after noon")]
    cleaned = clean(article_from_string(cut))
    assert cleaned.text.startswith("Government shelling killed nine civilians")


def test_broken_markup_is_read() -> None:
    broken = (
        "<html><body><div><p>Clashes between rival factions killed seven fighters in Afrin on Monday, the "
        "monitor said.<div><p>Three civilians were wounded by stray fire, a local doctor said.</b></i></span>"
        "<p>Talks between the factions collapsed last week<a href='/x"
    )
    text = clean(article_from_string(broken)).text
    assert "killed seven fighters in Afrin" in text and "Three civilians were wounded" in text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<footer>© 2024</footer></body></html>",
        "Share this article\n\nAdvertisement\n\nRead more",
        "<html><head><title>Empty</title></head><body></body></html>",
    ],
)
def test_a_page_without_article_text_is_an_input_error(page: str) -> None:
    with pytest.raises(InputError) as error:
        clean(article_from_string(page, origin="feed.jsonl:7"))
    assert (error.value.origin, error.value.reason) == ("feed.jsonl:7", "no article text after cleaning")


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    wrapped = (
        "Syrian government forces and their allies pressed an offensive on the\n"
        "rebel-held enclave of Eastern Ghouta on Monday, killing at least 23\n"
        "people, according to the Syrian Observatory for Human Rights.\n"
        "\n"
        "The monitor said air strikes and shelling hit the towns of Douma and\n"
        "Harasta, where residents have been under siege since 2013, and that\n"
        "rescue workers were still searching the rubble for survivors.\n"
    )
    assert paragraphs(clean(article_from_string(wrapped))) == [
        "Syrian government forces and their allies pressed an offensive on the rebel-held enclave of Eastern "
        "Ghouta on Monday, killing at least 23 people, according to the Syrian Observatory for Human Rights.",
        "The monitor said air strikes and shelling hit the towns of Douma and Harasta, where residents have "
        "been under siege since 2013, and that rescue workers were still searching the rubble for survivors.",
    ]


def test_one_paragraph_per_line_text_keeps_its_lines_as_paragraphs() -> None:
    lines = (
        "Clashes erupted in Daraa al-Balad on Thursday, residents said.\n"
        "Two fighters and a civilian were killed, according to a local monitor.\n"
    )
    assert len(paragraphs(clean(article_from_string(lines)))) == 2


def test_clean_does_not_mutate_its_input() -> None:
    raw = article_from_string(WIRE_COPY)
    clean(raw)
    assert raw.text == "" and raw.title is None
