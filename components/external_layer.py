"""External event layers (ACLED, GDELT) on the map: their grid points as pydeck layers, each row with its tooltip."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from components.wording import plural

LAYER_LABELS = {"acled": "ACLED", "gdelt": "GDELT"}
# Colours apart from the places' yellow-to-red injury ramp and the blue/red link arcs, so a layer never reads as ours.
LAYER_COLOURS = {"acled": (106, 61, 154), "gdelt": (0, 136, 136)}
OTHER_LAYER_COLOUR = (90, 90, 90)
FILL_ALPHA = 150
# Area grows with the events in a cell (radius with their square root), capped so a busy city does not hide a country.
MIN_RADIUS_METERS = 5_000
RADIUS_PER_ROOT_EVENT_METERS = 4_000
MAX_RADIUS_METERS = 80_000
RING_LINE_PIXELS = 2
KM_PER_DEGREE = 111.0
LAYER_ID_PREFIX = "external-"
# Points of an external layer, as the query sends them (flashpoint.query_external.POINT_COLUMNS).
POINT_COLUMNS = (
    "layer", "lat", "lon", "events", "fatalities", "approximate_events", "location", "places", "country_code",
    "first_day", "last_day", "cell_degrees",
)  # fmt: skip


def layer_label(layer: str) -> str:
    """The name a person knows the dataset by."""
    return LAYER_LABELS.get(layer, layer.upper())


def layer_colour(layer: str) -> tuple[int, int, int]:
    """The dataset's own colour; a dataset without one gets the shared fallback."""
    return LAYER_COLOURS.get(layer, OTHER_LAYER_COLOUR)


def event_radius(events: float) -> float:
    """A cell's radius in metres for its number of events."""
    return float(min(MAX_RADIUS_METERS, MIN_RADIUS_METERS + RADIUS_PER_ROOT_EVENT_METERS * math.sqrt(max(events, 0))))


def _text(value: object) -> str:
    """A value as text; a missing one (None, or NaN from pandas) is empty."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def point_tooltip(point: dict[str, object]) -> str:
    """One cell's tooltip, plain text in lines: the map shows tooltips as text (components.attack_map.TOOLTIP_TEXT)."""
    events, places = int(point["events"]), int(_text(point["places"]) or 0)
    where = _text(point["location"]) or "an unnamed place"
    if places > 1:
        where += f" and {plural(places - 1, 'other place')}"
    country = f" ({_text(point['country_code'])})" if _text(point["country_code"]) else ""
    lines = [f"{layer_label(str(point['layer']))} · {where}{country}"]
    lines.append(f"{plural(events, 'event')} · fatalities {int(point['fatalities']):,}")
    first, last = point["first_day"], point["last_day"]
    lines.append(f"{first}" if first == last else f"{first} to {last}")
    approximate = int(point["approximate_events"])
    if approximate:
        share = "all" if approximate == events else f"{approximate:,} of {events:,}"
        lines.append(f"approximate: {share} placed only near a place, by region or by country")
    if places > 1:
        lines.append(f"gathered within about {float(point['cell_degrees']) * KM_PER_DEGREE:.0f} km")
    return "\n".join(lines)


def prepare_external_points(points: pd.DataFrame, layer: str) -> pd.DataFrame:
    """One layer's points with radius, colour, whether all their events are approximate, and the tooltip."""
    rows = points[points["layer"] == layer].reset_index(drop=True)
    prepared = pd.DataFrame({"lon": rows["lon"].astype(float), "lat": rows["lat"].astype(float)})
    prepared["radius"] = rows["events"].map(event_radius).astype(float)
    prepared["colour"] = [[*layer_colour(layer), FILL_ALPHA] for _ in range(len(rows))]
    prepared["approximate"] = (rows["approximate_events"] >= rows["events"]).astype(bool)
    prepared["tooltip"] = [point_tooltip(point) for point in rows[list(POINT_COLUMNS)].to_dict("records")]
    return prepared


def _circles(data: pd.DataFrame, layer_id: str, filled: bool) -> pdk.Layer:
    """Circles sized by events: filled with a white edge, or hollow rings in the layer's colour."""
    style = (
        {"get_fill_color": "colour", "get_line_color": [255, 255, 255], "line_width_min_pixels": 1}
        if filled
        else {"get_line_color": "colour", "line_width_min_pixels": RING_LINE_PIXELS}
    )
    return pdk.Layer(
        "ScatterplotLayer",
        data=data,
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="radius",
        stroked=True,
        filled=filled,
        radius_min_pixels=3 if filled else 4,
        pickable=True,
        **style,
    )


def build_external_layers(points: pd.DataFrame, layer: str) -> list[pdk.Layer]:
    """One layer's events as pydeck layers: filled circles where some event is placed at a site or city, hollow
    rings where all are approximate (never drawn as exact points). Rows carry a `tooltip` for the deck's template."""
    prepared = prepare_external_points(points, layer)
    approximate = prepared[prepared["approximate"]]
    exact = prepared[~prepared["approximate"]]
    layers = []
    if not approximate.empty:
        layers.append(_circles(approximate, f"{LAYER_ID_PREFIX}{layer}-approximate", filled=False))
    if not exact.empty:
        layers.append(_circles(exact, f"{LAYER_ID_PREFIX}{layer}", filled=True))
    return layers


def toggle_label(layer: str, events: int) -> str:
    """The Map's toggle for a layer: its dataset and how many events it holds."""
    return f"{layer_label(layer)} ({plural(events, 'event')})"
