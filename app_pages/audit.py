"""Audit: every analyst correction (when, who, what, before → after, undone or not); editors may undo one."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import app_state
from components.audit_log import UndoOutcome, active, build_audit_table, undo_label
from components.safe_text import escape_markdown
from components.wording import plural

st.title("Audit")
st.caption(
    "Corrections made on the Articles page override the machine's output everywhere and survive re-extraction. "
    "Undoing one keeps it in this log, marked undone, and brings the machine's value back."
)


def undo(correction_id: int, label: str, progress: Callable[[int, int], None]) -> None:
    """Undo the correction, moving `progress` as the articles it touched are re-extracted; what happened shows
    after the rerun."""
    try:
        app_state.undo_correction(correction_id, progress=progress)
    except app_state.REVIEW_ERRORS as error:
        app_state.remember_review_outcome(UndoOutcome(correction_id, label, problem=str(error)))
        return
    app_state.remember_review_outcome(UndoOutcome(correction_id, label))


outcome = app_state.take_review_outcome()
if isinstance(outcome, UndoOutcome):
    if outcome.problem:
        st.error(escape_markdown(f"Could not undo #{outcome.correction_id}: {outcome.problem}"))
    else:
        st.success(escape_markdown(f"Undone: {outcome.label.removeprefix('Undo ')}. The machine's value is back."))

log = app_state.correction_log()
st.caption(f"{plural(len(log), 'correction')}, {len(active(log)):,} in force")
if not log:
    st.info("No corrections yet. Editors correct places, actors, figures, dates and incidents on the Articles page.")
    st.stop()
titles = app_state.article_titles(correction.article_id for correction in log)
st.dataframe(
    build_audit_table(log, titles),
    hide_index=True,
    key="audit_log",
    column_config={
        "change": st.column_config.TextColumn("before → after", width="large"),
        "article": st.column_config.TextColumn("article", width="medium"),
    },
)

if not app_state.can_edit():
    st.caption("Viewers read the log; only editors may undo corrections.")
    st.stop()
st.subheader("Undo")
for correction in active(log):
    label = undo_label(correction)
    if st.button(escape_markdown(label), key=f"audit_undo_{correction.id}"):
        # Not a callback: undoing a global merge re-extracts every article naming the actor, and the bar shows it.
        undo(correction.id, label, app_state.review_progress(st.progress(0.0, text="Undoing…")))
        st.rerun()
