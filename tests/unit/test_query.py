"""Queries behind the dashboard: filters narrow every aggregate, computed by the database."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from flashpoint.query import (
    Filters,
    actor_network,
    article_detail,
    articles_table,
    events_table,
    figures_table,
    filter_options,
    kpis,
    place_points,
    timeline,
)
from flashpoint.query_scope import side_by_side
from flashpoint.store import Store
from tests.conftest import build_extraction
from tests.unit.incident_rows import (
    HandIncident,
    event_id_with,
    fill_location_precisions,
    one_incident_per_event,
    write_incidents,
)

IRAQ = ("Iraq", "country", "IQ", 33.0, 44.0)
SYRIA = ("Syria", "country", "SY", 35.0, 38.0)
AL_TANF = ("al-Tanf", "site", "SY", 33.51, 38.67)
AIN_AL_ASAD = ("Ain al-Asad", "site", "IQ", 33.80, 42.44)
JORDAN = ("Jordan", "country", "JO", 31.0, 36.0)
TOWER_22 = ("Tower 22", "site", "JO", 33.33, 38.79)
RED_SEA = ("Red Sea", "water", None, 20.0, 38.0)
ISRAEL = ("Israel", "country", "IL", 31.5, 34.75)

WEEK_OF_ATTACKS = build_extraction(
    "Iran-backed militias launched at least 13 attacks on United States forces in Iraq and Syria in the past week. "
    "Strikes on al-Tanf and Ain al-Asad injured 20 American personnel. "
    "Iran supports Kataib Hezbollah, officials said.",
    title="Militias step up attacks on US bases",
    published=date(2023, 10, 25),
    places=(IRAQ, SYRIA, AL_TANF, AIN_AL_ASAD),
    actors=(("Iran-backed militias", "armed_group"), ("United States", "state"), ("Kataib Hezbollah", "armed_group")),
    links=(("Iran", "Kataib Hezbollah", "supports"), ("Iran-backed militias", "United States", "attacks")),
    figures=(("attacks", 13, "13 attacks"), ("injured", 20, "20")),
    events=(
        {
            "type": "attack",
            "date": date(2023, 10, 18),
            "date_end": date(2023, 10, 25),
            "location": "Iraq",
            "country_code": "IQ",
            "lat": 33.0,
            "lon": 44.0,
            "actors": ("Iran-backed militias",),
            "targets": ("United States",),
            "count": 13,
            "injured": 20,
            "evidence": "13 attacks",
        },
    ),
)
TOWER_22_DRONE = build_extraction(
    "A drone attack by Kataib Hezbollah on Tower 22 in Jordan killed three United States soldiers and injured 34.",
    title="Drone kills three US soldiers in Jordan",
    published=date(2024, 1, 29),
    places=(TOWER_22, JORDAN),
    actors=(("Kataib Hezbollah", "armed_group"), ("United States", "state")),
    links=(("Kataib Hezbollah", "United States", "attacks"),),
    figures=(("killed", 3, "three"), ("injured", 34, "34")),
    events=(
        {
            "type": "drone attack",
            "date": date(2024, 1, 28),
            "location": "Tower 22",
            "country_code": "JO",
            "lat": 33.33,
            "lon": 38.79,
            "actors": ("Kataib Hezbollah",),
            "targets": ("United States",),
            "count": 1,
            "injured": 34,
            "killed": 3,
            "evidence": "drone attack",
        },
    ),
)
RED_SEA_TANKER = build_extraction(
    "Houthis fired a missile at a tanker in the Red Sea. The United States said a warship intercepted two drones.",
    title="Houthi missile hits tanker",
    published=date(2023, 12, 10),
    places=(RED_SEA,),
    actors=(("Houthis", "armed_group"), ("United States", "state")),
    links=(("Houthis", "tanker", "attacks"),),
    events=(
        {"type": "missile strike", "location": "Red Sea", "lat": 20.0, "lon": 38.0, "actors": ("Houthis",),
         "evidence": "fired a missile"},
        {"type": "interception", "location": "Red Sea", "lat": 20.0, "lon": 38.0, "actors": ("United States",),
         "count": 2, "evidence": "intercepted"},
    ),
)  # fmt: skip
UNDATED_BORDER = build_extraction(
    "Hezbollah fired rockets at northern Israel, injuring 2 people.",
    title="Rockets from Lebanon",
    published=None,
    places=(ISRAEL,),
    actors=(("Hezbollah", "armed_group"), ("Israel", "state")),
    figures=(("injured", 2, "2 people"),),
    events=(
        {
            "type": "rocket attack",
            "date": date(2024, 2, 5),
            "location": "Israel",
            "country_code": "IL",
            "lat": 31.5,
            "lon": 34.75,
            "actors": ("Hezbollah",),
            "targets": ("Israel",),
            "injured": 2,
            "evidence": "fired rockets",
        },
    ),
)
CORPUS = (WEEK_OF_ATTACKS, TOWER_22_DRONE, RED_SEA_TANKER, UNDATED_BORDER)


TOWER_22_RETOLD = build_extraction(
    "The drone attack on Tower 22 killed three American troops and wounded more than 40, the Pentagon said.",
    title="Pentagon raises Tower 22 toll",
    published=date(2024, 1, 31),
    places=(TOWER_22,),
    actors=(("United States", "state"),),
    figures=(("killed", 3, "three"), ("injured", 40, "40")),
    # The same drone attack, told without its attacker and with a higher injured count.
    events=(
        {
            field: getattr(TOWER_22_DRONE.events[0], field)
            for field in ("type", "date", "location", "country_code", "lat", "lon", "targets", "count", "killed")
        }
        | {"injured": 40, "evidence": "drone attack on Tower 22"},
    ),
)


@pytest.fixture
def filled(store: Store) -> Store:
    """The corpus with every event an incident of its own: counting incidents or reports gives the same totals."""
    for extraction in CORPUS:
        store.save(extraction)
    fill_location_precisions(store)
    one_incident_per_event(store)
    return store


@pytest.fixture
def retold(store: Store) -> Store:
    """The corpus plus a second report of the Tower 22 drone attack, merged with the first into one incident whose
    best injured figure is the later report's 40 (34 to 40)."""
    for extraction in (*CORPUS, TOWER_22_RETOLD):
        store.save(extraction)
    fill_location_precisions(store)
    tower_reports = [event_id_with(store, "by Kataib Hezbollah on Tower 22"), event_id_with(store, "Pentagon said")]
    write_incidents(store, [HandIncident("tower22", tower_reports, 1, (3, 3, 3), (34, 40, 40))])
    one_incident_per_event(store)
    return store


def test_kpis_without_filters_add_up_every_attack_and_casualty(filled: Store) -> None:
    # 13 + the drone + the missile + the rockets; the interception of two drones is not an attack.
    assert kpis(filled, Filters()) == {
        "articles": 4,
        "places": 8,
        "attacks": 16,
        "injured": 56,
        "killed": 3,
        "actors": 6,
        "incidents": 5,
        "reports": 5,
    }


def test_actor_filter_drops_counts_to_events_where_the_actor_attacks_or_is_targeted(filled: Store) -> None:
    numbers = kpis(filled, Filters(actors=("Kataib Hezbollah",)))
    assert (numbers["attacks"], numbers["injured"], numbers["killed"]) == (1, 34, 3)
    # The first article names Kataib Hezbollah without an event of its own; it still counts as an article.
    assert numbers["articles"] == 2
    as_target = kpis(filled, Filters(actors=("Israel",)))
    assert (as_target["attacks"], as_target["injured"]) == (1, 2)


def test_date_filter_excludes_out_of_range_events_and_articles(filled: Store) -> None:
    january = Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31))
    numbers = kpis(filled, january)
    assert (numbers["articles"], numbers["attacks"], numbers["killed"]) == (1, 1, 3)
    assert set(articles_table(filled, january)["title"]) == {"Drone kills three US soldiers in Jordan"}


@pytest.mark.parametrize(
    ("filters", "articles", "places", "actors"),
    [
        (Filters(countries=("jo",)), 1, 2, 2),
        (Filters(actors=("Kataib Hezbollah",)), 2, 6, 3),
        (Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31)), 1, 2, 2),
        (Filters(event_types=("interception",)), 1, 1, 2),
        (Filters(text="tanker"), 1, 1, 2),
    ],
)
def test_filtered_kpis_count_the_places_and_actors_of_matching_articles_once(
    filled: Store, filters: Filters, articles: int, places: int, actors: int
) -> None:
    numbers = kpis(filled, filters)
    assert (numbers["articles"], numbers["places"], numbers["actors"]) == (articles, places, actors)
    # The map's per-place article counts come from another query; every place counted has a matching article.
    assert (place_points(filled, filters)["articles"] > 0).sum() == places


def test_date_filter_falls_back_to_the_published_date_for_undated_events(filled: Store) -> None:
    december = Filters(date_from=date(2023, 12, 1), date_to=date(2023, 12, 31))
    assert set(events_table(filled, december)["type"]) == {"missile strike", "interception"}


def test_undated_article_is_found_through_its_event_date(filled: Store) -> None:
    february = Filters(date_from=date(2024, 2, 1))
    assert list(articles_table(filled, february)["title"]) == ["Rockets from Lebanon"]


def test_country_filter_keeps_that_countrys_events_and_places(filled: Store) -> None:
    jordan = Filters(countries=("jo",))
    assert kpis(filled, jordan)["attacks"] == 1
    points = place_points(filled, jordan)
    assert set(points["place"]) == {"Tower 22", "Jordan"}


@pytest.mark.parametrize("text", ["tanker", "TANKER", "Houthi missile"])
def test_text_search_is_case_insensitive_over_title_and_body(filled: Store, text: str) -> None:
    assert list(articles_table(filled, Filters(text=text))["title"]) == ["Houthi missile hits tanker"]


@pytest.mark.parametrize("text", ["%", "_", "' OR 1=1 --"])
def test_text_search_treats_wildcards_and_quotes_as_plain_characters(filled: Store, text: str) -> None:
    assert articles_table(filled, Filters(text=text)).empty


def test_actor_filter_value_is_bound_not_spliced_into_sql(filled: Store) -> None:
    assert kpis(filled, Filters(actors=("x') OR 1=1 --",)))["attacks"] == 0


def test_place_points_carry_attack_counts_actors_and_the_strongest_evidence(filled: Store) -> None:
    points = place_points(filled, Filters()).set_index("place")
    tower = points.loc["Tower 22"]
    assert (tower["attacks"], tower["injured"], tower["killed"]) == (1, 34, 3)
    assert tower["actors"] == "Kataib Hezbollah"
    assert "Tower 22" in tower["evidence"]
    red_sea = points.loc["Red Sea"]
    assert red_sea["attacks"] == 1 and red_sea["evidence"].startswith("Houthis fired")
    assert points.loc["al-Tanf", "mentions"] == 1 and points.loc["al-Tanf", "attacks"] == 0


def test_summed_counts_arrive_as_integers_on_every_database(filled: Store) -> None:
    points = place_points(filled, Filters())
    weeks = timeline(filled, Filters(), "week")
    summed = [*points[["attacks", "injured", "killed", "mentions"]].to_numpy().ravel()]
    summed += [*weeks[["attacks", "injured", "killed"]].to_numpy().ravel()]
    assert all(isinstance(value, int | np.integer) for value in summed)


def test_side_by_side_runs_the_first_query_on_another_thread_only_when_the_pool_has_separate_connections(
    tmp_path: Path,
) -> None:
    def thread_of_first(store: Store) -> bool:
        first_thread, second_thread = side_by_side(store, threading.get_ident, threading.get_ident)
        return first_thread != second_thread

    assert thread_of_first(Store(f"sqlite:///{tmp_path / 'file.db'}"))
    # An in-memory database exists once per connection: another thread would see an empty one.
    in_memory = Store("sqlite://")
    assert not thread_of_first(in_memory)
    in_memory.create_schema()
    for extraction in CORPUS:
        in_memory.save(extraction)
    one_incident_per_event(in_memory)
    assert kpis(in_memory, Filters(countries=("jo",)))["attacks"] == 1
    assert set(place_points(in_memory, Filters(countries=("jo",)))["place"]) == {"Tower 22", "Jordan"}


def test_events_table_is_newest_first_with_names_joined(filled: Store) -> None:
    table = events_table(filled, Filters())
    assert list(table["date"]) == sorted(table["date"], reverse=True)
    assert table.iloc[0]["actors"] == "Hezbollah"
    assert len(events_table(filled, Filters(), limit=2)) == 2


def test_weekly_timeline_groups_by_the_monday_of_each_week(filled: Store) -> None:
    weekly = timeline(filled, Filters(), freq="week")
    tower_week = weekly[weekly["period"] == pd.Timestamp("2024-01-22")]
    assert tower_week[["attacks", "injured", "killed"]].values.tolist() == [[1, 34, 3]]
    assert set(weekly["group"]) == {"all"}


def test_timeline_by_actor_splits_counts_per_attacker(filled: Store) -> None:
    by_actor = timeline(filled, Filters(), freq="day", by="actor").set_index("group")
    assert by_actor.loc["Iran-backed militias", "attacks"] == 13
    assert by_actor.loc["Houthis", "attacks"] == 1


def test_timeline_by_country_labels_seas_with_an_empty_code(filled: Store) -> None:
    by_country = timeline(filled, Filters(), by="country")
    assert set(by_country["group"]) == {"IQ", "JO", "", "IL"}


def test_timeline_rejects_an_unknown_frequency(filled: Store) -> None:
    with pytest.raises(ValueError, match="freq"):
        timeline(filled, Filters(), freq="month")  # type: ignore[arg-type]


def test_actor_network_weights_repeated_links_and_follows_the_actor_filter(filled: Store) -> None:
    network = actor_network(filled, Filters())
    attacks_on_us = network[(network["target"] == "United States") & (network["relation"] == "attacks")]
    assert set(attacks_on_us["source"]) == {"Iran-backed militias", "Kataib Hezbollah"}
    narrowed = actor_network(filled, Filters(actors=("Houthis",)))
    assert narrowed[["source", "target", "relation", "weight"]].values.tolist() == [["Houthis", "tanker", "attacks", 1]]


def test_figures_table_lists_figures_of_matching_articles(filled: Store) -> None:
    figures = figures_table(filled, Filters(actors=("Hezbollah",)))
    assert figures[["kind", "value"]].values.tolist() == [["injured", 2]]


def test_articles_table_counts_what_each_article_yielded(filled: Store) -> None:
    row = articles_table(filled, Filters()).set_index("title").loc["Militias step up attacks on US bases"]
    assert (row["places"], row["actors"], row["figures"], row["events"]) == (4, 3, 2, 1)


def test_article_detail_spans_point_at_the_named_words(filled: Store) -> None:
    article_id = articles_table(filled, Filters(text="Tower 22"))["id"].iloc[0]
    detail = article_detail(filled, article_id)
    assert detail is not None
    for frame, column in ((detail.mentions, "place"), (detail.actors, "name")):
        for record in frame.to_dict("records"):
            assert detail.text[record["start"] : record["end"]] == record[column]
    figure = detail.figures.iloc[0]
    assert detail.text[figure["start"] : figure["end"]] == figure["text"]
    assert detail.events.iloc[0]["actors"] == "Kataib Hezbollah"


def test_article_detail_of_an_unknown_id_is_none(filled: Store) -> None:
    assert article_detail(filled, "0" * 64) is None


def test_filter_options_list_stored_values_and_the_date_range(filled: Store) -> None:
    options = filter_options(filled)
    assert "Kataib Hezbollah" in options.actors and "Houthis" in options.actors
    assert options.countries == ("IL", "IQ", "JO", "SY")
    assert "interception" in options.event_types
    assert (options.date_min, options.date_max) == (date(2023, 10, 18), date(2024, 2, 5))


def test_queries_on_an_empty_store_return_empty_frames_with_columns(store: Store) -> None:
    assert kpis(store, Filters())["attacks"] == 0
    columns = ["period", "group", "attacks", "injured", "killed", "incidents", "reports"]
    assert list(timeline(store, Filters()).columns) == columns
    assert {"place", "lat", "lon", "attacks", "evidence"} <= set(place_points(store, Filters()).columns)
    assert filter_options(store).date_min is None


def test_kpis_count_an_incident_told_twice_once_with_its_best_figures(retold: Store) -> None:
    numbers = kpis(retold, Filters())
    # The drone attack adds its best 40 injured once; the other incidents add what their one report says.
    assert (numbers["incidents"], numbers["reports"]) == (5, 6)
    assert (numbers["attacks"], numbers["injured"], numbers["killed"]) == (16, 20 + 40 + 2, 3)


def test_kpis_counting_reports_add_up_every_report(retold: Store) -> None:
    numbers = kpis(retold, Filters(count_by="reports"))
    assert (numbers["attacks"], numbers["injured"], numbers["killed"]) == (17, 20 + 34 + 40 + 2, 6)
    assert (numbers["incidents"], numbers["reports"]) == (5, 6)


def test_place_points_put_each_incident_once_at_its_lead_reports_place(retold: Store) -> None:
    by_incident = place_points(retold, Filters()).set_index("place").loc["Tower 22"]
    assert by_incident[["attacks", "injured", "killed", "incidents", "reports"]].tolist() == [1, 40, 3, 1, 2]
    by_report = place_points(retold, Filters(count_by="reports")).set_index("place").loc["Tower 22"]
    assert by_report[["attacks", "injured", "killed", "incidents", "reports"]].tolist() == [2, 74, 6, 1, 2]
    assert by_incident["precision"] == "exact"


def test_timeline_counts_incidents_in_their_lead_reports_week(retold: Store) -> None:
    weekly = timeline(retold, Filters(), freq="week").set_index("period")
    tower_week = weekly.loc[pd.Timestamp("2024-01-22")]
    assert tower_week[["attacks", "injured", "killed", "incidents", "reports"]].tolist() == [1, 40, 3, 1, 2]
    by_report = timeline(retold, Filters(count_by="reports"), freq="week").set_index("period")
    assert by_report.loc[pd.Timestamp("2024-01-22"), "injured"] == 74


def test_timeline_by_actor_gives_an_incident_to_its_lead_reports_attacker(retold: Store) -> None:
    by_actor = timeline(retold, Filters(), by="actor").groupby("group")[["injured", "reports"]].sum()
    # The retelling names no attacker: its report is unattributed and adds nothing to the incident's totals.
    assert by_actor.loc["Kataib Hezbollah"].tolist() == [40, 1]
    assert by_actor.loc["unattributed"].tolist() == [0, 1]


@pytest.mark.parametrize(
    ("precision", "places", "attacks"),
    [
        # Sites only: the Tower 22 drone attack; the bases named in the first article have no event.
        ("exact", {"al-Tanf", "Ain al-Asad", "Tower 22"}, 1),
        ("admin1", {"al-Tanf", "Ain al-Asad", "Tower 22"}, 1),
        # Countries too: the week of attacks in Iraq and the rockets on Israel; the Red Sea is coarser still.
        ("country", {"al-Tanf", "Ain al-Asad", "Tower 22", "Iraq", "Syria", "Jordan", "Israel"}, 15),
        ("sea", {"al-Tanf", "Ain al-Asad", "Tower 22", "Iraq", "Syria", "Jordan", "Israel", "Red Sea"}, 16),
    ],
)
def test_precision_filter_keeps_places_and_events_as_precise_as_asked(
    filled: Store, precision: str, places: set[str], attacks: int
) -> None:
    filters = Filters(precision=precision)
    points = place_points(filled, filters)
    assert set(points["place"]) == places
    numbers = kpis(filled, filters)
    assert (numbers["places"], numbers["attacks"]) == (len(places), attacks)
    # Every article still counts: an article has no precision, only its places and events do.
    assert numbers["articles"] == 4
    assert int(timeline(filled, filters)["attacks"].sum()) == attacks


def test_precision_filter_also_narrows_a_filtered_view(filled: Store) -> None:
    filters = Filters(countries=("JO",), precision="exact")
    assert set(place_points(filled, filters)["place"]) == {"Tower 22"}
    assert kpis(filled, filters)["places"] == 1
    assert set(events_table(filled, filters)["location"]) == {"Tower 22"}
    assert set(timeline(filled, filters, by="actor")["group"]) == {"Kataib Hezbollah"}
