"""Split plain article text into title, outlet, publication date and body paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flashpoint.date_patterns import MONTHS
from flashpoint.dates import parse_date
from flashpoint.formats.furniture import (
    date_line,
    is_header_furniture,
    is_name_label,
    is_related_heading,
    is_section_name,
    is_trailer,
    is_widget,
)

# How many non-blank lines after the title may hold the outlet, section, date, byline and share buttons.
MAX_HEADER_LINES = 10
MAX_LABELS = 3
# Without a date in the header, a line holding only a date this early in the body is still the publication date.
DATE_SEARCH_LINES = 15
MAX_TITLE_CHARS = 200
# A first line ending in a full stop with this many words is a sentence: the article has no header.
MIN_SENTENCE_WORDS = 12
# Lists of other stories after a "Related" heading are made of headline-length lines.
MAX_RELATED_LINE_CHARS = 150
RELATED_SEARCH_LINES = 25
# Hard-wrapped text (e.g. from PDFs and e-mail) has every line of a paragraph within this many characters.
MIN_WRAP_WIDTH = 40
MAX_WRAP_WIDTH = 140
SENTENCE_END = tuple('.!?:;"”’)]')
# An all-numeric date whose first two numbers could each be the month ("10.02.24").
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b")

_FRONT_MATTER = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{1,20}?)\s*:\s*(?P<value>\S.*)$")
FRONT_MATTER_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "publication": "source",
    "site": "source",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "pubdate": "date",
    "published at": "date",
}
# Zero-width marks, soft hyphens and control characters (PDF text layers carry NULs) are dropped, and so are
# the invisible direction marks, embeddings, overrides and isolates: they split words that the extractors must
# match, and an override can make a page show text in a different order than it is stored. Zero-width joiners stay:
# Persian spelling and emoji sequences need them.
_INVISIBLE = dict.fromkeys(
    [
        *map(ord, "\ufeff\u200b\u00ad\u2060\u200e\u200f\u061c"),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0x00, 0x09),
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
    ],
    None,
)


@dataclass(frozen=True)
class Layout:
    """The parts of an article's text: title, body, and what the header said about outlet and date."""

    title: str
    body: str
    source: str | None = None
    published: date | None = None


def lay_out(text: str) -> Layout:
    """Find the title, the outlet and date lines under it, and the body without page furniture."""
    lines = [" ".join(line.split()) for line in text.translate(_INVISIBLE).splitlines()]
    fields, index = _front_matter(lines)
    dates: list[tuple[date, bool]] = []
    if "date" in fields and (found := parse_date(fields["date"])):
        dates.append((found, False))
    index = _skip_furniture(lines, index, dates)
    title = fields.get("title", "")
    if not title and index < len(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _is_title(lines[index], following):
            title = lines[index].lstrip("#").strip()
            index += 1
    labels: list[str] = []
    if title:
        index = _read_header(lines, index, dates, labels)
    body_lines = lines[index:]
    if not dates:
        body_lines = _take_early_date_line(body_lines, dates, labels)
    source = fields.get("source") or next((label for label in labels if not is_section_name(label)), None)
    body = clean_body(body_lines)
    header = "\n".join(lines[: index + DATE_SEARCH_LINES])
    published = settle_day_month_order(_publication_date(dates), header, body)
    return Layout(title=title, body=body, source=source, published=published)


def settle_day_month_order(published: date | None, header: str, body: str) -> date | None:
    """Read an ambiguous numeric header date month first when the body names only that reading's month.

    Slashed and dotted dates are read day first, as most of the region's outlets write them, but some
    (US-style and a few Israeli sites) print "10.02.24" for 2 October. Reports name their own month
    ("on October 1") far more often than another one, so the body's month names settle the order.
    """
    if published is None:
        return None
    for match in _NUMERIC_DATE.finditer(header):
        first, second = int(match[1]), int(match[3])
        if (published.day, published.month) != (first, second) or first > 12 or first == second:
            continue
        swapped = published.replace(month=first, day=second)
        if _month_mentions(body, swapped.month) > 0 and _month_mentions(body, published.month) == 0:
            return swapped
        return published
    return published


def _month_mentions(text: str, month: int) -> int:
    # "may" is an everyday verb: only a capitalised "May" names the month.
    if month == 5:
        return len(re.findall(r"\bMay\b", text))
    names = [name for name, number in MONTHS.items() if number == month]
    return len(re.findall(r"\b(?:" + "|".join(names) + r")\b", text, flags=re.IGNORECASE))


def clean_body(lines: list[str]) -> str:
    """Paragraphs separated by blank lines, without closing boilerplate, widgets or hard line wraps."""
    kept = [line for line in _without_trailer(lines) if not is_widget(line)]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*kept, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(_unwrap(block))
            block = []
    return "\n\n".join(paragraphs)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Leading "Title: ..." / "Date: ..." lines, optionally between '---' fences, as exported notes carry."""
    index = 1 if lines and lines[0] == "---" else 0
    fields: dict[str, str] = {}
    while index < len(lines):
        match = _FRONT_MATTER.match(lines[index])
        key = FRONT_MATTER_KEYS.get(match.group("key").lower()) if match else None
        if key is None:
            break
        fields.setdefault(key, match.group("value").strip().strip("\"'"))
        index += 1
    if not fields:
        return {}, 0
    if index < len(lines) and lines[index] == "---":
        index += 1
    return fields, index


def _skip_furniture(lines: list[str], index: int, dates: list[tuple[date, bool]]) -> int:
    """Blank lines, links and widgets before the title; a date there is kept."""
    while index < len(lines):
        line = lines[index]
        if line and not is_widget(line):
            found = date_line(line)
            if found is None:
                break
            dates.append(found)
        index += 1
    return index


def _is_title(line: str, following: str) -> bool:
    if len(line) > MAX_TITLE_CHARS:
        return False
    if line.endswith(".") and len(line.split()) >= MIN_SENTENCE_WORDS:
        return False
    # A line running on into a lower-case continuation is the first line of a wrapped paragraph.
    return not (following[:1].islower() and not line.endswith(SENTENCE_END))


def _read_header(lines: list[str], index: int, dates: list[tuple[date, bool]], labels: list[str]) -> int:
    """Consume the outlet, section, date, byline and widget lines under the title; return where the body starts."""
    seen = 0
    while index < len(lines) and seen < MAX_HEADER_LINES:
        line = lines[index]
        if not line:
            index += 1
            continue
        seen += 1
        found = date_line(line)
        if found is not None:
            dates.append(found)
        elif not is_header_furniture(line):
            # The outlet usually comes before the date; some pages print it after.
            if (dates and labels) or len(labels) >= MAX_LABELS or not is_name_label(line):
                break
            labels.append(line)
        index += 1
    return index


def _take_early_date_line(lines: list[str], dates: list[tuple[date, bool]], labels: list[str]) -> list[str]:
    """A date line below a standfirst; an outlet line right above it is taken with it."""
    seen = 0
    previous: int | None = None
    for position, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > DATE_SEARCH_LINES:
            break
        found = date_line(line)
        if found is not None:
            dates.append(found)
            taken = {position}
            if not labels and previous is not None and is_name_label(lines[previous]):
                labels.append(lines[previous])
                taken.add(previous)
            return [kept for number, kept in enumerate(lines) if number not in taken]
        previous = position
    return lines


def _publication_date(dates: list[tuple[date, bool]]) -> date | None:
    """The first date not marked as an update; an update date only when nothing else is given."""
    for found, is_update in dates:
        if not is_update:
            return found
    return dates[0][0] if dates else None


def _without_trailer(lines: list[str]) -> list[str]:
    end = len(lines)
    while end > 0 and (not lines[end - 1] or is_trailer(lines[end - 1])):
        end -= 1
    seen = 0
    for position in range(end - 1, -1, -1):
        line = lines[position]
        if not line:
            continue
        seen += 1
        if seen > RELATED_SEARCH_LINES or len(line) > MAX_RELATED_LINE_CHARS:
            break
        if is_related_heading(line):
            end = position
            break
    return lines[:end]


def _unwrap(block: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped paragraph; keep lines that are paragraphs of their own."""
    width = max(len(line) for line in block)
    wrapped = MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH
    paragraphs = [block[0]]
    previous = block[0]
    for line in block[1:]:
        runs_on = not previous.endswith(SENTENCE_END) and line[:1].islower()
        if wrapped and not runs_on:
            ends_paragraph = len(previous) < width / 2 or (
                previous.endswith(SENTENCE_END) and len(previous) < 0.8 * width
            )
            runs_on = not ends_paragraph
        if runs_on:
            # A line ending in a hyphen is kept whole ("Iran-" + "backed"): compounds outnumber split words in news.
            separator = "" if previous.endswith("-") and previous[-2:-1].isalpha() else " "
            paragraphs[-1] = f"{paragraphs[-1]}{separator}{line}"
        else:
            paragraphs.append(line)
        previous = line
    return paragraphs
