"""The corridor: an article in, events out.

``extract`` is a pure function of an article and the resources loaded once per process; it touches no
database, no global state and no network, so the same call runs in a loop, in a process pool or on Spark.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitrep.actors import ActorLexicon
from sitrep.clean import clean
from sitrep.events import detect_events
from sitrep.events.lexicon import may_report_events
from sitrep.geo import Gazetteer
from sitrep.model import Article, Document, Event
from sitrep.nlp import NLP


@dataclass(slots=True)
class Resources:
    """Everything heavy that extraction needs, loaded once and shared by every article of a process."""

    nlp: NLP
    gazetteer: Gazetteer
    actors: ActorLexicon

    @classmethod
    def load(cls, gazetteer_path: Path | None = None) -> Resources:
        return cls(nlp=NLP.load(), gazetteer=Gazetteer.open(gazetteer_path), actors=ActorLexicon.load())


def analyse(article: Article, resources: Resources) -> Document:
    """A cleaned article's sentences and every mention (dates, counts, claimants, places, actors) in order."""
    return _with_places_and_actors(resources.nlp.analyse(article), resources)


def extract(article: Article, resources: Resources) -> list[Event]:
    """Events reported by a cleaned article, each with its evidence spans into ``article.text``.

    An article none of whose sentences holds an event trigger leaves before places and actors are looked
    for (the relevance gate): no later stage could find an event in it."""
    doc = resources.nlp.analyse(article)
    if not may_report_events(doc):
        return []
    return detect_events(_with_places_and_actors(doc, resources))


def _with_places_and_actors(doc: Document, resources: Resources) -> Document:
    doc.mentions.extend(resources.gazetteer.recognise(doc))
    doc.mentions.extend(resources.actors.recognise(doc))
    doc.mentions.sort(key=lambda mention: mention.span)
    return doc


def process(article: Article, resources: Resources) -> tuple[Article, list[Event]]:
    """Clean a raw article and extract its events; raises InputError when the page has no usable text."""
    cleaned = clean(article)
    return cleaned, extract(cleaned, resources)
