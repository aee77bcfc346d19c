"""Cached query loaders, one per query function, and the thin readers pages call with a frozen Filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from app_state.configuration import settings
from app_state.resources import pipeline, store
from flashpoint import query, query_external, query_overview, query_running_totals, store_external
from flashpoint.query import ArticleDetail, FilterOptions, Filters
from flashpoint.store import Store

# Ingest through the app clears the query caches at once; the ten-minute TTL bounds how stale a page can be
# after another process (the CLI) writes, and max_entries bounds how many filter combinations stay in memory.
QUERY_TTL_SECONDS = 600
QUERY_MAX_ENTRIES = 64


def _cached_query(function: Callable[..., object]) -> Callable[..., object]:
    """Wrap a `query.<name>(store, ...)` function so results are cached per database and arguments."""

    def load(_store: Store, database_url: str, *arguments: object) -> object:
        return function(_store, *arguments)

    load.__name__ = load.__qualname__ = f"load_{function.__name__}"
    return st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_MAX_ENTRIES, show_spinner=False)(load)


# One cached loader per query function, cleared together after an ingest.
QUERY_LOADERS = {
    name: _cached_query(getattr(query, name))
    for name in (
        "kpis",
        "place_points",
        "events_table",
        "timeline",
        "actor_network",
        "figures_table",
        "articles_table",
        "article_detail",
        "filter_options",
        "incidents_table",
        "incident_detail",
        "tension_weeks",
        "tension_latest",
        "tension_drivers",
    )
}

# The Overview's kpis, weekly timeline and place points in one loader, their queries run side by side.
QUERY_LOADERS["overview_data"] = _cached_query(query_overview.overview_data)


def _place_candidates(current: Store, article_id: str, name: str) -> list:
    """The article's place readings as review.article_place_candidates gives them, with the app's pipeline."""
    from flashpoint.review import article_place_candidates

    return article_place_candidates(current, pipeline(), article_id, name)


# Candidates come from extracting the article afresh: cached, so the Articles page's review tab does not run the
# pipeline on every rerun; a correction, undo, re-extraction or ingest clears them with the other loaders.
QUERY_LOADERS["place_candidates"] = _cached_query(_place_candidates)

# Running totals as reported: their own series, cleared with the rest after an ingest.
QUERY_LOADERS["running_totals_table"] = _cached_query(query_running_totals.running_totals_table)

# External layers' loaders join the others, so an import (or an ingest) clears them with the rest.
QUERY_LOADERS.update(
    {
        function.__name__: _cached_query(function)
        for function in (query_external.external_points, query_external.external_events, store_external.layer_counts)
    }
)


def run_query(name: str, *arguments: object) -> object:
    """The result of the cached loader `name` for the configured database."""
    current = store()
    return QUERY_LOADERS[name](current, settings().database_url, *arguments)


def clear_query_caches() -> None:
    """Forget every cached query result, so data just ingested shows on every page."""
    for loader in QUERY_LOADERS.values():
        loader.clear()  # type: ignore[attr-defined]


def kpis(filters: Filters) -> dict:
    """The headline numbers for the filters: articles, places, actors, attacks, injured, killed, incidents, reports."""
    return run_query("kpis", filters)  # type: ignore[return-value]


def place_points(filters: Filters) -> pd.DataFrame:
    """One row per place with matching reports: position, precision and totals, for the map."""
    return run_query("place_points", filters)  # type: ignore[return-value]


def overview_data(filters: Filters) -> query_overview.OverviewData:
    """The Overview's kpis, weekly timeline and place points, loaded at once."""
    return run_query("overview_data", filters)  # type: ignore[return-value]


def events(filters: Filters) -> pd.DataFrame:
    """The matching events rows as each article reports them, newest first."""
    return run_query("events_table", filters)  # type: ignore[return-value]


def timeline(filters: Filters, freq: str = "day", by: str | None = None) -> pd.DataFrame:
    """Attacks, injured, killed, incidents and reports per `freq` period, split by `by` (actor or country) if given."""
    return run_query("timeline", filters, freq, by)  # type: ignore[return-value]


def actor_network(filters: Filters) -> pd.DataFrame:
    """Directed actor links in matching articles, weighted by how often each was stated."""
    return run_query("actor_network", filters)  # type: ignore[return-value]


def figures(filters: Filters) -> pd.DataFrame:
    """The figures stated in matching articles, with the sentence each came from."""
    return run_query("figures_table", filters)  # type: ignore[return-value]


def articles(filters: Filters) -> pd.DataFrame:
    """Matching articles, newest first, with how many places, actors, figures and events each yielded."""
    return run_query("articles_table", filters)  # type: ignore[return-value]


def article_detail(article_id: str) -> ArticleDetail | None:
    """One stored article with its extraction as stored now; None when there is no such article."""
    return run_query("article_detail", article_id)  # type: ignore[return-value]


def filter_options() -> FilterOptions:
    """The values the sidebar filters offer (countries, actors, event types, date range)."""
    return run_query("filter_options")  # type: ignore[return-value]


def incidents(filters: Filters) -> pd.DataFrame:
    """The incidents matching the filters, newest first, each with its report count and figure roll-ups."""
    return run_query("incidents_table", filters)  # type: ignore[return-value]


def incident_detail(incident_id: str) -> pd.DataFrame:
    """The reports of one incident with the reason each was merged."""
    return run_query("incident_detail", incident_id)  # type: ignore[return-value]


def tension_weeks(filters: Filters, level: str = "country") -> pd.DataFrame:
    """Weekly tension score, change and level per country (or sea), or per admin-1 region."""
    return run_query("tension_weeks", filters, level)  # type: ignore[return-value]


def tension_latest(filters: Filters) -> pd.DataFrame:
    """Each country's tension in the latest week, for the choropleth."""
    return run_query("tension_latest", filters)  # type: ignore[return-value]


def tension_drivers(filters: Filters, area: str, week: date, level: str = "country") -> pd.DataFrame:
    """The incidents behind one area's tension score in one week, heaviest first."""
    return run_query("tension_drivers", filters, area, week, level)  # type: ignore[return-value]


def running_totals(filters: Filters) -> pd.DataFrame:
    """The cumulative counts the articles state ("at least 38 attacks since October 17"), by kind, scope and date."""
    return run_query("running_totals_table", filters)  # type: ignore[return-value]
