"""Say honestly how precise a location or an event date is, so maps and filters never show a guess as a fact."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from flashpoint.model import Location

# Location precisions, most precise first. "near" is a place described relative to a named one ("near Erbil");
# "admin1" a province or governorate; "sea" a body of water, which has no country and is often hundreds of km wide.
EXACT = "exact"
NEAR = "near"
ADMIN1 = "admin1"
COUNTRY = "country"
SEA = "sea"
UNKNOWN = "unknown"
LOCATION_PRECISIONS = (EXACT, NEAR, ADMIN1, COUNTRY, SEA, UNKNOWN)

# Location.kind -> precision. A site (base, port, hospital) and a city are both drawn as a point: news rarely
# places an incident closer than the town it names.
_KIND_PRECISION = {"site": EXACT, "city": EXACT, "region": ADMIN1, "country": COUNTRY, "water": SEA}

# How far apart two reports of one incident may put it, by the coarser of their two precisions. A city and a base
# on its outskirts are ~10-20 km apart; "near" adds the same again; provinces in the region span ~100-300 km.
# Country and sea are compared by name or country code, not distance (see flashpoint.incidents).
RADIUS_KM = {EXACT: 25.0, NEAR: 50.0, ADMIN1: 200.0}

# Date precisions. "range" is any span that is neither one day, one ISO week nor one calendar month.
DAY = "day"
RANGE = "range"
WEEK = "week"
MONTH = "month"
DATE_PRECISIONS = (DAY, WEEK, RANGE, MONTH, UNKNOWN)

# ACLED codes its own precision 1-3 (codebook): geo 1 = the named town, 2 = near it or part of a region,
# 3 = a larger region; time 1 = the day, 2 = the week, 3 = the month.
ACLED_GEO_PRECISION = {1: EXACT, 2: NEAR, 3: ADMIN1}
ACLED_TIME_PRECISION = {1: DAY, 2: WEEK, 3: MONTH}
# Writing back, ACLED has no code coarser than 3, so country and sea reports export as 3.
ACLED_GEO_CODE = {EXACT: 1, NEAR: 2, ADMIN1: 3, COUNTRY: 3, SEA: 3, UNKNOWN: 3}
ACLED_TIME_CODE = {DAY: 1, WEEK: 2, RANGE: 2, MONTH: 3, UNKNOWN: 3}


def location_precision(kind: str | None, near: bool = False) -> str:
    """The precision of a place of this `Location.kind`; `near` marks a place given relative to a named one."""
    precision = _KIND_PRECISION.get(kind or "", UNKNOWN)
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
