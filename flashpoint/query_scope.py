"""The WHERE clauses a `Filters` value stands for, on events, event actors and articles, and running the queries."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Select, Table, or_, select
from sqlalchemy.pool import SingletonThreadPool, StaticPool
from sqlalchemy.sql.elements import ColumnElement

from flashpoint.filters import INCIDENTS, Filters
from flashpoint.model import KIND_PRECISION
from flashpoint.schema import ARTICLE_FACETS, ARTICLES, EVENT_ACTORS, EVENTS
from flashpoint.store import Store

Left = TypeVar("Left")
Right = TypeVar("Right")


def frame(store: Store, statement: Select[Any]) -> pd.DataFrame:
    """Run a query and return its rows as a DataFrame with the query's column names."""
    with store.engine.connect() as connection:
        result = connection.execute(statement)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def side_by_side(store: Store, first: Callable[[], Left], second: Callable[[], Right]) -> tuple[Left, Right]:
    """Both results, the queries run at once on two pooled connections; one after the other when the pool shares
    a single connection (an in-memory SQLite database is one connection, or one per thread)."""
    if isinstance(store.engine.pool, SingletonThreadPool | StaticPool):
        return first(), second()
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending = worker.submit(first)
        second_result = second()
        return pending.result(), second_result


def one_row(store: Store, statement: Any) -> Any:
    """Run a query that returns exactly one row and return that row."""
    with store.engine.connect() as connection:
        return connection.execute(statement).one()


def text_condition(text: str) -> ColumnElement[bool]:
    return or_(
        ARTICLES.c.title.icontains(text, autoescape=True),
        ARTICLES.c.body.icontains(text, autoescape=True),
    )


def day_country_type_conditions(filters: Filters, table: Table) -> list[ColumnElement[bool]]:
    """WHERE clauses for the date range, countries and event types of `filters`, on any table with `day`,
    `country_code` and `type` columns (events, event actors, external layers)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.date_from:
        conditions.append(table.c.day >= filters.date_from)
    if filters.date_to:
        conditions.append(table.c.day <= filters.date_to)
    if filters.countries:
        conditions.append(table.c.country_code.in_(filters.countries))
    if filters.event_types:
        conditions.append(table.c.type.in_(filters.event_types))
    return conditions


def event_conditions(filters: Filters, table: Table = EVENTS) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the events that match `filters` (date = event date, else published date).

    `table` is `events` or `event_actors`, which carries its event's day, type, country and article.
    """
    event_id = table.c.id if table is EVENTS else table.c.event_id
    conditions = day_country_type_conditions(filters, table)
    if filters.actors:
        conditions.append(event_id.in_(select(EVENT_ACTORS.c.event_id).where(EVENT_ACTORS.c.name.in_(filters.actors))))
    if filters.text:
        conditions.append(table.c.article_id.in_(select(ARTICLES.c.id).where(text_condition(filters.text))))
    accepted = filters.accepted_precisions()
    if accepted and table is EVENTS:
        conditions.append(EVENTS.c.location_precision.in_(accepted))
    elif accepted:
        conditions.append(event_id.in_(select(EVENTS.c.id).where(EVENTS.c.location_precision.in_(accepted))))
    return conditions


def place_kinds_accepted(filters: Filters) -> tuple[str, ...]:
    """The place kinds whose precision the filter keeps; empty when it keeps every place."""
    accepted = filters.accepted_precisions()
    if not accepted:
        return ()
    # A place of a kind outside KIND_PRECISION has an unknown precision, which a precision filter leaves out.
    return tuple(kind for kind, precision in KIND_PRECISION.items() if precision in accepted)


def place_kind_conditions(filters: Filters, kind: ColumnElement[Any]) -> list[ColumnElement[bool]]:
    """WHERE clauses keeping the places (by their `kind` column) whose precision the filter accepts."""
    kinds = place_kinds_accepted(filters)
    return [kind.in_(kinds)] if kinds else []


def article_filters(filters: Filters) -> Filters:
    """The part of `filters` that selects articles: location precision and the count mode select none."""
    return replace(filters, precision="", count_by=INCIDENTS)


def _facet_conditions(filters: Filters) -> list[tuple[str, Any]]:
    """(facet, condition on a facet value) pairs, most selective facet first."""
    facets: list[tuple[str, Any]] = []
    if filters.actors:
        facets.append(("actor", lambda value: value.in_(filters.actors)))
    if filters.event_types:
        facets.append(("type", lambda value: value.in_(filters.event_types)))
    if filters.countries:
        facets.append(("country", lambda value: value.in_(filters.countries)))
    if filters.date_from or filters.date_to:
        # Days are stored as ISO text, which sorts as the dates do.
        lowest = filters.date_from.isoformat() if filters.date_from else "0000-00-00"
        highest = filters.date_to.isoformat() if filters.date_to else "9999-99-99"
        facets.append(("day", lambda value: value.between(lowest, highest)))
    return facets


def matching_article_ids(filters: Filters) -> Select[Any]:
    """The ids of the articles matching `filters` (possibly repeated), read from article_facets.

    An article matches a date range when it was published in it or reports an event in it; an actor when it
    names the actor or an event of it involves them; a country when one of its places or events lies there;
    an event type when it reports such an event.
    """
    facets = _facet_conditions(filters)
    if not facets:
        return select(ARTICLES.c.id.label("article_id")).where(
            *([text_condition(filters.text)] if filters.text else [])
        )
    (first_facet, first_condition), *others = facets
    driving = ARTICLE_FACETS.alias("driving_facet")
    conditions = [driving.c.facet == first_facet, first_condition(driving.c.value)]
    for facet, condition in others:
        matching = select(ARTICLE_FACETS.c.article_id).where(
            ARTICLE_FACETS.c.facet == facet, condition(ARTICLE_FACETS.c.value)
        )
        conditions.append(driving.c.article_id.in_(matching))
    if filters.text:
        conditions.append(driving.c.article_id.in_(select(ARTICLES.c.id).where(text_condition(filters.text))))
    return select(driving.c.article_id).where(*conditions)


def article_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the articles that match `filters`, as clauses on `articles.id`."""
    filters = article_filters(filters)
    if filters.is_empty:
        return []
    if not _facet_conditions(filters):
        return [text_condition(filters.text)]
    return [ARTICLES.c.id.in_(matching_article_ids(filters))]


def article_scope(column: ColumnElement[Any], filters: Filters) -> list[ColumnElement[bool]]:
    """Restrict a child table's article_id column to matching articles, skipping the subquery when unfiltered."""
    filters = article_filters(filters)
    if filters.is_empty:
        return []
    return [column.in_(matching_article_ids(filters))]
