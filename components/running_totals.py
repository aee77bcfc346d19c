"""Running totals as the articles reported them: a step chart per kind and scope, and the table behind it.

A running total ("at least 38 attacks since October 17") counts many incidents; it is shown as its own series
over time, apart from the incident counts, which never include it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.safe_text import escape_label

TABLE_COLUMNS = ["as of", "kind", "scope", "value", "since", "source", "title", "sentence"]
CAPTION = (
    'Cumulative counts exactly as the articles stated them ("at least 38 attacks since October 17"). '
    "They are a series of their own and are never added to the incident totals above."
)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def stated_value(row: Mapping[str, object]) -> str:
    """The value with its qualifier as written: 'at least 38', '108'."""
    qualifier = row.get("qualifier")
    value = f"{int(row['value']):,}"  # type: ignore[call-overload]
    return value if _missing(qualifier) or not qualifier else f"{qualifier} {value}"


def series_name(kind: object, scope: object) -> str:
    """The legend name of one series: its kind and where it counts, e.g. 'attacks (IQ)'."""
    return f"{kind} ({scope})" if scope else str(kind)


def _point_label(row: Mapping[str, object]) -> str:
    source = "" if _missing(row.get("source")) else f" ({row['source']})"
    return escape_label(f"{stated_value(row)}{source}")


def build_running_totals_chart(totals: pd.DataFrame) -> go.Figure | None:
    """A step line of value over its as-of date per kind and scope, each point labelled with its qualifier and
    source; None when no running total is dated."""
    dated = totals[totals["as_of"].notna()]
    if dated.empty:
        return None
    figure = go.Figure()
    for (kind, scope), series in dated.sort_values("as_of").groupby(["kind", "scope"], sort=True):
        rows = series.to_dict("records")
        figure.add_trace(
            go.Scatter(
                x=[row["as_of"] for row in rows],
                y=[row["value"] for row in rows],
                mode="lines+markers+text",
                line={"shape": "hv"},
                name=escape_label(series_name(kind, scope)),
                text=[_point_label(row) for row in rows],
                textposition="top center",
                hovertemplate="%{x}: %{text}<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        xaxis_title="as of", yaxis_title="count as reported", legend_title="series", margin={"t": 30, "b": 10}
    )
    return figure


def build_running_totals_table(totals: pd.DataFrame) -> pd.DataFrame:
    """The running totals for a table, newest first: the value shown with its qualifier as written."""
    table = pd.DataFrame(
        {
            "as of": totals["as_of"],
            "kind": totals["kind"],
            "scope": totals["scope"],
            "value": [stated_value(row) for row in totals.to_dict("records")],
            "since": totals["since"],
            "source": totals["source"],
            "title": totals["title"],
            "sentence": totals["sentence"],
        },
        columns=TABLE_COLUMNS,
    )
    return table.sort_values("as of", ascending=False, na_position="last").reset_index(drop=True)


def render_running_totals(totals: pd.DataFrame, key: str) -> None:
    """The section's caption, chart and table; a note instead when no article states a running total."""
    st.caption(CAPTION)
    if totals.empty:
        st.info("No article in the current filters states a running total.")
        return
    figure = build_running_totals_chart(totals)
    if figure is not None:
        st.plotly_chart(
            figure, key=key, width="stretch", alt="Step chart of running totals as reported, by kind and scope"
        )
    st.dataframe(build_running_totals_table(totals), hide_index=True, width="stretch", key=f"{key}_table")
