"""Everything the Overview page draws for one set of filters, loaded at once and without repeated work.

The Overview shows the headline numbers, the weekly timeline and the place points. Loaded one by one, the
matching events would be added up twice (kpis and the place totals) and the places named by matching articles
found twice (the kpis' place count and the map's mention totals). Here the place totals are computed once and
the kpis' event totals and place count are read off them; the remaining statements (timeline, top actors per
place, article and actor counts, the place totals' two statements) run side by side on their own pooled
connections, so a filter change waits for the slowest of them rather than for their sum.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from flashpoint.filters import Filters
from flashpoint.query import (
    EVENT_COUNT_COLUMNS,
    _article_counts,
    _top_actors,
    place_scope,
    place_stats,
    points_from_stats,
    timeline,
    weekly_and_place_totals,
)
from flashpoint.query_scope import frame, one_row
from flashpoint.schema import PLACES
from flashpoint.store import Store

# Statements of one Overview run at once besides the caller's thread (the place totals' second statement takes
# one more connection): the default pool of five connections holds them all.
OVERVIEW_WORKERS = 3


@dataclass(frozen=True)
class OverviewData:
    """The Overview's data, equal to `query.kpis`, `query.timeline(..., "week")` and `query.place_points`."""

    kpis: dict[str, int]
    timeline: pd.DataFrame
    points: pd.DataFrame


def _run_all(store: Store, loaders: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each loader's result; the loaders run at once unless the store's pool shares a single connection (an
    in-memory SQLite database is one connection, or one per thread), where they run one after the other."""
    if isinstance(store.engine.pool, SingletonThreadPool | StaticPool):
        return {name: load() for name, load in loaders.items()}
    *others, (last_name, last) = loaders.items()
    with ThreadPoolExecutor(max_workers=OVERVIEW_WORKERS, thread_name_prefix="overview") as workers:
        pending = {name: workers.submit(load) for name, load in others}
        results = {last_name: last()}
        return {**{name: future.result() for name, future in pending.items()}, **results}


def _places_named(store: Store, filters: Filters, by_mentions: pd.DataFrame) -> int:
    """The places matching articles name literally, kept to the filter's countries and precisions: the mention
    totals hold one row per such place (an article naming a place has that place's country among its own)."""
    scope = place_scope(filters)
    if not scope:
        return len(by_mentions)
    kept = frame(store, select(PLACES.c.id).where(*scope))["id"]
    return int(by_mentions["place_id"].isin(kept).sum())


def overview_data(store: Store, filters: Filters) -> OverviewData:
    """The Overview's kpis, weekly timeline and place points for `filters` (see the module docstring)."""
    loaders: dict[str, Callable[[], Any]] = {
        "actors": lambda: _top_actors(store, filters),
        "counts": lambda: one_row(store, _article_counts(filters, count_places=False)),
    }
    if store.is_sqlite:
        # SQLite reads each grouping from its own covering index: the timeline runs beside the place totals.
        loaders["timeline"] = lambda: timeline(store, filters, "week")
        loaders["stats"] = lambda: place_stats(store, filters)
    else:
        loaders["totals"] = lambda: weekly_and_place_totals(store, filters)
    results = _run_all(store, loaders)
    if store.is_sqlite:
        weekly, (by_events, by_mentions) = results["timeline"], results["stats"]
    else:
        weekly, by_events, by_mentions = results["totals"]
    # Every matching event is in one place group (or the group without a place), so the groups add up to the
    # kpis' event totals.
    totals = {column: int(by_events[column].sum()) for column in EVENT_COUNT_COLUMNS}
    counts = results["counts"]
    numbers = {
        "articles": int(counts.articles),
        "places": _places_named(store, filters, by_mentions),
        "attacks": totals["attacks"],
        "injured": totals["injured"],
        "killed": totals["killed"],
        "actors": int(counts.actors),
        "incidents": totals["incidents"],
        "reports": totals["reports"],
    }
    points = points_from_stats(store, filters, by_events, by_mentions)
    top_actors = results["actors"]
    points.insert(len(points.columns) - 1, "actors", [top_actors.get(place_id, "") for place_id in points["place_id"]])
    return OverviewData(numbers, weekly, points)
