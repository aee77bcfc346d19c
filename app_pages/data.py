"""Data: the filtered events and figures as tables, with CSV, GeoJSON and JSON Lines downloads."""

from __future__ import annotations

import streamlit as st

import app_state
from components.downloads import render_downloads
from components.safe_text import escape_markdown

# Identifiers stay in the downloads, where they join rows across files, but are noise on screen.
HIDDEN_COLUMNS = ["id", "article_id"]

filters = app_state.current_filters()

st.title("Data")
st.caption(escape_markdown(filters.describe()))

events_tab, figures_tab, places_tab = st.tabs(["Events", "Figures", "Places"])
with events_tab:
    events = app_state.events(filters).drop(columns=["start", "end"], errors="ignore")
    st.caption(f"{len(events):,} events")
    render_downloads(events, "flashpoint-events", key="data_events")
    st.dataframe(events.drop(columns=HIDDEN_COLUMNS, errors="ignore"), hide_index=True, key="data_events_table")
with figures_tab:
    figures = app_state.figures(filters).drop(columns=["start", "end"], errors="ignore")
    st.caption(f"{len(figures):,} figures")
    render_downloads(figures, "flashpoint-figures", key="data_figures", geo=False)
    st.dataframe(figures.drop(columns=HIDDEN_COLUMNS, errors="ignore"), hide_index=True, key="data_figures_table")
with places_tab:
    places = app_state.place_points(filters).drop(columns=["place_id"], errors="ignore")
    st.caption(f"{len(places):,} places")
    render_downloads(places, "flashpoint-places", key="data_places")
    st.dataframe(places, hide_index=True, key="data_places_table")
