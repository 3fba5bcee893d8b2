"""Actors: recognition and ACLED-style naming of state forces, armed groups, protesters and civilians."""

from sitrep.actors.lexicon import ActorLexicon

__all__ = ["ActorLexicon"]
