"""Say honestly how precise a location or an event date is, so maps and filters never show a guess as a fact."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from flashpoint.model import (
    ADMIN1,
    COUNTRY,
    DATE_PRECISIONS,
    DAY,
    EXACT,
    KIND_PRECISION,
    LOCATION_PRECISIONS,
    MONTH,
    NEAR,
    RANGE,
    SEA,
    UNKNOWN,
    WEEK,
    Location,
)

# The precision words live in flashpoint.model (domain vocabulary the dashboard components share); this module
# re-exports them so its callers keep one import for precision.
__all__ = [
    "ACLED_GEO_CODE",
    "ACLED_GEO_PRECISION",
    "ACLED_TIME_CODE",
    "ACLED_TIME_PRECISION",
    "ADMIN1",
    "COUNTRY",
    "DATE_PRECISIONS",
    "DAY",
    "EXACT",
    "LOCATION_PRECISIONS",
    "MONTH",
    "NEAR",
    "RADIUS_KM",
    "RANGE",
    "SEA",
    "UNKNOWN",
    "WEEK",
    "date_precision",
    "is_at_least",
    "location_precision",
    "precision_of_location",
]

# How far apart two reports of one incident may put it, by the coarser of their two precisions. A city and a base
# on its outskirts are ~10-20 km apart; "near" adds the same again; provinces in the region span ~100-300 km.
# Country and sea are compared by name or country code, not distance (see flashpoint.incidents).
RADIUS_KM = {EXACT: 25.0, NEAR: 50.0, ADMIN1: 200.0}

# ACLED codes its own precision 1-3 (codebook): geo 1 = the named town, 2 = near it or part of a region,
# 3 = a larger region; time 1 = the day, 2 = the week, 3 = the month.
ACLED_GEO_PRECISION = {1: EXACT, 2: NEAR, 3: ADMIN1}
ACLED_TIME_PRECISION = {1: DAY, 2: WEEK, 3: MONTH}
# Writing back, ACLED has no code coarser than 3, so country and sea reports export as 3.
ACLED_GEO_CODE = {EXACT: 1, NEAR: 2, ADMIN1: 3, COUNTRY: 3, SEA: 3, UNKNOWN: 3}
ACLED_TIME_CODE = {DAY: 1, WEEK: 2, RANGE: 2, MONTH: 3, UNKNOWN: 3}


def location_precision(kind: str | None, near: bool = False) -> str:
    """The precision of a place of this `Location.kind`; `near` marks a place given relative to a named one."""
    precision = KIND_PRECISION.get(kind or "", UNKNOWN)
    if near and precision == EXACT:
        return NEAR
    return precision


def precision_of_location(location: Location | None) -> str:
    """The precision of a resolved location; unknown when there is none."""
    if location is None:
        return UNKNOWN
    return location_precision(location.kind)


def date_precision(start: date | None, end: date | None = None) -> str:
    """The precision of an event date `start`..`end` (end None or equal to start: one day)."""
    if start is None:
        return UNKNOWN
    if end is None or end == start:
        return DAY
    if end < start:
        return RANGE
    if start.weekday() == 0 and end - start == timedelta(days=6):
        return WEEK
    last_day = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == start.replace(day=last_day):
        return MONTH
    return RANGE


def is_at_least(precision: str, coarsest: str) -> bool:
    """True when a location `precision` is as fine as `coarsest` or finer (for filters that drop vague places)."""
    return LOCATION_PRECISIONS.index(precision) <= LOCATION_PRECISIONS.index(coarsest)
