"""Tests for location and date precision."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.model import Location, Span
from flashpoint.precision import date_precision, is_at_least, location_precision, precision_of_location


@pytest.mark.parametrize(
    ("kind", "near", "expected"),
    [
        ("site", False, "exact"),
        ("city", False, "exact"),
        ("city", True, "near"),
        ("region", False, "admin1"),
        ("region", True, "admin1"),
        ("country", False, "country"),
        ("water", False, "sea"),
        (None, False, "unknown"),
        ("planet", False, "unknown"),
    ],
)
def test_location_precision_from_kind(kind: str | None, near: bool, expected: str) -> None:
    assert location_precision(kind, near) == expected


def test_precision_of_a_resolved_location() -> None:
    erbil = Location("Erbil", "city", "IQ", 36.19, 44.01, (Span(0, 5),))
    assert precision_of_location(erbil) == "exact"
    assert precision_of_location(None) == "unknown"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 1, 28), None, "day"),
        (date(2024, 1, 28), date(2024, 1, 28), "day"),
        (date(2024, 1, 22), date(2024, 1, 28), "week"),  # Monday to Sunday
        (date(2024, 1, 23), date(2024, 1, 29), "range"),  # seven days, not an ISO week
        (date(2024, 1, 27), date(2024, 1, 28), "range"),
        (date(2024, 2, 1), date(2024, 2, 29), "month"),  # leap year
        (date(2024, 2, 1), date(2024, 2, 28), "range"),
        (date(2023, 10, 7), date(2024, 1, 29), "range"),
        (None, None, "unknown"),
    ],
)
def test_date_precision(start: date | None, end: date | None, expected: str) -> None:
    assert date_precision(start, end) == expected


@pytest.mark.parametrize(
    ("precision", "coarsest", "expected"),
    [("exact", "admin1", True), ("admin1", "admin1", True), ("country", "admin1", False), ("sea", "country", False)],
)
def test_filters_can_drop_coarse_places(precision: str, coarsest: str, expected: bool) -> None:
    assert is_at_least(precision, coarsest) is expected
