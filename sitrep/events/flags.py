"""Whether a trigger reports an event at all, and the flags an event carries: alleged and historical."""

from __future__ import annotations

from datetime import date, timedelta

from sitrep.events.context import Sentence
from sitrep.model import Span

# An event dated this long before publication is background the article recalls, not news it reports.
HISTORICAL_BEFORE = timedelta(days=30)

_NEGATION_WINDOW = 1  # "no clashes", "no armed clashes"
_IRREALIS_WINDOW = 5  # "issued a call for peaceful demonstrations"
_CHARGE_WINDOW = 2  # "accused of numerous assassinations"
_GENERIC_WINDOW = 6  # "violations ..., including property seizures, executions, and abductions"
_ALLEGATION_BEFORE = 8  # "reportedly carried out airstrikes"
_ALLEGATION_AFTER = 3  # "helicopter strikes that allegedly targeted"


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
