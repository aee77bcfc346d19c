"""The sidebar filters in the session and the URL: seeded from the link, kept valid, read back as a Filters."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from flashpoint.filters import INCIDENTS, REPORTS
from flashpoint.query import FilterOptions, Filters

# Session keys of the sidebar filter widgets, and of what the app remembers about them between reruns.
ACTORS_KEY = "filter_actors"
DATES_KEY = "filter_dates"
COUNTRIES_KEY = "filter_countries"
EVENT_TYPES_KEY = "filter_event_types"
TEXT_KEY = "filter_text"
COUNT_INCIDENTS_KEY = "filter_count_incidents"
PRECISION_KEY = "filter_precision"
FILTERS_SEEDED_KEY = "filters_seeded_from_url"
DATE_BOUNDS_KEY = "filter_date_bounds"


def _clean_choice(key: str, options: Iterable[str]) -> None:
    """Drop remembered selections that are no longer options (a link from another database, say)."""
    allowed = set(options)
    if key in st.session_state:
        st.session_state[key] = [value for value in st.session_state[key] if value in allowed]


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def prepare_filter_widgets(options: FilterOptions) -> None:
    """Before the sidebar draws: on a session's first run take the filters from the URL, then keep them valid."""
    bounds = (options.date_min, options.date_max) if options.date_min and options.date_max else ()
    if not st.session_state.get(FILTERS_SEEDED_KEY):
        from_url = Filters.from_query_params(_url_params())
        st.session_state[ACTORS_KEY] = list(from_url.actors)
        st.session_state[COUNTRIES_KEY] = list(from_url.countries)
        st.session_state[EVENT_TYPES_KEY] = list(from_url.event_types)
        st.session_state[TEXT_KEY] = from_url.text
        st.session_state[COUNT_INCIDENTS_KEY] = from_url.counts_incidents
        st.session_state[PRECISION_KEY] = from_url.precision
        st.session_state[DATES_KEY] = (from_url.date_from or bounds[0], from_url.date_to or bounds[1]) if bounds else ()
        st.session_state[DATE_BOUNDS_KEY] = bounds
        st.session_state[FILTERS_SEEDED_KEY] = True
    elif st.session_state.get(DATE_BOUNDS_KEY) != bounds:
        # New data moved the date bounds: a range that covered everything keeps covering everything.
        if tuple(st.session_state.get(DATES_KEY, ())) == tuple(st.session_state.get(DATE_BOUNDS_KEY, ())):
            st.session_state[DATES_KEY] = bounds
        st.session_state[DATE_BOUNDS_KEY] = bounds
    _clean_choice(ACTORS_KEY, options.actors)
    _clean_choice(COUNTRIES_KEY, options.countries)
    _clean_choice(EVENT_TYPES_KEY, options.event_types)


def clear_filters() -> None:
    """Button callback: every filter back to 'all', before the widgets draw on the next run."""
    for key in (ACTORS_KEY, COUNTRIES_KEY, EVENT_TYPES_KEY):
        st.session_state[key] = []
    st.session_state[TEXT_KEY] = ""
    st.session_state[PRECISION_KEY] = ""
    st.session_state[DATES_KEY] = st.session_state.get(DATE_BOUNDS_KEY, ())


def current_filters() -> Filters:
    """The frozen Filters the sidebar widgets describe; a range equal to the data's bounds means no date filter."""
    dates = tuple(st.session_state.get(DATES_KEY, ()))
    bounds = tuple(st.session_state.get(DATE_BOUNDS_KEY, ()))
    date_from = date_to = None
    if len(dates) == 2 and dates != bounds:
        date_from, date_to = dates
    return Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(st.session_state.get(ACTORS_KEY, [])),
        countries=tuple(st.session_state.get(COUNTRIES_KEY, [])),
        event_types=tuple(st.session_state.get(EVENT_TYPES_KEY, [])),
        text=st.session_state.get(TEXT_KEY) or "",
        # Counting reports is a way of looking, not a filter: "Clear filters" leaves the toggle as it is.
        count_by=INCIDENTS if st.session_state.get(COUNT_INCIDENTS_KEY, True) else REPORTS,
        precision=st.session_state.get(PRECISION_KEY) or "",
    )


def write_filters_to_url(filters: Filters) -> None:
    """Keep the address bar in step with the filters, so copying the link shares this view."""
    wanted = {
        key: [value] if isinstance(value, str) else list(value) for key, value in filters.to_query_params().items()
    }
    if _url_params() != wanted:
        st.query_params.from_dict(filters.to_query_params())
