"""Articles matching a date range, tested on the rows read through their day window instead of a matching-id set.

An article matches a date range when one of its 'day' facets (published day, event days) lies in it. Each row
the article side reads (articles, article_places, actors) carries the article's earliest and latest facet day
(`first_day`, `last_day`, migration 0008): a window inside the range matches, a window outside it does not,
and only a window straddling an edge (a few articles per edge: an article's days span a few days) is looked up
in article_facets. Under a broad range this replaces gathering ~170,000 matching ids (at a million events) and
probing each row against them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.sql.elements import ColumnElement

from flashpoint.filters import Filters
from flashpoint.query_scope import article_filters
from flashpoint.schema import ARTICLE_FACETS

# Bounds of an open side of the range, as ISO text: they sort before and after every stored day.
LOWEST_DAY = "0000-00-00"
HIGHEST_DAY = "9999-99-99"


def selects_dates_only(filters: Filters) -> bool:
    """True when the articles `filters` selects are chosen by a date range alone (no actor, country, event type
    or text): then the day windows answer it."""
    article_side = article_filters(filters)
    undated = replace(article_side, date_from=None, date_to=None)
    return undated.is_empty and not article_side.is_empty


def _names_a_day_in_range(article_id: ColumnElement[Any], filters: Filters) -> ColumnElement[bool]:
    """The exact test: one of the article's 'day' facets lies in the range."""
    lowest = filters.date_from.isoformat() if filters.date_from else LOWEST_DAY
    highest = filters.date_to.isoformat() if filters.date_to else HIGHEST_DAY
    # `|| ''` keeps SQLite off the (facet, value, ...) primary key, whose 'day' range holds every article's days:
    # the article's own few facet rows, found by article id, are what is wanted. OFFSET 0 keeps PostgreSQL from
    # turning the test into one hash of every article with a day in the range (what the windows avoid building);
    # it stays a lookup made only for the rows whose window straddles an edge.
    return (
        select(ARTICLE_FACETS.c.article_id)
        .where(
            ARTICLE_FACETS.c.article_id == article_id,
            (ARTICLE_FACETS.c.facet + "") == "day",
            (ARTICLE_FACETS.c.value + "").between(lowest, highest),
        )
        .offset(0)
        .exists()
    )


def in_date_range(
    first_day: ColumnElement[Any], last_day: ColumnElement[Any], article_id: ColumnElement[Any], filters: Filters
) -> ColumnElement[bool]:
    """A WHERE clause true for rows whose article (by its window `first_day`..`last_day` and its `article_id`)
    names a day in `filters`' date range: exactly the articles `query_scope.matching_article_ids` gives for a
    date-only filter. An article without a day (NULL window) never matches."""
    overlaps: list[ColumnElement[bool]] = []
    inside: list[ColumnElement[bool]] = []
    if filters.date_from:
        overlaps.append(last_day >= filters.date_from)
        inside.append(first_day >= filters.date_from)
    if filters.date_to:
        overlaps.append(first_day <= filters.date_to)
        inside.append(last_day <= filters.date_to)
    # A window inside the range matches whatever its days; one overlapping an edge is checked day by day.
    return and_(*overlaps, or_(and_(*inside), _names_a_day_in_range(article_id, filters)))
