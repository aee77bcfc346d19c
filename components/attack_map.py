"""The attack map: place points over offline country outlines, with optional density and actor-link layers."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.precision_marks import (
    AREA_RADIUS_KM,
    RING_PRECISIONS,
    is_approximate,
    place_precisions,
    precision_word,
)
from components.wording import plural

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
# Every pickable layer (places, approximate areas, the tension choropleth, external layers) gives each row or
# feature a ready `tooltip`: one deck has one template, and its fields must exist on whatever is under the pointer.
# A text tooltip, never HTML: deck.gl sets it as text, so article words show as written whatever they hold (in HTML
# mode Streamlit escapes each value, which would show our own tags as text). Lines break at "\n" (pre-line).
TOOLTIP_TEXT = "{tooltip}"
TOOLTIP_STYLE = {"maxWidth": "360px", "whiteSpace": "pre-line"}
EVIDENCE_TOOLTIP_CHARS = 240
# Translucent discs for places known only to within a region; hollow rings around a country's or a sea's centre.
AREA_ALPHA = 70
RING_RADIUS_METERS = 150_000
RING_LINE_PIXELS = 3
APPROXIMATE_LABEL_COLOUR = (90, 90, 90)
APPROXIMATE_LABEL = "approximate"


def injury_colour(injured: float) -> list[int]:
    """The ramp colour for an injury count: the highest stop the count reaches."""
    chosen = INJURY_COLOURS[0][1]
    for threshold, colour in INJURY_COLOURS:
        if injured >= threshold:
            chosen = colour
    return [*chosen, 210]


def point_radius(attacks: float) -> float:
    """A place's circle radius in metres: a floor so one report stays visible, growing with attacks, capped."""
    return float(min(MAX_RADIUS_METERS, MIN_RADIUS_METERS + RADIUS_PER_ATTACK_METERS * max(attacks, 0)))


def _as_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _point_tooltip(place: dict[str, object]) -> str:
    """One place's tooltip, plain text in lines (the deck shows it as text, so names need no escaping)."""
    about = ", ".join(part for part in (_as_text(place["kind"]), _as_text(place["country_code"])) if part)
    lines = [f"{_as_text(place['place'])} ({about})" if about else _as_text(place["place"])]
    counts = (
        f"Attacks: {place['attacks']} · Injured: {place['injured']} · Killed: {place['killed']} · "
        f"Mentions: {place['mentions']}"
    )
    if place["reports"]:
        counts = f"{plural(int(place['reports']), 'report')} · {counts}"
    lines.append(counts)
    if place["approximate"]:
        lines.append(f"approximate: {precision_word(place['precision'])}, not an exact point")
    actors = _as_text(place["actors"])
    if actors:
        lines.append(f"Actors: {actors}")
    evidence = _as_text(place["evidence"])[:EVIDENCE_TOOLTIP_CHARS]
    if evidence:
        lines.append(f"“{evidence}”")
    return "\n".join(lines)


def prepare_points(points: pd.DataFrame) -> pd.DataFrame:
    """Points with radius, colour, precision and a plain-text `tooltip` (see TOOLTIP_TEXT).

    The place, kind and country code columns are also HTML-escaped: the template shows only `tooltip`, so this
    guards any later template or picking handler that names them.
    """
    prepared = points.copy()
    for column in ("attacks", "injured", "killed", "mentions"):
        if column not in prepared:
            prepared[column] = 0
        prepared[column] = pd.to_numeric(prepared[column], errors="coerce").fillna(0).astype(int)
    for column in ("place", "kind", "country_code", "actors", "evidence"):
        if column not in prepared:
            prepared[column] = ""
    prepared["precision"] = place_precisions(points)
    prepared["approximate"] = prepared["precision"].map(is_approximate)
    reports = pd.to_numeric(prepared["reports"], errors="coerce") if "reports" in prepared else None
    prepared["reports"] = None if reports is None else reports.astype(object).where(reports.notna(), None)
    tooltip_fields = ["place", "kind", "country_code", "attacks", "injured", "killed", "mentions", "reports"]
    tooltip_fields += ["precision", "approximate", "actors", "evidence"]
    prepared["tooltip"] = [_point_tooltip(place) for place in prepared[tooltip_fields].to_dict("records")]
    for column in ("place", "kind", "country_code"):
        prepared[column] = prepared[column].map(lambda value: html.escape(_as_text(value)))
    prepared["radius"] = prepared["attacks"].map(point_radius)
    prepared["colour"] = prepared["injured"].map(injury_colour)
    # A place reported without any attack still counts once, so density shows where reporting concentrates.
    prepared["density_weight"] = prepared["attacks"] + 1
    # Lists are not JSON-friendly inside deck data; the tooltip carries the actors and evidence as text.
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
        "reports",
        "precision",
        "approximate",
        "tooltip",
        "radius",
        "colour",
        "density_weight",
    ]
    return prepared[keep].astype({"lat": float, "lon": float})


def _area_rows(prepared: pd.DataFrame) -> pd.DataFrame:
    """Places known to within a distance: a disc of that radius, in the injury colour but faint."""
    areas = prepared[prepared["precision"].isin(list(AREA_RADIUS_KM))].copy()
    areas["radius"] = areas["precision"].map(lambda precision: AREA_RADIUS_KM[precision] * 1000.0)
    areas["colour"] = areas["colour"].map(lambda colour: [*colour[:3], AREA_ALPHA])
    return areas


def _place_circles(rows: pd.DataFrame, layer_id: str, **style: object) -> pdk.Layer:
    """A pickable, outlined circle per place row at its lon/lat, drawn in `style` (radius, colours, widths)."""
    return pdk.Layer(
        "ScatterplotLayer", data=rows, id=layer_id, get_position=["lon", "lat"], stroked=True, pickable=True, **style
    )


def precision_layers(prepared: pd.DataFrame) -> list[pdk.Layer]:
    """Approximate places as translucent discs and hollow rings with an "approximate" label, then exact points."""
    areas = _area_rows(prepared)
    rings = prepared[prepared["precision"].isin(list(RING_PRECISIONS))]
    exact = prepared[~prepared["approximate"]]
    layers = []
    if not areas.empty:
        layers.append(
            _place_circles(
                areas,
                "approximate-areas",
                get_radius="radius",
                get_fill_color="colour",
                get_line_color="colour",
                filled=True,
                line_width_min_pixels=1,
            )
        )
    if not rings.empty:
        layers.append(
            _place_circles(
                rings,
                "approximate-rings",
                get_radius=RING_RADIUS_METERS,
                get_line_color="colour",
                filled=False,
                line_width_min_pixels=RING_LINE_PIXELS,
                radius_min_pixels=10,
            )
        )
    approximate = prepared[prepared["approximate"]]
    if not approximate.empty:
        labels = approximate[["lon", "lat"]].copy()
        labels["label"] = APPROXIMATE_LABEL
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=labels,
                id="approximate-labels",
                get_position=["lon", "lat"],
                get_text="label",
                get_size=11,
                get_color=list(APPROXIMATE_LABEL_COLOUR),
                get_pixel_offset=[0, 16],
                pickable=False,
            )
        )
    layers.append(
        _place_circles(
            exact,
            "places",
            get_radius="radius",
            get_fill_color="colour",
            get_line_color=[60, 60, 60],
            line_width_min_pixels=1,
            radius_min_pixels=3,
        )
    )
    return layers


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
    choropleth: pdk.Layer | None = None,
    overlays: Sequence[pdk.Layer] = (),
) -> pdk.Deck:
    """The deck: outlines under everything, then a choropleth, density, arcs, the places, and overlays on top.

    `street_basemap` adds Carto's light tiles under the outlines; they need the internet, so it is off by default.
    `choropleth` (the tension layer, say) colours countries over the outlines; `overlays` (external event layers)
    draw above the places. Pickable layers give their rows a plain-text `tooltip` (see TOOLTIP_TEXT).
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
    if choropleth is not None:
        layers.append(choropleth)
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
    layers.extend(precision_layers(prepared))
    layers.extend(overlays)
    tooltip = {"text": TOOLTIP_TEXT, "style": TOOLTIP_STYLE}
    view_state = pdk.ViewState(**(view or DEFAULT_VIEW))
    if street_basemap:
        return pdk.Deck(
            layers=layers, initial_view_state=view_state, map_provider="carto", map_style="light", tooltip=tooltip
        )
    # No base map: tiles need the internet, and the outline layer draws the countries offline. With no
    # provider pydeck leaves its placeholder style, which Streamlit reads as "no basemap"; passing
    # map_style=None instead makes Streamlit fetch a Carto style from the internet.
    return pdk.Deck(layers=layers, initial_view_state=view_state, map_provider=None, tooltip=tooltip)


# How precision is drawn, in the legend's own small swatches: only a solid dot is a place known to the city.
PRECISION_LEGEND_HTML = (
    "<div><b>Where</b>"
    '<span style="display:inline-block;width:12px;height:12px;border-radius:6px;background:rgb(253,141,60);'
    'border:1px solid #3c3c3c;margin:0 4px 0 10px"></span>site or city'
    '<span style="display:inline-block;width:16px;height:16px;border-radius:8px;background:rgba(253,141,60,0.3);'
    'margin:0 4px 0 10px;vertical-align:middle"></span>approximate: near a place or within a region'
    '<span style="display:inline-block;width:14px;height:14px;border-radius:7px;border:3px solid rgb(253,141,60);'
    'margin:0 4px 0 10px;vertical-align:middle"></span>approximate: somewhere in a country or sea</div>'
)


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
    st.html(legend_html() + PRECISION_LEGEND_HTML)
