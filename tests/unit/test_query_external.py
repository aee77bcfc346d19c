"""External layers on the map: filtered like our events, gathered into few grid cells that keep every count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.filters import Filters
from flashpoint.interop_gdelt import GDELT_COLUMNS
from flashpoint.query_external import external_events, external_points, layer_summaries
from flashpoint.store import Store
from flashpoint.store_external import import_layer

DATA = Path(__file__).parent.parent / "data"
BOTH = ("acled", "gdelt")


def gdelt_line(
    event_id: int, lat: float, lon: float, day: str = "20240210", code: str = "190", geo_type: str = "4"
) -> str:
    """A GDELT 2.0 event row with the fields the importer reads; the rest empty."""
    values = {
        "GLOBALEVENTID": str(event_id),
        "SQLDATE": day,
        "Actor1Name": "ISLAMIC STATE",
        "EventCode": code,
        "GoldsteinScale": "-10",
        "NumMentions": "3",
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": f"Place {event_id}",
        "ActionGeo_CountryCode": "IZ",
        "ActionGeo_Lat": f"{lat:.4f}",
        "ActionGeo_Long": f"{lon:.4f}",
        "SOURCEURL": f"https://example.org/{event_id}",
    }
    return "\t".join(values.get(column, "") for column in GDELT_COLUMNS)


@pytest.fixture
def layers(store: Store) -> Store:
    """The ACLED and GDELT samples imported: four events each, Jordan, Iran, Yemen/Red Sea, Gaza / Syria."""
    import_layer(store, DATA / "acled_sample.csv", "acled")
    import_layer(store, DATA / "gdelt_sample.tsv", "gdelt")
    return store


def located(points) -> set[tuple[str, str]]:
    return {(row.layer, row.location) for row in points.itertuples()}


def test_every_event_is_a_point_when_the_layers_are_small(layers: Store) -> None:
    points = external_points(layers, Filters(), BOTH)
    assert len(points) == 8 and points["events"].sum() == 8
    tower = points[points["location"] == "Tower 22"].iloc[0]
    assert (tower["fatalities"], tower["approximate_events"], tower["first_day"]) == (3, 0, date(2024, 1, 28))
    assert (round(tower["lat"], 3), round(tower["lon"], 3)) == (33.318, 38.692)
    # ACLED geo_precision 2 ("near Khan Younis") is approximate, as the map draws our own places.
    assert points[points["location"] == "Khan Younis"].iloc[0]["approximate_events"] == 1


def test_only_the_asked_layers_are_returned(layers: Store) -> None:
    assert set(external_points(layers, Filters(), ["gdelt"])["layer"]) == {"gdelt"}
    assert external_points(layers, Filters(), []).empty


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(date_from=date(2024, 1, 20), date_to=date(2024, 1, 31)),
         {("acled", "Tower 22"), ("acled", "Khan Younis"), ("gdelt", "Jordan")}),
        (Filters(countries=("IR",)), {("acled", "Kerman"), ("gdelt", "Kerman, Kerman, Iran")}),
        (Filters(event_types=("bombing",)), {("acled", "Kerman"), ("gdelt", "Kerman, Kerman, Iran")}),
        # ACLED's "Military Forces of the United States (2021-)" and GDELT's "UNITED STATES" are our United States.
        (Filters(actors=("United States",)), {("acled", "Tower 22"), ("gdelt", "Jordan")}),
        (Filters(actors=("Israel",)), {("acled", "Khan Younis")}),
        (Filters(actors=("Kataib Hezbollah",)), {("acled", "Tower 22")}),
        (Filters(actors=("United Nations",)), {("acled", "Khan Younis")}),
        (Filters(text="SHELTER"), {("acled", "Khan Younis")}),
        (Filters(text="kerman-blasts"), {("gdelt", "Kerman, Kerman, Iran")}),
    ],
)  # fmt: skip
def test_filters_select_external_events_as_they_select_ours(layers: Store, filters: Filters, expected: set) -> None:
    assert located(external_points(layers, filters, BOTH)) == expected
    assert located(external_events(layers, filters, BOTH)) == expected


def test_an_actor_name_is_not_matched_inside_another(layers: Store) -> None:
    assert external_points(layers, Filters(actors=("Islamic State (Iran) Ltd",)), BOTH).empty
    assert external_points(layers, Filters(actors=("Iraq",)), ["acled"]).empty


def test_the_precision_filter_drops_events_placed_only_by_region_or_country(layers: Store) -> None:
    kept = located(external_points(layers, Filters(precision="near"), BOTH))
    assert kept == {
        ("acled", "Tower 22"),
        ("acled", "Kerman"),
        ("acled", "Khan Younis"),
        ("gdelt", "Kerman, Kerman, Iran"),
        ("gdelt", "Damascus, Dimashq, Syria"),
    }
    assert ("gdelt", "Jordan") in located(external_points(layers, Filters(precision="country"), BOTH))


def test_a_busy_layer_is_gathered_into_coarser_cells_keeping_every_count(store: Store) -> None:
    # 20 events 0.1 degree apart along a parallel: 20 cells of 1/20 degree, 9 of 1/4 degree.
    lines = [gdelt_line(index, 33.0, 40.0 + index * 0.1, geo_type="1" if index % 2 else "4") for index in range(20)]
    import_layer(store, "\n".join(lines).encode(), "gdelt", "day.tsv")
    assert len(external_points(store, Filters(), ["gdelt"], limit=20)) == 20
    points = external_points(store, Filters(), ["gdelt"], limit=12)
    assert len(points) == 9 and set(points["cell_degrees"]) == {0.25}
    assert points["events"].sum() == 20 and points["approximate_events"].sum() == 10
    assert points["places"].sum() == 20


def test_past_the_coarsest_grid_the_busiest_cells_are_kept(store: Store) -> None:
    lines = [gdelt_line(index, 30.0 + index, 40.0) for index in range(6)]
    lines += [gdelt_line(100 + index, 35.0, 40.0) for index in range(3)]
    import_layer(store, "\n".join(lines).encode(), "gdelt", "day.tsv")
    points = external_points(store, Filters(), ["gdelt"], limit=2)
    assert list(points["events"]) == [4, 1]
    assert points.iloc[0]["lat"] == pytest.approx(35.0)


def test_events_without_coordinates_are_listed_but_not_drawn(store: Store) -> None:
    line = gdelt_line(7, 0.0, 0.0).replace("\t0.0000\t0.0000\t", "\t\t\t")
    import_layer(store, line.encode(), "gdelt", "day.tsv")
    assert external_points(store, Filters(), ["gdelt"]).empty
    assert list(external_events(store, Filters(), ["gdelt"])["external_id"]) == ["7"]


def test_layer_summaries_give_counts_and_date_ranges(layers: Store) -> None:
    summaries = layer_summaries(layers).set_index("layer")
    assert summaries.loc["acled", "events"] == 4
    assert (summaries.loc["gdelt", "first_day"], summaries.loc["gdelt", "last_day"]) == (
        date(2023, 11, 19),
        date(2024, 4, 1),
    )
