"""The date engine: header date formats, relative expressions resolved against publication, and traps."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint.date_patterns import DAY_MONTH, NUMERIC
from flashpoint.dates import (
    DateMention,
    _day_month_matches,
    _numeric_matches,
    find_dates,
    locate_date,
    parse_date,
    resolve_date,
)

# A Thursday, so that weekday arithmetic crosses a week boundary in both directions.
THURSDAY = date(2024, 1, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25/10/2023 22h43", date(2023, 10, 25)),
        ("October 26, 2023", date(2023, 10, 26)),
        ("Jan. 28, 2024", date(2024, 1, 28)),
        ("2024-01-28", date(2024, 1, 28)),
        ("05.01.2024", date(2024, 1, 5)),
        ("Published Tuesday 16 January 2024", date(2024, 1, 16)),
        ("Posted: Jan 18, 2024", date(2024, 1, 18)),
        ("Updated on Jan 02, 2024", date(2024, 1, 2)),
        ("19 February 2024", date(2024, 2, 19)),
        ("21/11/2023", date(2023, 11, 21)),
        ("2023-10-25T22:43:00+03:00", date(2023, 10, 25)),
        ("Tue, 16 Jan 2024 10:00:00 +0000", date(2024, 1, 16)),
        ("JANUARY 25, 2024", date(2024, 1, 25)),
        ("Thu January 25, 2024 3:04 PM EST", date(2024, 1, 25)),
        ("7th of October 2023", date(2023, 10, 7)),
        ("Sept. 3, 2023", date(2023, 9, 3)),
        ("2024/01/28", date(2024, 1, 28)),
        ("25/10/23", date(2023, 10, 25)),
        ("05-01-2024", date(2024, 1, 5)),
        ("29-Jan-2024", date(2024, 1, 29)),
    ],
)
def test_parse_date_reads_header_formats(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Day-first unless only month-first gives a real date.
        ("05/01/2024", date(2024, 1, 5)),
        ("28/1/2024", date(2024, 1, 28)),
        ("1/28/2024", date(2024, 1, 28)),
        ("12/11/2023", date(2023, 11, 12)),
    ],
)
def test_parse_date_numeric_order(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "22h43",
        "24-year-old",
        "the 108th attack",
        "31/02/2024",
        "2024-13-01",
        "13/13/2024",
        "October 7",
        "no date here",
        "",
        "version 1.2.3",
    ],
)
def test_parse_date_refuses_non_dates_and_impossible_dates(text: str) -> None:
    assert parse_date(text) is None


def test_locate_date_gives_the_first_date_and_its_span() -> None:
    text = "Posted: Jan 18, 2024 | updated 19/01/2024"
    found, span = locate_date(text)
    assert found == date(2024, 1, 18)
    assert text[span.start : span.end] == "Jan 18, 2024"


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("on Wednesday", date(2024, 1, 24), date(2024, 1, 24), "day"),
        ("Wednesday", date(2024, 1, 24), date(2024, 1, 24), "day"),
        ("on Thursday", THURSDAY, THURSDAY, "day"),
        ("on Sunday overnight", date(2024, 1, 21), date(2024, 1, 21), "day"),
        ("last Thursday", date(2024, 1, 18), date(2024, 1, 18), "day"),
        ("next Monday", date(2024, 1, 29), date(2024, 1, 29), "day"),
        ("talks are due on Monday", date(2024, 1, 29), date(2024, 1, 29), "day"),
        ("yesterday", date(2024, 1, 24), date(2024, 1, 24), "day"),
        ("today", THURSDAY, THURSDAY, "day"),
        ("earlier today", THURSDAY, THURSDAY, "day"),
        ("the day before yesterday", date(2024, 1, 23), date(2024, 1, 23), "day"),
        ("tomorrow", date(2024, 1, 26), date(2024, 1, 26), "day"),
        ("last week", date(2024, 1, 15), date(2024, 1, 21), "week"),
        ("this week", date(2024, 1, 22), date(2024, 1, 28), "week"),
        ("earlier this week", date(2024, 1, 22), THURSDAY, "week"),
        ("the past week", date(2024, 1, 18), THURSDAY, "range"),
        ("in the last week", date(2024, 1, 18), THURSDAY, "range"),
        ("the past two weeks", date(2024, 1, 11), THURSDAY, "range"),
        ("the past 24 hours", date(2024, 1, 24), THURSDAY, "range"),
        ("in recent days", date(2024, 1, 18), THURSDAY, "range"),
        ("over the weekend", date(2024, 1, 20), date(2024, 1, 21), "range"),
        ("earlier this month", date(2024, 1, 1), THURSDAY, "month"),
        ("last month", date(2023, 12, 1), date(2023, 12, 31), "month"),
        ("a month ago", date(2023, 12, 1), date(2023, 12, 31), "month"),
        ("Oct. 17 and 18", date(2023, 10, 17), date(2023, 10, 18), "range"),
        ("17-18 October", date(2023, 10, 17), date(2023, 10, 18), "range"),
        ("October 7", date(2023, 10, 7), date(2023, 10, 7), "day"),
        ("on Oct 7", date(2023, 10, 7), date(2023, 10, 7), "day"),
        ("the 7th of October", date(2023, 10, 7), date(2023, 10, 7), "day"),
        ("January 5th", date(2024, 1, 5), date(2024, 1, 5), "day"),
        ("Dec. 31", date(2023, 12, 31), date(2023, 12, 31), "day"),
        ("January 2024", date(2024, 1, 1), date(2024, 1, 31), "month"),
        ("in March", date(2023, 3, 1), date(2023, 3, 31), "month"),
        ("in early December", date(2023, 12, 1), date(2023, 12, 10), "month"),
        ("the end of December", date(2023, 12, 21), date(2023, 12, 31), "month"),
        ("2023-10-07", date(2023, 10, 7), date(2023, 10, 7), "day"),
        ("Wednesday, January 24, 2024", date(2024, 1, 24), date(2024, 1, 24), "day"),
        ("three days ago", date(2024, 1, 22), date(2024, 1, 22), "day"),
        ("four years ago", date(2020, 1, 1), date(2020, 12, 31), "year"),
        ("two decades ago", date(2004, 1, 1), date(2004, 12, 31), "year"),
        ("last year", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("earlier this year", date(2024, 1, 1), THURSDAY, "year"),
        ("in 2020", date(2020, 1, 1), date(2020, 12, 31), "year"),
        ("since October 17", date(2023, 10, 17), THURSDAY, "range"),
        ("since mid-November", date(2023, 11, 11), THURSDAY, "range"),
        ("since last week", date(2024, 1, 15), THURSDAY, "range"),
        ("since 2014", date(2014, 1, 1), THURSDAY, "range"),
    ],
)
def test_resolve_date_against_publication(expression: str, start: date, end: date, precision: str) -> None:
    mention = resolve_date(expression, THURSDAY)
    assert mention is not None
    assert (mention.start, mention.end, mention.precision) == (start, end, precision)


def test_a_day_without_a_year_that_would_fall_after_publication_belongs_to_the_previous_year() -> None:
    assert resolve_date("December 30", date(2024, 1, 2)).start == date(2023, 12, 30)
    assert resolve_date("January 1", date(2024, 1, 2)).start == date(2024, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "22h43",
        "24-year-old",
        "the 108th attack",
        "he may return",
        "a march on the capital",
        "Resolution 2334",
        "the 9/11 attacks",
        "at 10.30",
        "3.5 million",
        "in 2,000 homes",
        "killed 12 people in 2 days",
        "version 1.2.3",
        "March organisers gathered",
        "Jan Egeland said",
        "The Sunday Times reported",
        "the previous day",
        "a 1-0 win",
    ],
)
def test_traps_are_not_dates(text: str) -> None:
    assert find_dates(text, THURSDAY) == []


def test_today_inside_an_outlet_name_is_not_a_date() -> None:
    text = "He told USA Today on Monday."
    mentions = find_dates(text, THURSDAY)
    assert [text[m.span.start : m.span.end] for m in mentions] == ["Monday"]


def test_relative_expressions_need_a_publication_date() -> None:
    text = "On Wednesday, after last week's strikes and since October 17, officials met. On 7 October 2023 it began."
    mentions = find_dates(text, None)
    assert [(m.start, m.precision) for m in mentions] == [(date(2023, 10, 7), "day")]
    assert resolve_date("yesterday", None) is None


def test_spans_point_at_the_expressions_in_text_order() -> None:
    text = (
        "The Pentagon reported at least 13 attacks in the past week. Leaders met in Beirut on Wednesday, "
        "and the war began on October 7. Soleimani was killed four years ago."
    )
    mentions = find_dates(text, date(2023, 10, 25))
    assert [text[m.span.start : m.span.end] for m in mentions] == [
        "the past week",
        "Wednesday",
        "October 7",
        "four years ago",
    ]
    assert [m.start for m in mentions] == [date(2023, 10, 18), date(2023, 10, 25), date(2023, 10, 7), date(2019, 1, 1)]


def test_a_weekday_before_its_date_gives_one_mention_and_before_a_name_still_counts() -> None:
    text = "On Wednesday, 24 January 2024, talks failed. On Monday, Israel struck Rafah."
    mentions = find_dates(text, THURSDAY)
    assert [text[m.span.start : m.span.end] for m in mentions] == ["24 January 2024", "Monday"]
    assert [m.start for m in mentions] == [date(2024, 1, 24), date(2024, 1, 22)]


def test_a_longer_expression_wins_over_the_date_inside_it() -> None:
    text = "Fighting has continued since Oct. 17 and 18."
    mentions = find_dates(text, THURSDAY)
    assert len(mentions) == 1
    assert text[mentions[0].span.start : mentions[0].span.end] == "since Oct. 17 and 18"


def test_date_mentions_are_frozen() -> None:
    mention = resolve_date("yesterday", THURSDAY)
    assert isinstance(mention, DateMention)
    with pytest.raises(AttributeError):
        mention.start = THURSDAY  # type: ignore[misc]


@given(st.text(max_size=300), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_find_dates_never_fails_and_keeps_spans_inside_the_text(text: str, published: date) -> None:
    mentions = find_dates(text, published)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.span.start < mention.span.end <= len(text)
        assert mention.start <= mention.end
        previous_end = mention.span.end


_DAY_MONTH_PIECES = ["1", "5", "12", "31", "2024", " ", "\n", "-", "–", "and", "to", "through", "&", "of", "st", "th",
                     "March", "Mar.", "Sept", "May", "June", "x", ",", "٣", "Oct.", "\u2003"]  # fmt: skip


@given(st.lists(st.sampled_from(_DAY_MONTH_PIECES), max_size=16))
def test_day_month_dates_found_near_month_names_are_those_a_scan_of_every_digit_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [(match.span(), match.groupdict()) for match in DAY_MONTH.finditer(text)]
    assert [(match.span(), match.groupdict()) for match in _day_month_matches(text)] == expected


_NUMERIC_PIECES = ["1", "5", "12", "31", "2024", "12345", " ", "-", "/", ".", "٣", "x", "0"]


@given(st.lists(st.sampled_from(_NUMERIC_PIECES), max_size=16))
def test_numeric_dates_found_before_separators_are_those_a_scan_of_every_digit_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [(match.span(), match.groupdict()) for match in NUMERIC.finditer(text)]
    assert [(match.span(), match.groupdict()) for match in _numeric_matches(text)] == expected
