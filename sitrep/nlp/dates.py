"""DATE mentions resolved against the article's publication date.

Compiled rules instead of dateparser (about 24 ms an article, and it misses "overnight" and "earlier this
week"). The conventions follow ACLED's codebook and its coded notes:

* A day ("6 February 2022", "Feb. 6", "on Thursday", "yesterday", "last night") is precision 1.
* A month without a day ("in December", "last month") is precision 3 dated to the 15th, ACLED's "middle of
  the month"; "early/mid/late March" are the thirds of the month (1-10, 11-20, 21-end), precision 3 too.
* A stretch of days ("between 3 and 5 March", "last week", "earlier this week", "the weekend") has
  ``start``/``end`` and is dated to its middle day, as ACLED dates "week of" and "between" events;
  precision 1 for one day, 2 up to ten days, 3 beyond.
* A date without a year, a weekday or a month is the most recent one not after publication ("December 8"
  published 2025-03-07 is 2024-12-08; "on Thursday" published on a Thursday is that day); "last Thursday"
  is strictly before publication. "overnight" and "last night" are the night before publication.
* "since Saturday" keeps the named day and sets ``start`` to it and ``end`` to publication.
* Every stretch is cut at publication: "this month" on 7 March is 1-7 March.

Without a publication date, expressions that need one give ``DateValue(None, None)``; dates with a year
still resolve. A date that does not exist ("31 February", "30 February 2023") is not a mention.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, timedelta
from types import MappingProxyType

from sitrep.model import DateValue, Mention, Span
from sitrep.nlp import scan
from sitrep.nlp.numbers import NUMBER, parse_number

MONTHS = MappingProxyType(
    {
        "January": 1,
        "February": 2,
        "March": 3,
        "April": 4,
        "May": 5,
        "June": 6,
        "July": 7,
        "August": 8,
        "September": 9,
        "October": 10,
        "November": 11,
        "December": 12,
    }
)
# Abbreviations (with or without the period) of months whose abbreviation is not an English word.
MONTH_ABBREVIATIONS = MappingProxyType(
    {
        "Jan": 1,
        "Feb": 2,
        "Apr": 4,
        "Jun": 6,
        "Jul": 7,
        "Aug": 8,
        "Sep": 9,
        "Sept": 9,
        "Oct": 10,
        "Nov": 11,
        "Dec": 12,
    }
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNRESOLVED = DateValue(day=None, precision=None)
# Words that may follow an adverbial "overnight" ("struck overnight on Friday"); any other word makes it
# an adjective ("overnight curfews").
_AFTER_ADVERB = frozenset(
    {
        "on",
        "in",
        "at",
        "into",
        "near",
        "across",
        "around",
        "along",
        "to",
        "from",
        "after",
        "before",
        "between",
        "against",
        "with",
        "as",
        "when",
        "while",
        "and",
        "but",
        "that",
        "the",
        "a",
        "an",
        "which",
        "where",
        "killing",
        "leaving",
    }
)

_MONTH = "|".join(
    [
        *sorted(MONTHS, key=len, reverse=True),
        *(rf"{a}\.?" for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)),
    ]
)
_EDGE_PARTS = MappingProxyType({"beginning": "early", "start": "early", "middle": "mid", "end": "late"})
_FULL_MONTH = "|".join(MONTHS)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_WEEKDAY = "|".join(WEEKDAYS)
_TO = r"\s*(?:-|–|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b)\s*"
_PART = (
    r"\b(?:(?P<part>(?i:early|mid|late))[-\s]+|(?i:the\s+)?(?P<edge>(?i:beginning|start|middle|end))\s+of\s+)"
)

_PATTERNS = (
    ("iso", rf"\b(?P<year>{_YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    (
        "day_range",
        rf"(?:\b(?i:between|from)\s+)?\b(?P<day>{_DAY}){_TO}(?P<day2>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?(?![\w-])",
    ),
    (
        "month_day_range",
        rf"(?:\b(?i:between|from)\s+)?\b(?P<month>{_MONTH})\s+(?P<day>{_DAY}){_TO}(?P<day2>{_DAY})\b"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
    ),
    (
        "day_month",
        rf"(?:\b(?P<weekday>{_WEEKDAY}),?\s+)?(?:the\s+)?\b(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?(?![\w-])",
    ),
    (
        "month_day",
        rf"(?:\b(?P<weekday>{_WEEKDAY}),?\s+)?\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR}))?",
    ),
    ("month_year", rf"{_PART}?\b(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b"),
    ("month", rf"(?:(?P<rel>(?i:last|this|next))\s+)?{_PART}?\b(?P<month>{_FULL_MONTH})\b(?!\s*\d)"),
    ("ago", rf"(?i:\b(?P<number>{NUMBER}|an?)\s+(?P<unit>day|week|month)s?\s+ago\b)"),
    ("day_before_yesterday", r"(?i:\bthe\s+day\s+before\s+yesterday\b)"),
    ("yesterday", r"(?i:\byesterday(?:\s+(?:morning|afternoon|evening))?\b)"),
    ("last_night", r"(?i:\blast\s+night\b)"),
    ("overnight", r"(?i:\bovernight\b)"),
    ("today", r"(?i:\b(?:earlier\s+|later\s+)?today\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b)"),
    ("this_week", r"(?i:\b(?:earlier\s+|later\s+)?this\s+week\b)"),
    ("last_week", r"(?i:\b(?:last|the\s+previous)\s+week\b)"),
    (
        "past_week",
        r"(?i:\b(?:the\s+past|the\s+last|this\s+past)\s+(?:week|seven\s+days)\b|\b(?:in\s+)?recent\s+days\b"
        r"|\bthe\s+(?:past|last)\s+few\s+days\b)",
    ),
    ("weekend", r"(?i:\b(?:last|this|over\s+the|at\s+the)\s+weekend\b)"),
    ("this_month", r"(?i:\b(?:earlier\s+|later\s+)?this\s+month\b)"),
    ("last_month", r"(?i:\b(?:last|the\s+previous)\s+month\b)"),
    (
        "weekday",
        rf"(?:\b(?P<rel>(?i:last|this|next|early|late))\s+(?:on\s+)?)?\b(?P<weekday>{_WEEKDAY})(?:'s)?"
        r"(?:\s+(?i:morning|afternoon|evening|night))?\b",
    ),
)
# One alternation, so a position matches its most specific rule first; inner groups become "kind__name".
_DATE_RE = re.compile(
    "|".join(f"(?P<{kind}>{pattern.replace('?P<', f'?P<{kind}__')})" for kind, pattern in _PATTERNS)
)
_KINDS = tuple(kind for kind, _ in _PATTERNS)
_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+(?:(?:on|the)\s+)?$")
_RANGE_CONNECTOR = re.compile(r"\s*(?P<word>-|–|to|and|until|till|through)\s*")
_RANGE_OPENER = re.compile(r"\b(?i:between|from)\s+$")
_WORD_AFTER = re.compile(r"[\s,]*([A-Za-z]+|[^\sA-Za-z]|$)")
_WORD_BEFORE = re.compile(r"(\w+)\s*$")


# Every date expression contains one of these words; the rules are tried only just before them (scan.py):
# the longest lead-in, "the beginning of ", is 17 characters.
_RELATIVE_WORDS = ("ago", "yesterday", "night", "overnight", "today", "tonight", "morning", "afternoon")
_TRIGGER = scan.word_trigger(
    (
        *_RELATIVE_WORDS,
        "evening",
        "week",
        "weekend",
        "days",
        "month",
        *WEEKDAYS,
        *MONTHS,
        *MONTH_ABBREVIATIONS,
    ),
    other=r"\d{4}-\d\d-\d\d",
)


def recognise(text: str, published: date | None) -> list[Mention]:
    """DATE mentions in ``text``; stretches joined by "between ... and ..." become one range mention."""
    mentions = list(_atomic(text, published))
    return _with_ranges(text, mentions, published)


def _atomic(text: str, published: date | None) -> Iterator[Mention]:
    for match in scan.matches(_DATE_RE, text, scan.spans(_TRIGGER, text), before=24):
        kind = next(k for k in _KINDS if match.group(k) is not None)
        prefix = f"{kind}__"
        groups = {
            name.removeprefix(prefix): value
            for name, value in match.groupdict().items()
            if name.startswith(prefix)
        }
        if not _is_date_use(text, match, kind, groups):
            continue
        value = _resolve(kind, groups, published)
        if value is None:
            continue
        span = _span(match, kind)
        if _SINCE_BEFORE.search(text, max(0, span.start - 12), span.start):
            value = _since(value, published)
        yield Mention(span=span, label="DATE", text=span.of(text), value=value)


def _is_date_use(text: str, match: re.Match[str], kind: str, groups: dict[str, str | None]) -> bool:
    """Month names and "overnight" are dates only in date positions ("in May", not "May God")."""
    if kind == "month":
        before = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
        preposition = before.group(1).lower() if before else ""
        anchored = (
            groups.get("rel")
            or groups.get("part")
            or groups.get("edge")
            or text.startswith("'s", match.end())
        )
        return bool(anchored) or preposition in {
            "in",
            "since",
            "during",
            "until",
            "till",
            "by",
            "through",
            "throughout",
            "from",
            "before",
            "after",
            "of",
            "late",
            "early",
        }
    if kind == "overnight":
        before = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
        if before and before.group(1).lower() in {"a", "an", "the", "its", "their", "his", "her"}:
            return False
        after = _WORD_AFTER.match(text, match.end())
        word = after.group(1) if after else ""
        return not word or not word[0].isalpha() or word.lower() in _AFTER_ADVERB or word in WEEKDAYS
    return True


def _span(match: re.Match[str], kind: str) -> Span:
    """The match without a trailing possessive "'s" ("Thursday's attack")."""
    start, end = match.span(kind)
    if match.group(kind).endswith("'s"):
        end -= 2
    return Span(start, end)


def _resolve(kind: str, groups: dict[str, str | None], published: date | None) -> DateValue | None:
    if kind in ("iso", "day_month", "month_day"):
        return _day_of_month(groups, published)
    if kind in ("day_range", "month_day_range"):
        return _day_range(groups, published)
    if kind in ("month_year", "month"):
        return _month(groups, published)
    if published is None:
        return UNRESOLVED
    return _relative(kind, groups, published)


def _day_of_month(groups: dict[str, str | None], published: date | None) -> DateValue | None:
    day = _calendar_day(
        groups.get("year"), _month_number(groups.get("month")), _day_number(groups.get("day")), published
    )
    return DateValue(day=day, precision=1) if isinstance(day, date) else day


def _day_range(groups: dict[str, str | None], published: date | None) -> DateValue | None:
    month = _month_number(groups.get("month"))
    first, last = _day_number(groups.get("day")), _day_number(groups.get("day2"))
    if last <= first:
        return None
    start = _calendar_day(groups.get("year"), month, first, published)
    if not isinstance(start, date):
        return start
    end = _valid(start.year, month, last)
    return _stretch(start, end, None) if end else None


def _month(groups: dict[str, str | None], published: date | None) -> DateValue | None:
    month = _month_number(groups.get("month"))
    if groups.get("year"):
        year = int(groups.get("year"))
    elif published is None:
        return UNRESOLVED
    else:
        year = _month_year(month, groups.get("rel"), published)
    part = (groups.get("part") or "").lower() or _EDGE_PARTS.get((groups.get("edge") or "").lower(), "")
    return _month_value(year, month, part, published)


def _month_year(month: int, relation: str | None, published: date) -> int:
    """The year of a month named without one: the latest such month begun by publication."""
    relation = (relation or "").lower()
    if relation == "this":
        return published.year
    if relation == "next":
        return published.year + (month <= published.month)
    if relation == "last":
        return published.year - (month >= published.month)
    return published.year - (month > published.month)


def _month_value(year: int, month: int, part: str, published: date | None) -> DateValue | None:
    if not 1 <= year <= 9999:
        return None
    last_day = calendar.monthrange(year, month)[1]
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, last_day)}.get(part, (1, last_day))
    start, end = date(year, month, first), date(year, month, last)
    if published is not None and start <= published < end:
        end = published
    middle = date(year, month, 15) if not part and end.day == last_day else start + (end - start) // 2
    return DateValue(day=middle, precision=3, start=start, end=end)


def _relative(kind: str, groups: dict[str, str | None], published: date) -> DateValue | None:
    one_day = timedelta(days=1)
    if kind == "today":
        return DateValue(day=published, precision=1)
    if kind in ("yesterday", "last_night", "overnight"):
        return DateValue(day=published - one_day, precision=1)
    if kind == "day_before_yesterday":
        return DateValue(day=published - 2 * one_day, precision=1)
    if kind == "weekday":
        return DateValue(day=_weekday(groups.get("weekday"), groups.get("rel"), published), precision=1)
    if kind == "ago":
        return _ago(groups, published)
    monday = published - timedelta(days=published.weekday())
    if kind == "this_week":
        return _stretch(monday, max(monday, published - one_day), published)
    if kind == "last_week":
        return _stretch(monday - 7 * one_day, monday - one_day, published)
    if kind == "past_week":
        return _stretch(published - 6 * one_day, published, published)
    if kind == "weekend":
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return _stretch(saturday, saturday + one_day, published)
    if kind == "this_month":
        return _month_value(published.year, published.month, "", published)
    last_month = published.replace(day=1) - one_day
    return _month_value(last_month.year, last_month.month, "", published)


def _weekday(name: str | None, relation: str | None, published: date) -> date:
    target = WEEKDAYS.index(name or "")
    back = (published.weekday() - target) % 7
    relation = (relation or "").lower()
    if relation == "last" and back == 0:
        back = 7
    if relation == "next":
        return published + timedelta(days=(7 - back) % 7 or 7)
    return published - timedelta(days=back)


def _ago(groups: dict[str, str | None], published: date) -> DateValue | None:
    amount = (
        1 if (groups.get("number") or "").lower() in ("a", "an") else parse_number(groups.get("number") or "")
    )
    if amount is None:
        return None
    unit = (groups.get("unit") or "").lower()
    if unit == "day":
        return DateValue(day=published - timedelta(days=amount), precision=1)
    if unit == "week":
        return DateValue(day=published - timedelta(weeks=amount), precision=2)
    months = published.year * 12 + published.month - 1 - amount
    return _month_value(months // 12, months % 12 + 1, "", published)


def _stretch(start: date, end: date, published: date | None) -> DateValue:
    """A run of days, cut at publication and dated to its middle day."""
    if published is not None and start <= published < end:
        end = published
    length = (end - start).days + 1
    precision = 1 if length == 1 else 2 if length <= 10 else 3
    return DateValue(day=start + (end - start) // 2, precision=precision, start=start, end=end)


def _since(value: DateValue, published: date | None) -> DateValue:
    """ "since Saturday": the named day, as the start of a stretch running to publication."""
    if value.day is None or published is None or value.day > published:
        return value
    return DateValue(
        day=value.start or value.day, precision=value.precision, start=value.start or value.day, end=published
    )


def _calendar_day(year: str | None, month: int, day: int, published: date | None) -> date | DateValue | None:
    """The date, or UNRESOLVED when a year is missing and there is no publication date, or None if invalid."""
    if year:
        return _valid(int(year), month, day)
    if published is None:
        return UNRESOLVED if _valid(2000, month, day) else None  # 2000: a leap year, so 29 February exists
    for candidate_year in range(published.year, published.year - 8, -1):
        candidate = _valid(candidate_year, month, day)
        if candidate is not None and candidate <= published:
            return candidate
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str | None) -> int:
    name = (name or "").rstrip(".")
    return int(name) if name.isdigit() else MONTHS.get(name) or MONTH_ABBREVIATIONS[name]


def _day_number(text: str | None) -> int:
    return int((text or "0").rstrip("stndrh"))


def _with_ranges(text: str, mentions: list[Mention], published: date | None) -> list[Mention]:
    """Join "between 28 February and 3 March" (two day mentions) into one range mention."""
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is not None and _joins(text, previous, mention):
            opener = _opener(text, previous)
            span = Span(opener.start() if opener else previous.span.start, mention.span.end)
            start, end = previous.value.day, mention.value.day
            joined[-1] = Mention(
                span=span, label="DATE", text=span.of(text), value=_stretch(start, end, None)
            )
        else:
            joined.append(mention)
    return joined


def _joins(text: str, first: Mention, second: Mention) -> bool:
    a, b = first.value, second.value
    if a.precision != 1 or b.precision != 1 or a.day is None or b.day is None or not a.day < b.day:
        return False
    connector = _RANGE_CONNECTOR.fullmatch(text, first.span.end, second.span.start)
    if connector is None or (b.day - a.day).days > 62:
        return False
    return connector.group("word") != "and" or bool(_opener(text, first))


def _opener(text: str, mention: Mention) -> re.Match[str] | None:
    """ "between" or "from" right before a mention."""
    return _RANGE_OPENER.search(text, max(0, mention.span.start - 10), mention.span.start)
