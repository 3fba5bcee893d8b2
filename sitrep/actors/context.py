"""What naming an actor needs from the rest of the article: its country and the day each sentence is about."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sitrep.geo.locate import main_country
from sitrep.model import DateValue, Document, Span
from sitrep.nlp.countries import Countries, Country


@dataclass(frozen=True, slots=True)
class ActorContext:
    country: Country | None
    published: date | None
    sentence_starts: list[int]
    dates_by_sentence: dict[int, list[tuple[int, date]]]  # sentence index -> (offset, day) of its DATEs

    @classmethod
    def of(cls, doc: Document, countries: Countries) -> ActorContext:
        starts = [s.start for s in doc.sentences]
        dates: dict[int, list[tuple[int, date]]] = {}
        for mention in doc.mentions:
            value = mention.value
            if mention.label == "DATE" and isinstance(value, DateValue) and value.day is not None:
                index = bisect_right(starts, mention.span.start) - 1
                dates.setdefault(index, []).append((mention.span.start, value.day))
        return cls(
            country=article_country(doc, countries),
            published=doc.article.published,
            sentence_starts=starts,
            dates_by_sentence=dates,
        )

    def day_of(self, span: Span) -> date | None:
        """The day a mention's sentence is about: its nearest dated expression, else publication."""
        index = bisect_right(self.sentence_starts, span.start) - 1
        dated = self.dates_by_sentence.get(index)
        if not dated:
            return self.published
        return min(dated, key=lambda d: abs(d[0] - span.start))[1]


def article_country(doc: Document, countries: Countries) -> Country | None:
    """The article's country: from its places (``sitrep.geo.locate.main_country``), else the country its
    text names most often when one clearly leads (places not yet recognised, e.g. nlp-only runs)."""
    name = main_country(doc)
    if name:
        return countries.named(name)
    named = Counter(country for _, country in countries.finditer(doc.text))
    ranked = named.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
