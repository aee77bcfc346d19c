"""How the dashboard words and draws a location's precision, so a vague place never looks like an exact point."""

from __future__ import annotations

import pandas as pd

from flashpoint.model import ADMIN1, COUNTRY, EXACT, KIND_PRECISION, LOCATION_PRECISIONS, NEAR, SEA, UNKNOWN

# Most precise first: the order the filter and the legend list them in.
PRECISION_ORDER = LOCATION_PRECISIONS

PRECISION_WORDS = {
    EXACT: "site or city",
    NEAR: "near a named place",
    ADMIN1: "region",
    COUNTRY: "country",
    SEA: "sea",
    UNKNOWN: "unknown place",
}

# Only a site or city is drawn as a solid point; everything else is an area or a ring, marked approximate.
POINT_PRECISIONS = (EXACT,)
# Drawn as a translucent disc as wide as the distance flashpoint.precision.RADIUS_KM allows between two reports of
# one incident at that precision: the honest extent of "somewhere near Erbil" or "in Nineveh province".
AREA_RADIUS_KM = {NEAR: 50.0, ADMIN1: 200.0}
# A country, a sea or an unknown place has only a centre to show: a hollow ring around it, never a filled point.
RING_PRECISIONS = (COUNTRY, SEA, UNKNOWN)

# The sidebar's "Location precision" choices: the coarsest precision accepted ("" = any), as Filters.precision.
PRECISION_FILTER_CHOICES = ("", EXACT, NEAR, ADMIN1, COUNTRY, SEA)
PRECISION_FILTER_LABELS = {
    "": "Any precision",
    EXACT: "City or better",
    NEAR: "Near a named place or better",
    ADMIN1: "Region or better",
    COUNTRY: "Country or better",
    SEA: "Any known place",
}


def precision_word(precision: object) -> str:
    """The reader's word for a precision; an unrecognised value reads as an unknown place."""
    return PRECISION_WORDS.get(str(precision), PRECISION_WORDS[UNKNOWN])


def place_precisions(points: pd.DataFrame) -> pd.Series:
    """Each row's location precision: its `precision` (or `location_precision`) column, else one read from `kind`.

    Older rows (or a query not yet giving `precision`) still carry only the place's Location.kind.
    """
    for column in ("precision", "location_precision"):
        if column in points:
            given = points[column].where(points[column].isin(PRECISION_ORDER))
            break
    else:
        given = pd.Series([None] * len(points), index=points.index, dtype=object)
    kinds = points["kind"] if "kind" in points else pd.Series([None] * len(points), index=points.index, dtype=object)
    from_kind = kinds.map(lambda kind: KIND_PRECISION.get(str(kind), UNKNOWN))
    return given.fillna(from_kind).astype(str)


def is_approximate(precision: str) -> bool:
    """Whether a place of this precision is drawn and labelled as approximate."""
    return precision not in POINT_PRECISIONS
