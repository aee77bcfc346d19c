"""The patterns for written dates and periods, and the rules that turn each match into calendar days."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
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

# Shared regular-expression pieces; months and weekdays must be capitalised in running text (checked in code),
# which keeps "may" the verb and "march" the noun out.
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])"
)
_FULL_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
_WEEKDAY_PREFIX = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_SECOND_DAY = r"(?:\s*(?:-|–|—|and|to|through|&)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_PART = r"(?:(?P<part>early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)(?:\s+|-))?"
_PART_AHEAD = r"\b(?=early|mid|late|the end|end|the beginning|beginning|the start|start)"
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_CUE = r"\b(?:in|since|during|until|till|through|throughout|by|from|before|after)\s+"

_ISO = re.compile(rf"(?<![\d/.-]){_YEAR}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)")
_YEAR_FIRST = re.compile(rf"(?<![\d/.]){_YEAR}[/.](?P<month>[01]?\d)[/.](?P<day>[0-3]?\d)(?![\d]|[/.]\d)")
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<first>\d{1,2})(?P<separator>[/.-])(?P<second>\d{1,2})(?P=separator)"
    r"(?P<year>(?:19|20)\d{2}|\d{2})(?!\d|[/.-]\d)"
)
_MONTH_DAY = re.compile(rf"(?<![\w.]){_WEEKDAY_PREFIX}{_MONTH}\s*{_DAY}{_SECOND_DAY}(?:,?\s+{_YEAR})?", re.IGNORECASE)
_DAY_MONTH = re.compile(
    rf"(?<![\w.,]){_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}{_SECOND_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"\b{_PART}{_MONTH}(?:\s+of)?,?\s+{_YEAR}", re.IGNORECASE)
_BARE_MONTH = re.compile(
    rf"(?:{_CUE}|{_PART_AHEAD})(?P<phrase>{_PART}{_FULL_MONTH})(?!\s*\d)",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(
    rf"(?:{_CUE}|\b(?=early|mid|late))(?P<phrase>{_PART}{_YEAR})(?![.,]\d|\s*(?:%|per\s?cent))", re.IGNORECASE
)
_WEEKDAY = re.compile(
    r"\b(?:(?P<modifier>last|this past|this coming|this|next|coming|past)\s+)?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?P<word>the day before yesterday|yesterday|today|tonight|tomorrow|"
    r"this morning|this afternoon|this evening)\b",
    re.IGNORECASE,
)
_AGO = re.compile(rf"\b{_COUNT}\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", re.IGNORECASE)
_CALENDAR_PERIOD = re.compile(
    r"(?<!the )\b(?P<which>earlier this|later this|this|last|next)\s+(?P<unit>week|month|year)\b(?!\s+of\b)",
    re.IGNORECASE,
)
_PAST_PERIOD = re.compile(
    rf"\b(?:(?:the\s+)?past|the\s+last)\s+(?:{_COUNT}\s+)?(?P<unit>hour|day|week|month|year)s?\b(?!\s+of\b)",
    re.IGNORECASE,
)
_RECENT = re.compile(r"\bin recent (?P<unit>days|weeks|months|years)\b", re.IGNORECASE)
_WEEKEND = re.compile(r"\b(?P<which>last|this|over the|at the|on the|during the)\s+weekend\b", re.IGNORECASE)
SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)
_TITLE_WEEKDAY = re.compile(r" [A-Z][a-z]")
_FUTURE_BEFORE = re.compile(r"\b(?:due|scheduled|set|planned|expected)\s+(?:to\s+\w+\s+)?(?:on|for)\s+$", re.IGNORECASE)

_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_RECENT_DAYS = {"days": 7, "weeks": 28, "months": 90, "years": 730}


Resolved = tuple[date, date, str] | None
Rule = Callable[[re.Match[str], date | None], Resolved]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def absolute_day(match: re.Match[str], published: date | None, short_year: bool = False) -> Resolved:
    groups = match.groupdict()
    year_text = groups.get("year")
    if "first" in groups:
        if len(year_text) == 2 and not short_year:
            return None
        first, second = int(groups["first"]), int(groups["second"])
        # Day-first like the region's outlets, unless only the US order gives a real date.
        day, month = (second, first) if second > 12 >= first else (first, second)
    else:
        month_text = groups["month"]
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
        day = int(groups["day"])
    if year_text is None:
        return _without_year(month, day, groups.get("day2"), published)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 70 else 1900
    start = _safe_date(year, month, day)
    if start is None:
        return None
    end = _safe_date(year, month, int(groups["day2"])) if groups.get("day2") else start
    if end is None or end < start:
        # "October 7 and 1,200 people": the second number was not a day.
        end = start
    return start, end, "range" if end != start else "day"


def _without_year(month: int, day: int, second_day: str | None, published: date | None) -> Resolved:
    """A day named without a year is the latest one on or before publication (news reports the past)."""
    if published is None:
        return None
    for year in (published.year, published.year - 1):
        start = _safe_date(year, month, day)
        if start is not None and start <= published:
            end = _safe_date(year, month, int(second_day)) if second_day else start
            if end is None or end < start:
                end = start
            return start, end, "range" if end != start else "day"
    return None


def _month_bounds(year: int, month: int, part: str | None) -> tuple[date, date]:
    last_day = calendar.monthrange(year, month)[1]
    part = (part or "").lower()
    if part in ("early", "the beginning of", "beginning of", "the start of", "start of"):
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part in ("late", "the end of", "end of"):
        return date(year, month, 21), date(year, month, last_day)
    return date(year, month, 1), date(year, month, last_day)


def _month_year(match: re.Match[str], published: date | None) -> Resolved:
    month = MONTHS[match.group("month").lower().rstrip(".")]
    start, end = _month_bounds(int(match.group("year")), month, match.group("part"))
    return start, end, "month"


def _bare_month(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    month = MONTHS[match.group("month").lower()]
    year = published.year if month <= published.month else published.year - 1
    start, end = _month_bounds(year, month, match.group("part"))
    return start, end, "month"


def _bare_year(match: re.Match[str], published: date | None) -> Resolved:
    year = int(match.group("year"))
    part = (match.group("part") or "").lower()
    start, end = date(year, 1, 1), date(year, 12, 31)
    if part in ("early", "the beginning of", "beginning of", "the start of", "start of"):
        end = date(year, 4, 30)
    elif part == "mid":
        start, end = date(year, 5, 1), date(year, 8, 31)
    elif part in ("late", "the end of", "end of"):
        start = date(year, 9, 1)
    return start, end, "year"


def _weekday(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    wanted = WEEKDAYS[match.group("weekday").capitalize()]
    modifier = (match.group("modifier") or "").lower()
    text = match.string
    if _TITLE_WEEKDAY.match(text, match.end()) and text[max(0, match.start() - 4) : match.start()].lower() == "the ":
        # "The Sunday Times", "the Friday Mosque": a weekday inside a name.
        return None
    forward = modifier in ("next", "this coming", "coming") or bool(
        _FUTURE_BEFORE.search(text, max(0, match.start() - 40), match.start())
    )
    if forward:
        offset = (wanted - published.weekday()) % 7 or (7 if modifier == "next" else 0)
        day = published + timedelta(days=offset)
    else:
        offset = (published.weekday() - wanted) % 7
        if offset == 0 and modifier in ("last", "past", "this past"):
            offset = 7
        day = published - timedelta(days=offset)
    return day, day, "day"


def _day_word(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    word = match.group("word").lower()
    if word == "today" and match.group("word")[0] == "T":
        # "USA Today", "NJ Today": a capitalised Today after a capitalised word names an outlet.
        previous = match.string[max(0, match.start() - 30) : match.start()].split()
        if previous and previous[-1][:1].isupper() and previous[-1][-1] not in '.!?"”':
            return None
    shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}.get(word, 0)
    day = published + timedelta(days=shift)
    return day, day, "day"


def _count(match: re.Match[str]) -> int:
    text = (match.group("count") or "1").lower()
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def _shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _ago(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    count, unit = _count(match), match.group("unit").lower()
    if unit == "day":
        day = published - timedelta(days=count)
        return day, day, "day"
    if unit == "week":
        return (*_week_of(published - timedelta(days=7 * count)), "week")
    if unit == "month":
        start, end = _month_bounds(*_shift_months(published, -count), None)
        return start, end, "month"
    year = published.year - count * (10 if unit == "decade" else 1)
    return date(year, 1, 1), date(year, 12, 31), "year"


def _calendar_period(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    which, unit = match.group("which").lower(), match.group("unit").lower()
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


def _past_period(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    unit = match.group("unit").lower()
    days = -(-_count(match) // 24) if unit == "hour" else _count(match) * _UNIT_DAYS[unit]
    return published - timedelta(days=days), published, "range"


def _recent(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    return published - timedelta(days=_RECENT_DAYS[match.group("unit").lower()]), published, "range"


def _weekend(match: re.Match[str], published: date | None) -> Resolved:
    if published is None:
        return None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if match.group("which").lower() == "last" and published - saturday < timedelta(days=2):
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), "range"


RULES: tuple[tuple[re.Pattern[str], Rule], ...] = (
    (_ISO, absolute_day),
    (_YEAR_FIRST, absolute_day),
    (_NUMERIC, absolute_day),
    (_MONTH_DAY, absolute_day),
    (_DAY_MONTH, absolute_day),
    (_MONTH_YEAR, _month_year),
    (_BARE_MONTH, _bare_month),
    (_BARE_YEAR, _bare_year),
    (_WEEKDAY, _weekday),
    (_DAY_WORD, _day_word),
    (_AGO, _ago),
    (_CALENDAR_PERIOD, _calendar_period),
    (_PAST_PERIOD, _past_period),
    (_RECENT, _recent),
    (_WEEKEND, _weekend),
)

# Patterns that name a day of a month of a year; each gives the year or leaves it to be inferred.
FULL_DATE_PATTERNS = (_ISO, _YEAR_FIRST, _NUMERIC, _MONTH_DAY, _DAY_MONTH)
