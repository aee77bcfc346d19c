"""Incident, tension and precision builders: counted once with 'N reports', levels coloured, vague places as areas."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pydeck as pdk
import pytest

from components import precision_marks
from components.attack_map import RING_RADIUS_METERS, build_attack_map
from components.incidents import (
    FIRST_REPORT_REASON,
    build_incident_reports,
    build_incidents_table,
    count_label,
    date_span,
    figure_range,
    incident_label,
    when_label,
)
from components.kpis import build_kpi_cards
from components.tension import (
    BASELINE_WEEKS,
    LEVEL_COLOURS,
    area_labels,
    build_tension_layer,
    build_tension_trend,
    build_week_choices,
    change_text,
)
from flashpoint import precision, tension

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
OUTLINES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": name, "country_code": code, "fill": [1, 2, 3]}, "geometry": SQUARE}
        for code, name in (("IQ", "Iraq"), ("SY", "Syria"), ("JO", "Jordan"))
    ],
}


@pytest.fixture
def places() -> pd.DataFrame:
    """One place of each precision, as place_points gives them (with `reports` and `precision`)."""
    return pd.DataFrame(
        {
            "place": ["Erbil", "near Mosul", "Nineveh", "Iraq", "Red Sea"],
            "kind": ["city", "city", "region", "country", "water"],
            "precision": ["exact", "near", "admin1", "country", "sea"],
            "country_code": ["IQ", "IQ", "IQ", "IQ", None],
            "lat": [36.19, 36.3, 36.0, 33.0, 20.0],
            "lon": [44.01, 43.1, 42.5, 44.0, 38.0],
            "attacks": [2, 1, 1, 13, 4],
            "injured": [0, 3, 0, 20, 1],
            "killed": [0, 0, 0, 0, 0],
            "mentions": [1, 1, 1, 3, 1],
            "reports": [3, 1, 1, 7, 2],
            "actors": [["Kataib Hezbollah"], [], [], ["Kataib Hezbollah"], ["Houthis"]],
            "evidence": ["A drone hit Erbil.", "", "", "Attacks <b>hit</b> bases.", "Ships hit."],
        }
    )


def layers_by_id(deck: pdk.Deck) -> dict[str, dict]:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def test_display_precisions_match_the_core_vocabulary() -> None:
    assert precision_marks.PRECISION_ORDER == precision.LOCATION_PRECISIONS
    assert {key: precision.RADIUS_KM[key] for key in precision_marks.AREA_RADIUS_KM} == precision_marks.AREA_RADIUS_KM
    assert set(precision_marks.PRECISION_FILTER_CHOICES) - {""} <= set(precision.LOCATION_PRECISIONS)


def test_tension_levels_and_baseline_match_the_index() -> None:
    assert tuple(LEVEL_COLOURS) == tension.LEVELS
    assert BASELINE_WEEKS == tension.BASELINE_WEEKS


def test_only_exact_places_are_solid_points(places) -> None:
    layers = layers_by_id(build_attack_map(places, OUTLINES))
    assert [row["place"] for row in layers["places"]["data"]] == ["Erbil"]
    assert layers["places"].get("filled", True) is True


def test_near_and_region_places_are_translucent_discs_as_wide_as_their_precision(places) -> None:
    areas = layers_by_id(build_attack_map(places, OUTLINES))["approximate-areas"]
    radii = {row["place"]: row["radius"] for row in areas["data"]}
    assert radii == {"near Mosul": 50_000.0, "Nineveh": 200_000.0}
    assert all(row["colour"][3] < 100 for row in areas["data"])


def test_country_and_sea_places_are_hollow_rings(places) -> None:
    rings = layers_by_id(build_attack_map(places, OUTLINES))["approximate-rings"]
    assert rings["filled"] is False and rings["stroked"] is True
    assert rings["getRadius"] == RING_RADIUS_METERS
    assert {row["place"] for row in rings["data"]} == {"Iraq", "Red Sea"}


def test_every_approximate_place_is_labelled_approximate(places) -> None:
    layers = layers_by_id(build_attack_map(places, OUTLINES))
    labels = layers["approximate-labels"]["data"]
    assert len(labels) == 4 and {row["label"] for row in labels} == {"approximate"}
    rows = {row["place"]: row for row in layers["approximate-rings"]["data"] + layers["approximate-areas"]["data"]}
    assert "approximate: country, not an exact point" in rows["Iraq"]["tooltip"]
    assert "approximate: region" in rows["Nineveh"]["tooltip"]
    assert "approximate" not in layers["places"]["data"][0]["tooltip"]


def test_tooltips_say_how_many_reports(places) -> None:
    layers = layers_by_id(build_attack_map(places, OUTLINES))
    assert layers["places"]["data"][0]["tooltip"].split("\n")[1].startswith("3 reports · Attacks: 2")
    near = layers["approximate-areas"]["data"][0]["tooltip"]
    assert "1 report · Attacks: 1" in near


def test_tooltips_leave_out_what_a_place_lacks(places) -> None:
    layers = layers_by_id(build_attack_map(places, OUTLINES))
    red_sea = next(row for row in layers["approximate-rings"]["data"] if row["place"] == "Red Sea")["tooltip"]
    nineveh = layers["approximate-areas"]["data"][1]["tooltip"].split("\n")
    assert red_sea.startswith("Red Sea (water)\n")
    assert nineveh[0] == "Nineveh (region, IQ)" and not any(line.startswith("Actors") for line in nineveh)


def test_places_without_a_precision_column_take_it_from_their_kind(places) -> None:
    layers = layers_by_id(build_attack_map(places.drop(columns=["precision", "reports"]), OUTLINES))
    assert {row["place"] for row in layers["places"]["data"]} == {"Erbil", "near Mosul"}
    assert "report" not in layers["places"]["data"][0]["tooltip"].split("\n")[1]


def test_choropleth_sits_over_the_outlines_and_overlays_above_the_places(places) -> None:
    overlay = pdk.Layer("ScatterplotLayer", data=[], id="external-acled")
    choropleth = pdk.Layer("GeoJsonLayer", data=OUTLINES, id="tension-choropleth")
    ids = [layer.id for layer in build_attack_map(places, OUTLINES, choropleth=choropleth, overlays=[overlay]).layers]
    assert ids[:2] == ["country-outlines", "tension-choropleth"]
    assert ids[-2:] == ["places", "external-acled"]


@pytest.fixture
def latest() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area": ["IQ", "SY", "Red Sea"],
            "country_code": ["IQ", "SY", None],
            "week": [date(2024, 1, 15)] * 3,
            "score": [42.0, 5.0, 10.0],
            "incidents": [4, 1, 1],
            "killed": [3, 0, 0],
            "injured": [10, 0, 2],
            "baseline": [20.0, 10.0, 0.0],
            "change": [1.1, -0.5, None],
            "level": ["large increase", "large decrease", "large increase"],
        }
    )


def test_choropleth_colours_each_country_by_its_latest_level(latest) -> None:
    layer = json.loads(pdk.Deck(layers=[build_tension_layer(latest, OUTLINES)]).to_json())["layers"][0]
    features = {feature["properties"]["country_code"]: feature["properties"] for feature in layer["data"]["features"]}
    assert set(features) == {"IQ", "SY"}
    assert features["IQ"]["fill"][:3] == list(LEVEL_COLOURS["large increase"])
    assert features["SY"]["fill"][:3] == list(LEVEL_COLOURS["large decrease"])
    assert layer["pickable"] is True
    assert "Iraq" in features["IQ"]["tooltip"] and "+110% on the 4 weeks before" in features["IQ"]["tooltip"]
    assert "4 incidents" in features["IQ"]["tooltip"]


def test_choropleth_leaves_quiet_countries_uncoloured(latest) -> None:
    quiet = latest.assign(score=[0.0, 0.0, 10.0], baseline=[0.0, 10.0, 0.0], level=["stable", "large decrease", "x"])
    features = build_tension_layer(quiet, OUTLINES).data["features"]
    assert [feature["properties"]["country_code"] for feature in features] == ["SY"]


def test_choropleth_is_absent_without_any_outlined_country(latest) -> None:
    assert build_tension_layer(latest[latest["area"] == "Red Sea"], OUTLINES) is None
    assert build_tension_layer(latest.iloc[0:0], OUTLINES) is None


def test_choropleth_tooltip_is_text_in_lines(latest) -> None:
    tooltip = build_tension_layer(latest, OUTLINES).data["features"][0]["properties"]["tooltip"]
    assert tooltip.split("\n") == [
        "Iraq · tension",
        "Week of 2024-01-15: score 42.0, large increase (+110% on the 4 weeks before)",
        "4 incidents · Killed: 3 · Injured: 10",
    ]


@pytest.mark.parametrize(
    ("change", "score", "expected"),
    [
        (0.3, 13.0, "+30% on the 4 weeks before"),
        (-0.125, 7.0, "-12% on the 4 weeks before"),
        (None, 10.0, "new: nothing in the 4 weeks before"),
        (float("nan"), 0.0, "quiet"),
    ],
)
def test_change_is_worded_against_the_baseline(change, score, expected) -> None:
    assert change_text(change, score) == expected


@pytest.fixture
def weeks() -> pd.DataFrame:
    rows = []
    for area, scores in (("IQ", [10.0, 30.0]), ("SY", [5.0, 0.0]), ("JO", [1.0, 2.0])):
        for week, score in zip((date(2024, 1, 8), date(2024, 1, 15)), scores, strict=True):
            rows.append(
                {
                    "area": area,
                    "country_code": area,
                    "week": week,
                    "score": score,
                    "incidents": 1 if score else 0,
                    "level": "stable",
                }
            )
    return pd.DataFrame(rows)


def test_trend_keeps_the_highest_scoring_countries_as_named_columns(weeks) -> None:
    trend = build_tension_trend(weeks, {"IQ": "Iraq (IQ)", "SY": "Syria (SY)"}, top=2)
    assert list(trend.columns) == ["Iraq (IQ)", "Syria (SY)"]
    assert trend["Iraq (IQ)"].tolist() == [10.0, 30.0]
    assert list(trend.index) == [pd.Timestamp("2024-01-08"), pd.Timestamp("2024-01-15")]


def test_areas_are_named_as_countries_seas_or_regions_of_a_country() -> None:
    rows = pd.DataFrame({"area": ["IQ", "Red Sea", "Nineveh", "IQ"], "country_code": ["IQ", None, "IQ", "IQ"]})
    names = {"IQ": "Iraq (IQ)"}
    labels = area_labels(rows, lambda code: names.get(code, code))
    assert labels == {"IQ": "Iraq (IQ)", "Red Sea": "Red Sea", "Nineveh": "Nineveh (IQ)"}


def test_trend_of_nothing_is_empty(weeks) -> None:
    assert build_tension_trend(weeks.iloc[0:0]).empty


def test_week_choices_run_latest_week_first_then_by_score_and_skip_empty_weeks(weeks) -> None:
    choices = build_week_choices(weeks, {"IQ": "Iraq (IQ)"})
    assert list(choices.values()) == [
        ("IQ", date(2024, 1, 15)),
        ("JO", date(2024, 1, 15)),
        ("IQ", date(2024, 1, 8)),
        ("SY", date(2024, 1, 8)),
        ("JO", date(2024, 1, 8)),
    ]
    assert next(iter(choices)) == "Week of 2024-01-15 · Iraq (IQ) · score 30.0 · stable"


def test_kpis_count_incidents_and_note_their_reports() -> None:
    numbers = {"articles": 2, "incidents": 1, "reports": 2, "attacks": 3}
    cards = build_kpi_cards(numbers)
    assert cards[1] == ("Incidents", 1, "from 2 reports")
    assert build_kpi_cards(numbers, "reports")[1] == ("Reports", 2, "of 1 incident")
    assert [card.label for card in build_kpi_cards({"articles": 2})] == [
        "Articles",
        "Places",
        "Attacks",
        "Injured",
        "Killed",
        "Actors",
    ]


@pytest.fixture
def incidents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "incident_id": ["i1", "i2"],
            "day": [date(2024, 1, 16), date(2023, 10, 23)],
            "day_end": [date(2024, 1, 18), None],
            "type": ["attack", "drone attack"],
            "location": ["Red Sea", "Erbil"],
            "country_code": [None, "IQ"],
            "lat": [20.0, 36.19],
            "lon": [38.0, 44.01],
            "location_precision": ["sea", "exact"],
            "date_precision": ["range", "day"],
            "report_count": [3, 1],
            "article_count": [2, 1],
            "attacks": [1, 3],
            "killed_low": [2, None],
            "killed_best": [3, None],
            "killed_high": [5, None],
            "injured_low": [5, 5],
            "injured_best": [5, 5],
            "injured_high": [5, 5],
            "sentence": ["The Houthis fired <b>two</b> missiles.", "Three drone attacks hit Erbil."],
        }
    )


def test_incidents_table_says_n_reports_and_the_figures_range(incidents) -> None:
    table = build_incidents_table(incidents).set_index("incident_id")
    assert table.loc["i1", "reports"] == "3 reports" and table.loc["i2", "reports"] == "1 report"
    assert table.loc["i1", "killed"] == "3 (2–5)" and table.loc["i2", "killed"] == ""
    assert table.loc["i1", "injured"] == "5"
    assert table.loc["i1", "when"] == "2024-01-16 – 2024-01-18" and table.loc["i2", "when"] == "2023-10-23"
    assert table.loc["i1", "precision"] == "sea (approximate)" and table.loc["i2", "precision"] == "site or city"
    assert table.loc["i1", "sentence"] == "The Houthis fired <b>two</b> missiles."


def test_drivers_show_each_incident_s_tension_score_first(incidents) -> None:
    table = build_incidents_table(incidents.assign(score=[12.26, 10.0]))
    assert list(table.columns[:3]) == ["incident_id", "score", "when"]
    assert table["score"].tolist() == [12.3, 10.0]


def test_empty_incidents_give_an_empty_table_with_its_columns(incidents) -> None:
    assert "reports" in build_incidents_table(incidents.iloc[0:0]).columns


def test_incident_label_names_when_what_where_and_reports(incidents) -> None:
    assert incident_label(incidents.iloc[0].to_dict()) == "2024-01-16 – 2024-01-18 · attack · Red Sea · 3 reports"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [((1, 1, 1), "1"), ((1, 2, 4), "2 (1–4)"), ((None, 7, None), "7"), ((None, None, None), "")],
)
def test_figure_range(arguments, expected) -> None:
    assert figure_range(*arguments) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2024, 3, 4), date(2024, 3, 10), "week", "2024-03-04 – 2024-03-10 (that week)"),
        (date(2024, 3, 1), date(2024, 3, 31), "month", "2024-03-01 – 2024-03-31 (that month)"),
        (date(2024, 3, 4), None, "day", "2024-03-04"),
        (date(2024, 3, 4), date(2024, 3, 6), "range", "2024-03-04 – 2024-03-06"),
        (None, None, "unknown", "undated"),
    ],
)
def test_dates_known_only_to_the_week_or_month_say_so(start, end, precision, expected) -> None:
    assert when_label(start, end, precision) == expected


def test_counts_and_spans_read_naturally() -> None:
    assert count_label(None, "report") == "0 reports"
    assert count_label(1200, "report") == "1,200 reports"
    assert date_span(None, None) == "undated"
    assert date_span(date(2024, 1, 1), date(2024, 1, 1)) == "2024-01-01"


def test_incident_reports_give_each_merge_reason_and_the_report_joined() -> None:
    detail = pd.DataFrame(
        {
            "report_key": ["a#0", "b#2"],
            "event_id": [1, 7],
            "article_id": ["a", "b"],
            "title": ["Drone attacks on Erbil", "Bases in Erbil hit"],
            "source": ["Wire", "Paper"],
            "published": [date(2023, 10, 23), date(2023, 10, 24)],
            "sentence": ["Three drone attacks hit Erbil.", "Drones struck bases in Erbil."],
            "killed": [0, 0],
            "injured": [5, 4],
            "count": [3, 2],
            "reason": [None, "same city, 1 day apart, same attacker"],
            "joined_key": [None, "a#0"],
        }
    )
    reports = build_incident_reports(detail)
    assert reports["report"].tolist() == [1, 2]
    assert reports["merged because"].tolist() == [FIRST_REPORT_REASON, "same city, 1 day apart, same attacker"]
    assert reports["joined to"].tolist() == ["", "Drone attacks on Erbil"]
    assert reports["attacks"].tolist() == [3, 2]
