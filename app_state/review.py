"""Analyst review from the app: corrections and their undo, re-extraction, the audit log, and the staged request."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_state.access import access_policy, can_edit, identity
from app_state.queries import clear_query_caches, incidents, run_query
from app_state.resources import pipeline, store
from flashpoint.errors import ReviewError
from flashpoint.query import Filters

if TYPE_CHECKING:
    from flashpoint.corrections import Correction
    from flashpoint.model import Extraction
    from flashpoint.place_candidates import Candidate

REVIEW_STAGED_KEY = "review_staged"
REVIEW_OUTCOME_KEY = "review_outcome"
# Without sign-in the app is one analyst's tool: their corrections are logged under this name.
LOCAL_AUTHOR = "local analyst"
# What correct(), undo_correction() and reextract() raise for a request the user can act on; pages catch these
# (they reach the core only through app_state).
REVIEW_ERRORS = (ReviewError, PermissionError)
# Reports of one incident a week apart are already a stretch; the merge list offers no further.
MERGE_WINDOW_DAYS = 7


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
    from flashpoint.store_corrections import article_titles as stored_titles

    # One query for the whole log (up to a thousand corrections) rather than one article read per id each rerun.
    return stored_titles(store(), (article_id for article_id in article_ids if article_id))


def place_candidates(article_id: str, name: str) -> list[Candidate]:
    """The gazetteer readings of the article's place `name` with their context scores, the one in force marked
    (read from the article as it stands after its corrections, so an analyst's choice shows as chosen)."""
    return run_query("place_candidates", article_id, name)  # type: ignore[return-value]


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
    """The correction waiting for the editor's confirmation, if any."""
    return st.session_state.get(REVIEW_STAGED_KEY)


def drop_staged_review() -> None:
    """Forget the staged correction (confirmed or cancelled)."""
    st.session_state.pop(REVIEW_STAGED_KEY, None)


def remember_review_outcome(outcome: object) -> None:
    """What the last confirmed correction or undo did, shown once after the rerun it causes."""
    st.session_state[REVIEW_OUTCOME_KEY] = outcome


def take_review_outcome() -> object | None:
    """The outcome remembered by the last confirm or undo, forgotten once taken: it shows on one run only."""
    return st.session_state.pop(REVIEW_OUTCOME_KEY, None)
