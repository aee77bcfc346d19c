"""Bar charts of attacks, injured and killed per day or week, optionally split by actor or country."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from components.safe_text import escape_label

MEASURES = ("attacks", "injured", "killed")
MEASURE_TITLES = {"attacks": "Attacks", "injured": "Injured", "killed": "Killed"}
# Plotly's qualitative palette, repeated: one colour per group, the same in every row.
GROUP_COLOURS = (
    "#636EFA",
    "#EF553B",
    "#00CC96",
    "#AB63FA",
    "#FFA15A",
    "#19D3F3",
    "#FF6692",
    "#B6E880",
    "#FF97FF",
    "#FECB52",
)
ALL_GROUP = "All"


def build_timeline_chart(timeline: pd.DataFrame, measures: tuple[str, ...] = MEASURES) -> go.Figure:
    """One row of bars per measure, periods on a shared x axis, one bar colour per group."""
    unknown = [measure for measure in measures if measure not in MEASURES]
    if unknown:
        raise ValueError(f"unknown measures {unknown}; choose from {MEASURES}")
    figure = make_subplots(
        rows=len(measures),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=[MEASURE_TITLES[measure] for measure in measures],
    )
    data = timeline.copy()
    if "group" not in data or data["group"].isna().all():
        data["group"] = ALL_GROUP
    data["group"] = data["group"].fillna("Unknown").astype(str)
    groups = list(dict.fromkeys(data.sort_values("group")["group"]))
    for group_index, group in enumerate(groups):
        rows = data[data["group"] == group]
        colour = GROUP_COLOURS[group_index % len(GROUP_COLOURS)]
        for row_index, measure in enumerate(measures, start=1):
            values = pd.to_numeric(rows[measure], errors="coerce").fillna(0) if measure in rows else 0
            figure.add_trace(
                go.Bar(
                    x=rows["period"],
                    y=values,
                    name=escape_label(group),
                    legendgroup=group,
                    showlegend=row_index == 1 and len(groups) > 1,
                    marker_color=colour,
                    hovertemplate=f"%{{x|%d %b %Y}}<br>{escape_label(group)}: %{{y}} {measure}<extra></extra>",
                ),
                row=row_index,
                col=1,
            )
    figure.update_layout(
        barmode="stack",
        height=180 * len(measures) + 60,
        margin={"l": 40, "r": 10, "t": 40, "b": 30},
        legend={"orientation": "h", "y": -0.08},
    )
    return figure


OVERVIEW_COLOURS = {"attacks": "#d7191c", "injured": "#fdae61", "killed": "#5e3c99"}


def build_overview_series(timeline: pd.DataFrame, measures: tuple[str, ...] = ("attacks", "injured")) -> pd.DataFrame:
    """Totals per period, one column per measure (groups summed): the compact chart the Overview draws.

    Periods become ISO date labels, so each gets its own slot with the measures side by side; on a time axis
    a week's bars are drawn a few pixels wide and overlap at the edges.
    """
    series = timeline.groupby("period")[list(measures)].sum().sort_index()
    series.index = pd.to_datetime(series.index).strftime("%Y-%m-%d")
    return series.rename(columns=MEASURE_TITLES)


def render_overview_series(series: pd.DataFrame) -> None:
    """Streamlit's own bar chart: the first page then needs no plotly in the browser, which loads it faster."""
    colours = [OVERVIEW_COLOURS[name.lower()] for name in series.columns]
    measures = " and ".join(name.lower() for name in series.columns)
    st.bar_chart(
        series, stack=False, color=colours, x_label="", y_label="", height=380, alt=f"Bar chart of {measures} per week"
    )


def render_timeline_chart(figure: go.Figure, key: str) -> None:
    st.plotly_chart(figure, key=key, width="stretch", alt="Bar charts of attacks, injured and killed over time")
