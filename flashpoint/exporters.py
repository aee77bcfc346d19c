"""Write the stored events that match the app's filters as CSV, GeoJSON or JSON Lines, each with its evidence."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, Literal, TextIO

from flashpoint.errors import FlashpointError
from flashpoint.query import Filters, events_table
from flashpoint.store import Store

ExportFormat = Literal["csv", "geojson", "jsonl"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "geojson", "jsonl")
# The columns of every export, in order: the event, where, who, how many, and the sentence it was read from.
EVENT_FIELDS = (
    "id",
    "article_id",
    "title",
    "date",
    "type",
    "location",
    "country_code",
    "lat",
    "lon",
    "actors",
    "targets",
    "count",
    "injured",
    "killed",
    "confidence",
    "sentence",
    "start",
    "end",
)
NAME_LIST_FIELDS = ("actors", "targets")
# Whole numbers that pandas holds as floats when a column has gaps; exported as integers again.
INTEGER_FIELDS = ("id", "count", "injured", "killed", "start", "end")
# events_table joins actor names with this for the app's table; JSON exports split them back into lists.
NAME_SEPARATOR = ", "


def _parse_day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise FlashpointError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from error


def filters_from_arguments(
    actors: Sequence[str],
    countries: Sequence[str],
    date_from: str | None,
    date_to: str | None,
    event_types: Sequence[str],
    text: str,
) -> Filters:
    """The app's Filters from command-line values; a malformed date is an error, not silently ignored."""
    return Filters(
        date_from=_parse_day(date_from, "--from"),
        date_to=_parse_day(date_to, "--to"),
        actors=tuple(actors),
        countries=tuple(countries),
        event_types=tuple(event_types),
        text=text,
    )


def _plain(value: Any) -> Any:
    """A value JSON and CSV can hold: no NaN, no numpy scalars, dates as ISO text."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def event_records(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    """The matching events, newest first, as plain dicts with the EVENT_FIELDS keys."""
    frame = events_table(store, filters, limit=None)
    for row in frame.to_dict("records"):
        record = {name: _plain(row.get(name)) for name in EVENT_FIELDS}
        for name in INTEGER_FIELDS:
            if record[name] is not None:
                record[name] = int(record[name])
        yield record


def _with_name_lists(record: dict[str, Any]) -> dict[str, Any]:
    listed = dict(record)
    for name in NAME_LIST_FIELDS:
        listed[name] = [part for part in (record[name] or "").split(NAME_SEPARATOR) if part]
    return listed


def _feature(record: dict[str, Any]) -> dict[str, Any]:
    properties = _with_name_lists(record)
    lat, lon = properties.pop("lat"), properties.pop("lon")
    # An event whose place could not be resolved is still exported; GeoJSON allows a feature without geometry.
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties}


def export_events(store: Store, filters: Filters, export_format: str, out: TextIO) -> int:
    """Write the events matching `filters` to `out` in the given format; returns how many were written."""
    if export_format not in EXPORT_FORMATS:
        raise FlashpointError(f"unknown export format {export_format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    written = 0
    if export_format == "csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_FIELDS)
        writer.writeheader()
        for record in event_records(store, filters):
            writer.writerow(record)
            written += 1
    elif export_format == "jsonl":
        for record in event_records(store, filters):
            out.write(json.dumps(_with_name_lists(record), ensure_ascii=False) + "\n")
            written += 1
    else:
        features = [_feature(record) for record in event_records(store, filters)]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
        written = len(features)
    return written
