"""Incidents on the pages: counted once by default, 'N reports' on each, the tension index drawn, precision filtered."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import app_state
from flashpoint.ingest import ingest_files
from flashpoint.pipeline import Pipeline
from flashpoint.store import Store
from flashpoint.store_incidents import refresh_incidents

# Two articles telling one drone attack: a day apart, the same city, the same claimed attacker, each giving the
# same three wounded. Counted once, that is one attack and three injured; counted per report, two and six.
FIRST_REPORT = (
    b"Drone strike hits base near Erbil\n\n"
    b"Erbil, Iraq, March 4, 2024 - A drone attack struck a military base in Erbil on Monday, wounding three "
    b"soldiers, officials said. Kataib Hezbollah claimed the attack.\n"
)
SECOND_REPORT = (
    b"Militia claims Erbil drone attack\n\n"
    b"March 5, 2024 - Kataib Hezbollah said on Tuesday that its drone attack on a military base in Erbil on Monday "
    b"wounded three soldiers.\n"
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture
def one_incident_twice_told(database_url: str, pipeline: Pipeline) -> Iterator[str]:
    """The app's database after a real ingest of the two reports (ingest merges them into one incident)."""
    store = Store(database_url)
    store.create_schema()
    report = ingest_files([("first.txt", FIRST_REPORT), ("second.txt", SECOND_REPORT)], store, pipeline)
    assert [result.status for result in report.results] == ["saved", "saved"]
    store.dispose()
    yield database_url


@pytest.fixture
def places_of_three_precisions(database_url: str, build_extraction: Any) -> Iterator[str]:
    """Attacks placed in a city (Erbil), only in a country (Syria) and, two weeks later (too late to be the same
    incident as Erbil's), only in a region (Nineveh)."""
    body = (
        "A drone attack hit a base in Erbil on Monday. Rockets struck somewhere in Syria on Tuesday. "
        "A roadside bomb exploded in Nineveh on March 20."
    )
    extraction = build_extraction(
        body,
        title="Attacks in Erbil, Nineveh and Syria",
        published=date(2024, 3, 21),
        filename="three-places.txt",
        places=[
            ("Erbil", "city", "IQ", 36.19, 44.01),
            ("Syria", "country", "SY", 35.0, 38.5),
            ("Nineveh", "region", "IQ", 36.0, 42.5),
        ],
        events=[
            {
                "type": "bombing",
                "date": date(2024, 3, 20),
                "location": "Nineveh",
                "country_code": "IQ",
                "lat": 36.0,
                "lon": 42.5,
                "count": 1,
                "evidence": "A roadside bomb exploded",
            },
            {
                "type": "drone attack",
                "date": date(2024, 3, 4),
                "location": "Erbil",
                "country_code": "IQ",
                "lat": 36.19,
                "lon": 44.01,
                "count": 1,
                "evidence": "A drone attack hit",
            },
            {
                "type": "rocket attack",
                "date": date(2024, 3, 5),
                "location": "Syria",
                "country_code": "SY",
                "lat": 35.0,
                "lon": 38.5,
                "count": 1,
                "evidence": "Rockets struck",
            },
        ],
    )
    store = Store(database_url)
    store.create_schema()
    saved = store.save(extraction)
    refresh_incidents(store, [saved.article_id])
    store.dispose()
    yield database_url


def metric_cards(app: AppTest) -> dict[str, tuple[int, str]]:
    return {metric.label: (int(str(metric.value).replace(",", "")), metric.proto.delta) for metric in app.metric}


def deck_layers(app: AppTest) -> dict[str, dict]:
    layers = {}
    for chart in app.get("deck_gl_json_chart"):
        layers.update({layer["id"]: layer for layer in json.loads(chart.proto.json)["layers"]})
    return layers


def drawn_places(app: AppTest) -> set[str]:
    places = set()
    for layer in deck_layers(app).values():
        if layer["@@type"] == "ScatterplotLayer":
            places.update(row["place"] for row in layer["data"])
    return places


def table_with(app: AppTest, column: str):
    return next(table.value for table in app.dataframe if column in table.value.columns)


def test_overview_counts_the_incident_once_and_its_reports_on_request(one_incident_twice_told, open_page) -> None:
    app = open_page()
    cards = metric_cards(app)
    assert cards["Incidents"] == (1, "from 2 reports")
    assert cards["Attacks"][0] == 1 and cards["Injured"][0] == 3
    app.toggle(key=app_state.COUNT_INCIDENTS_KEY).set_value(False).run()
    assert not app.exception
    cards = metric_cards(app)
    assert "Incidents" not in cards
    assert cards["Reports"] == (2, "of 1 incident")
    assert cards["Attacks"][0] == 2 and cards["Injured"][0] == 6
    assert app.query_params["count"] == "reports"


def test_a_shared_link_counting_reports_opens_with_the_toggle_off(one_incident_twice_told, open_page) -> None:
    app = open_page(query={"count": "reports"})
    assert app.toggle(key=app_state.COUNT_INCIDENTS_KEY).value is False
    assert metric_cards(app)["Reports"][0] == 2


def test_overview_draws_the_tension_trend_with_the_drivers_one_choice_away(one_incident_twice_told, open_page) -> None:
    app = open_page()
    assert any("tension score" in chart.proto.spec for chart in app.get("vega_lite_chart")), "no tension chart"
    chooser = app.selectbox(key="overview_tension_week")
    assert chooser.options and chooser.options[0].startswith("Week of 2024-03-04 · Iraq (IQ)")
    chooser.select(chooser.options[0]).run()
    assert not app.exception
    drivers = table_with(app, "reports")
    assert drivers["reports"].tolist() == ["2 reports"]
    assert drivers["location"].tolist() == ["Erbil"]


def test_overview_scores_tension_per_region_on_request(places_of_three_precisions, open_page) -> None:
    app = open_page()
    assert any("Syria (SY)" in option for option in app.selectbox(key="overview_tension_week").options)
    app.radio(key="overview_tension_level").set_value("Admin-1 region").run()
    assert not app.exception
    options = app.selectbox(key="overview_tension_week").options
    assert [option.split(" · ")[1] for option in options] == ["Nineveh (IQ)"]


def test_map_colours_countries_by_tension_when_asked(one_incident_twice_told, open_page) -> None:
    app = open_page("app_pages/places_map.py")
    assert "tension-choropleth" not in deck_layers(app)
    app.toggle(key="map_tension").set_value(True).run()
    assert not app.exception
    choropleth = deck_layers(app)["tension-choropleth"]
    features = choropleth["data"]["features"]
    assert [feature["properties"]["country_code"] for feature in features] == ["IQ"]
    assert features[0]["properties"]["level"] == "large increase"
    app.selectbox(key="map_tension_area").select_index(0).run()
    assert table_with(app, "reports")["reports"].tolist() == ["2 reports"]


def test_map_tooltips_say_how_many_reports(one_incident_twice_told, open_page) -> None:
    places = deck_layers(open_page("app_pages/places_map.py"))["places"]["data"]
    erbil = next(place for place in places if place["place"] == "Erbil")
    assert "2 reports" in erbil["tooltip"]


def test_timeline_lists_the_incident_with_its_reports_and_merge_reason(one_incident_twice_told, open_page) -> None:
    app = open_page("app_pages/timeline.py")
    incidents = table_with(app, "reports")
    assert incidents["reports"].tolist() == ["2 reports"]
    chooser = app.selectbox(key="timeline_incident_choice")
    chooser.select_index(0).run()
    assert not app.exception
    reports = table_with(app, "merged because")
    assert sorted(reports["title"]) == ["Drone strike hits base near Erbil", "Militia claims Erbil drone attack"]
    assert reports["merged because"].iloc[0] == "first report of the incident"
    assert reports["merged because"].iloc[1] != "first report of the incident"
    assert reports["joined to"].iloc[1] == reports["title"].iloc[0]


def test_data_page_offers_incident_downloads(one_incident_twice_told, open_page) -> None:
    app = open_page("app_pages/data.py")
    labels = [button.proto.label for button in app.get("download_button")]
    assert {"ACLED CSV", "GeoJSON", "JSONL"} <= set(labels)
    assert table_with(app, "reports")["reports"].tolist() == ["2 reports"]


@pytest.mark.parametrize(
    ("export_format", "expected"),
    [("jsonl", '"report_count": 2'), ("geojson", '"FeatureCollection"'), ("acled", "event_date")],
)
def test_incident_downloads_write_the_filtered_incidents(
    one_incident_twice_told, export_format: str, expected: str
) -> None:
    from flashpoint.query import Filters

    written = app_state.incident_export(Filters(), export_format)()
    assert expected in written
    assert app_state.incident_export(Filters(countries=("SY",)), export_format)().count("Erbil") == 0


def test_precision_filter_hides_places_known_only_by_region_or_country(places_of_three_precisions, open_page) -> None:
    app = open_page("app_pages/places_map.py")
    assert {"Erbil", "Syria", "Nineveh"} <= drawn_places(app)
    assert [ring["place"] for ring in deck_layers(app)["approximate-rings"]["data"]] == ["Syria"]
    assert [area["place"] for area in deck_layers(app)["approximate-areas"]["data"]] == ["Nineveh"]
    app.selectbox(key=app_state.PRECISION_KEY).select("admin1").run()
    assert not app.exception
    assert "Syria" not in drawn_places(app)
    assert {"Erbil", "Nineveh"} <= drawn_places(app)
    app.selectbox(key=app_state.PRECISION_KEY).select("exact").run()
    assert "Nineveh" not in drawn_places(app) and "Erbil" in drawn_places(app)
    assert app.query_params["precision"] == "exact"
    app.button(key="clear_filters").click().run()
    assert app.selectbox(key=app_state.PRECISION_KEY).value == ""
    assert {"Erbil", "Syria", "Nineveh"} <= drawn_places(app)


def test_data_page_writes_table_files_only_when_a_button_is_pressed(one_incident_twice_told, open_page) -> None:
    app = open_page("app_pages/data.py")
    table_buttons = [button.proto for button in app.get("download_button") if "data_events_" in button.proto.id]
    assert sorted(proto.label for proto in table_buttons) == ["CSV", "GeoJSON", "JSONL"]
    # A deferred file has an id to fetch on the click and no URL of a file written already.
    assert all(proto.deferred_file_id and not proto.url for proto in table_buttons)
