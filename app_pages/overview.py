"""Overview: the headline numbers, the map and attacks and injuries over time, for the current filters."""

from __future__ import annotations

import streamlit as st

import app_state
from components.attack_map import build_attack_map, render_attack_map
from components.kpis import render_kpis
from components.safe_text import escape_markdown
from components.timeline import build_overview_series, render_overview_series

filters = app_state.current_filters()

st.title("Overview")
st.caption(escape_markdown(filters.describe()))

render_kpis(app_state.kpis(filters))

map_column, chart_column = st.columns([3, 2])
with map_column:
    st.subheader("Where")
    points = app_state.place_points(filters)
    render_attack_map(build_attack_map(points, app_state.country_outlines()), key="overview_map", height=460)
with chart_column:
    st.subheader("When")
    timeline = app_state.timeline(filters, "week")
    if timeline.empty:
        st.info("No dated events match the filters.")
    else:
        render_overview_series(build_overview_series(timeline))
