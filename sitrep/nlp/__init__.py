"""Sentences, dates, counts and claimants: the language layer every later stage reads."""

from sitrep.nlp.analyser import NLP

__all__ = ["NLP"]
