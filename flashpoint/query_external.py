"""External layers (ACLED, GDELT) for the map and tables: their events filtered like ours, gathered into few points."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import BigInteger, Integer, Numeric, Select, Text, case, cast, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from flashpoint.filters import Filters
from flashpoint.precision import EXACT
from flashpoint.query_scope import day_country_type_conditions, frame
from flashpoint.schema import EXTERNAL_EVENTS
from flashpoint.store import Store

EXTERNAL_EVENT_COLUMNS = (
    "layer", "external_id", "day", "type", "original_type", "actor1", "actor2", "country_code", "admin1",
    "location", "lat", "lon", "location_precision", "fatalities", "notes", "source",
)  # fmt: skip
POINT_COLUMNS = (
    "layer", "lat", "lon", "events", "fatalities", "approximate_events", "location", "places", "country_code",
    "first_day", "last_day", "cell_degrees",
)  # fmt: skip
# A layer's points are its events gathered into grid cells, tried finest first until the layer fits in
# MAP_POINT_LIMIT cells: 1/20 degree (~5 km) keeps neighbouring towns apart, 1/4 a district, 1 a province.
# GDELT and ACLED geocode to place centroids, so a day of GDELT (~100k events) falls on a few thousand spots.
GRID_CELLS_PER_DEGREE = (20, 4, 1)
# As many points per layer as the Map draws of our places (query.MAP_PLACE_LIMIT): each carries a ~300-byte tooltip,
# so a layer sends at most ~0.6 MB. Past this, the busiest cells of the coarsest grid are kept.
MAP_POINT_LIMIT = 2000
# The external events table lists the newest this many: enough to read, little to send (ACLED notes are long).
EVENTS_TABLE_LIMIT = 1000
# Only an event placed at a site or city is drawn as a point; near a place, a region, a country or a sea is approximate
# (as the Map draws our own places).
POINT_PRECISION = EXACT
# ACLED names armies and police by their state and dates its actors: "Military Forces of Israel (2022-)" is the actor
# our articles call "Israel"; GDELT writes names in capitals. An actor filter matches all these forms.
STATE_FORCE_PREFIXES = (
    "",
    "military forces of ",
    "military forces of the ",
    "police forces of ",
    "police forces of the ",
)


def _actor_condition(column: ColumnElement[Any], name: str) -> ColumnElement[bool]:
    """`column` names the actor `name` in any of the forms STATE_FORCE_PREFIXES allows, case aside."""
    lowered = func.lower(column)
    forms = [prefix + name.lower() for prefix in STATE_FORCE_PREFIXES]
    return or_(*(or_(lowered == form, lowered.startswith(form + " (", autoescape=True)) for form in forms))


def _associated_condition(name: str) -> ColumnElement[bool]:
    # Associated actors are a JSON list; a name is in it when its JSON string is, quotes included.
    return cast(EXTERNAL_EVENTS.c.associated_actors, Text).contains(json.dumps(name), autoescape=True)


def external_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the external events that match `filters`, as ours are matched: event day, country,
    event type (our vocabulary), actor (actor1, actor2 or an associated actor), text (in the notes, the place or
    the source) and the coarsest location precision accepted (`filters.precision`)."""
    table = EXTERNAL_EVENTS
    conditions = day_country_type_conditions(filters, table)
    if filters.actors:
        conditions.append(
            or_(
                *(
                    or_(_actor_condition(table.c.actor1, name), _actor_condition(table.c.actor2, name))
                    for name in filters.actors
                ),
                *(_associated_condition(name) for name in filters.actors),
            )
        )
    if filters.text:
        conditions.append(
            or_(
                *(
                    column.icontains(filters.text, autoescape=True)
                    for column in (table.c.notes, table.c.location, table.c.source)
                )
            )
        )
    accepted = filters.accepted_precisions()
    if accepted:
        conditions.append(table.c.location_precision.in_(accepted))
    return conditions


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})


def _fine_cell_statement(layer: str, conditions: list[ColumnElement[bool]], is_sqlite: bool) -> Select[Any]:
    """The layer's matching events summed per cell of the finest grid, in one pass over them."""
    table = EXTERNAL_EVENTS
    finest = GRID_CELLS_PER_DEGREE[0]

    def cell_index(column: ColumnElement[Any]) -> ColumnElement[Any]:
        # Half away from zero on both: SQLite rounds a double so; PostgreSQL rounds a double half to even, a numeric
        # half away. (SQLite's numeric cast would cost a third of the query.)
        value = column if is_sqlite else cast(column, Numeric)
        return cast(func.round(value * finest), Integer)

    cell = (cell_index(table.c.lat), cell_index(table.c.lon))
    approximate = case((table.c.location_precision == POINT_PRECISION, 0), else_=1)
    return (
        select(
            func.sum(table.c.lat).label("lat_sum"),
            func.sum(table.c.lon).label("lon_sum"),
            func.count().label("events"),
            cast(func.coalesce(func.sum(table.c.fatalities), 0), BigInteger).label("fatalities"),
            cast(func.sum(approximate), Integer).label("approximate_events"),
            func.min(table.c.location).label("location"),
            func.count(table.c.location.distinct()).label("places"),
            func.min(table.c.country_code).label("country_code"),
            func.min(table.c.day).label("first_day"),
            func.max(table.c.day).label("last_day"),
        )
        .where(table.c.layer == layer, table.c.lat.is_not(None), table.c.lon.is_not(None), *conditions)
        .group_by(*cell)
    )


def _gathered(cells: pd.DataFrame, cells_per_degree: int) -> pd.DataFrame:
    """Finest-grid cells summed into cells of 1/`cells_per_degree` degree, placed by their events' mean position.

    The name shown is the first in name order; `places` adds the finest cells' distinct names (one name in two
    finest cells, rare as datasets geocode a name to one point, counts twice).
    """
    keys = [
        (cells["lat_sum"] / cells["events"] * cells_per_degree).round().rename("cell_lat"),
        (cells["lon_sum"] / cells["events"] * cells_per_degree).round().rename("cell_lon"),
    ]
    # Sorted by name so "first" (vectorised, unlike "min" on text) gives the first name in name order.
    gathered = (
        cells.groupby(keys, sort=False)
        .agg(
            lat_sum=("lat_sum", "sum"),
            lon_sum=("lon_sum", "sum"),
            events=("events", "sum"),
            fatalities=("fatalities", "sum"),
            approximate_events=("approximate_events", "sum"),
            places=("places", "sum"),
            location=("location", "first"),
            country_code=("country_code", "first"),
            first_day=("first_day", "min"),
            last_day=("last_day", "max"),
        )
        .reset_index(drop=True)
    )
    gathered["lat"] = gathered["lat_sum"] / gathered["events"]
    gathered["lon"] = gathered["lon_sum"] / gathered["events"]
    gathered["cell_degrees"] = 1 / cells_per_degree
    return gathered


def _layer_points(store: Store, layer: str, conditions: list[ColumnElement[bool]], limit: int) -> pd.DataFrame:
    cells = frame(store, _fine_cell_statement(layer, conditions, store.is_sqlite))
    if cells.empty:
        return cells
    cells = cells.astype({"lat_sum": float, "lon_sum": float, "events": int}).sort_values("location")
    # As datetimes the days take pandas' vectorised min and max; they go back to dates below.
    for column in ("first_day", "last_day"):
        cells[column] = pd.to_datetime(cells[column])
    for cells_per_degree in GRID_CELLS_PER_DEGREE:
        points = _gathered(cells, cells_per_degree)
        if len(points) <= limit:
            break
    points = points.sort_values(["events", "lat", "lon"], ascending=[False, True, True], ignore_index=True).head(limit)
    for column in ("first_day", "last_day"):
        points[column] = points[column].dt.date
    for column in ("location", "country_code"):
        points[column] = points[column].astype(object).where(points[column].notna(), None)
    points.insert(0, "layer", layer)
    return points[list(POINT_COLUMNS)]


def external_points(
    store: Store, filters: Filters, layers: Sequence[str], limit: int = MAP_POINT_LIMIT
) -> pd.DataFrame:
    """The events of `layers` matching `filters`, gathered per layer into at most `limit` grid cells.

    One row per cell (see `POINT_COLUMNS`): the mean position of its events, how many there are, fatalities
    summed, how many are not placed at a site or city (`approximate_events`), a place name and how many
    distinct places, first and last day, and the cell size in degrees. Events without coordinates are left out.
    """
    conditions = external_conditions(filters)
    frames = [_layer_points(store, layer, conditions, limit) for layer in dict.fromkeys(layers)]
    frames = [points for points in frames if not points.empty]
    if not frames:
        return _empty(POINT_COLUMNS)
    points = pd.concat(frames, ignore_index=True)
    return points.astype({"lat": float, "lon": float, "events": int, "fatalities": int, "approximate_events": int})


def external_events(
    store: Store, filters: Filters, layers: Sequence[str], limit: int = EVENTS_TABLE_LIMIT
) -> pd.DataFrame:
    """The events of `layers` matching `filters`, newest first, at most `limit` (columns `EXTERNAL_EVENT_COLUMNS`)."""
    if not layers:
        return _empty(EXTERNAL_EVENT_COLUMNS)
    table = EXTERNAL_EVENTS
    statement = (
        select(*(table.c[column] for column in EXTERNAL_EVENT_COLUMNS))
        .where(table.c.layer.in_(tuple(layers)), *external_conditions(filters))
        .order_by(table.c.day.desc(), table.c.layer, table.c.id)
        .limit(limit)
    )
    return frame(store, statement)


def layer_summaries(store: Store) -> pd.DataFrame:
    """One row per imported layer: layer, events, first_day, last_day, imported_at (the latest import)."""
    table = EXTERNAL_EVENTS
    statement = (
        select(
            table.c.layer,
            func.count().label("events"),
            func.min(table.c.day).label("first_day"),
            func.max(table.c.day).label("last_day"),
            func.max(table.c.imported_at).label("imported_at"),
        )
        .group_by(table.c.layer)
        .order_by(table.c.layer)
    )
    return frame(store, statement)
