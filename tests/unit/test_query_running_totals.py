"""Running totals read back through the real pipeline: a series by date, filtered like events, never in the KPIs."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.ingest import ingest_files
from flashpoint.pipeline import Pipeline
from flashpoint.query import Filters, kpis
from flashpoint.query_running_totals import RUNNING_TOTAL_COLUMNS, running_totals_table
from flashpoint.store import Store
from tests.unit.running_total_articles import FIRST_TOTAL, RUNNING_TOTAL_FILES, SECOND_TOTAL


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def test_cumulative_counts_come_back_as_a_series_over_time(store: Store, pipeline: Pipeline) -> None:
    report = ingest_files([SECOND_TOTAL, FIRST_TOTAL], store, pipeline)
    assert report.saved == 2
    table = running_totals_table(store, Filters())
    assert list(table.columns) == list(RUNNING_TOTAL_COLUMNS)
    series = list(table[["kind", "value", "qualifier", "since", "as_of"]].itertuples(index=False, name=None))
    october_17 = date(2023, 10, 17)
    assert series == [
        ("attacks", 38, "at least", october_17, date(2023, 11, 7)),
        ("attacks", 60, "more than", october_17, date(2023, 11, 14)),
    ]
    assert set(table["source"]) == {"Flashpoint Test Wire"}
    assert table["title"].str.startswith("Pentagon").all()


def test_an_ordinal_is_in_the_series_and_its_number_is_not_counted_as_attacks(store: Store, pipeline: Pipeline) -> None:
    ingest_files(RUNNING_TOTAL_FILES, store, pipeline)
    table = running_totals_table(store, Filters())
    assert sorted(table["value"]) == [38, 60, 108]
    ordinal = table[table["value"] == 108].iloc[0]
    assert ordinal["source"] == "Flashpoint Ordinal Desk" and ordinal["as_of"] == date(2024, 1, 21)
    totals = kpis(store, Filters())
    # The rocket attack is one incident; 38, 60 and 108 count attacks over months and are never added to it.
    assert totals["incidents"] == 1
    assert totals["attacks"] == 1


def test_the_series_follows_the_event_filters(store: Store, pipeline: Pipeline) -> None:
    ingest_files(RUNNING_TOTAL_FILES, store, pipeline)
    in_january = running_totals_table(store, Filters(date_from=date(2024, 1, 1)))
    assert list(in_january["value"]) == [108]
    about_the_pentagon = running_totals_table(store, Filters(text="Pentagon"))
    assert sorted(about_the_pentagon["value"]) == [38, 60]
    nowhere = running_totals_table(store, Filters(countries=("YE",)))
    assert nowhere.empty and list(nowhere.columns) == list(RUNNING_TOTAL_COLUMNS)
