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

    An article whose text holds no event trigger leaves before any other stage runs (the relevance gate):
    no later stage could find an event in it. The gate reads the whole text, not sentence by sentence, so
    it needs no sentence split and passes every article a sentence-by-sentence search would."""
    if not may_report_events(Document(article=article)):
        return []
    return detect_events(analyse(article, resources))


def _with_places_and_actors(doc: Document, resources: Resources) -> Document:
    doc.mentions.extend(resources.gazetteer.recognise(doc))
    doc.mentions.extend(resources.actors.recognise(doc))
    doc.mentions.sort(key=lambda mention: mention.span)
    return doc


def process(article: Article, resources: Resources) -> tuple[Article, list[Event]]:
    """Clean a raw article and extract its events; raises InputError when the page has no usable text."""
    cleaned = clean(article)
    return cleaned, extract(cleaned, resources)
