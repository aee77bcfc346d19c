"""Timeline: attacks, injured and killed per day or week, split by actor or country, and the events behind them."""

from __future__ import annotations

import streamlit as st

import app_state
from components.safe_text import escape_markdown
from components.timeline import build_timeline_chart, render_timeline_chart

GROUPINGS = {"Nothing": None, "Actor": "actor", "Country": "country"}

filters = app_state.current_filters()

st.title("Timeline")
st.caption(escape_markdown(filters.describe()))

period_column, group_column = st.columns(2)
freq = period_column.radio("Bars per", ["day", "week"], index=1, horizontal=True, key="timeline_freq")
grouping = group_column.radio("Split by", list(GROUPINGS), horizontal=True, key="timeline_group")

timeline = app_state.timeline(filters, freq, GROUPINGS[grouping])
if timeline.empty:
    st.info("No dated events match the filters.")
else:
    render_timeline_chart(build_timeline_chart(timeline), key="timeline_chart")

st.subheader("Events")
events = app_state.events(filters)
st.dataframe(
    events.drop(columns=["id", "article_id", "start", "end"], errors="ignore"),
    hide_index=True,
    key="timeline_events",
    column_config={"sentence": st.column_config.TextColumn("sentence", width="large")},
)
