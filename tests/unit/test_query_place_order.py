"""SQLite's place-ordered plan for the per-place totals and top actors (query._place_order_conditions) gives the
same map as the filter-led plan it replaces, under every filter it applies to."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select

from flashpoint import query
from flashpoint.query import Filters, place_points
from flashpoint.schema import EVENTS
from flashpoint.store import Store
from tests.unit.incident_rows import fill_location_precisions, one_incident_per_event
from tests.unit.test_query import CORPUS, TOWER_22_RETOLD

PLACE_ORDER_FILTERS = (
    Filters(date_from=date(2024, 1, 1)),
    Filters(date_from=date(2023, 10, 1), date_to=date(2024, 1, 31)),
    Filters(countries=("IQ", "JO")),
    Filters(event_types=("drone attack", "attack")),
    Filters(precision="exact"),
    Filters(countries=("JO",), event_types=("drone attack",), date_to=date(2024, 12, 31), count_by="reports"),
)


@pytest.fixture
def sqlite_filled(sqlite_store: Store) -> Store:
    for extraction in (*CORPUS, TOWER_22_RETOLD):
        sqlite_store.save(extraction)
    fill_location_precisions(sqlite_store)
    one_incident_per_event(sqlite_store)
    return sqlite_store


@pytest.mark.parametrize("filters", PLACE_ORDER_FILTERS, ids=str)
def test_place_ordered_plan_gives_the_same_points(
    sqlite_filled: Store, filters: Filters, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert query._place_order_conditions(sqlite_filled, filters, EVENTS) is not None
    ordered = place_points(sqlite_filled, filters)
    monkeypatch.setattr(query, "_place_order_conditions", lambda *_arguments: None)
    pd.testing.assert_frame_equal(ordered, place_points(sqlite_filled, filters))
    assert not ordered.empty


def test_place_ordered_plan_reads_the_place_index_without_sorting(sqlite_filled: Store) -> None:
    conditions = query._place_order_conditions(sqlite_filled, Filters(countries=("IQ",)), EVENTS)
    assert conditions is not None
    statement = select(EVENTS.c.place_id, func.count()).where(*conditions).group_by(EVENTS.c.place_id)
    compiled = statement.compile(sqlite_filled.engine, compile_kwargs={"literal_binds": True})
    with sqlite_filled.engine.connect() as connection:
        plan = " ".join(row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    assert "ix_events_place_totals" in plan
    assert "TEMP B-TREE" not in plan


@pytest.mark.parametrize(
    "filters",
    [Filters(actors=("Kataib Hezbollah",)), Filters(text="drone"), Filters()],
    ids=str,
)
def test_place_ordered_plan_is_not_used_for_actor_text_or_no_filter(sqlite_filled: Store, filters: Filters) -> None:
    assert query._place_order_conditions(sqlite_filled, filters, EVENTS) is None


def test_place_ordered_plan_is_sqlite_only(postgresql_store: Store) -> None:
    assert query._place_order_conditions(postgresql_store, Filters(countries=("IQ",)), EVENTS) is None
