"""Actors: who supports and who attacks whom, and one actor's places, events, figures and backers."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import app_state
from components.actor_network import (
    attack_pairs,
    backers_of,
    build_actor_network,
    build_attack_sankey,
    render_chart,
)
from components.kpis import render_kpis
from components.safe_text import escape_markdown

filters = app_state.current_filters()

st.title("Actors")
st.caption(escape_markdown(filters.describe()))

edges = app_state.actor_network(filters)
attacks = attack_pairs(edges, app_state.events(filters))
network_column, sankey_column = st.columns([3, 2])
with network_column:
    st.subheader("Network")
    if edges.empty:
        st.info("No links between actors match the filters.")
    else:
        render_chart(build_actor_network(edges), key="actors_network", alt="Network of actors and their links")
with sankey_column:
    st.subheader("Who attacks whom")
    if attacks.empty:
        st.info("No attacks between named actors match the filters.")
    else:
        render_chart(build_attack_sankey(attacks), key="actors_sankey", alt="Flows from attackers to targets")

st.subheader("One actor")
actor_names = app_state.filter_options().actors
actor = st.selectbox("Actor", actor_names, index=None, placeholder="Choose an actor", key="actors_panel_actor")
if actor:
    actor_filters = replace(filters, actors=(actor,))
    render_kpis(app_state.kpis(actor_filters), actor_filters.count_by)
    places_column, backers_column = st.columns([2, 1])
    with places_column:
        st.markdown("**Places**")
        places = app_state.place_points(actor_filters)
        st.dataframe(
            places[["place", "country_code", "attacks", "injured", "killed", "mentions"]],
            hide_index=True,
            key="actors_panel_places",
        )
    with backers_column:
        st.markdown("**Backed by**")
        st.dataframe(backers_of(edges, actor), hide_index=True, key="actors_panel_backers")
    st.markdown("**Events**")
    event_columns = ["date", "type", "location", "actors", "targets", "count", "injured", "killed", "sentence"]
    st.dataframe(
        app_state.events(actor_filters)[event_columns],
        hide_index=True,
        key="actors_panel_events",
    )
    st.markdown("**Figures**")
    st.dataframe(
        app_state.figures(actor_filters)[["published", "kind", "value", "qualifier", "sentence", "title"]],
        hide_index=True,
        key="actors_panel_figures",
    )
