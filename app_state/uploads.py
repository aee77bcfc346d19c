"""Adding articles from the app: uploaded, pasted or sample files read, extracted and stored, within the size limit."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_state.access import can_edit
from app_state.configuration import PROJECT_ROOT, settings
from app_state.queries import clear_query_caches
from app_state.resources import pipeline, store
from flashpoint.errors import GazetteerError

if TYPE_CHECKING:
    from flashpoint.ingest import FileResult, IngestReport

SAMPLES_FOLDER = PROJECT_ROOT / "data" / "samples"
SAMPLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
INGEST_REPORT_KEY = "last_ingest_report"
INGEST_PROBLEM_KEY = "last_ingest_problem"
BYTES_PER_MB = 1024 * 1024


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


def last_ingest_report() -> IngestReport | None:
    """The report of this session's last upload, shown until the next one."""
    return st.session_state.get(INGEST_REPORT_KEY)


def ingest_problem() -> str | None:
    """Why the last upload could not start, if it could not."""
    return st.session_state.get(INGEST_PROBLEM_KEY)


def article_count() -> int:
    """Articles in the database, uncached: it decides whether to offer the samples."""
    return store().count_articles()


def sample_files() -> list[tuple[str, bytes]]:
    """The sample articles shipped in data/samples/, as (filename, bytes) in name order."""
    paths = sorted(path for path in SAMPLES_FOLDER.glob("*") if path.suffix.lower() in SAMPLE_SUFFIXES)
    return [(path.name, path.read_bytes()) for path in paths]


def pasted_article(text: str) -> tuple[str, bytes]:
    """Pasted text as a .txt file named after its content, so pasting the same text twice is one article."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]
    return f"pasted-{digest}.txt", text.strip().encode("utf-8")


def progress_callback(bar: DeltaGenerator) -> Callable[[int, int, str], None]:
    """A callback for `ingest_files` that moves a Streamlit progress bar and names the file being read."""

    def advance(done: int, total: int, filename: str) -> None:
        bar.progress(done / total if total else 1.0, text=f"{done} of {total} files · {filename}")

    return advance
