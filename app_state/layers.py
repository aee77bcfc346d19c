"""External event layers (ACLED, GDELT) in the app: import and remove them, read their filtered points and events."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from app_state.access import can_edit
from app_state.queries import clear_query_caches, run_query
from app_state.resources import store
from flashpoint import store_external
from flashpoint.errors import FlashpointError
from flashpoint.query import Filters

LAYER_IMPORT_KEY = "last_layer_import"
LAYER_IMPORT_PROBLEM_KEY = "last_layer_import_problem"


def layer_counts() -> dict[str, int]:
    """Events per imported external layer (ACLED, GDELT); layers never imported are left out."""
    return run_query("layer_counts")  # type: ignore[return-value]


def external_points(filters: Filters, layers: tuple[str, ...]) -> pd.DataFrame:
    """The filtered events of these external layers, gathered into at most a few thousand map points per layer."""
    return run_query("external_points", filters, tuple(layers))  # type: ignore[return-value]


def external_events(filters: Filters, layers: tuple[str, ...]) -> pd.DataFrame:
    """The filtered events of these external layers, newest first (the first thousand)."""
    return run_query("external_events", filters, tuple(layers))  # type: ignore[return-value]


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
