"""Time the Overview and Map data per filter change at scale, in both count modes, and show the query plans
behind them. Used by `bench/dashboard_latency.py --events N`.

Overview data is `query_overview.overview_data` (kpis, weekly timeline and place points, run side by side as
the Overview page loads them); Map data is what the Map page loads with its default toggles: the place points.
Map data is timed first, on filters not queried before, then the Overview's. The Overview page also draws the
weekly tension trend (`query_tension.tension_weeks`), timed on its own in the last column.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import event

from flashpoint.filters import COUNT_MODES
from flashpoint.query import Filters, filter_options, place_points
from flashpoint.query_overview import overview_data
from flashpoint.query_tension import tension_weeks
from flashpoint.store import Store

TARGET_SECONDS = 1.0
PREFERRED_ACTORS = ("Houthis", "Kataib Hezbollah", "Hezbollah")
PREFERRED_COUNTRIES = ("IQ", "YE", "SY")
PREFERRED_TYPES = ("drone attack", "interception")


def filter_changes(store: Store) -> list[tuple[str, Filters]]:
    """The filters a user steps through: actors, date ranges, countries, event types, then a combination."""
    options = filter_options(store)
    actors = [name for name in PREFERRED_ACTORS if name in options.actors] or list(options.actors[:3])
    countries = [code for code in PREFERRED_COUNTRIES if code in options.countries] or list(options.countries[:3])
    types = [name for name in PREFERRED_TYPES if name in options.event_types] or list(options.event_types[:2])
    changes = [("no filter", Filters())]
    changes += [(f"actor={name}", Filters(actors=(name,))) for name in actors]
    if options.date_min and options.date_max:
        middle = options.date_min + (options.date_max - options.date_min) / 2
        for start, end in ((options.date_min, middle), (middle, options.date_max), (middle - timedelta(30), middle)):
            changes.append((f"dates={start}..{end}", Filters(date_from=start, date_to=end)))
    changes += [(f"country={code}", Filters(countries=(code,))) for code in countries]
    changes += [(f"type={name}", Filters(event_types=(name,))) for name in types]
    if actors and countries and options.date_max:
        combined = Filters(actors=(actors[0],), countries=(countries[0],), date_from=options.date_max - timedelta(365))
        changes.append((f"{actors[0]}+{countries[0]}+last year", combined))
    return changes


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure(store: Store, modes: tuple[str, ...] = COUNT_MODES) -> None:
    """Print one line per count mode and filter change: Map seconds, Overview seconds, map points sent and the
    attacks counted, with the machine's load; then a verdict per mode."""
    for mode in modes:
        print(f"\ncount_by={mode}; load average {os.getloadavg()[0]:.2f}")
        print(
            f"{'filter change':<44} {'map s':>7} {'overview s':>10} {'points':>7} {'attacks':>9} {'reports':>9}"
            f" {'tension s':>9}"
        )
        overview_times, map_times = [], []
        for label, filters in filter_changes(store):
            filters = replace(filters, count_by=mode)
            map_seconds, points = _timed(lambda filters=filters: place_points(store, filters))
            overview_seconds, overview = _timed(lambda filters=filters: overview_data(store, filters))
            tension_seconds, _ = _timed(lambda filters=filters: tension_weeks(store, filters))
            overview_times.append(overview_seconds)
            map_times.append(map_seconds)
            numbers = overview.kpis
            print(
                f"{label:<44} {map_seconds:>7.2f} {overview_seconds:>10.2f} {len(points):>7}"
                f" {numbers['attacks']:>9} {numbers['reports']:>9} {tension_seconds:>9.2f}"
            )
        for name, times in (("overview", overview_times), ("map", map_times)):
            verdict = "ok" if max(times) <= TARGET_SECONDS else "OVER TARGET"
            print(
                f"{mode} {name}: median {statistics.median(times):.2f} s, worst {max(times):.2f} s;"
                f" target {TARGET_SECONDS} s: {verdict}"
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")


def explain(store: Store, filters: Filters) -> None:
    """Print the seconds and the database's plan of every statement the Overview and Map queries run under
    `filters`, each run alone."""
    captured: list[tuple[str, Any]] = []

    def capture(_connection: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        # The Map's statements are among the Overview's.
        overview_data(store, filters)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    prefix = "EXPLAIN QUERY PLAN " if store.is_sqlite else "EXPLAIN "
    connection = store.engine.raw_connection()
    try:
        cursor = connection.cursor()
        for statement, parameters in captured:
            started = time.perf_counter()
            cursor.execute(statement, parameters)
            rows = len(cursor.fetchall())
            seconds = time.perf_counter() - started
            print(f"-- {seconds:.3f} s, {rows} rows:", " ".join(statement.split())[:300])
            cursor.execute(prefix + statement, parameters)
            for row in cursor.fetchall():
                print("   ", " | ".join(str(part) for part in row))
        cursor.close()
    finally:
        connection.close()
    sys.stdout.flush()
