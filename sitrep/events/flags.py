"""Whether a trigger reports an event at all, and the flags an event carries: alleged and historical."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitrep.events.context import Sentence
from sitrep.model import DateValue, Span

# An event dated this long before publication is background the article recalls, not news it reports.
HISTORICAL_BEFORE = timedelta(days=30)

_NEGATION_WINDOW = 1  # "no clashes", "no armed clashes"
_IRREALIS_WINDOW = 5  # "issued a call for peaceful demonstrations"
_CHARGE_WINDOW = 2  # "accused of numerous assassinations"
_GENERIC_WINDOW = 6  # "violations ..., including property seizures, executions, and abductions"
_ALLEGATION_BEFORE = 8  # "reportedly carried out airstrikes"
_ALLEGATION_AFTER = 3  # "helicopter strikes that allegedly targeted"
_PERIOD_WINDOW = 10  # "since an uprising against the president's regime began in 2011"
_YEAR = re.compile(r"(?:19|20)\d\d")
# What may separate a toll from the words making it cumulative in one statement ("... air raids" over the
# past year): no comma, semicolon, colon or dash.
_STATEMENT_BREAK = re.compile(r"[,;:—–]|\s--?\s")
_COMPARISON_WINDOW = 8  # "the most significant attacks against the authorities since 2024"


def unreported(sentence: Sentence, trigger: Span, triggers: list[Span]) -> bool:
    """True when the words before a trigger deny it, expect it, charge someone with it or generalise it.

    A call or plan covers the next trigger only: "a call for protests following helicopter strikes" calls
    for protests; the strikes happened.
    """
    expected = sentence.cue_before("irrealis", trigger, _IRREALIS_WINDOW)
    return (
        sentence.cue_before("negation", trigger, _NEGATION_WINDOW) is not None
        or (
            expected is not None
            and not any(expected.end <= t.start and t.end <= trigger.start for t in triggers)
        )
        or sentence.cue_before("charge", trigger, _CHARGE_WINDOW, soft=False) is not None
        or generic(sentence, trigger)
        or cumulative(sentence, trigger)
    )


def generic(sentence: Sentence, trigger: Span) -> bool:
    """A summary of unspecified incidents: a generic cue before the trigger, and no place or date to it."""
    if sentence.cue_before("generic", trigger, _GENERIC_WINDOW, soft=False) is None:
        return False
    return not sentence.mentions_of("PLACE") and not sentence.mentions_of("DATE")


def allegation(sentence: Sentence, trigger: Span) -> Span | None:
    """The word that makes the trigger's event a claim ("allegedly", "claimed"), if any."""
    clause = sentence.clause(trigger)
    exceptions = sentence.hits("not_allegation")
    for hit in sentence.hits("allegation"):
        if any(exception.contains(hit) for exception in exceptions) or not clause.contains(hit):
            continue
        if hit.end <= trigger.start and sentence.words_between(hit, trigger) <= _ALLEGATION_BEFORE:
            return hit
        if hit.start >= trigger.end and sentence.words_between(trigger, hit) <= _ALLEGATION_AFTER:
            return hit
    return None


def historical(event_date: date | None, published: date | None) -> bool:
    """An event well before the article's publication: background, not what the article reports."""
    return event_date is not None and published is not None and event_date < published - HISTORICAL_BEFORE


def mark_cumulative(sentences: list[Sentence], published: date | None) -> None:
    """Add to each sentence's ``aggregate`` cues the periods starting long before publication ("since
    2011"), and drop the cues that end a comparison ("the deadliest attack in the past two years")."""
    for sentence in sentences:
        found = sentence.found("aggregate") + _old_periods(sentence, published)
        kept = [hit for hit in found if sentence.cue_before("superlative", hit, _COMPARISON_WINDOW) is None]
        sentence.cues["aggregate"] = sorted(kept)


def _old_periods(sentence: Sentence, published: date | None) -> list[Span]:
    """ "since" followed in its clause by a year ("since 2011": a period of months at least) or by a date
    well before publication."""
    return [since for since in sentence.hits("period_start") if _starts_long_ago(sentence, since, published)]


def _starts_long_ago(sentence: Sentence, since: Span, published: date | None) -> bool:
    clause = sentence.clause(since)
    following = [w for w in sentence.words if since.end <= w.start and w.end <= clause.end][:_PERIOD_WINDOW]
    if any(_YEAR.fullmatch(sentence.of(word)) for word in following):
        return True
    return any(
        mention.span.start >= since.end
        and sentence.words_between(since, mention.span) <= _PERIOD_WINDOW
        and isinstance(mention.value, DateValue)
        and historical(mention.value.start or mention.value.day, published)
        for mention in sentence.mentions_of("DATE", clause)
    )


def cumulative(sentence: Sentence, span: Span) -> bool:
    """True when ``span``'s clause, or the rest of its statement, tells a cumulative toll or period ("killed
    since the war began", "so far this year"): background to the news, neither an event nor an event's
    fatalities."""
    clause = sentence.clause(span)
    return any(
        clause.contains(hit)
        or (hit.start >= span.end and not _STATEMENT_BREAK.search(sentence.of(Span(span.end, hit.start))))
        for hit in sentence.hits("aggregate")
    )
