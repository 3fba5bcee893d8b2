"""The founding article (../shared/seed/article.txt), published 2025-03-07: its actors."""

from itertools import pairwise

from actors_support import Recognise, named


def test_founding_article_actors(recognise: Recognise, seed_text: str) -> None:
    found = named(recognise(seed_text))
    names = {(text, name, inter) for text, name, inter in found}
    assert ("government security forces", "Military Forces of Syria (2024-)", 1) in names
    assert ("Syrian forces", "Military Forces of Syria (2024-)", 1) in names
    assert ("militants supporting ousted leader Bashar al-Assad", "Militia (Pro-Assad)", 3) in names
    assert ("Pro-Assad fighters", "Militia (Pro-Assad)", 3) in names
    assert ("Assad loyalists", "Militia (Pro-Assad)", 3) in names
    assert ("civilians", "Civilians (Syria)", 7) in names
    assert ("Hayat Tahrir al-Sham", "HTS: Hayat Tahrir al Sham", 2) in names
    assert ("Assad regime", "Government of Syria (2000-2024)", 1) in names
    assert ("Syrian authorities", "Government of Syria (2024-)", 1) in names


def test_founding_article_has_no_actor_for_speakers_or_communities(
    recognise: Recognise, seed_text: str
) -> None:
    texts = {text for text, _, _ in named(recognise(seed_text))}
    assert not texts & {"security official", "Alawite leaders", "Alawite", "leaders", "Kneifati"}


def test_actor_spans_point_at_their_text(recognise: Recognise, seed_text: str) -> None:
    mentions = recognise(seed_text)
    assert all(m.span.of(seed_text) == m.text and m.value.span == m.span for m in mentions)
    assert all(not a.span.overlaps(b.span) for a, b in pairwise(mentions))
