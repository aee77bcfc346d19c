"""Timeline: attacks, injured and killed per day or week, split by actor or country, the incidents and their reports."""

from __future__ import annotations

import streamlit as st

import app_state
from components.incidents import (
    build_incident_reports,
    build_incidents_table,
    incident_label,
    render_incident_reports,
    render_incidents_table,
)
from components.running_totals import render_running_totals
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

st.subheader("Incidents")
st.caption("Reports of one incident in several articles are merged; choose one to read each report and why it joined.")
incidents = app_state.incidents(filters)
render_incidents_table(build_incidents_table(incidents), key="timeline_incidents")
labels = {row["incident_id"]: incident_label(row) for row in incidents.to_dict("records")}
chosen = st.selectbox(
    "Reports of an incident",
    list(labels),
    format_func=labels.__getitem__,
    index=None,
    placeholder="Choose an incident to list its reports and merge reasons",
    key="timeline_incident_choice",
)
if chosen:
    render_incident_reports(build_incident_reports(app_state.incident_detail(chosen)), key="timeline_incident_reports")

st.subheader("Running totals as reported")
render_running_totals(app_state.running_totals(filters), key="timeline_running_totals")

st.subheader("Events")
st.caption("Every event as each article reports it.")
events = app_state.events(filters)
st.dataframe(
    events.drop(columns=["id", "article_id", "start", "end"], errors="ignore"),
    hide_index=True,
    key="timeline_events",
    column_config={"sentence": st.column_config.TextColumn("sentence", width="large")},
)
