"""Time the dashboard over a large store: AppTest reruns after filter changes, and the first render in Chromium.

    python bench/dashboard_latency.py                       # builds a 10,000-article store on first use
    python bench/dashboard_latency.py --database sqlite:////tmp/other.db --count 2000
    python bench/dashboard_latency.py --events 1000000 --database sqlite:////tmp/m.db [--explain]

Targets (issue 4): a filter change re-runs Overview in <= 1.5 s and Map in <= 1.5 s; the first page renders in
Chromium in <= 5 s. Each filter change is a new set of filters, so the query cache never answers it.
Targets (issue 5, --events): with a million events, each filter change (actor, dates, country, event type) has
the Overview data (kpis, weekly timeline, place points) and the Map data (place points) ready in <= 1 s, and the
map gets at most a few thousand points; the app process (run here by AppTest over every page and the filter
changes) peaks below 1.5 GB resident. The store is bulk-loaded by `make_corpus.py --events` when empty.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashpoint.query import filter_options  # noqa: E402
from flashpoint.store import Store  # noqa: E402

DEFAULT_DATABASE = f"sqlite:///{Path(tempfile.gettempdir()) / 'flashpoint-bench-10k.db'}"
DEFAULT_SCALE_DATABASE = f"sqlite:///{Path(tempfile.gettempdir()) / 'flashpoint-bench-1m.db'}"
TARGET_RERUN_SECONDS = 1.5
TARGET_FIRST_RENDER_SECONDS = 5.0
TARGET_APP_RESIDENT_MB = 1536
APP_PAGES = (
    "app_pages/overview.py",
    "app_pages/places_map.py",
    "app_pages/timeline.py",
    "app_pages/actors.py",
    "app_pages/articles.py",
    "app_pages/data.py",
)
APP_TIMEOUT_SECONDS = 120
PREFERRED_ACTORS = ("Houthis", "Kataib Hezbollah", "Hezbollah", "Iran")
PREFERRED_COUNTRIES = ("IQ", "YE", "SY")
BROWSER_RUNS = 3


def ensure_corpus(database_url: str, count: int) -> int:
    """Fill the store from bench/make_corpus.py when it holds fewer than `count` articles; return its size."""
    store = Store(database_url)
    store.create_schema()
    stored = store.count_articles()
    if stored < count:
        print(f"building a {count}-article store at {database_url} (one-off; minutes)", file=sys.stderr)
        command = [sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--count", str(count)]
        subprocess.run([*command, "--store", database_url], check=True, cwd=ROOT)
        stored = store.count_articles()
    store.dispose()
    return stored


def ensure_events(database_url: str, count: int) -> None:
    """Bulk-load `count` synthetic events with bench/make_corpus.py when the store is empty."""
    store = Store(database_url)
    store.create_schema()
    empty = store.count_articles() == 0
    store.dispose()
    if empty:
        print(f"bulk-loading {count} events into {database_url} (one-off; minutes)", file=sys.stderr)
        command = [sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--events", str(count)]
        subprocess.run([*command, "--store", database_url], check=True, cwd=ROOT)


def bench_scale(database_url: str, count: int, show_plans: bool, run_app: bool = True) -> None:
    from bench.scale_latency import explain, filter_changes, measure

    ensure_events(database_url, count)
    store = Store(database_url)
    with store.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
    print(f"store: {store.location} with {stored} events, {store.count_articles()} articles")
    measure(store)
    if run_app:
        app_memory(database_url)
    if show_plans:
        for label, filters in filter_changes(store):
            print(f"\n== query plans, {label}")
            explain(store, filters)
    store.dispose()


def app_memory(database_url: str) -> None:
    """Run the app in this process on every page after the Overview's filter changes; print the peak resident
    size, which is the app's own (this process holds nothing else larger than the query results)."""
    from streamlit.testing.v1 import AppTest

    bench_apptest(database_url, APP_PAGES[0])
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.run()
    for page in APP_PAGES[1:]:
        app.switch_page(page).run()
        if app.exception:
            raise RuntimeError(f"{page} raised: {app.exception[0].message}")
    # ru_maxrss is in kilobytes on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"app process peak resident size: {peak_mb:.0f} MB; target {TARGET_APP_RESIDENT_MB} MB: ", end="")
    print(verdict(peak_mb, TARGET_APP_RESIDENT_MB))


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def filter_changes(database_url: str) -> list[tuple[str, Callable[[object], object]]]:
    """A sequence of sidebar changes a user might make, each leaving the filters different from before."""
    store = Store(database_url)
    options = filter_options(store)
    store.dispose()
    # Busy actors and countries of the region first, so the filters select real slices of the corpus.
    actors = [name for name in PREFERRED_ACTORS if name in options.actors] or list(options.actors)
    countries = [code for code in PREFERRED_COUNTRIES if code in options.countries] or list(options.countries)
    changes: list[tuple[str, Callable[[object], object]]] = []
    for actor in actors[:3]:
        changes.append(
            (f"actor={actor}", lambda app, actor=actor: app.multiselect(key="filter_actors").set_value([actor]))
        )
    changes.append(("actor=none", lambda app: app.multiselect(key="filter_actors").set_value([])))
    if options.date_min and options.date_max:
        middle = options.date_min + (options.date_max - options.date_min) / 2
        ranges = [(options.date_min, middle), (middle, options.date_max), (middle - timedelta(days=30), middle)]
        for start, end in ranges:
            changes.append(
                (f"dates={start}..{end}", lambda app, r=(start, end): app.date_input(key="filter_dates").set_value(r))
            )
    for country in countries[:2]:
        changes.append(
            (f"country={country}", lambda app, c=country: app.multiselect(key="filter_countries").set_value([c]))
        )
    changes.append(("text=drone", lambda app: app.text_input(key="filter_text").set_value("drone")))
    return changes


def bench_apptest(database_url: str, page: str) -> list[float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # Each page starts with empty query caches, so the Map is not served what the Overview already loaded.
    st.cache_data.clear()
    os.environ["DATABASE_URL"] = database_url
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
    cold = timed(app.run)
    if page != "app_pages/overview.py":
        cold += timed(lambda: app.switch_page(page).run())
    print(f"  {page}: first run {cold:.2f} s (imports, schema, first queries)")
    durations = []
    for label, change in filter_changes(database_url):
        change(app)
        duration = timed(app.run)
        if app.exception:
            raise RuntimeError(f"{page} raised after {label}: {app.exception[0].message}")
        durations.append(duration)
        print(f"  {page}: {label:<40} {duration:.2f} s")
    return durations


def first_render(browser: object, base_url: str) -> float:
    """Seconds from opening the app in a new browser context until the map and charts are drawn and it is idle."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    started = time.perf_counter()
    page.goto(base_url)
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=60_000)
    page.wait_for_selector(
        "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg", timeout=60_000
    )
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def bench_browser(database_url: str) -> list[float] | None:
    """First render on a just-started server (cold: imports, uncached queries), then on the running one."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        print("chromium: skipped, /usr/bin/chromium is absent")
        return None
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from conftest import CHROMIUM_ARGS, start_server, stop_server

    with tempfile.TemporaryDirectory() as folder:
        server, base_url = start_server(database_url, Path(folder) / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
                renders = [first_render(browser, base_url) for _ in range(1 + BROWSER_RUNS)]
                browser.close()
        finally:
            stop_server(server)
    return renders


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="database URL holding the corpus")
    parser.add_argument("--count", type=int, default=10_000, help="articles the store should hold")
    parser.add_argument("--skip-browser", action="store_true", help="only the AppTest timings")
    parser.add_argument("--events", type=int, help="scale mode: time the query layer over this many events")
    parser.add_argument("--explain", action="store_true", help="scale mode: also print each query's plan")
    parser.add_argument("--skip-app", action="store_true", help="scale mode: only the query timings, no app run")
    options = parser.parse_args()
    if options.events:
        database = options.database if options.database != DEFAULT_DATABASE else DEFAULT_SCALE_DATABASE
        bench_scale(database, options.events, options.explain, run_app=not options.skip_app)
        return
    stored = ensure_corpus(options.database, options.count)
    print(f"store: {options.database} with {stored} articles")
    for page in ("app_pages/overview.py", "app_pages/places_map.py"):
        durations = bench_apptest(options.database, page)
        worst, median = max(durations), statistics.median(durations)
        print(f"{page}: filter change median {median:.2f} s, worst {worst:.2f} s, ", end="")
        print(f"target {TARGET_RERUN_SECONDS} s: {verdict(worst, TARGET_RERUN_SECONDS)}")
    if not options.skip_browser:
        renders = bench_browser(options.database)
        if renders is not None:
            cold, warm = renders[0], statistics.median(renders[1:])
            print(f"chromium first render, fresh server: {cold:.2f} s; running server, new browser context: ", end="")
            print(f"median {warm:.2f} s of {[round(value, 2) for value in renders[1:]]}")
            print(
                f"  target {TARGET_FIRST_RENDER_SECONDS} s: fresh {verdict(cold, TARGET_FIRST_RENDER_SECONDS)}, ",
                end="",
            )
            print(f"running {verdict(warm, TARGET_FIRST_RENDER_SECONDS)}")
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (other work on the machine slows the browser)")


if __name__ == "__main__":
    main()
