"""Overview: the headline numbers, the map, attacks over time and the tension trend, for the current filters."""

from __future__ import annotations

from functools import partial

import streamlit as st

import app_state
from components.attack_map import build_attack_map, render_attack_map
from components.kpis import render_kpis
from components.safe_text import escape_markdown
from components.tension import area_labels, build_tension_trend, render_driver_chooser, render_tension_trend
from components.timeline import build_overview_series, render_overview_series

# Regions have no outlines on the map, but their weekly trend reads as well as a country's.
TENSION_LEVELS = {"Country": "country", "Admin-1 region": "admin1"}

filters = app_state.current_filters()

st.title("Overview")
st.caption(escape_markdown(filters.describe()))

# The numbers, the map and the timeline are loaded together: their queries run side by side.
overview = app_state.overview_data(filters)
render_kpis(overview.kpis, filters.count_by)

map_column, chart_column = st.columns([3, 2])
with map_column:
    st.subheader("Where")
    render_attack_map(build_attack_map(overview.points, app_state.country_outlines()), key="overview_map", height=460)
with chart_column:
    st.subheader("When")
    timeline = overview.timeline
    if timeline.empty:
        st.info("No dated events match the filters.")
    else:
        render_overview_series(build_overview_series(timeline))

st.subheader("Tension")
st.caption(
    "Each week's incidents weighted by severity (type, killed, injured), each incident once however many reports "
    "tell it; the level compares the week with the four before it."
)
level = TENSION_LEVELS[st.radio("Scored per", list(TENSION_LEVELS), horizontal=True, key="overview_tension_level")]
weeks = app_state.tension_weeks(filters, level)
if weeks.empty:
    st.info("No dated incidents match the filters.")
else:
    labels = area_labels(weeks, app_state.country_label)
    render_tension_trend(build_tension_trend(weeks, labels))
    chooser_text = ("Incidents behind a week", "Choose an area's week to list the incidents that drive its score")
    drivers = partial(app_state.tension_drivers, filters, level=level)
    render_driver_chooser(weeks, labels, drivers, *chooser_text, key="overview_tension_week")
