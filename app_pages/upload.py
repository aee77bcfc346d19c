"""Upload: paste an article or drop many files; each is read, extracted and stored, with a result per file."""

from __future__ import annotations

import streamlit as st

import app_state
from components.safe_text import escape_markdown

ACCEPTED_TYPES = ["txt", "md", "html", "htm", "pdf", "docx"]
PLACE_LISTS_SHOWN = 10

st.title("Upload")
# Viewers never see this page in the navigation; a direct address still must not let them in.
if not app_state.can_edit():
    st.warning("Only editors may upload articles. You can read everything on the other pages.")
    st.stop()
st.caption("Each article is read, its places, actors, figures and events extracted and stored; same text is kept once.")

pasted = st.text_area(
    "Paste an article (first line is the title)", height=220, key="upload_pasted_text", placeholder="Title\n\nBody…"
)
limit_mb = app_state.upload_limit_mb()
uploaded = st.file_uploader(
    f"Or upload files (up to {limit_mb} MB each)",
    type=ACCEPTED_TYPES,
    accept_multiple_files=True,
    key="upload_files",
    max_upload_size=limit_mb,
)

if st.button("Extract and store", key="upload_submit", type="primary", disabled=not (pasted.strip() or uploaded)):
    files = [(file.name, file.getvalue()) for file in uploaded or []]
    if pasted.strip():
        files.insert(0, app_state.pasted_article(pasted))
    progress = st.progress(0.0, text=f"0 of {len(files)} files")
    app_state.ingest(files, progress=app_state.progress_callback(progress))
    st.rerun()

problem = app_state.ingest_problem()
if problem:
    st.error(f"Nothing was stored: {problem}")

report = app_state.last_ingest_report()
if report is not None:
    st.subheader("Last batch")
    st.markdown(report.summary)
    st.dataframe(
        report.rows,
        hide_index=True,
        key="upload_report",
        column_order=["file", "result", "places", "actors", "figures", "events", "reason", "title"],
    )
    st.markdown("**Places found**")
    # The first few stored articles only: a batch of hundreds is better explored on the Articles page.
    for result in [result for result in report.results if result.article_id][:PLACE_LISTS_SHOWN]:
        detail = app_state.article_detail(result.article_id)
        if detail is None:
            continue
        literal = detail.mentions[detail.mentions["literal"].fillna(True).astype(bool)]
        names = ", ".join(dict.fromkeys(f"{row.place} ({row.kind})" for row in literal.itertuples())) or "none"
        st.markdown(f"*{escape_markdown(result.title or result.filename)}*: {escape_markdown(names)}")
