"""The attack map: place points over offline country outlines, with optional density and actor-link layers."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import pydeck as pdk
import streamlit as st

DENSITY_LAYERS = ("none", "hexagon", "heatmap")
# Where the reports cluster: the view opens on the Levant, Iraq and the Gulf.
DEFAULT_VIEW = {"latitude": 29.0, "longitude": 43.0, "zoom": 3.4}
MIN_RADIUS_METERS = 12_000
RADIUS_PER_ATTACK_METERS = 9_000
MAX_RADIUS_METERS = 120_000
# Colour ramp from no injuries (pale yellow) to many (deep red); the legend shows the same stops.
INJURY_COLOURS: tuple[tuple[int, tuple[int, int, int]], ...] = (
    (0, (254, 217, 118)),
    (1, (253, 141, 60)),
    (10, (227, 26, 28)),
    (50, (128, 0, 38)),
)
RELATION_COLOURS = {"supports": (44, 127, 184), "attacks": (215, 25, 28)}
OTHER_RELATION_COLOUR = (120, 120, 120)
OUTLINE_LINE = (150, 150, 150)
TOOLTIP_HTML = (
    "<b>{place}</b> ({kind}, {country_code})<br/>"
    "Attacks: {attacks} · Injured: {injured} · Killed: {killed} · Mentions: {mentions}<br/>"
    "Actors: {actors_text}<br/><i>{evidence_text}</i>"
)
EVIDENCE_TOOLTIP_CHARS = 240


def injury_colour(injured: float) -> list[int]:
    """The ramp colour for an injury count: the highest stop the count reaches."""
    chosen = INJURY_COLOURS[0][1]
    for threshold, colour in INJURY_COLOURS:
        if injured >= threshold:
            chosen = colour
    return [*chosen, 210]


def point_radius(attacks: float) -> float:
    return float(min(MAX_RADIUS_METERS, MIN_RADIUS_METERS + RADIUS_PER_ATTACK_METERS * max(attacks, 0)))


def _as_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def prepare_points(points: pd.DataFrame) -> pd.DataFrame:
    """Points with radius, colour and HTML-escaped tooltip text; the tooltip is HTML, the sentences are not."""
    prepared = points.copy()
    for column in ("attacks", "injured", "killed", "mentions"):
        if column not in prepared:
            prepared[column] = 0
        prepared[column] = pd.to_numeric(prepared[column], errors="coerce").fillna(0).astype(int)
    for column in ("place", "kind", "country_code"):
        if column not in prepared:
            prepared[column] = ""
        prepared[column] = prepared[column].map(lambda value: html.escape(_as_text(value)))
    actors = prepared["actors"] if "actors" in prepared else pd.Series([""] * len(prepared), index=prepared.index)
    evidence = prepared["evidence"] if "evidence" in prepared else pd.Series([""] * len(prepared), index=prepared.index)
    prepared["actors_text"] = actors.map(lambda value: html.escape(_as_text(value)))
    prepared["evidence_text"] = evidence.map(lambda value: html.escape(_as_text(value)[:EVIDENCE_TOOLTIP_CHARS]))
    prepared["radius"] = prepared["attacks"].map(point_radius)
    prepared["colour"] = prepared["injured"].map(injury_colour)
    # A place reported without any attack still counts once, so density shows where reporting concentrates.
    prepared["density_weight"] = prepared["attacks"] + 1
    # Lists are not JSON-friendly inside deck data; the text columns above carry them.
    keep = [
        "place",
        "kind",
        "country_code",
        "lat",
        "lon",
        "attacks",
        "injured",
        "killed",
        "mentions",
        "actors_text",
        "evidence_text",
        "radius",
        "colour",
        "density_weight",
    ]
    return prepared[keep].astype({"lat": float, "lon": float})


def actor_positions(points: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Where each actor sits on the map: a place of the same name (a state's country), else its busiest place."""
    positions: dict[str, tuple[float, float]] = {}
    if points.empty:
        return positions
    by_name = {str(row.place): (float(row.lon), float(row.lat)) for row in points.itertuples()}
    ranked = points.sort_values(["attacks", "mentions"], ascending=False) if "mentions" in points else points
    for row in ranked.itertuples():
        actors = row.actors if isinstance(row.actors, (list, tuple)) else _as_text(row.actors).split(", ")
        for actor in actors:
            if actor and actor not in positions:
                positions[actor] = by_name.get(actor, (float(row.lon), float(row.lat)))
    for name, position in by_name.items():
        positions[name] = position
    return positions


def build_arcs(links: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """Actor links placed on the map: supporter's home to where the backed group acts; attacker to target."""
    positions = actor_positions(points)
    rows = []
    for link in links.itertuples():
        start, end = positions.get(link.source), positions.get(link.target)
        if start is None or end is None or start == end:
            continue
        colour = RELATION_COLOURS.get(link.relation, OTHER_RELATION_COLOUR)
        rows.append(
            {
                "source": html.escape(str(link.source)),
                "target": html.escape(str(link.target)),
                "relation": html.escape(str(link.relation)),
                "weight": int(getattr(link, "weight", 1) or 1),
                "from_position": list(start),
                "to_position": list(end),
                "colour": [*colour, 180],
            }
        )
    return pd.DataFrame(
        rows, columns=["source", "target", "relation", "weight", "from_position", "to_position", "colour"]
    )


def build_attack_map(
    points: pd.DataFrame,
    outlines: dict | None = None,
    links: pd.DataFrame | None = None,
    density: str = "none",
    view: dict | None = None,
    street_basemap: bool = False,
) -> pdk.Deck:
    """The deck: outlines under everything, then density, then arcs, then the points on top.

    `street_basemap` adds Carto's light tiles under the outlines; they need the internet, so it is off by default.
    """
    if density not in DENSITY_LAYERS:
        raise ValueError(f"density must be one of {DENSITY_LAYERS}, not {density!r}")
    prepared = prepare_points(points)
    layers: list[pdk.Layer] = []
    if outlines is not None:
        # Offline, countries are filled with their own tint (neighbours differ, see bench/build_country_outlines.py)
        # and no lines are drawn: a stroked layer costs the browser over a second to build. Over street tiles
        # the outlines become borders only, so the tiles show through.
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=outlines,
                id="country-outlines",
                stroked=street_basemap,
                filled=not street_basemap,
                get_fill_color="properties.fill",
                get_line_color=list(OUTLINE_LINE),
                line_width_min_pixels=1,
                pickable=False,
            )
        )
    if density == "hexagon":
        layers.append(
            pdk.Layer(
                "HexagonLayer",
                data=prepared,
                id="attack-density",
                get_position=["lon", "lat"],
                get_elevation_weight="density_weight",
                get_color_weight="density_weight",
                radius=40_000,
                elevation_scale=200,
                extruded=True,
                opacity=0.4,
                pickable=False,
            )
        )
    elif density == "heatmap":
        layers.append(
            pdk.Layer(
                "HeatmapLayer",
                data=prepared,
                id="attack-density",
                get_position=["lon", "lat"],
                get_weight="density_weight",
                radius_pixels=50,
                opacity=0.6,
            )
        )
    if links is not None:
        arcs = build_arcs(links, points)
        layers.append(
            pdk.Layer(
                "ArcLayer",
                data=arcs,
                id="actor-links",
                get_source_position="from_position",
                get_target_position="to_position",
                get_source_color="colour",
                get_target_color="colour",
                get_width="weight",
                width_min_pixels=2,
                width_max_pixels=10,
                pickable=False,
            )
        )
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            data=prepared,
            id="places",
            get_position=["lon", "lat"],
            get_radius="radius",
            get_fill_color="colour",
            get_line_color=[60, 60, 60],
            stroked=True,
            line_width_min_pixels=1,
            radius_min_pixels=3,
            pickable=True,
        )
    )
    tooltip = {"html": TOOLTIP_HTML, "style": {"maxWidth": "360px", "whiteSpace": "normal"}}
    view_state = pdk.ViewState(**(view or DEFAULT_VIEW))
    if street_basemap:
        return pdk.Deck(
            layers=layers, initial_view_state=view_state, map_provider="carto", map_style="light", tooltip=tooltip
        )
    # No base map: tiles need the internet, and the outline layer draws the countries offline. With no
    # provider pydeck leaves its placeholder style, which Streamlit reads as "no basemap"; passing
    # map_style=None instead makes Streamlit fetch a Carto style from the internet.
    return pdk.Deck(layers=layers, initial_view_state=view_state, map_provider=None, tooltip=tooltip)


def legend_html(stops: Sequence[tuple[int, tuple[int, int, int]]] = INJURY_COLOURS) -> str:
    """The injury colour legend as small HTML swatches, one per ramp stop."""
    items = []
    upper_bounds = [threshold for threshold, _ in stops[1:]]
    for index, (threshold, (red, green, blue)) in enumerate(stops):
        if index < len(upper_bounds):
            label = str(threshold) if upper_bounds[index] - threshold == 1 else f"{threshold}–{upper_bounds[index] - 1}"
        else:
            label = f"{threshold}+"
        items.append(
            f'<span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
            f'background:rgb({red},{green},{blue});margin:0 4px 0 10px"></span>{label}'
        )
    return "<div><b>Injured</b>" + "".join(items) + " · <b>Size</b> attacks</div>"


def render_attack_map(deck: pdk.Deck, key: str, height: int = 560) -> None:
    """Draw the deck and its legend."""
    st.pydeck_chart(
        deck, height=height, key=key, alt="Map of reported places: circle size is attacks, colour is injuries"
    )
    st.html(legend_html())
