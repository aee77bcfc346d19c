"""Articles: find a stored article and read it with its places, actors and figures marked, the extraction beside;
editors also review it: correct places, actors, figures, event dates and incidents, or re-extract it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

import app_state
from components.article_reader import Highlight, render_article
from components.review_forms import (
    render_actor_review,
    render_event_review,
    render_figure_review,
    render_incident_review,
    render_place_review,
)
from components.review_panel import (
    ArticleSummary,
    Proposal,
    ReviewOutcome,
    StagedReview,
    actor_names,
    article_incident_ids,
    article_summary,
    effect_lines,
    incident_anchor,
    place_names,
)
from components.safe_text import escape_markdown

filters = app_state.current_filters()

st.title("Articles")
st.caption(escape_markdown(filters.describe()))

search = st.text_input("Search titles and text", key="articles_search", placeholder="e.g. Red Sea")
listed = app_state.articles(replace(filters, text=search) if search.strip() else filters)
st.dataframe(
    listed.drop(columns=["id"], errors="ignore"),
    hide_index=True,
    key="articles_list",
    column_config={"title": st.column_config.TextColumn("title", width="large")},
)
if listed.empty:
    st.info("No articles match.")
    st.stop()

titles = dict(zip(listed["id"], listed["title"], strict=True))
chosen = st.selectbox(
    "Read", list(titles), format_func=lambda article_id: titles[article_id] or article_id, key="articles_reader_choice"
)
detail = app_state.article_detail(chosen)
if detail is None:
    st.warning("That article is no longer stored.")
    st.stop()


def span_highlights(table: pd.DataFrame, category: str, label_columns: tuple[str, ...]) -> list[Highlight]:
    """Highlights for a table of extracted items that carry start/end offsets into the article text."""
    highlights = []
    for row in table.dropna(subset=["start", "end"]).to_dict("records"):
        label = " · ".join(str(row[column]) for column in label_columns if row.get(column) not in (None, ""))
        highlights.append(Highlight(int(row["start"]), int(row["end"]), category, label))
    return highlights


literal = detail.mentions["literal"].fillna(True).astype(bool)
highlights = [
    *span_highlights(detail.mentions[literal], "place", ("place", "kind", "country_code")),
    *span_highlights(detail.mentions[~literal], "mention", ("place", "kind", "country_code")),
    *span_highlights(detail.actors, "actor", ("name", "kind")),
    *span_highlights(detail.figures, "figure", ("kind", "value")),
]

reader_column, extraction_column = st.columns([3, 2])
with reader_column:
    published = detail.published.isoformat() if detail.published else "undated"
    st.caption(escape_markdown(f"{detail.source or 'unknown source'} · {published} · {detail.filename}"))
    render_article(detail.text, highlights)
with extraction_column:
    st.markdown("**Places**")
    places = detail.mentions.groupby(["place", "kind", "country_code", "lat", "lon"], dropna=False).size()
    st.dataframe(places.rename("mentions").reset_index(), hide_index=True, key="articles_places")
    st.markdown("**Actors**")
    actors = detail.actors.drop_duplicates("name")[["name", "kind", "mentions"]]
    st.dataframe(actors, hide_index=True, key="articles_actors")
    st.markdown("**Links**")
    st.dataframe(detail.actor_links[["source", "relation", "target"]], hide_index=True, key="articles_links")
    st.markdown("**Figures**")
    st.dataframe(detail.figures[["kind", "value", "qualifier", "text"]], hide_index=True, key="articles_figures")
    st.markdown("**Events**")
    events = detail.events.drop(columns=["start", "end", "sentence"], errors="ignore")
    st.dataframe(events, hide_index=True, key="articles_events")

if not app_state.can_edit():
    st.stop()


def summary_of(article_id: str) -> ArticleSummary:
    """The article's extraction as it is stored now, in words."""
    current = app_state.article_detail(article_id)
    if current is None:
        return ArticleSummary((), (), (), (), ())
    return article_summary(current.mentions, current.actors, current.actor_links, current.figures, current.events)


def confirm(staged: StagedReview, progress: Callable[[int, int], None]) -> None:
    """Store the staged correction, moving `progress` as the articles it touches are re-extracted; what happened is
    shown after the rerun."""
    app_state.drop_staged_review()
    proposal = staged.proposal
    try:
        stored = app_state.correct(
            proposal.kind, proposal.target, proposal.after, proposal.article_id, progress=progress
        )
    except app_state.REVIEW_ERRORS as error:
        app_state.remember_review_outcome(
            ReviewOutcome(proposal.description, staged.article_id, staged.before, problem=str(error))
        )
        return
    app_state.remember_review_outcome(
        ReviewOutcome(proposal.description, staged.article_id, staged.before, correction_id=stored.id)
    )


def reextract(article_id: str) -> None:
    """Button callback: run the pipeline on the article again, its corrections re-applied."""
    before = summary_of(article_id)
    app_state.reextract(article_id)
    description = "Re-extracted this article with the current pipeline; its active corrections were applied again."
    app_state.remember_review_outcome(ReviewOutcome(description, article_id, before))


def show_outcome(outcome: ReviewOutcome, after: ArticleSummary) -> None:
    """What the last confirm or re-extraction did: refused with why, or applied with what changed in the article."""
    if outcome.problem:
        st.error(escape_markdown(f"Not applied: {outcome.problem}"))
        return
    label = f"Correction #{outcome.correction_id} applied: " if outcome.correction_id is not None else ""
    st.success(escape_markdown(label + outcome.description))
    changes = effect_lines(outcome.before, after)
    if changes:
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in changes))
    else:
        st.caption("Nothing else changed in this article's extraction.")


def candidates_of(name: str) -> list:
    """The place's gazetteer candidates; none (with the reason) when the article no longer reads it that way."""
    try:
        return app_state.place_candidates(chosen, name)
    except app_state.REVIEW_ERRORS as error:
        st.warning(escape_markdown(f"No candidates: {error}"))
        return []


def stage(proposal: Proposal | None) -> None:
    """Hold a form's proposal for the editor to confirm above the forms (a rerun shows it there)."""
    if proposal is not None:
        app_state.stage_review(StagedReview(proposal, chosen, summary_of(chosen)))
        st.rerun()


st.divider()
st.subheader("Review and correct")
st.caption(
    "Corrections are logged with your name (see the Audit page), override the machine's output on every page "
    "and survive re-extraction."
)
outcome = app_state.take_review_outcome()
if isinstance(outcome, ReviewOutcome) and outcome.article_id == chosen:
    show_outcome(outcome, summary_of(chosen))
staged = app_state.staged_review()
if isinstance(staged, StagedReview) and staged.article_id == chosen:
    with st.container(border=True):
        st.markdown(f"**Confirm this correction?** {escape_markdown(staged.proposal.description)}")
        confirm_column, cancel_column = st.columns(2)
        confirmed = confirm_column.button("Confirm", key="review_confirm", type="primary")
        cancel_column.button("Cancel", key="review_cancel", on_click=app_state.drop_staged_review)
        if confirmed:
            # Not a callback: a global merge re-extracts every article naming the actor, and the bar shows it.
            confirm(staged, app_state.review_progress(st.progress(0.0, text="Applying the correction…")))
            st.rerun()
st.button("Re-extract this article", key="articles_reextract", on_click=reextract, args=(chosen,))

places_tab, actors_tab, figures_tab, events_tab, incidents_tab = st.tabs(
    ["Places", "Actors", "Figures", "Events", "Incidents"]
)
with places_tab:
    stage(render_place_review(chosen, place_names(detail.mentions), candidates_of))
with actors_tab:
    stage(render_actor_review(chosen, actor_names(detail.actors), app_state.filter_options().actors))
with figures_tab:
    stage(render_figure_review(chosen, detail.figures))
with events_tab:
    stage(render_event_review(chosen, detail.events))
with incidents_tab:
    stage(
        render_incident_review(
            chosen,
            article_incident_ids(detail.events),
            app_state.incident_detail,
            lambda incident: app_state.incidents_near(*incident_anchor(detail.events, incident)),
        )
    )
