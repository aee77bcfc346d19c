"""Store events of other datasets (ACLED, GDELT) as external layers: import a file in one transaction, count, remove."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.dml import Insert

from flashpoint.archives import EMPTY_ZIP_MAGIC, ZIP_MAGIC, iter_zip_members
from flashpoint.errors import ArticleReadError, StoreError
from flashpoint.interop_acled import acled_events
from flashpoint.interop_gdelt import gdelt_events
from flashpoint.interop_records import ExternalEvent, InteropError
from flashpoint.schema import EXTERNAL_EVENTS
from flashpoint.store import Store
from flashpoint.store_rows import storable_row

Reader = Callable[[TextIO, str], Iterator[ExternalEvent | InteropError]]
# One layer per dataset: its rows are told apart by the dataset's own event id.
LAYER_READERS: dict[str, Reader] = {"acled": acled_events, "gdelt": gdelt_events}
LAYERS = tuple(LAYER_READERS)
FORMAT_NAMES = {"acled": "an ACLED CSV export", "gdelt": "a GDELT 2.0 event file (tab-separated)"}
# Rows per INSERT round trip; all batches of one import share one transaction.
INSERT_BATCH_ROWS = 2_000
# A result lists this many problems by line; the rest are counted, so a file of bad rows cannot flood a page.
ERRORS_LISTED = 50
# GDELT publishes its event files zipped; a year of ACLED exports for the region is a few hundred MB unpacked.
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 500
# No event kills more people than live on Earth; past this a value is a typing slip (and past 2**63, unstorable).
MAX_FATALITIES = 10_000_000_000
_INSERTS = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}


@dataclass(frozen=True)
class ImportResult:
    """What one import did: events saved, already in the layer (or repeated in the file), rows that could not be read.

    `errors` names the file and line of each problem (the first `ERRORS_LISTED`); `rejected` counts every row not
    read. A file that is not the layer's format at all has one error and nothing saved.
    """

    layer: str
    name: str
    saved: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: tuple[str, ...] = ()

    @property
    def read_nothing(self) -> bool:
        """True when not one event of the file could be read."""
        return self.saved + self.duplicates == 0

    @property
    def summary(self) -> str:
        """One line for the user: the file, its layer, and what was saved, already there or not read."""
        parts = [f"{self.saved:,} saved", f"{self.duplicates:,} already in the layer"]
        if self.rejected:
            parts.append(f"{self.rejected:,} row{'s' if self.rejected != 1 else ''} not read")
        elif self.errors:
            parts.append("file not read")
        return f"{self.name} into layer {self.layer}: " + ", ".join(parts)


@dataclass
class _ReadEvents:
    events: list[ExternalEvent]
    errors: list[str]
    rejected: int = 0

    def refuse(self, message: str, rows: int = 1) -> None:
        """Count `rows` rows not read and keep the message, up to ERRORS_LISTED of them."""
        self.rejected += rows
        if len(self.errors) < ERRORS_LISTED:
            self.errors.append(message)
        elif len(self.errors) == ERRORS_LISTED:
            self.errors.append("(further problems are counted, not listed)")


def known_layer(layer: str) -> str:
    """The layer name, checked; InteropError names the layers there are."""
    cleaned = layer.strip().lower()
    if cleaned not in LAYER_READERS:
        raise InteropError(f"unknown layer {layer!r}: the layers are {', '.join(LAYERS)}")
    return cleaned


def _decoded(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InteropError(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save the export as UTF-8"
        ) from None


def _files(data: bytes, name: str, read: _ReadEvents) -> list[tuple[str, bytes]]:
    """(name, bytes) of the file, or of each member when it is a zip archive (GDELT's own packaging)."""
    if not data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return [(name, data)]

    def refused(error: ArticleReadError) -> None:
        read.refuse(str(error), rows=0)

    try:
        members = iter_zip_members(
            data, name, MAX_MEMBER_BYTES, MAX_MEMBER_BYTES, MAX_ARCHIVE_MEMBERS, on_rejected=refused
        )
        files = [(f"{name}/{member}", content) for member, content in members]
    except ArticleReadError as error:
        raise InteropError(str(error)) from None
    if not files and not read.errors:
        raise InteropError(f"{name}: the zip archive holds no files")
    return files


def _value_problem(event: ExternalEvent) -> str | None:
    """Why the database or the map could not take this event's numbers, if it could not."""
    for label, value, limit in (("latitude", event.lat, 90.0), ("longitude", event.lon, 180.0)):
        if value is not None and not (math.isfinite(value) and -limit <= value <= limit):
            return f"{label} {value} is outside -{limit:g}..{limit:g}"
    if event.fatalities is not None and not 0 <= event.fatalities <= MAX_FATALITIES:
        return f"fatalities {event.fatalities} is not a count of people"
    return None


def _read_text(text: str, shown: str, layer: str, read: _ReadEvents) -> None:
    """Add one file's events to `read`; a file that is not the format at all adds none of its rows."""
    found: list[ExternalEvent] = []
    rejected_before, errors_before = read.rejected, len(read.errors)
    try:
        for item in LAYER_READERS[layer](io.StringIO(text, newline=""), shown):
            if isinstance(item, InteropError):
                read.refuse(str(item))
                continue
            problem = _value_problem(item)
            if problem:
                read.refuse(f"{shown} event {item.external_id}: {problem}")
                continue
            found.append(item)
    except (InteropError, csv.Error) as error:
        read.rejected = rejected_before
        message = str(error) if isinstance(error, InteropError) else f"{shown}: not {FORMAT_NAMES[layer]} ({error})"
        read.refuse(message, rows=0)
        return
    if not found and read.rejected > rejected_before:
        # Not one good row: most likely the other dataset's file; one message says so instead of one per line.
        first_problem = read.errors[errors_before] if len(read.errors) > errors_before else ""
        del read.errors[errors_before:]
        rows = read.rejected - rejected_before
        read.rejected = rejected_before
        read.refuse(f"{shown}: no row could be read as {FORMAT_NAMES[layer]}; the first problem: {first_problem}", rows)
        return
    read.events.extend(found)


def read_layer_file(data: bytes, layer: str, name: str) -> tuple[list[ExternalEvent], list[str], int]:
    """The events of an export, the problems found (file and line), and how many rows were not read."""
    layer = known_layer(layer)
    read = _ReadEvents([], [])
    try:
        files = _files(data, name, read)
    except InteropError as error:
        read.refuse(str(error), rows=0)
        files = []
    for shown, content in files:
        try:
            text = _decoded(content, shown)
        except InteropError as error:
            read.refuse(str(error), rows=0)
            continue
        _read_text(text, shown, layer, read)
    return read.events, read.errors, read.rejected


def _event_row(layer: str, event: ExternalEvent, imported_at: datetime) -> dict[str, object]:
    return storable_row(
        {
            "layer": layer,
            "external_id": event.external_id,
            "day": event.date,
            "date_precision": event.date_precision,
            "type": event.type,
            "original_type": event.original_type,
            "actor1": event.actor1,
            "actor2": event.actor2,
            "associated_actors": list(event.associated_actors),
            "country_code": event.country_code,
            "admin1": event.admin1,
            "location": event.location,
            "lat": event.lat,
            "lon": event.lon,
            "location_precision": event.location_precision,
            "fatalities": event.fatalities,
            "notes": event.notes,
            "source": event.source,
            "imported_at": imported_at,
        }
    )


def _insert_new_only(store: Store) -> Insert:
    dialect = store.engine.dialect.name
    if dialect not in _INSERTS:
        raise StoreError(f"external layers need SQLite or PostgreSQL, not {dialect}")
    # No RETURNING: psycopg sends a plain executemany in one pipeline, four times faster than insertmanyvalues with
    # RETURNING; import_layer counts the layer's rows before and after instead.
    return _INSERTS[dialect](EXTERNAL_EVENTS).on_conflict_do_nothing()


def _source_bytes(source: str | Path | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "uploaded file"
    path = Path(source)
    try:
        return path.read_bytes(), name or str(path)
    except OSError as error:
        raise InteropError(f"{path}: cannot be read ({error.strerror or error})") from None


def import_layer(
    store: Store,
    source: str | Path | bytes,
    layer: str,
    name: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read an ACLED CSV export or GDELT 2.0 event file (or a zip of them) into `layer` ("acled" or "gdelt").

    Rows that cannot be read are reported by line and skipped; the rest are written in one transaction, so a
    failed write leaves the layer as it was. Events already in the layer (same dataset id) are counted as
    duplicates, as are repeats within the file. `progress(done, total)` follows the rows written.
    Raises InteropError for an unknown layer or an unreadable path, StoreError when the database refuses the rows.
    """
    layer = known_layer(layer)
    data, shown = _source_bytes(source, name)
    events, errors, rejected = read_layer_file(data, layer, shown)
    unique: dict[str, ExternalEvent] = {}
    for event in events:
        unique.setdefault(event.external_id, event)
    imported_at = datetime.now(UTC)
    rows = [_event_row(layer, event, imported_at) for event in unique.values()]
    statement = _insert_new_only(store)
    count = select(func.count()).select_from(EXTERNAL_EVENTS).where(EXTERNAL_EVENTS.c.layer == layer)
    try:
        with store.engine.begin() as connection:
            before = connection.execute(count).scalar_one()
            for start in range(0, len(rows), INSERT_BATCH_ROWS):
                batch = rows[start : start + INSERT_BATCH_ROWS]
                connection.execute(statement, batch)
                if progress is not None:
                    progress(start + len(batch), len(rows))
            saved = connection.execute(count).scalar_one() - before
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise StoreError(f"{shown}: nothing saved to layer {layer}, the database refused the rows ({reason})") from None
    return ImportResult(layer, shown, saved, len(events) - saved, rejected, tuple(errors))


def remove_layer(store: Store, layer: str) -> int:
    """Delete every event of a layer; returns how many there were (0 when it was never imported)."""
    layer = known_layer(layer)
    with store.engine.begin() as connection:
        return connection.execute(delete(EXTERNAL_EVENTS).where(EXTERNAL_EVENTS.c.layer == layer)).rowcount


def layer_counts(store: Store) -> dict[str, int]:
    """Events stored per imported layer, in layer name order; layers never imported are left out."""
    statement = (
        select(EXTERNAL_EVENTS.c.layer, func.count())
        .group_by(EXTERNAL_EVENTS.c.layer)
        .order_by(EXTERNAL_EVENTS.c.layer)
    )
    with store.engine.connect() as connection:
        return {layer: int(count) for layer, count in connection.execute(statement)}
