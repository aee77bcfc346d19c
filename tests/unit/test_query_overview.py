"""overview_data: the Overview's kpis, weekly timeline and place points, loaded side by side, are exactly what the
three query functions return one after the other."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from flashpoint.query import Filters, kpis, place_points, place_stats, timeline, weekly_and_place_totals
from flashpoint.query_overview import overview_data
from flashpoint.store import Store
from tests.unit.test_query import CORPUS, TOWER_22_RETOLD, retold  # noqa: F401 (retold is a fixture)

FILTER_CHANGES = (
    Filters(),
    Filters(actors=("Kataib Hezbollah",)),
    Filters(countries=("JO",)),
    Filters(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)),
    Filters(event_types=("drone attack",)),
    Filters(precision="exact"),
    Filters(countries=("IQ", "SY"), precision="country"),
    Filters(text="drone"),
)


def _assert_same_as_each_query(store: Store, filters: Filters) -> None:
    loaded = overview_data(store, filters)
    assert loaded.kpis == kpis(store, filters)
    pd.testing.assert_frame_equal(loaded.timeline, timeline(store, filters, "week"))
    pd.testing.assert_frame_equal(loaded.points, place_points(store, filters))


@pytest.mark.parametrize("count_by", ["incidents", "reports"])
@pytest.mark.parametrize("filters", FILTER_CHANGES, ids=str)
def test_overview_data_is_what_each_query_returns(retold: Store, filters: Filters, count_by: str) -> None:  # noqa: F811
    _assert_same_as_each_query(retold, replace(filters, count_by=count_by))


def test_overview_data_counts_a_retold_incident_once_unless_counting_reports(retold: Store) -> None:  # noqa: F811
    by_incident = overview_data(retold, Filters(countries=("JO",)))
    by_report = overview_data(retold, Filters(countries=("JO",), count_by="reports"))
    assert by_incident.kpis["reports"] == by_report.kpis["reports"] == 2
    assert by_incident.kpis["incidents"] == 1
    assert by_incident.kpis["injured"] == 40
    assert by_report.kpis["injured"] == 34 + 40


def test_overview_data_loads_one_query_after_another_from_an_in_memory_database() -> None:
    # An in-memory database exists once per connection: queries on other threads would see an empty one.
    store = Store("sqlite://")
    store.create_schema()
    for extraction in (*CORPUS, TOWER_22_RETOLD):
        store.save(extraction)
    loaded = overview_data(store, Filters(countries=("JO",), count_by="reports"))
    assert loaded.kpis["articles"] == 2
    assert set(loaded.points["place"]) == {"Tower 22", "Jordan"}


def test_overview_data_from_a_file_database_matches_each_query(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'overview.db'}")
    store.create_schema()
    for extraction in CORPUS:
        store.save(extraction)
    _assert_same_as_each_query(store, Filters(count_by="reports"))
    _assert_same_as_each_query(store, Filters(actors=("Kataib Hezbollah",), count_by="reports"))


def test_overview_data_of_an_empty_store_is_all_zeros(store: Store) -> None:
    loaded = overview_data(store, Filters())
    assert loaded.kpis == kpis(store, Filters())
    assert set(loaded.kpis.values()) == {0}
    assert loaded.points.empty and loaded.timeline.empty


@pytest.mark.parametrize("filters", FILTER_CHANGES, ids=str)
def test_weekly_and_place_totals_read_at_once_are_the_timeline_and_place_stats(retold: Store, filters: Filters) -> None:  # noqa: F811
    # On PostgreSQL one grouping-sets statement gives both groupings; on SQLite they are the two statements.
    weekly, by_events, by_mentions = weekly_and_place_totals(retold, filters)
    pd.testing.assert_frame_equal(weekly, timeline(retold, filters, "week"))
    expected_events, expected_mentions = place_stats(retold, filters)

    def by_place(table: pd.DataFrame) -> pd.DataFrame:
        return table.sort_values("place_id", na_position="first").reset_index(drop=True)

    pd.testing.assert_frame_equal(by_place(by_events), by_place(expected_events), check_dtype=False)
    pd.testing.assert_frame_equal(by_place(by_mentions), by_place(expected_mentions))
