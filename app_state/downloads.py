"""Downloads: the filtered incidents written out (ACLED CSV, GeoJSON, JSONL) when the user clicks."""

from __future__ import annotations

import io
from collections.abc import Callable

from app_state.resources import store
from flashpoint.query import Filters


def incident_export(filters: Filters, export_format: str) -> Callable[[], str]:
    """A deferred writer of the filtered incidents as "acled" CSV, "geojson" or "jsonl", run on a download click.

    Streamlit runs it on another thread after the click, so it holds the store itself and touches no session state.
    """
    from flashpoint.incident_export import INCIDENT_FORMATS, write_incidents
    from flashpoint.store_incident_reads import iter_incidents

    # Checked now, not on the click: a page asking for a format there is none of is a bug to see at once.
    if export_format not in INCIDENT_FORMATS:
        raise ValueError(f"export_format must be one of {', '.join(INCIDENT_FORMATS)}, not {export_format!r}")
    current = store()

    def write() -> str:
        buffer = io.StringIO()
        write_incidents(iter_incidents(current, filters), export_format, buffer)
        return buffer.getvalue()

    return write
