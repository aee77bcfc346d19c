"""The review panel's forms on the Articles page: each draws one part of an article (places, actors, figures,
events, incidents) with its correction actions and returns the Proposal an editor asked for, if any.

The forms never store anything: the page stages the proposal, asks the editor to confirm, and only then applies
it through app_state. Data the forms need from the core (candidates, incident reports) is passed in as callables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components.review_panel import (
    Proposal,
    actor_merge_proposal,
    actor_wrong_proposal,
    as_date,
    candidate_table,
    event_date_proposal,
    event_label,
    event_rows,
    figure_edit_proposal,
    figure_label,
    figure_rows,
    incident_choice_label,
    incident_merge_proposal,
    incident_split_proposal,
    merge_targets,
    own_report_keys,
    place_candidate_proposal,
    place_label,
    place_wrong_proposal,
    widget_key,
)
from components.safe_text import escape_markdown

REPORT_COLUMNS = ["report_key", "title", "source", "published", "killed", "injured", "count", "reason"]


def _proposal_or_shown_error(make: Callable[[], Proposal]) -> Proposal | None:
    """The proposal, or None with the reason shown when the values do not make a correction."""
    try:
        return make()
    except ValueError as error:
        st.error(escape_markdown(str(error)))
        return None


def render_place_review(article_id: str, names: Sequence[str], candidates_of: Callable[[str], list]) -> Proposal | None:
    """A place of the article: its gazetteer candidates with context scores, 'use this place', 'mark wrong'."""
    if not names:
        st.caption("No places were found in this article.")
        return None
    name = st.selectbox("Place", list(names), key="review_place")
    candidates = candidates_of(name)
    table = candidate_table(candidates)
    st.dataframe(table.drop(columns=["place_id"]), hide_index=True, key=widget_key("review_candidates", name))
    places = {candidate.place.id: candidate.place for candidate in candidates}
    others = list(table.loc[~table["chosen"], "place_id"])
    use_column, wrong_column = st.columns(2)
    with use_column:
        if others:
            chosen = st.selectbox(
                "Another candidate",
                others,
                format_func=lambda place_id: place_label(places[place_id]),
                key=widget_key("review_place_candidate", name),
            )
            if st.button("Use this place", key=widget_key("review_place_use", name)):
                return place_candidate_proposal(article_id, name, places[chosen])
        else:
            st.caption("The gazetteer has no other candidate for this name.")
    with wrong_column:
        if st.button("Mark place wrong", key=widget_key("review_place_wrong", name)):
            return place_wrong_proposal(article_id, name)
    return None


def render_actor_review(article_id: str, names: Sequence[str], known_actors: Sequence[str]) -> Proposal | None:
    """An actor of the article: 'mark wrong', or 'merge into' another actor (in every article)."""
    if not names:
        st.caption("No actors were found in this article.")
        return None
    name = st.selectbox("Actor", list(names), key="review_actor")
    if st.button("Mark actor wrong", key=widget_key("review_actor_wrong", name)):
        return actor_wrong_proposal(article_id, name)
    targets = merge_targets(name, names, known_actors)
    if not targets:
        return None
    kept = st.selectbox("Merge into", targets, key=widget_key("review_actor_merge_into", name))
    if st.button("Merge actors", key=widget_key("review_actor_merge", name)):
        return _proposal_or_shown_error(lambda: actor_merge_proposal(name, kept))
    return None


def _choose_by_span(
    noun: str, rows: Sequence[dict[str, Any]], label: Callable[[dict[str, Any]], str], key: str
) -> tuple[str, dict[str, Any]] | None:
    """A select of the article's figures or events, each by its span ("start-end"), with the chosen one's
    sentence below; None when the article has none."""
    by_span = {f"{row['start']}-{row['end']}": row for row in rows}
    if not by_span:
        st.caption(f"No {noun}s were found in this article.")
        return None
    span = st.selectbox(noun.capitalize(), list(by_span), format_func=lambda chosen: label(by_span[chosen]), key=key)
    st.caption(escape_markdown(by_span[span]["sentence"]))
    return span, by_span[span]


def render_figure_review(article_id: str, figures: pd.DataFrame) -> Proposal | None:
    """A figure of the article: a new value (blank = no number) and qualifier (blank = none)."""
    chosen = _choose_by_span("figure", figure_rows(figures), figure_label, "review_figure")
    if chosen is None:
        return None
    span, row = chosen
    value_column, qualifier_column = st.columns(2)
    value = value_column.number_input(
        "Value",
        min_value=0,
        step=1,
        value=None if row.get("value") is None else int(row["value"]),
        key=widget_key("review_figure_value", span),
    )
    qualifier = qualifier_column.text_input(
        "Qualifier", value=row.get("qualifier") or "", key=widget_key("review_figure_qualifier", span)
    )
    if st.button("Save figure", key=widget_key("review_figure_save", span)):
        number = None if value is None else int(value)
        return _proposal_or_shown_error(lambda: figure_edit_proposal(article_id, row, number, qualifier))
    return None


def render_event_review(article_id: str, events: pd.DataFrame) -> Proposal | None:
    """An event of the article: its date, and an end date when it spans several days."""
    chosen = _choose_by_span("event", event_rows(events), event_label, "review_event")
    if chosen is None:
        return None
    span, row = chosen
    start_column, end_column = st.columns(2)
    day = start_column.date_input(
        "Date", value=as_date(row.get("date")), key=widget_key("review_event_date", span), format="YYYY-MM-DD"
    )
    end = end_column.date_input(
        "End date (blank: one day)",
        value=as_date(row.get("date_end")),
        key=widget_key("review_event_date_end", span),
        format="YYYY-MM-DD",
    )
    if st.button("Save date", key=widget_key("review_event_save", span)):
        if day is None:
            st.error("Give the event a date.")
            return None
        return _proposal_or_shown_error(lambda: event_date_proposal(article_id, row, day, end))
    return None


def render_incident_review(
    article_id: str,
    incident_ids: Sequence[str],
    reports_of: Callable[[str], pd.DataFrame],
    nearby_incidents: Callable[[str], pd.DataFrame],
) -> Proposal | None:
    """An incident this article reports: its reports with merge reasons, 'split this report out', and 'merge
    with' another incident nearby in time and place."""
    if not incident_ids:
        st.caption("None of this article's events is part of an incident.")
        return None
    incident = st.selectbox("Incident", list(incident_ids), key="review_incident")
    reports = reports_of(incident)
    shown = [column for column in REPORT_COLUMNS if column in reports.columns]
    st.dataframe(reports[shown], hide_index=True, key=widget_key("review_incident_reports", incident))
    own_keys = own_report_keys(reports, article_id)
    split = len(own_keys) < len(reports)
    if st.button(
        "Split this article's report out", key=widget_key("review_incident_split", incident), disabled=not split
    ):
        return _proposal_or_shown_error(
            lambda: incident_split_proposal(article_id, incident, list(reports["report_key"]), own_keys)
        )
    others = nearby_incidents(incident)
    others = others[others["incident_id"] != incident] if not others.empty else others
    if others.empty or not own_keys:
        st.caption("No other incident nearby to merge with.")
        return None
    labels = {row["incident_id"]: incident_choice_label(row) for row in others.to_dict("records")}
    other = st.selectbox(
        "Merge with", list(labels), format_func=labels.get, key=widget_key("review_incident_merge_into", incident)
    )
    if st.button("Merge incidents", key=widget_key("review_incident_merge", incident)):
        other_reports = reports_of(other)
        if other_reports.empty:
            st.error("That incident has no reports left; reload the page.")
            return None
        other_key = str(other_reports["report_key"].iloc[0])
        return _proposal_or_shown_error(
            lambda: incident_merge_proposal(article_id, incident, own_keys[0], other, other_key)
        )
    return None
