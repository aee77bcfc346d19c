"""The external layer builder: one layer's cells as filled points or hollow rings, with plain-text tooltips."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.external_layer import (
    POINT_COLUMNS,
    build_external_layers,
    event_radius,
    prepare_external_points,
    toggle_label,
)


def cell(layer: str = "acled", events: int = 1, approximate: int = 0, **fields: object) -> dict[str, object]:
    values: dict[str, object] = {
        "layer": layer, "lat": 33.3, "lon": 38.7, "events": events, "fatalities": 3, "approximate_events": approximate,
        "location": "Tower 22", "places": 1, "country_code": "JO", "first_day": date(2024, 1, 28),
        "last_day": date(2024, 1, 28), "cell_degrees": 0.05,
    }  # fmt: skip
    return values | fields


def points(*cells: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(cells), columns=list(POINT_COLUMNS))


def test_cells_with_an_exact_event_are_points_and_the_rest_rings() -> None:
    layers = build_external_layers(points(cell(), cell(events=4, approximate=4, lat=31.0, lon=36.0)), "acled")
    by_id = {layer.id: layer for layer in layers}
    assert set(by_id) == {"external-acled", "external-acled-approximate"}
    assert by_id["external-acled-approximate"].filled is False
    assert len(by_id["external-acled"].data) == 1 and len(by_id["external-acled-approximate"].data) == 1


def test_only_the_asked_layer_is_drawn() -> None:
    layers = build_external_layers(points(cell(layer="gdelt"), cell()), "gdelt")
    assert [layer.id for layer in layers] == ["external-gdelt"]
    assert build_external_layers(points(), "acled") == []


def test_tooltip_counts_events_dates_and_approximate_share_with_names_as_written() -> None:
    gathered = cell(
        events=12, approximate=5, places=3, location="<b>Qaim</b>", last_day=date(2024, 2, 2), cell_degrees=0.25
    )
    (tooltip,) = prepare_external_points(points(gathered), "acled")["tooltip"]
    # Plain text: the map shows tooltips as text, so the tags are letters, not markup.
    assert tooltip.split("\n")[0] == "ACLED · <b>Qaim</b> and 2 other places (JO)"
    assert "12 events · fatalities 3" in tooltip and "2024-01-28 to 2024-02-02" in tooltip
    assert "approximate: 5 of 12" in tooltip and "gathered within about 28 km" in tooltip


def test_a_single_precise_event_says_nothing_about_approximation() -> None:
    (tooltip,) = prepare_external_points(points(cell()), "acled")["tooltip"]
    assert "1 event · fatalities 3" in tooltip and "approximate" not in tooltip and "gathered" not in tooltip


def test_a_cell_without_a_place_name_or_country_says_so() -> None:
    (tooltip,) = prepare_external_points(points(cell(location=None, country_code=float("nan"))), "acled")["tooltip"]
    assert tooltip.startswith("ACLED · an unnamed place\n")


def test_radius_grows_with_events_and_is_capped() -> None:
    assert event_radius(1) < event_radius(100) < event_radius(10**9) == event_radius(10**12)


def test_toggle_label_names_the_dataset_and_its_size() -> None:
    assert toggle_label("gdelt", 12345) == "GDELT (12,345 events)"
    assert toggle_label("acled", 1) == "ACLED (1 event)"


def test_the_builder_reads_the_columns_the_query_sends() -> None:
    from flashpoint.query_external import POINT_COLUMNS as QUERY_POINT_COLUMNS

    assert POINT_COLUMNS == QUERY_POINT_COLUMNS
