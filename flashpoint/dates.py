"""Find calendar dates in text and resolve relative ones ("on Sunday", "last month") against the publication date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from flashpoint.date_patterns import AGO, DAY_MONTH, DAY_WORD, NUMERIC, PRECISIONS, SINCE_BEFORE
from flashpoint.date_rules import FULL_DATE_PATTERNS, RULES, absolute_day
from flashpoint.model import Span

__all__ = ["PRECISIONS", "DateMention", "find_dates", "locate_date", "parse_date", "resolve_date"]


# Strings a rule's pattern cannot match without: most articles hold none of them, and a substring test over the
# whole text costs far less than running the pattern.
_CUES = {
    DAY_WORD: ("esterday", "oday", "onight", "omorrow", "his morning", "his afternoon", "his evening"),
    AGO: ("ago",),
}
# A day before its month ("5 March", "17th of Oct.") has only digits, spaces, dashes, "&" and the letters of "st",
# "nd", "rd", "th", "and", "to", "through" and "of" between its first digit and the capitalised month.
_MONTH_STEM = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DIGIT = re.compile(r"\d")
_DAY_MONTH_GAP = frozenset("-–—&stndrhaougf")
# A numeric date ("25/01/2024", "2024-01-25") has a separator with a digit after it right after its first digits.
_SEPARATOR_DIGIT = re.compile(r"[/.-]\d")
_NUMERIC_FIRST_DIGITS = 4


@dataclass(frozen=True)
class DateMention:
    """A date or period named in the text: its span, first and last day, and how precise it is."""

    span: Span
    start: date
    end: date
    precision: str


def parse_date(text: str) -> date | None:
    """The first full calendar date (day, month and year) written in `text`, in any common format."""
    located = locate_date(text)
    return located[0] if located else None


def locate_date(text: str) -> tuple[date, Span] | None:
    """The first full calendar date in `text` with its span; day-first for ambiguous numeric dates."""
    best: tuple[date, Span] | None = None
    for pattern in FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1].start:
                break
            # Without a publication date, a date missing its year resolves to None here.
            found = absolute_day(match, None, short_year=True)
            if found is not None:
                best = (found.start, Span(found.span_start, found.span_end))
                break
    return best


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date or period in `text` that can be pinned to the calendar, in text order, never overlapping."""
    candidates: list[DateMention] = []
    for pattern, rule in RULES:
        cues = _CUES.get(pattern)
        if cues is not None and not any(cue in text for cue in cues):
            continue
        for match in _MATCHES.get(pattern, pattern.finditer)(text):
            found = rule(match, published)
            if found is not None:
                candidates.append(
                    DateMention(Span(found.span_start, found.span_end), found.start, found.end, found.precision)
                )
    chosen: list[DateMention] = []
    taken = bytearray(len(text))
    # Longest first, so "since Oct. 17 and 18" beats the "Oct. 17" inside it.
    for mention in sorted(candidates, key=lambda item: (item.span.start - item.span.end, item.span.start)):
        if taken.find(1, mention.span.start, mention.span.end) == -1:
            widened = _widen_since(text, mention, published)
            taken[widened.span.start : widened.span.end] = b"\x01" * (widened.span.end - widened.span.start)
            chosen.append(widened)
    return sorted(chosen, key=lambda item: item.span.start)


def _day_month_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of DAY_MONTH.finditer(text), trying the pattern only at digits in the gap before a month name.

    Trying it at every digit of an article costs four times as much, and a match can start nowhere else: its month
    is the first month name after its first digit, and only gap characters lie between them.
    """
    position = 0
    for month in _MONTH_STEM.finditer(text):
        month_start = month.start()
        if month_start < position:
            continue
        gap_start = month_start
        while gap_start > position and _in_day_month_gap(text[gap_start - 1]):
            gap_start -= 1
        digit = _DIGIT.search(text, gap_start, month_start)
        while digit is not None:
            found = DAY_MONTH.match(text, digit.start())
            if found is not None:
                yield found
                position = found.end()
                break
            digit = _DIGIT.search(text, digit.start() + 1, month_start)


def _numeric_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of NUMERIC.finditer(text), trying the pattern only at the few digits before a separator."""
    position = 0
    for separator in _SEPARATOR_DIGIT.finditer(text):
        separator_start = separator.start()
        first = separator_start
        while first > max(position, separator_start - _NUMERIC_FIRST_DIGITS) and text[first - 1].isdecimal():
            first -= 1
        for start in range(first, separator_start):
            found = NUMERIC.match(text, start)
            if found is not None:
                yield found
                position = found.end()
                break


# Patterns whose matches are searched for near the text that must be in them rather than at every character.
_MATCHES = {DAY_MONTH: _day_month_matches, NUMERIC: _numeric_matches}


def _in_day_month_gap(character: str) -> bool:
    # \d and \s of a str pattern are exactly str.isdecimal and str.isspace.
    return character in _DAY_MONTH_GAP or character.isspace() or character.isdecimal()


def resolve_date(expression: str, published: date | None) -> DateMention | None:
    """The date one expression names ("last Tuesday", "Oct. 7"), or None when it names none."""
    mentions = find_dates(expression, published)
    if not mentions:
        return None
    return max(mentions, key=lambda mention: mention.span.end - mention.span.start)


def _widen_since(text: str, mention: DateMention, published: date | None) -> DateMention:
    """'since October 17' runs from that day to the publication date."""
    before = SINCE_BEFORE.search(text, max(0, mention.span.start - 16), mention.span.start)
    if before is None or published is None or mention.start > published:
        return mention
    return DateMention(Span(before.start(), mention.span.end), mention.start, published, "range")
