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
