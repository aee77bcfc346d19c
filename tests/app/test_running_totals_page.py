"""The Timeline's 'Running totals as reported' section: the series charted and listed apart from incident totals."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from flashpoint.ingest import ingest_files
from flashpoint.pipeline import Pipeline
from flashpoint.store import Store
from tests.unit.running_total_articles import RUNNING_TOTAL_FILES


@pytest.fixture
def running_totals_told(database_url: str) -> Iterator[str]:
    """The app's database after a real ingest of the two weekly tallies and the ordinal attack."""
    store = Store(database_url)
    store.create_schema()
    report = ingest_files(RUNNING_TOTAL_FILES, store, Pipeline.load())
    assert report.saved == len(RUNNING_TOTAL_FILES)
    store.dispose()
    yield database_url


def test_timeline_charts_and_lists_running_totals_apart_from_incidents(running_totals_told, open_page) -> None:
    app = open_page("app_pages/timeline.py")
    assert not app.exception
    assert "Running totals as reported" in [header.value for header in app.subheader]
    assert any("never added to the incident totals" in caption.value for caption in app.caption)
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    steps = [trace for chart in charts for trace in chart["data"] if trace.get("line", {}).get("shape") == "hv"]
    series_values = sorted(value for trace in steps for value in trace["y"])
    assert series_values == [38, 60, 108]
    (table,) = [frame.value for frame in app.dataframe if "as of" in frame.value.columns]
    assert sorted(table["value"]) == ["108", "at least 38", "more than 60"]


def test_timeline_says_so_when_no_article_states_a_running_total(seeded_database, open_page) -> None:
    app = open_page("app_pages/timeline.py")
    assert not app.exception
    assert any("states a running total" in info.value for info in app.info)
