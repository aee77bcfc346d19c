"""The app's shared state: settings, cached store and pipeline, cached queries, filters in the session and the URL."""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitSecretNotFoundError

from flashpoint import query, query_external, query_overview, store_external
from flashpoint.access import AccessPolicy, Identity, Role
from flashpoint.errors import FlashpointError, GazetteerError, ReviewError, SettingsError
from flashpoint.query import ArticleDetail, FilterOptions, Filters
from flashpoint.settings import SETTINGS, Settings
from flashpoint.store import Store

if TYPE_CHECKING:
    from flashpoint.corrections import Correction
    from flashpoint.ingest import FileResult, IngestReport
    from flashpoint.model import Extraction
    from flashpoint.pipeline import Pipeline
    from flashpoint.place_candidates import Candidate

PROJECT_ROOT = Path(__file__).resolve().parent
SAMPLES_FOLDER = PROJECT_ROOT / "data" / "samples"
OUTLINES_PATH = PROJECT_ROOT / "data" / "geo" / "countries.geojson"
SAMPLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

# Session keys: the sidebar filter widgets, and what the app remembers between reruns.
ACTORS_KEY = "filter_actors"
DATES_KEY = "filter_dates"
COUNTRIES_KEY = "filter_countries"
EVENT_TYPES_KEY = "filter_event_types"
TEXT_KEY = "filter_text"
COUNT_INCIDENTS_KEY = "filter_count_incidents"
PRECISION_KEY = "filter_precision"
FILTERS_SEEDED_KEY = "filters_seeded_from_url"
DATE_BOUNDS_KEY = "filter_date_bounds"
INGEST_REPORT_KEY = "last_ingest_report"
INGEST_PROBLEM_KEY = "last_ingest_problem"
LAYER_IMPORT_KEY = "last_layer_import"
LAYER_IMPORT_PROBLEM_KEY = "last_layer_import_problem"
REVIEW_STAGED_KEY = "review_staged"
REVIEW_OUTCOME_KEY = "review_outcome"
# Without sign-in the app is one analyst's tool: their corrections are logged under this name.
LOCAL_AUTHOR = "local analyst"
# What correct(), undo_correction() and reextract() raise for a request the user can act on; pages catch these
# (they reach the core only through this module).
REVIEW_ERRORS = (ReviewError, PermissionError)
# Reports of one incident a week apart are already a stretch; the merge list offers no further.
MERGE_WINDOW_DAYS = 7
BYTES_PER_MB = 1024 * 1024

# Ingest through the app clears the query caches at once; the ten-minute TTL bounds how stale a page can be
# after another process (the CLI) writes, and max_entries bounds how many filter combinations stay in memory.
QUERY_TTL_SECONDS = 600
QUERY_MAX_ENTRIES = 64


def _secret_overrides() -> dict[str, str]:
    try:
        return {setting.env: str(st.secrets[setting.env]) for setting in SETTINGS if setting.env in st.secrets}
    except StreamlitSecretNotFoundError:
        return {}


def settings() -> Settings:
    """Settings from the environment, with any `.streamlit/secrets.toml` values laid over them."""
    return Settings.from_env({**os.environ, **_secret_overrides()})


@st.cache_resource(show_spinner=False)
def _store_for(database_url: str) -> Store:
    store = Store(database_url)
    store.create_schema()
    return store


def store() -> Store:
    """The one Store for the configured database, created with its schema on first use."""
    return _store_for(settings().database_url)


@st.cache_resource(show_spinner="Loading the gazetteer and actor dictionary…")
def _pipeline_for(current: Settings) -> Pipeline:
    # Imported here: the pipeline pulls in spaCy and the gazetteer, which only the upload path needs,
    # so browsing the dashboard never pays for loading them.
    from flashpoint.pipeline import Pipeline

    return Pipeline.load(current)


def pipeline() -> Pipeline:
    return _pipeline_for(settings())


# A resource, not data: one shared read-only copy, where cache_data would unpickle a fresh copy on every run.
@st.cache_resource(show_spinner=False)
def country_outlines() -> dict:
    """The shipped country outlines drawn under the map (built by bench/build_country_outlines.py)."""
    return json.loads(OUTLINES_PATH.read_text(encoding="utf-8"))


@st.cache_resource(show_spinner=False)
def country_names() -> dict[str, str]:
    """Country names by ISO alpha-2 code, read from the shipped outlines, for labelling country filters."""
    features = country_outlines()["features"]
    return {feature["properties"]["country_code"]: feature["properties"]["name"] for feature in features}


def country_label(code: str) -> str:
    name = country_names().get(code)
    return f"{name} ({code})" if name else code


def _cached_query(function: Callable[..., object]) -> Callable[..., object]:
    """Wrap a `query.<name>(store, ...)` function so results are cached per database and arguments."""

    def load(_store: Store, database_url: str, *arguments: object) -> object:
        return function(_store, *arguments)

    load.__name__ = load.__qualname__ = f"load_{function.__name__}"
    return st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_MAX_ENTRIES, show_spinner=False)(load)


# One cached loader per query function, cleared together after an ingest.
QUERY_LOADERS = {
    name: _cached_query(getattr(query, name))
    for name in (
        "kpis",
        "place_points",
        "events_table",
        "timeline",
        "actor_network",
        "figures_table",
        "articles_table",
        "article_detail",
        "filter_options",
        "incidents_table",
        "incident_detail",
        "tension_weeks",
        "tension_latest",
        "tension_drivers",
    )
}

# The Overview's kpis, weekly timeline and place points in one loader, their queries run side by side.
QUERY_LOADERS["overview_data"] = _cached_query(query_overview.overview_data)

# External layers' loaders join the others, so an import (or an ingest) clears them with the rest.
QUERY_LOADERS.update(
    {
        function.__name__: _cached_query(function)
        for function in (query_external.external_points, query_external.external_events, store_external.layer_counts)
    }
)


def _run(name: str, *arguments: object) -> object:
    current = store()
    return QUERY_LOADERS[name](current, settings().database_url, *arguments)


def kpis(filters: Filters) -> dict:
    return _run("kpis", filters)  # type: ignore[return-value]


def place_points(filters: Filters) -> pd.DataFrame:
    return _run("place_points", filters)  # type: ignore[return-value]


def overview_data(filters: Filters) -> query_overview.OverviewData:
    """The Overview's kpis, weekly timeline and place points, loaded at once."""
    return _run("overview_data", filters)  # type: ignore[return-value]


def events(filters: Filters) -> pd.DataFrame:
    return _run("events_table", filters)  # type: ignore[return-value]


def timeline(filters: Filters, freq: str = "day", by: str | None = None) -> pd.DataFrame:
    return _run("timeline", filters, freq, by)  # type: ignore[return-value]


def actor_network(filters: Filters) -> pd.DataFrame:
    return _run("actor_network", filters)  # type: ignore[return-value]


def figures(filters: Filters) -> pd.DataFrame:
    return _run("figures_table", filters)  # type: ignore[return-value]


def articles(filters: Filters) -> pd.DataFrame:
    return _run("articles_table", filters)  # type: ignore[return-value]


def article_detail(article_id: str) -> ArticleDetail | None:
    return _run("article_detail", article_id)  # type: ignore[return-value]


def filter_options() -> FilterOptions:
    return _run("filter_options")  # type: ignore[return-value]


def incidents(filters: Filters) -> pd.DataFrame:
    """The incidents matching the filters, newest first, each with its report count and figure roll-ups."""
    return _run("incidents_table", filters)  # type: ignore[return-value]


def incident_detail(incident_id: str) -> pd.DataFrame:
    """The reports of one incident with the reason each was merged."""
    return _run("incident_detail", incident_id)  # type: ignore[return-value]


def tension_weeks(filters: Filters, level: str = "country") -> pd.DataFrame:
    """Weekly tension score, change and level per country (or sea), or per admin-1 region."""
    return _run("tension_weeks", filters, level)  # type: ignore[return-value]


def tension_latest(filters: Filters) -> pd.DataFrame:
    """Each country's tension in the latest week, for the choropleth."""
    return _run("tension_latest", filters)  # type: ignore[return-value]


def tension_drivers(filters: Filters, area: str, week: date, level: str = "country") -> pd.DataFrame:
    """The incidents behind one area's tension score in one week, heaviest first."""
    return _run("tension_drivers", filters, area, week, level)  # type: ignore[return-value]


def layer_counts() -> dict[str, int]:
    """Events per imported external layer (ACLED, GDELT); layers never imported are left out."""
    return _run("layer_counts")  # type: ignore[return-value]


def external_points(filters: Filters, layers: tuple[str, ...]) -> pd.DataFrame:
    """The filtered events of these external layers, gathered into at most a few thousand map points per layer."""
    return _run("external_points", filters, tuple(layers))  # type: ignore[return-value]


def external_events(filters: Filters, layers: tuple[str, ...]) -> pd.DataFrame:
    """The filtered events of these external layers, newest first (the first thousand)."""
    return _run("external_events", filters, tuple(layers))  # type: ignore[return-value]


def import_layer(
    files: Iterable[tuple[str, bytes]], layer: str, progress: Callable[[int, int], None] | None = None
) -> tuple[store_external.ImportResult, ...] | None:
    """Import uploaded ACLED or GDELT files into their layer, one transaction per file, then clear the caches.

    Returns None when the user may not edit; when a file cannot be stored at all, the files before it stay
    imported and `layer_import_problem()` says why.
    """
    st.session_state.pop(LAYER_IMPORT_PROBLEM_KEY, None)
    if not can_edit():
        st.session_state[LAYER_IMPORT_PROBLEM_KEY] = "only editors may import layers"
        return None
    results = []
    for name, data in files:
        try:
            results.append(store_external.import_layer(store(), data, layer, name or "uploaded file", progress))
        except FlashpointError as error:
            st.session_state[LAYER_IMPORT_PROBLEM_KEY] = str(error)
            break
    clear_query_caches()
    st.session_state[LAYER_IMPORT_KEY] = tuple(results)
    return tuple(results)


def remove_layer(layer: str) -> int:
    """Delete an external layer (editors only; 0 otherwise) and clear the caches; returns the events removed."""
    if not can_edit():
        return 0
    removed = store_external.remove_layer(store(), layer)
    clear_query_caches()
    return removed


def last_layer_import() -> tuple[store_external.ImportResult, ...] | None:
    """This session's last layer import, one result per file, shown until the next one."""
    return st.session_state.get(LAYER_IMPORT_KEY)


def layer_import_problem() -> str | None:
    """Why the last layer import stopped, if it did."""
    return st.session_state.get(LAYER_IMPORT_PROBLEM_KEY)


def incident_export(filters: Filters, export_format: str) -> Callable[[], str]:
    """A deferred writer of the filtered incidents as "acled" CSV, "geojson" or "jsonl", run on a download click.

    Streamlit runs it on another thread after the click, so it holds the store itself and touches no session state.
    """
    import io

    from flashpoint.incident_export import write_geojson, write_jsonl
    from flashpoint.interop_acled import write_acled_csv
    from flashpoint.store_incident_reads import iter_incidents

    writers = {"acled": write_acled_csv, "geojson": write_geojson, "jsonl": write_jsonl}
    if export_format not in writers:
        raise ValueError(f"export_format must be one of {', '.join(writers)}, not {export_format!r}")
    writer, current = writers[export_format], store()

    def write() -> str:
        buffer = io.StringIO()
        writer(iter_incidents(current, filters), buffer)
        return buffer.getvalue()

    return write


def article_count() -> int:
    """Articles in the database, uncached: it decides whether to offer the samples."""
    return store().count_articles()


def clear_query_caches() -> None:
    """Forget every cached query result, so data just ingested shows on every page."""
    for loader in QUERY_LOADERS.values():
        loader.clear()  # type: ignore[attr-defined]


def ingest(files: Iterable[tuple[str, bytes]], progress: Callable[..., None] | None = None) -> IngestReport | None:
    """Read, extract and store the files, then clear the loaders the new rows invalidate.

    Returns None when the user may not edit, or when the extraction pipeline cannot start (its place index missing
    or from another version); `ingest_problem()` then says why, so the page can tell the user.
    """
    from flashpoint.ingest import IngestReport, ingest_files

    st.session_state.pop(INGEST_PROBLEM_KEY, None)
    # The pages hide every way in for viewers; this refuses a request that gets here anyway.
    if not can_edit():
        st.session_state[INGEST_PROBLEM_KEY] = "only editors may add articles"
        return None
    try:
        extractor = pipeline()
    except GazetteerError as error:
        st.session_state[INGEST_PROBLEM_KEY] = f"{error} (run `make setup`, or `python -m flashpoint gazetteer build`)"
        return None
    batch = list(files)
    refused = {index: _too_large(name, len(data)) for index, (name, data) in enumerate(batch) if _over_limit(data)}
    accepted = [file for index, file in enumerate(batch) if index not in refused]
    stored = iter(ingest_files(accepted, store(), extractor, progress=progress).results)
    results = tuple(refused[index] if index in refused else next(stored) for index in range(len(batch)))
    report = IngestReport(results)
    clear_query_caches()
    st.session_state[INGEST_REPORT_KEY] = report
    return report


def correction_author() -> str:
    """Who a correction is logged as: the signed-in account, or the local analyst when sign-in is off."""
    if not access_policy().sign_in_required:
        return LOCAL_AUTHOR
    return identity().email or "an account without an email"


def _refuse_viewers(action: str) -> None:
    # The pages show viewers no review controls; this refuses a request that gets here anyway.
    if not can_edit():
        raise PermissionError(f"only editors may {action}")


def correct(
    kind: str,
    target: dict,
    after: dict | None,
    article_id: str | None,
    note: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Correction:
    """Store an analyst's correction (its `before` filled in by the core), re-extract the articles it touches
    (`progress(done, total)` after each: a global actor merge may touch many) and clear every cached query so it
    shows on every page. Raises ReviewError for a correction that does not fit the article, PermissionError for a
    viewer."""
    from flashpoint.corrections import Correction
    from flashpoint.review import correct as store_correction

    _refuse_viewers("correct extractions")
    correction = Correction(
        kind=kind,
        target=target,
        after=after,
        before=None,
        article_id=article_id,
        author=correction_author(),
        created_at=datetime.now(UTC),
        note=note,
    )
    try:
        return store_correction(store(), pipeline(), correction, progress=progress)
    finally:
        clear_query_caches()


def undo_correction(correction_id: int, progress: Callable[[int, int], None] | None = None) -> Correction:
    """Undo a correction (it stays in the log, marked undone): the machine's value comes back everywhere, the
    articles it touched re-extracted with `progress(done, total)` after each."""
    from flashpoint.review import undo

    _refuse_viewers("undo corrections")
    try:
        return undo(store(), pipeline(), correction_id, by=correction_author(), progress=progress)
    finally:
        clear_query_caches()


def correction_log() -> list[Correction]:
    """Every correction, newest first, undone ones included; read fresh each time (another editor may act)."""
    from flashpoint.store_corrections import correction_log as stored_log

    return stored_log(store())


def article_titles(article_ids: Iterable[str | None]) -> dict[str, str]:
    """The titles of these stored articles by id (an article deleted since is left out), for the audit log."""
    from flashpoint.store_corrections import stored_article

    titles = {}
    for article_id in {article_id for article_id in article_ids if article_id}:
        article = stored_article(store(), article_id)
        if article is not None:
            titles[article_id] = article.title
    return titles


def place_candidates(article_id: str, name: str) -> list[Candidate]:
    """The gazetteer readings of the article's place `name` with their context scores, the one in force marked
    (read from the article as it stands after its corrections, so an analyst's choice shows as chosen)."""
    from flashpoint.review import article_place_candidates

    return article_place_candidates(store(), pipeline(), article_id, name)


def incidents_near(day: date | None, country_code: str | None) -> pd.DataFrame:
    """The incidents an analyst may merge one with: same country, within MERGE_WINDOW_DAYS of its day."""
    window = timedelta(days=MERGE_WINDOW_DAYS)
    return incidents(
        Filters(
            date_from=day - window if day else None,
            date_to=day + window if day else None,
            countries=(country_code,) if country_code else (),
        )
    )


def reextract(article_id: str) -> Extraction:
    """Run the pipeline again on a stored article, its active corrections re-applied, and clear the caches."""
    from flashpoint.review import reextract as run_again

    _refuse_viewers("re-extract articles")
    try:
        return run_again(store(), pipeline(), article_id)
    finally:
        clear_query_caches()


def review_progress(bar: DeltaGenerator) -> Callable[[int, int], None]:
    """A progress callback for correct()/undo_correction() that moves a Streamlit progress bar."""

    def advance(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Re-extracted {done} of {total} articles")

    return advance


def stage_review(proposal: object) -> None:
    """Remember a correction the editor asked for until they confirm or cancel it."""
    st.session_state[REVIEW_STAGED_KEY] = proposal
    st.session_state.pop(REVIEW_OUTCOME_KEY, None)


def staged_review() -> object | None:
    return st.session_state.get(REVIEW_STAGED_KEY)


def drop_staged_review() -> None:
    st.session_state.pop(REVIEW_STAGED_KEY, None)


def remember_review_outcome(outcome: object) -> None:
    """What the last confirmed correction or undo did, shown once after the rerun it causes."""
    st.session_state[REVIEW_OUTCOME_KEY] = outcome


def take_review_outcome() -> object | None:
    """The outcome remembered by the last confirm or undo, forgotten once taken: it shows on one run only."""
    return st.session_state.pop(REVIEW_OUTCOME_KEY, None)


def upload_limit_bytes() -> int:
    """The per-file limit in force: FLASHPOINT_MAX_FILE_MB, as laid over by secrets.toml."""
    return int(settings().max_file_mb * BYTES_PER_MB)


def upload_limit_mb() -> int:
    """The file uploader's limit in whole megabytes, never above the server's own hard limit in config.toml."""
    return max(1, min(math.ceil(settings().max_file_mb), int(st.get_option("server.maxUploadSize"))))


def _over_limit(data: bytes) -> bool:
    return len(data) > upload_limit_bytes()


def _too_large(filename: str, size: int) -> FileResult:
    """The reader's own check reads the environment only; this applies a limit set in secrets.toml too."""
    from flashpoint.ingest import FileResult

    limit = upload_limit_bytes()
    reason = f"file is too large ({size / BYTES_PER_MB:.1f} MB; the limit is {limit / BYTES_PER_MB:.1f} MB)"
    return FileResult(filename or "(unnamed file)", "error", reason=reason)


def last_ingest_report() -> IngestReport | None:
    """The report of this session's last upload, shown until the next one."""
    return st.session_state.get(INGEST_REPORT_KEY)


def ingest_problem() -> str | None:
    """Why the last upload could not start, if it could not."""
    return st.session_state.get(INGEST_PROBLEM_KEY)


def configuration_problem() -> str | None:
    """What is wrong with the settings, if anything, so the app can say so and stop before touching data."""
    try:
        settings()
        access_policy()
    except SettingsError as error:
        return str(error)
    return None


def _secret_section(name: str) -> dict[str, object] | None:
    try:
        section = st.secrets.get(name)
    except StreamlitSecretNotFoundError:
        return None
    return section.to_dict() if hasattr(section, "to_dict") else section


def access_policy() -> AccessPolicy:
    """Who may sign in, read and edit: local single-user mode unless secrets.toml has an [auth] section."""
    return AccessPolicy.from_secrets(_secret_section("auth"), _secret_section("flashpoint"))


def identity() -> Identity:
    """The signed-in user from Streamlit's OIDC login (`st.user`); in tests, AppTest.user stands in for it."""
    return Identity.from_claims(st.user.to_dict())


def role() -> Role:
    """This session's role; st.user is only consulted when sign-in is required."""
    policy = access_policy()
    return policy.role_for(identity() if policy.sign_in_required else Identity(signed_in=False))


def can_edit() -> bool:
    """Whether this session may upload, correct or delete articles."""
    return role().can_edit


def sign_in() -> None:
    """Button callback: start Streamlit's OIDC login with the configured provider."""
    provider = access_policy().login_provider
    if provider is None:
        st.login()
    else:
        st.login(provider)


def sign_out() -> None:
    """Button callback: forget the identity cookie and start a new session."""
    st.logout()


def sample_files() -> list[tuple[str, bytes]]:
    """The sample articles shipped in data/samples/, as (filename, bytes) in name order."""
    paths = sorted(path for path in SAMPLES_FOLDER.glob("*") if path.suffix.lower() in SAMPLE_SUFFIXES)
    return [(path.name, path.read_bytes()) for path in paths]


def _clean_choice(key: str, options: Iterable[str]) -> None:
    """Drop remembered selections that are no longer options (a link from another database, say)."""
    allowed = set(options)
    if key in st.session_state:
        st.session_state[key] = [value for value in st.session_state[key] if value in allowed]


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def prepare_filter_widgets(options: FilterOptions) -> None:
    """Before the sidebar draws: on a session's first run take the filters from the URL, then keep them valid."""
    bounds = (options.date_min, options.date_max) if options.date_min and options.date_max else ()
    if not st.session_state.get(FILTERS_SEEDED_KEY):
        from_url = Filters.from_query_params(_url_params())
        st.session_state[ACTORS_KEY] = list(from_url.actors)
        st.session_state[COUNTRIES_KEY] = list(from_url.countries)
        st.session_state[EVENT_TYPES_KEY] = list(from_url.event_types)
        st.session_state[TEXT_KEY] = from_url.text
        st.session_state[COUNT_INCIDENTS_KEY] = from_url.count_by != "reports"
        st.session_state[PRECISION_KEY] = from_url.precision
        st.session_state[DATES_KEY] = (from_url.date_from or bounds[0], from_url.date_to or bounds[1]) if bounds else ()
        st.session_state[DATE_BOUNDS_KEY] = bounds
        st.session_state[FILTERS_SEEDED_KEY] = True
    elif st.session_state.get(DATE_BOUNDS_KEY) != bounds:
        # New data moved the date bounds: a range that covered everything keeps covering everything.
        if tuple(st.session_state.get(DATES_KEY, ())) == tuple(st.session_state.get(DATE_BOUNDS_KEY, ())):
            st.session_state[DATES_KEY] = bounds
        st.session_state[DATE_BOUNDS_KEY] = bounds
    _clean_choice(ACTORS_KEY, options.actors)
    _clean_choice(COUNTRIES_KEY, options.countries)
    _clean_choice(EVENT_TYPES_KEY, options.event_types)


def clear_filters() -> None:
    """Button callback: every filter back to 'all', before the widgets draw on the next run."""
    for key in (ACTORS_KEY, COUNTRIES_KEY, EVENT_TYPES_KEY):
        st.session_state[key] = []
    st.session_state[TEXT_KEY] = ""
    st.session_state[PRECISION_KEY] = ""
    st.session_state[DATES_KEY] = st.session_state.get(DATE_BOUNDS_KEY, ())


def current_filters() -> Filters:
    """The frozen Filters the sidebar widgets describe; a range equal to the data's bounds means no date filter."""
    dates = tuple(st.session_state.get(DATES_KEY, ()))
    bounds = tuple(st.session_state.get(DATE_BOUNDS_KEY, ()))
    date_from = date_to = None
    if len(dates) == 2 and dates != bounds:
        date_from, date_to = dates
    return Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(st.session_state.get(ACTORS_KEY, [])),
        countries=tuple(st.session_state.get(COUNTRIES_KEY, [])),
        event_types=tuple(st.session_state.get(EVENT_TYPES_KEY, [])),
        text=st.session_state.get(TEXT_KEY) or "",
        # Counting reports is a way of looking, not a filter: "Clear filters" leaves the toggle as it is.
        count_by="incidents" if st.session_state.get(COUNT_INCIDENTS_KEY, True) else "reports",
        precision=st.session_state.get(PRECISION_KEY) or "",
    )


def write_filters_to_url(filters: Filters) -> None:
    """Keep the address bar in step with the filters, so copying the link shares this view."""
    wanted = {
        key: [value] if isinstance(value, str) else list(value) for key, value in filters.to_query_params().items()
    }
    if _url_params() != wanted:
        st.query_params.from_dict(filters.to_query_params())


def pasted_article(text: str) -> tuple[str, bytes]:
    """Pasted text as a .txt file named after its content, so pasting the same text twice is one article."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]
    return f"pasted-{digest}.txt", text.strip().encode("utf-8")


def progress_callback(bar: DeltaGenerator) -> Callable[[int, int, str], None]:
    """A callback for `ingest_files` that moves a Streamlit progress bar and names the file being read."""

    def advance(done: int, total: int, filename: str) -> None:
        bar.progress(done / total if total else 1.0, text=f"{done} of {total} files · {filename}")

    return advance
