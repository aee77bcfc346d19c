"""Map: places sized by attacks, coloured by injuries, vague ones drawn as areas; density, link and tension layers."""

from __future__ import annotations

from functools import partial

import streamlit as st

import app_state
from components.attack_map import DENSITY_LAYERS, build_attack_map, render_attack_map
from components.external_layer import build_external_layers, toggle_label
from components.safe_text import escape_markdown
from components.tension import area_labels, build_tension_layer, render_driver_chooser, tension_legend_html

DENSITY_LABELS = {"none": "None", "hexagon": "Hexagons", "heatmap": "Heatmap"}

filters = app_state.current_filters()

st.title("Map")
st.caption(escape_markdown(filters.describe()))

density_column, links_column, tension_column, basemap_column = st.columns(4)
density = density_column.segmented_control(
    "Density layer", DENSITY_LAYERS, format_func=DENSITY_LABELS.get, default="none", key="map_density"
)
show_links = links_column.toggle(
    "Actor links", key="map_links", help="Arcs from a supporter to where its group acts, and from attacker to target."
)
show_tension = tension_column.toggle(
    "Tension", key="map_tension", help="Countries coloured by their latest week's tension against the four before."
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
latest = app_state.tension_latest(filters) if show_tension else None
choropleth = build_tension_layer(latest, app_state.country_outlines()) if latest is not None else None
deck = build_attack_map(
    points,
    app_state.country_outlines(),
    links=links,
    density=density or "none",
    street_basemap=street_basemap,
    choropleth=choropleth,
    overlays=overlays,
)
render_attack_map(deck, key="map_deck", height=620)

if latest is not None:
    st.html(tension_legend_html())
    labels = area_labels(latest, app_state.country_label)
    chooser_text = ("Incidents behind a country's tension", "Choose a country to list the incidents of its latest week")
    render_driver_chooser(
        latest, labels, partial(app_state.tension_drivers, filters), *chooser_text, key="map_tension_area"
    )

if shown_layers:
    with st.expander(f"External events shown ({int(external_points['events'].sum()):,}; the newest listed here)"):
        st.dataframe(app_state.external_events(filters, shown_layers), hide_index=True, key="map_external_events")

st.subheader("Places")
st.dataframe(
    points.drop(columns=["place_id"], errors="ignore"),
    hide_index=True,
    key="map_places_table",
    column_config={"evidence": st.column_config.TextColumn("evidence", width="large")},
)
