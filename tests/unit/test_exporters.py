"""Exports: the app's filters decide which events are written; every event carries its evidence sentence."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.exporters import EVENT_FIELDS, export_events, filters_from_arguments
from flashpoint.query import Filters
from flashpoint.store import Store
from tests.conftest import build_extraction

ROOT = Path(__file__).resolve().parents[2]

GAZA = build_extraction(
    "An Israeli air strike hit a house in Gaza City on Tuesday, killing 12 people, health officials said.",
    title="Strike on Gaza City",
    published=date(2024, 1, 9),
    places=[("Gaza City", "city", "PS", 31.5017, 34.4668)],
    actors=[("Israel", "state")],
    events=[
        {
            "type": "air strike",
            "evidence": "killing 12 people",
            "location": "Gaza City",
            "country_code": "PS",
            "lat": 31.5017,
            "lon": 34.4668,
            "actors": ("Israel",),
            "killed": 12,
            "date": date(2024, 1, 9),
        }
    ],
)
RED_SEA = build_extraction(
    "The Houthis fired two anti-ship missiles at a tanker in the Red Sea on Friday.",
    title="Missiles at tanker",
    published=date(2024, 2, 2),
    actors=[("Houthis", "armed_group")],
    events=[{"type": "missile attack", "evidence": "fired two anti-ship missiles", "actors": ("Houthis",), "count": 2}],
)


@pytest.fixture
def stored(store: Store) -> Store:
    store.save(GAZA)
    store.save(RED_SEA)
    return store


def exported(store: Store, export_format: str, filters: Filters) -> str:
    out = io.StringIO()
    export_events(store, filters, export_format, out)
    return out.getvalue()


def test_csv_has_a_header_and_one_row_per_event_with_its_sentence(stored: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(stored, "csv", Filters()))))
    assert tuple(rows[0]) == EVENT_FIELDS
    by_title = {row["title"]: row for row in rows}
    assert set(by_title) == {"Strike on Gaza City", "Missiles at tanker"}
    gaza = by_title["Strike on Gaza City"]
    assert (gaza["killed"], gaza["actors"], gaza["date"]) == ("12", "Israel", "2024-01-09")
    assert "killing 12 people" in gaza["sentence"]


def test_jsonl_lists_actors_and_keeps_missing_numbers_empty(stored: Store) -> None:
    records = [json.loads(line) for line in exported(stored, "jsonl", Filters()).splitlines()]
    red_sea = next(record for record in records if record["title"] == "Missiles at tanker")
    assert red_sea["actors"] == ["Houthis"]
    assert (red_sea["count"], red_sea["killed"], red_sea["lat"]) == (2, None, None)
    assert red_sea["sentence"].startswith("The Houthis fired")


def test_geojson_places_events_at_lon_lat_and_keeps_unplaced_events_without_geometry(stored: Store) -> None:
    collection = json.loads(exported(stored, "geojson", Filters()))
    assert collection["type"] == "FeatureCollection"
    geometries = {feature["properties"]["title"]: feature["geometry"] for feature in collection["features"]}
    assert geometries["Strike on Gaza City"] == {"type": "Point", "coordinates": [34.4668, 31.5017]}
    assert geometries["Missiles at tanker"] is None


@pytest.mark.parametrize(
    ("filters", "titles"),
    [
        (Filters(countries=("PS",)), {"Strike on Gaza City"}),
        (Filters(actors=("Houthis",)), {"Missiles at tanker"}),
        (Filters(date_from=date(2024, 2, 1)), {"Missiles at tanker"}),
        (Filters(date_to=date(2024, 1, 31)), {"Strike on Gaza City"}),
        (Filters(event_types=("air strike",)), {"Strike on Gaza City"}),
        (Filters(text="tanker"), {"Missiles at tanker"}),
        (Filters(countries=("YE",)), set()),
    ],
)
def test_the_app_filters_choose_the_exported_events(stored: Store, filters: Filters, titles: set[str]) -> None:
    records = [json.loads(line) for line in exported(stored, "jsonl", filters).splitlines()]
    assert {record["title"] for record in records} == titles


def test_command_line_values_become_the_app_filters() -> None:
    filters = filters_from_arguments(["Houthis"], ["ye"], "2024-01-01", "2024-03-31", ["missile attack"], " tanker ")
    assert filters == Filters(
        date_from=date(2024, 1, 1),
        date_to=date(2024, 3, 31),
        actors=("Houthis",),
        countries=("YE",),
        event_types=("missile attack",),
        text="tanker",
    )


@pytest.mark.parametrize("bad_date", ["2024-13-01", "yesterday"])
def test_a_malformed_date_is_a_clear_error(bad_date: str) -> None:
    with pytest.raises(FlashpointError, match="--from must be a date as YYYY-MM-DD"):
        filters_from_arguments([], [], bad_date, None, [], "")


def test_an_unknown_format_is_refused(stored: Store) -> None:
    with pytest.raises(FlashpointError, match="unknown export format"):
        export_events(stored, Filters(), "xlsx", io.StringIO())


FILTER_OPTIONS = ("--actor", "Houthis", "--from", "2024-01-01")


def test_the_export_command_writes_the_filtered_file(sqlite_store: Store, tmp_path: Path) -> None:
    sqlite_store.save(GAZA)
    sqlite_store.save(RED_SEA)
    output = tmp_path / "events.geojson"
    destination = ("--format", "geojson", "--output", str(output), "--database", sqlite_store.url)
    finished = subprocess.run(
        [sys.executable, "-m", "flashpoint", "export", *destination, *FILTER_OPTIONS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert "1 events exported" in finished.stderr
    titles = [feature["properties"]["title"] for feature in json.loads(output.read_text("utf-8"))["features"]]
    assert titles == ["Missiles at tanker"]


def test_the_export_command_refuses_a_malformed_date(sqlite_store: Store) -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "flashpoint", "export", "--to", "31/01/2024", "--database", sqlite_store.url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 2
    assert "--to must be a date as YYYY-MM-DD" in finished.stderr
