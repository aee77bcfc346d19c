"""The entry frame: page setup, navigation between the screens, and the filter sidebar they all share."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import app_state
from components.precision_marks import PRECISION_FILTER_CHOICES, PRECISION_FILTER_LABELS
from components.safe_text import escape_markdown

# Not "pages/": Streamlit treats a folder of that name as an old-style multipage app and, on a fresh
# server or in AppTest reruns, runs a page from it directly, skipping this frame and its sidebar.
PAGES_FOLDER = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="Flashpoint", page_icon="🔥", layout="wide")

problem = app_state.configuration_problem()
if problem:
    st.error(f"Flashpoint cannot start: {problem}")
    st.stop()

# Before any page or filter is built: a deployment with sign-in shows nothing of its data to a stranger.
role = app_state.role()
if role.needs_sign_in:
    st.title("Flashpoint")
    st.info("This Flashpoint deployment is for signed-in users.")
    st.button("Sign in", key="sign_in", type="primary", on_click=app_state.sign_in)
    st.stop()
if not role.can_read:
    st.title("Flashpoint")
    account = escape_markdown(app_state.identity().email or "This account")
    st.warning(f"{account} is not on this deployment's list of readers.")
    st.button("Sign out", key="sign_out_refused", on_click=app_state.sign_out)
    st.stop()

pages = [
    st.Page(PAGES_FOLDER / "overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(PAGES_FOLDER / "places_map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page(PAGES_FOLDER / "timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page(PAGES_FOLDER / "actors.py", title="Actors", icon=":material/hub:"),
    st.Page(PAGES_FOLDER / "articles.py", title="Articles", icon=":material/article:"),
    st.Page(PAGES_FOLDER / "data.py", title="Data", icon=":material/table:"),
    st.Page(PAGES_FOLDER / "audit.py", title="Audit", icon=":material/history:"),
]
if role.can_edit:
    pages.insert(5, st.Page(PAGES_FOLDER / "upload.py", title="Upload", icon=":material/upload_file:"))
navigation = st.navigation(pages)

options = app_state.filter_options()
app_state.prepare_filter_widgets(options)
with st.sidebar:
    st.header("Filters")
    st.multiselect("Actors", options.actors, key=app_state.ACTORS_KEY, placeholder="All actors")
    if options.date_min and options.date_max:
        st.date_input(
            "Dates",
            min_value=options.date_min,
            max_value=options.date_max,
            key=app_state.DATES_KEY,
            format="YYYY-MM-DD",
        )
    st.multiselect(
        "Countries",
        options.countries,
        format_func=app_state.country_label,
        key=app_state.COUNTRIES_KEY,
        placeholder="All countries",
    )
    st.multiselect("Event types", options.event_types, key=app_state.EVENT_TYPES_KEY, placeholder="All types")
    st.text_input("Text search", key=app_state.TEXT_KEY, placeholder="Words in the title or body")
    st.selectbox(
        "Location precision",
        PRECISION_FILTER_CHOICES,
        format_func=PRECISION_FILTER_LABELS.__getitem__,
        key=app_state.PRECISION_KEY,
        help="Leave out places known less precisely: a region, a whole country or a sea.",
    )
    st.toggle(
        "Count each incident once",
        key=app_state.COUNT_INCIDENTS_KEY,
        help="On: reports of one incident count once, with its best figures. Off: every report counts as written.",
    )

filters = app_state.current_filters()
app_state.write_filters_to_url(filters)
st.sidebar.caption(escape_markdown(filters.describe()))
st.sidebar.button("Clear filters", key="clear_filters", on_click=app_state.clear_filters, disabled=filters.is_empty)
if app_state.access_policy().sign_in_required:
    st.sidebar.divider()
    account = escape_markdown(app_state.identity().email or "an account without an email")
    st.sidebar.caption(f"Signed in as {account} · {role.value}")
    if not role.can_edit:
        st.sidebar.caption("Viewers read; only editors may upload, correct or delete articles.")
    st.sidebar.button("Sign out", key="sign_out", on_click=app_state.sign_out)

if app_state.article_count() == 0:
    with st.container(border=True):
        if not role.can_edit:
            st.markdown("**The database is empty.** An editor can upload articles or load the sample reports.")
        else:
            st.markdown("**The database is empty.** Upload articles, or start with the sample reports we ship.")
        if role.can_edit and st.button("Load the sample articles", key="load_samples", type="primary"):
            progress = st.progress(0.0, text="Reading the samples…")
            if app_state.ingest(app_state.sample_files(), progress=app_state.progress_callback(progress)):
                st.rerun()
            st.error(f"Nothing was stored: {app_state.ingest_problem()}")

navigation.run()
