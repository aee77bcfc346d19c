"""The patterns for written dates and periods, and the rules that turn each match into calendar days."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

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
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_SECOND_DAY = r"(?:\s*(?:-|–|—|and|to|through|&)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_PARTS = r"early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of"

_NUMERIC_TEXT = r"(?P<first>\d{1,4})(?P<separator>[/.-])(?P<second>\d{1,2})(?P=separator)(?P<third>\d{1,4})(?!\d)"
_MONTH_DAY_TEXT = rf"{_MONTH}\s*{_DAY}{_SECOND_DAY}(?:,?\s+{_YEAR})?"
_DAY_MONTH_TEXT = rf"{_DAY}{_SECOND_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"

_NUMERIC = re.compile(_NUMERIC_TEXT)
_MONTH_DAY = re.compile(_MONTH_DAY_TEXT)
_DAY_MONTH = re.compile(_DAY_MONTH_TEXT)
_MONTH_YEAR = re.compile(rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}")
_BARE_MONTH = re.compile(
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s*\d)"
)
_BARE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?!\d|[.,]\d|\s*(?:%|per\s?cent))")
_WEEKDAY = re.compile(r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")
_DAY_WORD = re.compile(r"(?P<word>[YyTt](?:esterday|o(?:day|night|morrow)|his (?:morning|afternoon|evening)))\b")
DAY_WORDS = frozenset(("yesterday", "today", "tonight", "tomorrow", "this morning", "this afternoon", "this evening"))
_AGO = re.compile(r"ago\b")
_UNIT = re.compile(r"(?P<unit>week(?:end)?|month|year|day|hour)(?P<plural>s)?\b")

_CUE_OR_PART_BEFORE = re.compile(
    rf"(?:\b(?P<cue>in|since|during|until|till|through|throughout|by|from|before|after)\s+)?"
    rf"(?:\b(?P<part>{_PARTS})(?:\s+|-))?$",
    re.IGNORECASE,
)
_MODIFIER_BEFORE = re.compile(r"\b(?P<modifier>last|this past|this coming|this|next|coming|past)\s+$", re.IGNORECASE)
_DAY_BEFORE_BEFORE = re.compile(r"\bthe day before\s+$", re.IGNORECASE)
_AGO_BEFORE = re.compile(rf"\b{_COUNT}\s+(?P<unit>day|week|month|year|decade)s?\s+$", re.IGNORECASE)
_CALENDAR_BEFORE = re.compile(r"(?<!the )\b(?P<which>earlier this|later this|this|last|next)\s+$", re.IGNORECASE)
_PAST_BEFORE = re.compile(rf"\b(?:(?:the\s+)?past|the\s+last)\s+(?:{_COUNT}\s+)?$", re.IGNORECASE)
_RECENT_BEFORE = re.compile(r"\bin recent\s+$", re.IGNORECASE)
_WEEKEND_BEFORE = re.compile(r"\b(?P<which>last|this|over the|at the|on the|during the)\s+$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b")
_MONTH_STEM = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DATE_AFTER = re.compile(rf",?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_STEM}|{_MONTH_STEM}[a-z]*\.?\s*\d)")
_TITLE_AFTER = re.compile(r" [A-Z][a-z]")
SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)
_FUTURE_BEFORE = re.compile(r"\b(?:due|scheduled|set|planned|expected)\s+(?:to\s+\w+\s+)?(?:on|for)\s+$", re.IGNORECASE)
# How far back the *_BEFORE patterns look, in characters.
CONTEXT_CHARS = 40

_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_RECENT_DAYS = {"days": 7, "weeks": 28, "months": 90, "years": 730}
_EARLY_PARTS = ("early", "the beginning of", "beginning of", "the start of", "start of")
_LATE_PARTS = ("late", "the end of", "end of")


@dataclass(frozen=True)
class Found:
    """What one rule read: where the expression sits in the text and the days it covers."""

    span_start: int
    span_end: int
    start: date
    end: date
    precision: str


Rule = Callable[[re.Match[str], date | None], Found | None]


def _before(pattern: re.Pattern[str], match: re.Match[str]) -> re.Match[str] | None:
    return pattern.search(match.string, max(0, match.start() - CONTEXT_CHARS), match.start())


def _starts_word(match: re.Match[str], also: str = "") -> bool:
    """The match does not begin inside a word or a number ("2024 January", "1,300 March")."""
    start = match.start()
    return start == 0 or not (match.string[start - 1].isalnum() or match.string[start - 1] in also)


def _found(match: re.Match[str], days: tuple[date, date, str] | None, span_start: int | None = None) -> Found | None:
    if days is None:
        return None
    return Found(match.start() if span_start is None else span_start, match.end(), *days)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def absolute_day(match: re.Match[str], published: date | None, short_year: bool = False) -> Found | None:
    """A day written with digits or a month name; without a year, the latest such day by publication."""
    groups = match.groupdict()
    if "first" in groups:
        return _numeric_day(match, short_year)
    if not _starts_word(match, ".,"):
        return None
    month = MONTHS[groups["month"].lower().rstrip(".")]
    day, second_day, year_text = int(groups["day"]), groups.get("day2"), groups.get("year")
    if year_text is None:
        return _found(match, _without_year(month, day, second_day, published))
    return _found(match, _day_range(int(year_text), month, day, second_day))


def _numeric_day(match: re.Match[str], short_year: bool) -> Found | None:
    text, end = match.string, match.end()
    if not _starts_word(match, "/.-") or (end + 1 < len(text) and text[end] in "/.-" and text[end + 1].isdigit()):
        return None
    first, second, third = match.group("first", "second", "third")
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
        if len(third) > 2 or not 1900 <= year <= 2099:
            return None
    elif len(first) <= 2 and (len(third) == 4 or (short_year and len(third) == 2)):
        # Day-first like the region's outlets, unless only the US order gives a real date.
        day, month = (int(second), int(first)) if int(second) > 12 >= int(first) else (int(first), int(second))
        year = int(third) if len(third) == 4 else int(third) + (2000 if int(third) < 70 else 1900)
        if not 1900 <= year <= 2099:
            return None
    else:
        return None
    return _found(match, _day_range(year, month, day, None))


def _day_range(year: int, month: int, day: int, second_day: str | None) -> tuple[date, date, str] | None:
    start = _safe_date(year, month, day)
    if start is None:
        return None
    end = _safe_date(year, month, int(second_day)) if second_day else start
    if end is None or end < start:
        # "October 7 and 1,200 people": the second number was not a day.
        end = start
    return start, end, "range" if end != start else "day"


def _without_year(
    month: int, day: int, second_day: str | None, published: date | None
) -> tuple[date, date, str] | None:
    """A day named without a year is the latest one on or before publication (news reports the past)."""
    if published is None:
        return None
    for year in (published.year, published.year - 1):
        found = _day_range(year, month, day, second_day)
        if found is not None and found[0] <= published:
            return found
    return None


def _month_bounds(year: int, month: int, part: str | None) -> tuple[date, date]:
    last_day = calendar.monthrange(year, month)[1]
    part = (part or "").lower()
    if part in _EARLY_PARTS:
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part in _LATE_PARTS:
        return date(year, month, 21), date(year, month, last_day)
    return date(year, month, 1), date(year, month, last_day)


def _month_year(match: re.Match[str], published: date | None) -> Found | None:
    if not _starts_word(match):
        return None
    before = _before(_CUE_OR_PART_BEFORE, match)
    part_start = before.start("part") if before and before.group("part") else None
    start, end = _month_bounds(
        int(match.group("year")), MONTHS[match.group("month").lower().rstrip(".")], before and before.group("part")
    )
    return _found(match, (start, end, "month"), part_start)


def _bare_month(match: re.Match[str], published: date | None) -> Found | None:
    """A month named alone counts only after "in", "since", "early"...; "May" and "March" are words too."""
    before = _before(_CUE_OR_PART_BEFORE, match)
    if (
        published is None
        or before is None
        or not (before.group("cue") or before.group("part"))
        or not _starts_word(match)
    ):
        return None
    month = MONTHS[match.group("month").lower()]
    year = published.year if month <= published.month else published.year - 1
    start, end = _month_bounds(year, month, before.group("part"))
    return _found(match, (start, end, "month"), before.start("part") if before.group("part") else None)


def _bare_year(match: re.Match[str], published: date | None) -> Found | None:
    """A year named alone counts only after "in", "since", "early"...: "Resolution 2334" is no year."""
    before = _before(_CUE_OR_PART_BEFORE, match)
    if before is None or not (before.group("cue") or before.group("part")) or not _starts_word(match, ",./-$£€"):
        return None
    year = int(match.group("year"))
    part = (before.group("part") or "").lower()
    start, end = date(year, 1, 1), date(year, 12, 31)
    if part in _EARLY_PARTS:
        end = date(year, 4, 30)
    elif part == "mid":
        start, end = date(year, 5, 1), date(year, 8, 31)
    elif part in _LATE_PARTS:
        start = date(year, 9, 1)
    return _found(match, (start, end, "year"), before.start("part") if before.group("part") else None)


def _weekday(match: re.Match[str], published: date | None) -> Found | None:
    text = match.string
    if published is None or not _starts_word(match) or _DATE_AFTER.match(text, match.end()):
        # A weekday followed by its date ("Wednesday, 24 January") leaves the reading to the date.
        return None
    if _TITLE_AFTER.match(text, match.end()) and text[max(0, match.start() - 4) : match.start()].lower() == "the ":
        # "The Sunday Times", "the Friday Mosque": a weekday inside a name.
        return None
    wanted = WEEKDAYS[match.group("weekday")]
    before = _before(_MODIFIER_BEFORE, match)
    modifier = before.group("modifier").lower() if before else ""
    if modifier in ("next", "this coming", "coming") or _before(_FUTURE_BEFORE, match):
        offset = (wanted - published.weekday()) % 7 or (7 if modifier == "next" else 0)
        day = published + timedelta(days=offset)
    else:
        offset = (published.weekday() - wanted) % 7
        if offset == 0 and modifier in ("last", "past", "this past"):
            offset = 7
        day = published - timedelta(days=offset)
    return _found(match, (day, day, "day"), before.start() if before else None)


def _day_word(match: re.Match[str], published: date | None) -> Found | None:
    if published is None or not _starts_word(match):
        return None
    word = match.group("word")
    if word.lower() not in DAY_WORDS:
        return None
    if word == "Today":
        # "USA Today", "NJ Today": a capitalised Today after a capitalised word names an outlet.
        previous = match.string[max(0, match.start() - 30) : match.start()].split()
        if previous and previous[-1][:1].isupper() and previous[-1][-1] not in '.!?"”':
            return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(word.lower(), 0)
    before = _before(_DAY_BEFORE_BEFORE, match) if shift == -1 else None
    if before is not None:
        shift = -2
    day = published + timedelta(days=shift)
    return _found(match, (day, day, "day"), before.start() if before else None)


def _count(match: re.Match[str]) -> int:
    text = (match.group("count") or "1").lower()
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def _shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _ago(match: re.Match[str], published: date | None) -> Found | None:
    before = _before(_AGO_BEFORE, match)
    if published is None or before is None:
        return None
    count, unit = _count(before), before.group("unit").lower()
    if unit == "day":
        day = published - timedelta(days=count)
        days = (day, day, "day")
    elif unit == "week":
        days = (*_week_of(published - timedelta(days=7 * count)), "week")
    elif unit == "month":
        days = (*_month_bounds(*_shift_months(published, -count), None), "month")
    else:
        year = published.year - count * (10 if unit == "decade" else 1)
        days = (date(year, 1, 1), date(year, 12, 31), "year")
    return _found(match, days, before.start())


def _period(match: re.Match[str], published: date | None) -> Found | None:
    """'last week', 'the past two weeks', 'in recent days', 'over the weekend'."""
    if published is None or not _starts_word(match) or _OF_AFTER.match(match.string, match.end()):
        return None
    unit, plural = match.group("unit"), bool(match.group("plural"))
    if unit == "weekend":
        before = _before(_WEEKEND_BEFORE, match)
        return _found(match, _weekend(before, published), before.start() if before else None)
    before = None if plural else _before(_CALENDAR_BEFORE, match)
    if before is not None and unit in ("week", "month", "year"):
        return _found(match, _calendar_period(before.group("which").lower(), unit, published), before.start())
    before = _before(_PAST_BEFORE, match)
    if before is not None:
        days = -(-_count(before) // 24) if unit == "hour" else _count(before) * _UNIT_DAYS[unit]
        return _found(match, (published - timedelta(days=days), published, "range"), before.start())
    before = _before(_RECENT_BEFORE, match) if plural and unit != "hour" else None
    if before is not None:
        return _found(match, (published - timedelta(days=_RECENT_DAYS[f"{unit}s"]), published, "range"), before.start())
    return None


def _calendar_period(which: str, unit: str, published: date) -> tuple[date, date, str]:
    shift = {"last": -1, "next": 1}.get(which, 0)
    if unit == "week":
        start, end = _week_of(published + timedelta(days=7 * shift))
    elif unit == "month":
        start, end = _month_bounds(*_shift_months(published, shift), None)
    else:
        start, end = date(published.year + shift, 1, 1), date(published.year + shift, 12, 31)
    if which == "earlier this":
        end = published
    elif which == "later this":
        start = published
    return start, end, unit


def _weekend(before: re.Match[str] | None, published: date) -> tuple[date, date, str] | None:
    if before is None:
        return None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if before.group("which").lower() == "last" and published - saturday < timedelta(days=2):
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), "range"


RULES: tuple[tuple[re.Pattern[str], Rule], ...] = (
    (_NUMERIC, absolute_day),
    (_MONTH_DAY, absolute_day),
    (_DAY_MONTH, absolute_day),
    (_MONTH_YEAR, _month_year),
    (_BARE_MONTH, _bare_month),
    (_BARE_YEAR, _bare_year),
    (_WEEKDAY, _weekday),
    (_DAY_WORD, _day_word),
    (_AGO, _ago),
    (_UNIT, _period),
)

# Patterns naming a day of a month of a year, matching any letter case, for header lines ("JANUARY 25, 2024").
FULL_DATE_PATTERNS = (
    re.compile(_NUMERIC_TEXT),
    re.compile(_MONTH_DAY_TEXT, re.IGNORECASE),
    re.compile(_DAY_MONTH_TEXT, re.IGNORECASE),
)
