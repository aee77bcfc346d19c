"""Articles: find a stored article and read it with its places, actors and figures marked, the extraction beside."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

import app_state
from components.article_reader import Highlight, render_article
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
