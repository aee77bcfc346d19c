"""Data: the filtered incidents, events, figures and places as tables, with their downloads."""

from __future__ import annotations

import streamlit as st

import app_state
from components.downloads import render_downloads, render_incident_downloads
from components.incidents import build_incidents_table, render_incidents_table
from components.safe_text import escape_markdown

# Identifiers stay in the downloads, where they join rows across files, but are noise on screen.
HIDDEN_COLUMNS = ["id", "article_id"]

filters = app_state.current_filters()

st.title("Data")
st.caption(escape_markdown(filters.describe()))

incidents_tab, events_tab, figures_tab, places_tab = st.tabs(["Incidents", "Events", "Figures", "Places"])
with incidents_tab:
    incidents = app_state.incidents(filters)
    st.caption(
        f"{len(incidents):,} incidents · the files carry every report, claim and merge reason, and each place's "
        "precision (ACLED geo_precision 1-3 in the CSV)"
    )
    writers = {name: app_state.incident_export(filters, name) for name in ("acled", "geojson", "jsonl")}
    render_incident_downloads(writers, "flashpoint-incidents", key="data_incidents")
    render_incidents_table(build_incidents_table(incidents), key="data_incidents_table")
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
