"""Map: every place reported, sized by attacks and coloured by injuries, with density and actor-link layers."""

from __future__ import annotations

import streamlit as st

import app_state
from components.attack_map import DENSITY_LAYERS, build_attack_map, render_attack_map
from components.safe_text import escape_markdown

DENSITY_LABELS = {"none": "None", "hexagon": "Hexagons", "heatmap": "Heatmap"}

filters = app_state.current_filters()

st.title("Map")
st.caption(escape_markdown(filters.describe()))

density_column, links_column, basemap_column = st.columns(3)
density = density_column.segmented_control(
    "Density layer", DENSITY_LAYERS, format_func=DENSITY_LABELS.get, default="none", key="map_density"
)
show_links = links_column.toggle(
    "Actor links", key="map_links", help="Arcs from a supporter to where its group acts, and from attacker to target."
)
street_basemap = basemap_column.toggle(
    "Street map tiles", key="map_basemap", help="Needs the internet; the country outlines work offline."
)

points = app_state.place_points(filters)
links = app_state.actor_network(filters) if show_links else None
deck = build_attack_map(
    points, app_state.country_outlines(), links=links, density=density or "none", street_basemap=street_basemap
)
render_attack_map(deck, key="map_deck", height=620)

st.subheader("Places")
st.dataframe(
    points.drop(columns=["place_id"], errors="ignore"),
    hide_index=True,
    key="map_places_table",
    column_config={"evidence": st.column_config.TextColumn("evidence", width="large")},
)
