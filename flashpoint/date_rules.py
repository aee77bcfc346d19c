"""The rules that turn each written date or period into calendar days, given the publication date."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from flashpoint.date_patterns import (
    AGO,
    AGO_BEFORE,
    BARE_MONTH,
    BARE_YEAR,
    CALENDAR_BEFORE,
    CUE_OR_PART_BEFORE,
    DATE_AFTER,
    DAY_BEFORE_BEFORE,
    DAY_MONTH,
    DAY_MONTH_TEXT,
    DAY_WORD,
    DAY_WORDS,
    EARLY_PARTS,
    FUTURE_BEFORE,
    LATE_PARTS,
    MODIFIER_BEFORE,
    MONTH_DAY,
    MONTH_DAY_TEXT,
    MONTH_YEAR,
    MONTHS,
    NUMBER_WORDS,
    NUMERIC,
    NUMERIC_TEXT,
    OF_AFTER,
    PAST_BEFORE,
    RECENT_BEFORE,
    RECENT_DAYS,
    TITLE_AFTER,
    UNIT,
    UNIT_DAYS,
    WEEKDAY,
    WEEKDAYS,
    WEEKEND_BEFORE,
    Found,
    Rule,
    context_before,
    found_at,
    starts_word,
)


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
    if not starts_word(match, ".,"):
        return None
    month = MONTHS[groups["month"].lower().rstrip(".")]
    day, second_day, year_text = int(groups["day"]), groups.get("day2"), groups.get("year")
    if year_text is None:
        return found_at(match, _without_year(month, day, second_day, published))
    return found_at(match, _day_range(int(year_text), month, day, second_day))


def _numeric_day(match: re.Match[str], short_year: bool) -> Found | None:
    text, end = match.string, match.end()
    if not starts_word(match, "/.-") or (end + 1 < len(text) and text[end] in "/.-" and text[end + 1].isdigit()):
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
    return found_at(match, _day_range(year, month, day, None))


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
    if part in EARLY_PARTS:
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part in LATE_PARTS:
        return date(year, month, 21), date(year, month, last_day)
    return date(year, month, 1), date(year, month, last_day)


def _month_year(match: re.Match[str], published: date | None) -> Found | None:
    if not starts_word(match):
        return None
    before = context_before(CUE_OR_PART_BEFORE, match)
    part_start = before.start("part") if before and before.group("part") else None
    start, end = _month_bounds(
        int(match.group("year")), MONTHS[match.group("month").lower().rstrip(".")], before and before.group("part")
    )
    return found_at(match, (start, end, "month"), part_start)


def _bare_month(match: re.Match[str], published: date | None) -> Found | None:
    """A month named alone counts only after "in", "since", "early"...; "May" and "March" are words too."""
    before = context_before(CUE_OR_PART_BEFORE, match)
    if (
        published is None
        or before is None
        or not (before.group("cue") or before.group("part"))
        or not starts_word(match)
    ):
        return None
    month = MONTHS[match.group("month").lower()]
    year = published.year if month <= published.month else published.year - 1
    start, end = _month_bounds(year, month, before.group("part"))
    return found_at(match, (start, end, "month"), before.start("part") if before.group("part") else None)


def _bare_year(match: re.Match[str], published: date | None) -> Found | None:
    """A year named alone counts only after "in", "since", "early"...: "Resolution 2334" is no year."""
    before = context_before(CUE_OR_PART_BEFORE, match)
    if before is None or not (before.group("cue") or before.group("part")) or not starts_word(match, ",./-$£€"):
        return None
    year = int(match.group("year"))
    part = (before.group("part") or "").lower()
    start, end = date(year, 1, 1), date(year, 12, 31)
    if part in EARLY_PARTS:
        end = date(year, 4, 30)
    elif part == "mid":
        start, end = date(year, 5, 1), date(year, 8, 31)
    elif part in LATE_PARTS:
        start = date(year, 9, 1)
    return found_at(match, (start, end, "year"), before.start("part") if before.group("part") else None)


def _weekday(match: re.Match[str], published: date | None) -> Found | None:
    text = match.string
    if published is None or not starts_word(match) or DATE_AFTER.match(text, match.end()):
        # A weekday followed by its date ("Wednesday, 24 January") leaves the reading to the date.
        return None
    if TITLE_AFTER.match(text, match.end()) and text[max(0, match.start() - 4) : match.start()].lower() == "the ":
        # "The Sunday Times", "the Friday Mosque": a weekday inside a name.
        return None
    wanted = WEEKDAYS[match.group("weekday")]
    before = context_before(MODIFIER_BEFORE, match)
    modifier = before.group("modifier").lower() if before else ""
    if modifier in ("next", "this coming", "coming") or context_before(FUTURE_BEFORE, match):
        offset = (wanted - published.weekday()) % 7 or (7 if modifier == "next" else 0)
        day = published + timedelta(days=offset)
    else:
        offset = (published.weekday() - wanted) % 7
        if offset == 0 and modifier in ("last", "past", "this past"):
            offset = 7
        day = published - timedelta(days=offset)
    return found_at(match, (day, day, "day"), before.start() if before else None)


def _day_word(match: re.Match[str], published: date | None) -> Found | None:
    if published is None or not starts_word(match):
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
    before = context_before(DAY_BEFORE_BEFORE, match) if shift == -1 else None
    if before is not None:
        shift = -2
    day = published + timedelta(days=shift)
    return found_at(match, (day, day, "day"), before.start() if before else None)


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
    before = context_before(AGO_BEFORE, match)
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
    return found_at(match, days, before.start())


def _period(match: re.Match[str], published: date | None) -> Found | None:
    """'last week', 'the past two weeks', 'in recent days', 'over the weekend'."""
    if published is None or not starts_word(match) or OF_AFTER.match(match.string, match.end()):
        return None
    unit, plural = match.group("unit"), bool(match.group("plural"))
    if unit == "weekend":
        before = context_before(WEEKEND_BEFORE, match)
        return found_at(match, _weekend(before, published), before.start() if before else None)
    before = None if plural else context_before(CALENDAR_BEFORE, match)
    if before is not None and unit in ("week", "month", "year"):
        return found_at(match, _calendar_period(before.group("which").lower(), unit, published), before.start())
    before = context_before(PAST_BEFORE, match)
    if before is not None:
        days = -(-_count(before) // 24) if unit == "hour" else _count(before) * UNIT_DAYS[unit]
        return found_at(match, (published - timedelta(days=days), published, "range"), before.start())
    before = context_before(RECENT_BEFORE, match) if plural and unit != "hour" else None
    if before is not None:
        return found_at(
            match, (published - timedelta(days=RECENT_DAYS[f"{unit}s"]), published, "range"), before.start()
        )
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
    (NUMERIC, absolute_day),
    (MONTH_DAY, absolute_day),
    (DAY_MONTH, absolute_day),
    (MONTH_YEAR, _month_year),
    (BARE_MONTH, _bare_month),
    (BARE_YEAR, _bare_year),
    (WEEKDAY, _weekday),
    (DAY_WORD, _day_word),
    (AGO, _ago),
    (UNIT, _period),
)

# Patterns naming a day of a month of a year, matching any letter case, for header lines ("JANUARY 25, 2024").
FULL_DATE_PATTERNS = (
    re.compile(NUMERIC_TEXT),
    re.compile(MONTH_DAY_TEXT, re.IGNORECASE),
    re.compile(DAY_MONTH_TEXT, re.IGNORECASE),
)
