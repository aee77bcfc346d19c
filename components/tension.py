"""The tension index drawn: a weekly trend per country, a choropleth of each country's latest level, their legend."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.incidents import build_incidents_table, render_incidents_table
from flashpoint.model import TENSION_BASELINE_WEEKS, TENSION_LEVELS

# The early-warning levels in their order (large increase ... large decrease): reds for increases, blues for
# decreases, a pale neutral for stable, so the map reads like a warning map and not like a heat map.
LEVEL_COLOURS = dict(
    zip(
        TENSION_LEVELS,
        ((189, 0, 38), (253, 141, 60), (220, 220, 200), (116, 169, 207), (5, 112, 176)),
        strict=True,
    )
)
UNKNOWN_LEVEL_COLOUR = (200, 200, 200)
CHOROPLETH_ALPHA = 170
BASELINE_WEEKS = TENSION_BASELINE_WEEKS
TREND_COUNTRIES = 6


def change_text(change: object, score: float) -> str:
    """The change against the baseline in words; with nothing in the weeks before, 'new' or 'quiet'."""
    if change is None or (isinstance(change, float) and change != change):
        return f"new: nothing in the {BASELINE_WEEKS} weeks before" if score > 0 else "quiet"
    return f"{float(change):+.0%} on the {BASELINE_WEEKS} weeks before"


def _week_text(week: object) -> str:
    return pd.Timestamp(week).date().isoformat() if week is not None and week == week else ""  # type: ignore[arg-type]


def _tension_tooltip(row: Mapping[str, object], name: str) -> str:
    """A country's tension tooltip, plain text in lines like the places' (see components.attack_map.TOOLTIP_TEXT)."""
    score = float(row.get("score") or 0)
    return (
        f"{name} · tension\n"
        f"Week of {_week_text(row.get('week'))}: score {score:,.1f}, "
        f"{row.get('level') or 'stable'} ({change_text(row.get('change'), score)})\n"
        f"{int(row.get('incidents') or 0):,} incidents · Killed: {int(row.get('killed') or 0):,} · "
        f"Injured: {int(row.get('injured') or 0):,}"
    )


def build_tension_layer(latest: pd.DataFrame, outlines: Mapping[str, object]) -> pdk.Layer | None:
    """Countries coloured by their latest week's level, over the shipped outlines; None when nothing to colour.

    Seas and areas without an outline are left to the table under the map.
    """
    by_country = {str(row["country_code"]): row for row in latest.to_dict("records") if row.get("country_code")}
    features = []
    for feature in outlines.get("features", []):  # type: ignore[union-attr]
        code = feature["properties"].get("country_code")
        row = by_country.get(code)
        # A country quiet this week and the weeks before has no tension to show: its outline stays as it was.
        if row is None or (not row.get("score") and not row.get("baseline")):
            continue
        colour = LEVEL_COLOURS.get(str(row.get("level")), UNKNOWN_LEVEL_COLOUR)
        properties = {
            "country_code": code,
            "level": str(row.get("level")),
            "fill": [*colour, CHOROPLETH_ALPHA],
            "tooltip": _tension_tooltip(row, str(feature["properties"].get("name") or code)),
        }
        # The geometry is shared with the outlines, not copied: the deck serialises it once per layer either way.
        features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    if not features:
        return None
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        id="tension-choropleth",
        filled=True,
        stroked=False,
        get_fill_color="properties.fill",
        pickable=True,
    )


def tension_legend_html() -> str:
    """The level colours as swatches."""
    items = "".join(
        f'<span style="display:inline-block;width:12px;height:12px;background:rgb({red},{green},{blue});'
        f'margin:0 4px 0 10px"></span>{html.escape(level)}'
        for level, (red, green, blue) in LEVEL_COLOURS.items()
    )
    return f"<div><b>Tension, latest week against the {BASELINE_WEEKS} before</b>{items}</div>"


def area_labels(weeks: pd.DataFrame, country_label: Callable[[str], str]) -> dict[str, str]:
    """Names for the areas of tension rows: a country (or sea) by `country_label`, a region with its country code."""
    labels = {}
    for area, code in weeks[["area", "country_code"]].drop_duplicates().itertuples(index=False):
        has_code = isinstance(code, str) and code and code != area
        labels[str(area)] = f"{area} ({code})" if has_code else country_label(str(area))
    return labels


def build_tension_trend(
    weeks: pd.DataFrame, labels: Mapping[str, str] | None = None, top: int = TREND_COUNTRIES
) -> pd.DataFrame:
    """Weekly scores, one column per area, for the `top` areas with the highest total score; weeks as the index."""
    if weeks.empty:
        return pd.DataFrame()
    totals = weeks.groupby("area")["score"].sum().sort_values(ascending=False, kind="stable")
    chosen = list(totals.index[:top])
    kept = weeks[weeks["area"].isin(chosen)]
    trend = kept.pivot_table(index="week", columns="area", values="score", aggfunc="sum", fill_value=0.0)
    trend = trend[[area for area in chosen if area in trend.columns]]
    trend.index = pd.to_datetime(trend.index)
    names = labels or {}
    trend.columns = [names.get(str(area), str(area)) for area in trend.columns]
    return trend.sort_index()


def build_week_choices(weeks: pd.DataFrame, labels: Mapping[str, str] | None = None) -> dict[str, tuple[str, date]]:
    """Each (area, week) with incidents, latest week first and highest score first within a week, by its label."""
    if weeks.empty:
        return {}
    names = labels or {}
    scored = weeks[pd.to_numeric(weeks["incidents"], errors="coerce").fillna(0) > 0]
    ordered = scored.sort_values(["week", "score", "area"], ascending=[False, False, True], kind="stable")
    choices = {}
    for row in ordered.to_dict("records"):
        area = str(row["area"])
        week = pd.Timestamp(row["week"]).date()
        score = float(row["score"])
        label = f"Week of {week.isoformat()} · {names.get(area, area)} · score {score:,.1f} · {row['level']}"
        choices[label] = (area, week)
    return choices


def render_tension_trend(trend: pd.DataFrame) -> None:
    """Streamlit's own line chart, so the Overview needs no plotly in the browser."""
    st.line_chart(
        trend, x_label="", y_label="tension score", height=320, alt="Line chart of weekly tension per country"
    )


def render_driver_chooser(
    weeks: pd.DataFrame,
    labels: Mapping[str, str],
    load_drivers: Callable[[str, date], pd.DataFrame],
    label: str,
    placeholder: str,
    key: str,
) -> None:
    """A chooser of (area, week) and, once one is chosen, the incidents that drive its score (`load_drivers`)."""
    choices = build_week_choices(weeks, labels)
    chosen = st.selectbox(label, list(choices), index=None, placeholder=placeholder, key=key)
    if chosen:
        area, week = choices[chosen]
        render_incidents_table(build_incidents_table(load_drivers(area, week)), key=f"{key}_drivers")
