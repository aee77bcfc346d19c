"""Everything the Overview page draws for one set of filters, loaded at once.

The headline numbers, the weekly timeline and the place points read different tables and indexes; on a
pooled database they run side by side on their own connections, so a filter change waits for the slowest of
them rather than for their sum.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from flashpoint.filters import Filters
from flashpoint.query import kpis, place_points, timeline
from flashpoint.store import Store


@dataclass(frozen=True)
class OverviewData:
    """The Overview's data: `query.kpis`, `query.timeline(..., "week")` and `query.place_points`."""

    kpis: dict[str, int]
    timeline: pd.DataFrame
    points: pd.DataFrame


def overview_data(store: Store, filters: Filters) -> OverviewData:
    """The Overview's kpis, weekly timeline and place points for `filters`, their queries run at once when the
    store's pool has a connection per query (an in-memory SQLite database shares one: one after the other)."""
    if isinstance(store.engine.pool, SingletonThreadPool | StaticPool):
        return OverviewData(kpis(store, filters), timeline(store, filters, "week"), place_points(store, filters))
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="overview") as workers:
        pending_points = workers.submit(place_points, store, filters)
        pending_timeline = workers.submit(timeline, store, filters, "week")
        numbers = kpis(store, filters)
        return OverviewData(numbers, pending_timeline.result(), pending_points.result())
