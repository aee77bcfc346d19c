"""Upload: paste an article or drop many files; each is read, extracted and stored, with a result per file."""

from __future__ import annotations

import streamlit as st

import app_state
from components.external_layer import LAYER_LABELS, layer_label
from components.safe_text import escape_markdown

ACCEPTED_TYPES = ["txt", "md", "html", "htm", "pdf", "docx"]
# ACLED exports are .csv; GDELT publishes "20240128214500.export.CSV" files, zipped.
LAYER_FILE_TYPES = ["csv", "tsv", "txt", "zip"]
LAYER_ERRORS_SHOWN = 20
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
    if report.incidents_problem:
        st.warning(escape_markdown(report.incidents_problem))
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

st.divider()
st.subheader("External layers")
st.caption(
    "Events from ACLED CSV exports or GDELT 2.0 event files, drawn on the Map beside ours (one toggle per layer) and "
    "filtered by the same sidebar. An event already in its layer is kept once; rows that cannot be read are listed."
)
format_column, files_column = st.columns([1, 3])
layer = format_column.selectbox("Format", list(LAYER_LABELS), format_func=layer_label, key="layer_format")
layer_files = files_column.file_uploader(
    f"ACLED .csv or GDELT .CSV / .zip files (up to {limit_mb} MB each; larger ones with `python -m flashpoint layers "
    "import`)",
    type=LAYER_FILE_TYPES,
    accept_multiple_files=True,
    key="layer_files",
    max_upload_size=limit_mb,
)
if st.button("Import into the layer", key="layer_submit", disabled=not layer_files):
    bar = st.progress(0.0, text="Reading…")
    app_state.import_layer(
        [(file.name, file.getvalue()) for file in layer_files or []],
        layer,
        progress=lambda done, total: bar.progress(done / total if total else 1.0, text=f"{done:,} of {total:,} events"),
    )
    st.rerun()

layer_problem = app_state.layer_import_problem()
if layer_problem:
    st.error(f"Import stopped: {escape_markdown(layer_problem)}")
for result in app_state.last_layer_import() or ():
    show = st.warning if result.errors else st.success
    show(escape_markdown(result.summary))
    if result.errors:
        with st.expander(f"Rows not read in {escape_markdown(result.name)}"):
            st.code("\n".join(result.errors[:LAYER_ERRORS_SHOWN]), language=None)

counts = app_state.layer_counts()
if counts:
    st.markdown("Imported: " + " · ".join(f"{layer_label(name)} {count:,} events" for name, count in counts.items()))
    remove_column, confirm_column = st.columns([1, 3], vertical_alignment="bottom")
    unwanted = remove_column.selectbox("Layer", list(counts), format_func=layer_label, key="layer_remove_choice")
    # A removed layer comes back by importing its files again; the counts above show the result.
    if confirm_column.button(f"Remove the {layer_label(unwanted)} layer", key="layer_remove"):
        app_state.remove_layer(unwanted)
        st.rerun()
