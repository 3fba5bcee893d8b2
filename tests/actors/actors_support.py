"""Helpers shared by the actor tests."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Actor, Mention

Recognise = Callable[..., list[Mention]]


def named(mentions: list[Mention]) -> list[tuple[str, str, int]]:
    """(text, ACLED name, inter) of each ACTOR mention."""
    return [(m.text, m.value.name, m.value.inter) for m in mentions if isinstance(m.value, Actor)]
