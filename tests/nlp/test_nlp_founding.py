"""The founding article (../shared/seed/article.txt), published 2025-03-07, through the nlp stage."""

from collections.abc import Callable
from datetime import date

from sitrep.model import Count, DateValue, Document


def test_founding_article_counts(analyse: Callable[..., Document], seed_text: str) -> None:
    found = {m.text: m.value for m in analyse(seed_text).mentions if m.label == "COUNT"}
    assert found["over 70"] == Count(71, 71, None, "over")
    assert found["at least 16"] == Count(16, 16, None, "at_least")
    assert found["over 28"] == Count(29, 29, None, "over")
    assert found["four"] == Count(4, 4, 4, "exact")
    assert "1" not in found  # "for 1 month" in the promotional tail is a duration


def test_founding_article_dates(analyse: Callable[..., Document], seed_text: str) -> None:
    found = {m.text: m.value for m in analyse(seed_text).mentions if m.label == "DATE"}
    assert found["December 8"] == DateValue(date(2024, 12, 8), 1)
    removal = found["December"]  # "since Assad's removal in December"
    assert (removal.day.year, removal.day.month, removal.precision) == (2024, 12, 3)
    assert "overnight" not in found  # "overnight curfews" is an adjective, not a date


def test_founding_article_claimants(analyse: Callable[..., Document], seed_text: str) -> None:
    values = [m.value for m in analyse(seed_text).mentions if m.label == "CLAIMANT"]
    assert (
        values.count("Syrian Observatory for Human Rights") == 3
    )  # full name, "Syrian Observatory", "the Observatory"
    assert "SANA" in values
    assert "Ministry of Defence" in values


def test_every_mention_span_points_at_its_text(analyse: Callable[..., Document], seed_text: str) -> None:
    doc = analyse(seed_text)
    assert doc.mentions == sorted(doc.mentions, key=lambda m: (m.span, m.label))
    assert all(m.span.of(seed_text) == m.text for m in doc.mentions)
    assert all(doc.sentence_of(m.span) is not None for m in doc.mentions)
