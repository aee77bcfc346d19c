"""The Overview and Map queries: headline numbers, the timeline and per-place points, aggregated in SQL.

Every query function of the dashboard is importable from here (`flashpoint.query.<name>`), with `Filters`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

import pandas as pd
from sqlalchemy import BigInteger, Select, Table, and_, cast, func, select, tuple_
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlalchemy.sql.operators import custom_op

from flashpoint.filters import QUERY_KEYS, TEXT_KEY, FilterOptions, Filters
from flashpoint.precision import location_precision
from flashpoint.query_day_window import in_date_range, selects_dates_only
from flashpoint.query_incidents import incident_detail, incidents_table
from flashpoint.query_scope import (
    article_conditions,
    article_filters,
    article_scope,
    event_conditions,
    frame,
    matching_article_ids,
    one_row,
    place_kind_conditions,
    side_by_side,
)
from flashpoint.query_tables import (
    ArticleDetail,
    actor_network,
    article_detail,
    articles_table,
    events_table,
    figures_table,
    filter_options,
)
from flashpoint.query_tension import tension_drivers, tension_latest, tension_weeks
from flashpoint.schema import ACTORS, ARTICLE_PLACES, ARTICLES, EVENT_ACTORS, EVENTS, NON_ATTACK_EVENT_TYPES, PLACES
from flashpoint.store import Store

__all__ = [
    "NON_ATTACK_EVENT_TYPES",
    "QUERY_KEYS",
    "TEXT_KEY",
    "ArticleDetail",
    "FilterOptions",
    "Filters",
    "actor_network",
    "article_conditions",
    "article_detail",
    "articles_table",
    "event_conditions",
    "events_table",
    "figures_table",
    "filter_options",
    "incident_detail",
    "incidents_table",
    "kpis",
    "place_points",
    "tension_drivers",
    "tension_latest",
    "tension_weeks",
    "timeline",
]

UNATTRIBUTED = "unattributed"
ALL_GROUP = "all"
# The map tooltip lists this many actors per place, busiest first.
ACTORS_PER_PLACE = 3
# The map draws at most this many places, those with the most attacks then mentions: a browser draws a few
# thousand points smoothly, and the places past this cut carry the fewest reports.
MAP_PLACE_LIMIT = 2000
# Event row ids stay below this (2**32), so rank * range + id packs both into a 64-bit integer.
EVIDENCE_ID_RANGE = 4_294_967_296
TIMELINE_COLUMNS = ("period", "group", "attacks", "injured", "killed", "incidents", "reports")


def _whole_sum(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The sum of an integer column as a 64-bit integer: PostgreSQL sums bigints as numeric, which arrives as
    Decimal and breaks the JSON downloads and chart type inference."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def _event_totals(filters: Filters) -> tuple[ColumnElement[Any], ...]:
    """Attacks, injured and killed as the filters count them, then incidents and reports.

    Counting incidents, each incident adds its best estimates once, through the incident columns that only its
    lead report carries; counting reports, every report adds what it states. Both sets of columns are in the
    covering indexes, so either way the totals are read from an index alone."""
    if filters.counts_incidents:
        measures = (EVENTS.c.incident_attacks, EVENTS.c.incident_injured, EVENTS.c.incident_killed)
    else:
        measures = (EVENTS.c.attack_count, EVENTS.c.injured, EVENTS.c.killed)
    attacks, injured, killed = measures
    return (
        _whole_sum(attacks).label("attacks"),
        _whole_sum(injured).label("injured"),
        _whole_sum(killed).label("killed"),
        _whole_sum(EVENTS.c.incident_count).label("incidents"),
        func.count().label("reports"),
    )


def _all_places_named(filters: Filters) -> Any:
    """The count of places some article names literally, of the precisions the filter keeps."""
    kinds = place_kind_conditions(filters, PLACES.c.kind)
    if not kinds:
        place_ids = select(ARTICLE_PLACES.c.place_id).where(ARTICLE_PLACES.c.literal.is_(True)).distinct()
        return select(func.count()).select_from(place_ids.subquery()).scalar_subquery()
    named = select(ARTICLE_PLACES.c.place_id).where(
        ARTICLE_PLACES.c.place_id == PLACES.c.id, ARTICLE_PLACES.c.literal.is_(True)
    )
    return select(func.count()).select_from(PLACES).where(*kinds, named.exists()).scalar_subquery()


def _article_counts(filters: Filters, count_places: bool = True) -> Any:
    """One statement counting matching articles, the literal places they name (unless `count_places` is False)
    and their non-person actors.

    The places are kept to the precisions the filter accepts; the articles and actors are not, as an article
    has no precision of its own."""
    if article_filters(filters).is_empty:
        actor_names = select(ACTORS.c.name).where(ACTORS.c.kind != "person").distinct()
        return select(
            select(func.count()).select_from(ARTICLES).scalar_subquery().label("articles"),
            *([_all_places_named(filters).label("places")] if count_places else []),
            select(func.count()).select_from(actor_names.subquery()).scalar_subquery().label("actors"),
        )
    if selects_dates_only(filters):
        return _article_counts_in_dates(filters, count_places)
    # The matching article ids are read from article_facets once, into a CTE both databases materialise because
    # it is used more than once.
    matching_ids = select(matching_article_ids(filters).subquery().c.article_id).distinct().cte("matching_articles")
    in_matching = select(matching_ids.c.article_id)
    # Each place (a few thousand) and actor name (a few dozen) is tested for one matching article, rather than
    # every matching article's places and actors gathered and de-duplicated: a broad filter finds a match within
    # a place's first few rows. `article_id || ''` keeps SQLite from probing the place index once per matching
    # article, and OFFSET 0 keeps PostgreSQL from turning the test into a join over the whole matching set.
    # `IS true` keeps PostgreSQL from pulling the IN up into a join that re-hashes the matching set for every
    # place (minutes at a million events): it stays a subplan hashed once.
    places_named = (
        select(ARTICLE_PLACES.c.place_id)
        .where(
            ARTICLE_PLACES.c.place_id == PLACES.c.id,
            ARTICLE_PLACES.c.literal.is_(True),
            (ARTICLE_PLACES.c.article_id + "").in_(in_matching).is_(True),
        )
        .offset(0)
    )
    place_scope = [places_named.exists(), *place_kind_conditions(filters, PLACES.c.kind)]
    if filters.countries:
        place_scope.append(PLACES.c.country_code.in_(filters.countries))
    named_actor = ACTORS.alias("named_actor")
    names = select(ACTORS.c.name).where(ACTORS.c.kind != "person").distinct().subquery("actor_names")
    actor_named = (
        select(named_actor.c.name)
        .where(
            named_actor.c.name == names.c.name,
            named_actor.c.kind != "person",
            (named_actor.c.article_id + "").in_(in_matching).is_(True),
        )
        .offset(0)
    )
    places = select(func.count()).select_from(PLACES).where(*place_scope).scalar_subquery().label("places")
    return select(
        select(func.count()).select_from(matching_ids).scalar_subquery().label("articles"),
        *([places] if count_places else []),
        select(func.count()).select_from(names).where(actor_named.exists()).scalar_subquery().label("actors"),
    )


def _article_counts_in_dates(filters: Filters, count_places: bool) -> Any:
    """`_article_counts` for a date range alone, read through the day windows (query_day_window): the matching
    articles counted off ix_articles_day_window, each place and actor name probed for one row whose window
    matches in ix_article_places_place and ix_actors_kind_name, which carry the window. Building the matching-id
    set was most of the cost under a broad range; without it, at a million events and half of three years, the
    counts take 0.03-0.14 s instead of 0.7-1.7 s on SQLite and 0.15-0.3 s instead of 0.45-0.7 s on PostgreSQL."""

    def matches(table: Any) -> ColumnElement[bool]:
        article_id = table.c.id if table is ARTICLES else table.c.article_id
        return in_date_range(table.c.first_day, table.c.last_day, article_id, filters)

    places_named = select(ARTICLE_PLACES.c.place_id).where(
        ARTICLE_PLACES.c.place_id == PLACES.c.id, ARTICLE_PLACES.c.literal.is_(True), matches(ARTICLE_PLACES)
    )
    places = (
        select(func.count())
        .select_from(PLACES)
        .where(places_named.exists(), *place_kind_conditions(filters, PLACES.c.kind))
    )
    named_actor = ACTORS.alias("named_actor")
    names = select(ACTORS.c.name).where(ACTORS.c.kind != "person").distinct().subquery("actor_names")
    actor_named = select(named_actor.c.name).where(
        named_actor.c.name == names.c.name, named_actor.c.kind != "person", matches(named_actor)
    )
    return select(
        select(func.count()).select_from(ARTICLES).where(matches(ARTICLES)).scalar_subquery().label("articles"),
        *([places.scalar_subquery().label("places")] if count_places else []),
        select(func.count()).select_from(names).where(actor_named.exists()).scalar_subquery().label("actors"),
    )


def kpis(store: Store, filters: Filters) -> dict[str, int]:
    """Headline numbers: articles, places, attacks, injured, killed and actors for the filters, with the
    incidents and the reports (events rows) behind them. Attacks, injured and killed count each incident once
    unless the filters count reports."""
    event_totals = select(*_event_totals(filters)).where(*event_conditions(filters))
    # The event totals and the article counts read different tables: each runs on its own connection at once.
    totals, counts = side_by_side(
        store, lambda: one_row(store, event_totals), lambda: one_row(store, _article_counts(filters))
    )
    return {
        "articles": int(counts.articles),
        "places": int(counts.places),
        "attacks": int(totals.attacks),
        "injured": int(totals.injured),
        "killed": int(totals.killed),
        "actors": int(counts.actors),
        "incidents": int(totals.incidents),
        "reports": int(totals.reports),
    }


def _evidence_key() -> ColumnElement[Any]:
    """Rank and row id packed in one integer, so max() picks a place's evidence event (highest rank, then
    newest) in the same grouped pass that adds up its totals."""
    return func.max(EVENTS.c.evidence_rank * EVIDENCE_ID_RANGE + EVENTS.c.id)


def _evidence_sentences(store: Store, event_ids_found: pd.Series) -> dict[int, str]:
    """The sentence of each event, by event row id."""
    event_ids = sorted({int(event_id) for event_id in event_ids_found.dropna()})
    if not event_ids:
        return {}
    found = frame(store, select(EVENTS.c.id, EVENTS.c.sentence).where(EVENTS.c.id.in_(event_ids)))
    return dict(zip(found["id"], found["sentence"], strict=True))


def _grouping_place(column: ColumnElement[Any], filtered: bool) -> ColumnElement[Any]:
    """The place column to group by: as is when unfiltered (the place-ordered covering index serves it), as
    `place_id + 0` under a filter, which keeps SQLite from walking a place-ordered index that does not cover
    the filter columns (a table read per event) instead of the filter's covering index plus a small sort."""
    return (column + 0).label("place_id") if filtered else column


def _unindexed(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """`+column`: SQLite uses no index for a term on it (same value, same type)."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def _place_order_conditions(store: Store, filters: Filters, table: Table) -> list[ColumnElement[bool]] | None:
    """On SQLite, for filters on dates, countries, event types (and, on events, location precision) only: the
    filter's terms on unary-plus columns, which leaves SQLite one plan for the grouped per-place statements:
    one pass over the place-ordered covering index (ix_events_place_totals, ix_event_actors_role_place_name),
    testing the filter columns it carries, with no sort. A broad filter's range in a filter-led index, then a
    sort by place, costs 2-7 times more at a million events; a narrow one's costs less, but then both are small.
    None when the plan does not apply (other databases, actors, text, precision on event actors, no filter)."""
    if not store.is_sqlite or filters.actors or filters.text or (filters.precision and table is not EVENTS):
        return None
    conditions = []
    if filters.date_from:
        conditions.append(_unindexed(table.c.day) >= filters.date_from)
    if filters.date_to:
        conditions.append(_unindexed(table.c.day) <= filters.date_to)
    if filters.countries:
        conditions.append(_unindexed(table.c.country_code).in_(filters.countries))
    if filters.event_types:
        conditions.append(_unindexed(table.c.type).in_(filters.event_types))
    accepted = filters.accepted_precisions()
    if accepted:
        conditions.append(_unindexed(EVENTS.c.location_precision).in_(accepted))
    return conditions or None


def place_points(store: Store, filters: Filters, limit: int = MAP_PLACE_LIMIT) -> pd.DataFrame:
    """One row per place (at most `limit`, busiest first): its location precision; attacks, injured and killed
    at it (each incident once, at its lead report's place, unless the filters count reports); the incidents led
    there and the matching reports placed there; mentions, top actors and the strongest evidence."""
    # The busiest actors per place come from event_actors alone: that query runs on its own connection while
    # this one adds up the places.
    top_actors, points = side_by_side(
        store, lambda: _top_actors(store, filters), lambda: _place_totals(store, filters, limit)
    )
    actors = [top_actors.get(place_id, "") for place_id in points["place_id"]]
    points.insert(len(points.columns) - 1, "actors", actors)
    return points


PLACE_COLUMNS = ("place_id", "place", "kind", "precision", "country_code", "lat", "lon")
EVENT_COUNT_COLUMNS = ("attacks", "injured", "killed", "incidents", "reports")
MENTION_COUNT_COLUMNS = ("mentions", "articles")


def _place_totals(store: Store, filters: Filters, limit: int) -> pd.DataFrame:
    """The place rows of `place_points` with their evidence sentences, before the actors are added.

    The event totals and the mention totals per place are two grouped queries run at once, joined here: the
    places they name are a few thousand rows at most."""
    by_events, by_mentions = place_stats(store, filters)
    return points_from_stats(store, filters, by_events, by_mentions, limit)


def place_stats(store: Store, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The matching events' totals per place (with a row for events without a place: all of them add up to the
    kpis' event totals) and the matching articles' literal mentions per place (the places they name), run at
    once on two connections."""
    in_place_order = _place_order_conditions(store, filters, EVENTS)
    conditions = event_conditions(filters) if in_place_order is None else in_place_order
    place = _grouping_place(EVENTS.c.place_id, in_place_order is None and bool(conditions))
    event_stats = (
        select(
            place,
            *_event_totals(filters),
            # Unpacked here: the packed key does not survive the float column a join with missing rows makes.
            (_evidence_key() % EVIDENCE_ID_RANGE).label("evidence_event"),
        )
        .where(*conditions)
        .group_by(place)
    )
    mention_stats = _mention_stats(filters)
    return side_by_side(store, lambda: frame(store, event_stats), lambda: frame(store, mention_stats))


def _mention_stats(filters: Filters) -> Select[Any]:
    """The matching articles' literal mentions and articles per place."""
    # Places are kept to the chosen countries, so their articles need no country test of their own.
    mention_filters = replace(filters, countries=())
    mention_scope = [ARTICLE_PLACES.c.literal.is_(True), *_article_places_scope(mention_filters)]
    return (
        select(
            ARTICLE_PLACES.c.place_id,
            _whole_sum(ARTICLE_PLACES.c.mention_count).label("mentions"),
            func.count().label("articles"),
        )
        .where(*mention_scope)
        .group_by(ARTICLE_PLACES.c.place_id)
    )


def weekly_and_place_totals(store: Store, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`timeline(store, filters, "week")` and `place_stats(store, filters)`, the matching events read once.

    On PostgreSQL one statement groups the matching events both by week and by place (GROUPING SETS): under an
    actor filter each grouping otherwise scans the million-row events table on its own (0.2-0.25 s each at a
    million events). SQLite has no grouping sets and reads both groupings from covering indexes anyway, so there
    the statements run as they are."""
    if store.is_sqlite:
        return timeline(store, filters, "week"), *place_stats(store, filters)
    week, place = EVENTS.c.week, EVENTS.c.place_id
    both = (
        select(
            week.label("period"),
            place,
            func.grouping(week).label("all_weeks"),
            *_event_totals(filters),
            (_evidence_key() % EVIDENCE_ID_RANGE).label("evidence_event"),
        )
        .where(*event_conditions(filters))
        .group_by(func.grouping_sets(tuple_(week), tuple_(place)))
    )
    mention_stats = _mention_stats(filters)
    grouped, by_mentions = side_by_side(store, lambda: frame(store, both), lambda: frame(store, mention_stats))
    # The week grouping's undated events (no week) are left off the timeline; the place grouping keeps them all.
    by_week = grouped[(grouped["all_weeks"] == 0) & grouped["period"].notna()].sort_values("period")
    weekly = by_week.drop(columns=["place_id", "all_weeks", "evidence_event"]).reset_index(drop=True)
    weekly.insert(1, "group", ALL_GROUP)
    weekly["period"] = pd.to_datetime(weekly["period"])
    by_events = grouped[grouped["all_weeks"] == 1].drop(columns=["period", "all_weeks"]).reset_index(drop=True)
    return weekly[list(TIMELINE_COLUMNS)], by_events, by_mentions


def _article_places_scope(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE clauses keeping the article_places rows of matching articles. Under a date range alone, each row's
    day window answers it in one pass over the place-ordered covering index, instead of every row's article id
    being looked up in a set of ~170,000 matching ids built first (half of three years at a million events: the
    place totals 0.8-1.1 s -> 0.2-0.3 s on SQLite). Other filters still use the matching-id set."""
    if selects_dates_only(filters):
        columns = ARTICLE_PLACES.c
        return [in_date_range(columns.first_day, columns.last_day, columns.article_id, filters)]
    return article_scope(ARTICLE_PLACES.c.article_id, filters)


def place_scope(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE clauses on `places` keeping the chosen countries' places of the precisions the filter accepts."""
    scope = place_kind_conditions(filters, PLACES.c.kind)
    if filters.countries:
        scope.append(PLACES.c.country_code.in_(filters.countries))
    return scope


def points_from_stats(
    store: Store, filters: Filters, by_events: pd.DataFrame, by_mentions: pd.DataFrame, limit: int = MAP_PLACE_LIMIT
) -> pd.DataFrame:
    """The place rows of `place_points` (before the actors) from `place_stats`' two results."""
    totals = by_events[by_events["place_id"].notna()].merge(by_mentions, on="place_id", how="outer")
    for column in (*EVENT_COUNT_COLUMNS, *MENTION_COUNT_COLUMNS):
        totals[column] = totals[column].fillna(0).astype("int64")
    totals["place_id"] = totals["place_id"].astype("int64")
    place_columns = (PLACES.c.id.label("place_id"), PLACES.c.name.label("place"), PLACES.c.kind, PLACES.c.country_code)
    place_columns += (PLACES.c.lat, PLACES.c.lon)
    scope = place_scope(filters)
    if scope:
        # The chosen countries' places, or the places of the precisions kept, are read whole (places are a few
        # thousand rows); the totals are kept to them before the busiest are cut.
        places = frame(store, select(*place_columns).where(*scope))
        totals = totals[totals["place_id"].isin(places["place_id"])]
    totals = totals.sort_values(["attacks", "mentions", "place_id"], ascending=[False, False, True]).head(limit)
    if not scope:
        place_ids = [int(place_id) for place_id in totals["place_id"]]
        places = frame(store, select(*place_columns).where(PLACES.c.id.in_(place_ids)))
    places.insert(3, "precision", [location_precision(kind) for kind in places["kind"]])
    points = places.merge(totals, on="place_id", how="right")
    sentences = _evidence_sentences(store, points["evidence_event"])
    points["evidence"] = [
        "" if pd.isna(event_id) else sentences.get(int(event_id), "") for event_id in points.pop("evidence_event")
    ]
    points = points[[*PLACE_COLUMNS, *EVENT_COUNT_COLUMNS, *MENTION_COUNT_COLUMNS, "evidence"]]
    return points.reset_index(drop=True)


def _top_actors(store: Store, filters: Filters) -> dict[int, str]:
    """Each place's busiest attackers among the matching events, joined by commas, indexed by place row id."""
    in_place_order = _place_order_conditions(store, filters, EVENT_ACTORS)
    conditions = event_conditions(filters, EVENT_ACTORS) if in_place_order is None else in_place_order
    place = _grouping_place(EVENT_ACTORS.c.place_id, in_place_order is None and bool(conditions))
    actor_counts = (
        select(place, EVENT_ACTORS.c.name, func.count().label("events"))
        .where(EVENT_ACTORS.c.role == "actor", *conditions)
        .group_by(place, EVENT_ACTORS.c.name)
        .subquery()
    )
    actor_ranks = select(
        actor_counts.c.place_id,
        actor_counts.c.name,
        func.row_number()
        .over(partition_by=actor_counts.c.place_id, order_by=(actor_counts.c.events.desc(), actor_counts.c.name))
        .label("rank"),
    ).subquery()
    top = frame(
        store,
        select(actor_ranks.c.place_id, actor_ranks.c.name)
        .where(actor_ranks.c.rank <= ACTORS_PER_PLACE, actor_ranks.c.place_id.is_not(None))
        .order_by(actor_ranks.c.place_id, actor_ranks.c.rank),
    )
    return top.groupby("place_id", sort=False)["name"].agg(", ".join).to_dict()


def timeline(
    store: Store,
    filters: Filters,
    freq: Literal["day", "week"] = "day",
    by: Literal["actor", "country"] | None = None,
) -> pd.DataFrame:
    """Attacks, injured and killed per day or week (week = starting Monday), optionally split by actor or country,
    with the incidents and reports behind them. Each incident counts once, in its lead report's period and group,
    unless the filters count reports."""
    if freq not in ("day", "week"):
        raise ValueError(f"freq must be 'day' or 'week', not {freq!r}")
    if by not in (None, "actor", "country"):
        raise ValueError(f"by must be None, 'actor' or 'country', not {by!r}")
    period = (EVENTS.c.day if freq == "day" else EVENTS.c.week).label("period")
    conditions = [*event_conditions(filters), EVENTS.c.day.is_not(None)]
    if by is None:
        statement = select(period, *_event_totals(filters)).where(*conditions).group_by(period)
    else:
        if by == "country":
            group = func.coalesce(EVENTS.c.country_code, "").label("group")
            source = EVENTS
        else:
            group = func.coalesce(EVENT_ACTORS.c.name, UNATTRIBUTED).label("group")
            source = EVENTS.outerjoin(
                EVENT_ACTORS, and_(EVENT_ACTORS.c.event_id == EVENTS.c.id, EVENT_ACTORS.c.role == "actor")
            )
        statement = (
            select(period, group, *_event_totals(filters))
            .select_from(source)
            .where(*conditions)
            .group_by(period, group)
        )
    result = frame(store, statement.order_by(period))
    if by is None:
        result.insert(1, "group", ALL_GROUP)
    result["period"] = pd.to_datetime(result["period"])
    return result[list(TIMELINE_COLUMNS)]
