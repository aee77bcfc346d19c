"""Many-row INSERTs at driver speed: each statement compiled once per table, columns and database.

Saving an article writes about 150 child rows in seven statements. Executed as SQLAlchemy statements, each
execution looks its compiled form up and converts every row through per-parameter machinery, which cost about
as much as the database's own work. Here the compiled SQL and the columns' bind processors (the same ones
SQLAlchemy applies: JSON to text, dates and booleans to what the driver stores) are kept per table, columns and
dialect, and the rows go to the driver's executemany as plain tuples or dicts. Only text and JSON values are
scanned for characters the databases cannot store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Column, Connection, String, Table, insert
from sqlalchemy.engine import Dialect

from flashpoint.store_rows import storable

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class PreparedInsert:
    """An INSERT of some columns of a table, compiled for one database, with each column's bind processor."""

    sql: str
    keys: tuple[str, ...]
    converters: tuple[Processor, ...]
    positional: bool

    def parameters(self, row: Mapping[str, object]) -> tuple[object, ...] | dict[str, object]:
        """The driver's parameters for one row, each value through its column's converter."""
        values = [
            convert(row[key]) if convert else row[key] for key, convert in zip(self.keys, self.converters, strict=True)
        ]
        return tuple(values) if self.positional else dict(zip(self.keys, values, strict=True))


def _converter(column: Column[Any], dialect: Dialect) -> Processor:
    """What a value of `column` goes through: unstorable characters replaced in text (and JSON, which holds text),
    then the column type's bind processor; None when neither applies (numbers, most dates)."""
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    if not isinstance(column.type, String | JSON):
        return processor
    if processor is None:
        return storable
    return lambda value: processor(storable(value))


_prepared: dict[tuple[str, str, tuple[str, ...]], PreparedInsert] = {}


def prepared_insert(dialect: Dialect, table: Table, keys: tuple[str, ...]) -> PreparedInsert:
    """The INSERT of `keys` into `table` for `dialect`, compiled on first use."""
    cache_key = (dialect.name, table.name, keys)
    found = _prepared.get(cache_key)
    if found is not None:
        return found
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    positional = bool(compiled.positional)
    order = tuple(compiled.positiontup or ()) if positional else keys
    converters = tuple(_converter(table.c[key], dialect) for key in order)
    prepared = PreparedInsert(compiled.string, order, converters, positional)
    _prepared[cache_key] = prepared
    return prepared


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, object]]) -> None:
    """Insert rows that all have the same keys (column names) in one executemany; nothing when there are none."""
    if not rows:
        return
    prepared = prepared_insert(connection.dialect, table, tuple(rows[0]))
    connection.exec_driver_sql(prepared.sql, [prepared.parameters(row) for row in rows])
