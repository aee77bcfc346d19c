"""Map: every place reported, sized by attacks and coloured by injuries, with density and actor-link layers."""

from __future__ import annotations

import streamlit as st

import app_state
from components.attack_map import DENSITY_LAYERS, build_attack_map, render_attack_map
from components.external_layer import build_external_layers, toggle_label
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

# External layers (imported on the Upload page): one toggle each, drawn over our places and filtered the same way.
imported_layers = app_state.layer_counts()
shown_layers: tuple[str, ...] = ()
if imported_layers:
    layer_columns = st.columns(max(len(imported_layers), 4))
    shown_layers = tuple(
        layer
        for column, (layer, count) in zip(layer_columns, imported_layers.items(), strict=False)
        if column.toggle(
            toggle_label(layer, count),
            key=f"map_layer_{layer}",
            help="Events of this dataset matching the sidebar filters, gathered by position; rings are approximate.",
        )
    )
external_points = app_state.external_points(filters, shown_layers) if shown_layers else None
overlays = [drawn for layer in shown_layers for drawn in build_external_layers(external_points, layer)]

points = app_state.place_points(filters)
links = app_state.actor_network(filters) if show_links else None
deck = build_attack_map(
    points,
    app_state.country_outlines(),
    links=links,
    density=density or "none",
    street_basemap=street_basemap,
    overlays=overlays,
)
render_attack_map(deck, key="map_deck", height=620)

if shown_layers:
    with st.expander(f"External events shown ({int(external_points['events'].sum()):,})"):
        st.dataframe(app_state.external_events(filters, shown_layers), hide_index=True, key="map_external_events")

st.subheader("Places")
st.dataframe(
    points.drop(columns=["place_id"], errors="ignore"),
    hide_index=True,
    key="map_places_table",
    column_config={"evidence": st.column_config.TextColumn("evidence", width="large")},
)
