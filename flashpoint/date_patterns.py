"""The words and regular expressions of written dates, and helpers for reading the text around a match."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

PRECISIONS = ("day", "range", "week", "month", "year")

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {name: number for number, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "thirty": 30})

# Every pattern starts with a digit, a capital letter or a literal word, never with \b or a look-behind: Python's
# regex engine then skips most positions of the text at once, which keeps a whole article under a millisecond.
# Context before a match ("since", "last", "early", "four") is read afterwards by the *_BEFORE patterns.
# Month and weekday names must be capitalised in running text, which keeps "may" the verb and "march" the noun
# out; header lines are read case-insensitively through FULL_DATE_PATTERNS in date_rules.
MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])"
)
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
SECOND_DAY = r"(?:\s*(?:-|–|—|and|to|through|&)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
COUNT = r"(?P<count>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
PARTS = r"early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of"

NUMERIC_TEXT = r"(?P<first>\d{1,4})(?P<separator>[/.-])(?P<second>\d{1,2})(?P=separator)(?P<third>\d{1,4})(?!\d)"
MONTH_DAY_TEXT = rf"{MONTH}\s*{DAY}{SECOND_DAY}(?:,?\s+{YEAR})?"
DAY_MONTH_TEXT = rf"{DAY}{SECOND_DAY}(?:\s+of)?(?:\s+|-){MONTH}(?:(?:,?\s+|-){YEAR})?"

NUMERIC = re.compile(NUMERIC_TEXT)
MONTH_DAY = re.compile(MONTH_DAY_TEXT)
DAY_MONTH = re.compile(DAY_MONTH_TEXT)
MONTH_YEAR = re.compile(rf"{MONTH}(?:\s+of)?,?\s+{YEAR}")
BARE_MONTH = re.compile(
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s*\d)"
)
BARE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?!\d|[.,]\d|\s*(?:%|per\s?cent))")
WEEKDAY = re.compile(r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")
DAY_WORD = re.compile(r"(?P<word>[YyTt](?:esterday|o(?:day|night|morrow)|his (?:morning|afternoon|evening)))\b")
DAY_WORDS = frozenset(("yesterday", "today", "tonight", "tomorrow", "this morning", "this afternoon", "this evening"))
AGO = re.compile(r"ago\b")
UNIT = re.compile(r"(?P<unit>week(?:end)?|month|year|day|hour)(?P<plural>s)?\b")

CUE_OR_PART_BEFORE = re.compile(
    rf"(?:\b(?P<cue>in|since|during|until|till|through|throughout|by|from|before|after)\s+)?"
    rf"(?:\b(?P<part>{PARTS})(?:\s+|-))?$",
    re.IGNORECASE,
)
MODIFIER_BEFORE = re.compile(r"\b(?P<modifier>last|this past|this coming|this|next|coming|past)\s+$", re.IGNORECASE)
DAY_BEFORE_BEFORE = re.compile(r"\bthe day before\s+$", re.IGNORECASE)
AGO_BEFORE = re.compile(rf"\b{COUNT}\s+(?P<unit>day|week|month|year|decade)s?\s+$", re.IGNORECASE)
CALENDAR_BEFORE = re.compile(r"(?<!the )\b(?P<which>earlier this|later this|this|last|next)\s+$", re.IGNORECASE)
PAST_BEFORE = re.compile(rf"\b(?:(?:the\s+)?past|the\s+last)\s+(?:{COUNT}\s+)?$", re.IGNORECASE)
RECENT_BEFORE = re.compile(r"\bin recent\s+$", re.IGNORECASE)
WEEKEND_BEFORE = re.compile(r"\b(?P<which>last|this|over the|at the|on the|during the)\s+$", re.IGNORECASE)
OF_AFTER = re.compile(r"\s+of\b")
MONTH_STEM = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
DATE_AFTER = re.compile(rf",?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_STEM}|{MONTH_STEM}[a-z]*\.?\s*\d)")
TITLE_AFTER = re.compile(r" [A-Z][a-z]")
SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)
FUTURE_BEFORE = re.compile(r"\b(?:due|scheduled|set|planned|expected)\s+(?:to\s+\w+\s+)?(?:on|for)\s+$", re.IGNORECASE)
# How far back the *_BEFORE patterns look, in characters.
CONTEXT_CHARS = 40

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
RECENT_DAYS = {"days": 7, "weeks": 28, "months": 90, "years": 730}
EARLY_PARTS = ("early", "the beginning of", "beginning of", "the start of", "start of")
LATE_PARTS = ("late", "the end of", "end of")


@dataclass(frozen=True)
class Found:
    """What one rule read: where the expression sits in the text and the days it covers."""

    span_start: int
    span_end: int
    start: date
    end: date
    precision: str


Rule = Callable[[re.Match[str], date | None], Found | None]


def context_before(pattern: re.Pattern[str], match: re.Match[str]) -> re.Match[str] | None:
    """`pattern` (ending in $) matched against the few characters just before `match`."""
    return pattern.search(match.string, max(0, match.start() - CONTEXT_CHARS), match.start())


def starts_word(match: re.Match[str], also: str = "") -> bool:
    """The match does not begin inside a word or a number ("2024 January", "1,300 March")."""
    start = match.start()
    return start == 0 or not (match.string[start - 1].isalnum() or match.string[start - 1] in also)


def found_at(match: re.Match[str], days: tuple[date, date, str] | None, span_start: int | None = None) -> Found | None:
    """The days a rule read, spanning from `span_start` (default: the match start) to the match end."""
    if days is None:
        return None
    return Found(match.start() if span_start is None else span_start, match.end(), *days)
