"""A place's admin-1 region: found for towns, sites and regions with the real gazetteer, stored with the place and
read by the tension index's admin-1 level, on both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import update

from flashpoint.admin_areas import AdminAreas
from flashpoint.gazetteer import load_gazetteer
from flashpoint.ingest import refresh_saved_incidents
from flashpoint.model import Article, Location
from flashpoint.pipeline import Pipeline
from flashpoint.places import Geoparser
from flashpoint.query import Filters, tension_drivers, tension_weeks
from flashpoint.schema import INCIDENTS, PLACES
from flashpoint.store import Store
from flashpoint.store_incidents import rebuild_incidents
from flashpoint.store_place_regions import fill_place_regions, places_without_region

MOSUL_STRIKE = Article(
    title="Drone strike in Mosul",
    body="Two people were killed when a drone struck a checkpoint in Mosul on Monday, police said.",
    source="Wire",
    published=date(2024, 3, 6),
    filename="mosul.txt",
)


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser(load_gazetteer())


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def _location(geoparser: Geoparser, text: str, name: str) -> Location:
    found = {location.name: location for location in geoparser.parse(text)}
    assert name in found, f"{name!r} not among {sorted(found)}"
    return found[name]


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # A GeoNames town whose governorate ISO files under the Kurdistan Region: the governorate, not the region.
        ("Rockets hit Erbil overnight.", "Erbil", "Erbil"),
        ("A car bomb exploded in Mosul, Iraq.", "Mosul", "Nineveh"),
        ("Shelling was reported in Fallujah, Iraq.", "Fallujah", "Anbar"),
        # GeoNames gives all of Gaza one code; the nearest governorate sharing it is the town's own.
        ("Airstrikes hit Khan Yunis in Gaza.", "Khan Yunis", "Khan Yunis"),
        ("Israeli forces raided Jenin in the West Bank.", "Jenin", "Jenin"),
        ("A rocket landed in Kiryat Shmona, Israel.", "Kiryat Shmona", "Northern"),
        ("Drones were shot down over Homs, Syria.", "Homs", "Homs"),
    ],
)
def test_a_towns_location_carries_its_admin1_region(geoparser: Geoparser, text: str, name: str, admin1: str) -> None:
    assert _location(geoparser, text, name).admin1 == admin1


def test_a_governorate_named_in_the_text_is_the_same_region_as_its_towns(geoparser: Geoparser) -> None:
    text = "Clashes spread across Nineveh province, Iraq, after a car bomb in Mosul."
    governorate = _location(geoparser, text, "Nineveh Governorate")
    assert (governorate.kind, governorate.admin1) == ("region", "Nineveh")
    assert _location(geoparser, text, "Mosul").admin1 == governorate.admin1


def test_a_region_across_governorates_stands_for_itself(geoparser: Geoparser) -> None:
    assert _location(geoparser, "Fighting continued in the Gaza Strip.", "Gaza Strip").admin1 == "Gaza Strip"


def test_countries_and_seas_have_no_admin1(geoparser: Geoparser) -> None:
    locations = geoparser.parse("Iran seized a tanker in the Red Sea.")
    kinds = {location.kind: location.admin1 for location in locations}
    assert "country" in kinds and kinds["country"] is None
    assert all(admin1 is None for kind, admin1 in kinds.items() if kind not in ("city", "site", "region"))


@pytest.mark.parametrize("read_back", [True, False], ids=["reports-read-back", "reports-from-extractions"])
def test_an_attack_in_a_town_counts_in_its_regions_tension(store: Store, pipeline: Pipeline, read_back: bool) -> None:
    extraction = pipeline.extract(MOSUL_STRIKE)
    assert any(event.location == "Mosul" for event in extraction.events)
    saved = store.save(extraction)
    extractions = None if read_back else {saved.article_id: extraction}
    assert refresh_saved_incidents(store, [saved.article_id], extractions) is None

    weekly = tension_weeks(store, Filters(), level="admin1")
    nineveh = weekly[weekly["area"] == "Nineveh"]
    assert list(nineveh["country_code"]) == ["IQ"]
    assert int(nineveh["incidents"].sum()) == 1 and int(nineveh["killed"].sum()) == 2
    week = nineveh["week"].iloc[0]
    drivers = tension_drivers(store, Filters(), "Nineveh", week, level="admin1")
    assert list(drivers["location"]) == ["Mosul"]


def test_a_rebuild_keeps_the_towns_region(store: Store, pipeline: Pipeline) -> None:
    store.save(pipeline.extract(MOSUL_STRIKE))
    rebuild_incidents(store)
    weekly = tension_weeks(store, Filters(), level="admin1")
    assert set(weekly["area"]) == {"Nineveh"}


def test_places_stored_before_regions_existed_are_given_theirs_with_their_incidents(
    store: Store, pipeline: Pipeline, geoparser: Geoparser
) -> None:
    saved = store.save(pipeline.extract(MOSUL_STRIKE))
    assert refresh_saved_incidents(store, [saved.article_id]) is None
    # As a database upgraded from revision 0006 holds them: no place and no incident knows its region.
    with store.engine.begin() as connection:
        connection.execute(update(PLACES).values(admin1=None))
        connection.execute(update(INCIDENTS).values(admin1=None))
    assert tension_weeks(store, Filters(), level="admin1").empty
    assert places_without_region(store) >= 1

    filled = fill_place_regions(store, AdminAreas(geoparser.gazetteer))

    assert filled >= 1
    assert set(tension_weeks(store, Filters(), level="admin1")["area"]) == {"Nineveh"}
    # Countries stay without a region, and are not counted as still lacking one.
    assert places_without_region(store) == 0


def test_the_place_index_stores_each_places_region_worked_out_at_build(geoparser: Geoparser) -> None:
    gazetteer = geoparser.gazetteer
    in_iraq = [place for place in gazetteer.candidates("Mosul") if place.country_code == "IQ"]
    mosul = max(in_iraq, key=lambda place: place.population)
    iraq = gazetteer.country("IQ")
    assert mosul.region == "Nineveh"
    assert iraq is not None and iraq.region == ""
    # What the index stored is what the lazy path works out from the gazetteer itself.
    fresh = AdminAreas(gazetteer)
    assert fresh.admin1_of(mosul) == "Nineveh"
    assert fresh.admin1_of(replace(mosul, region=None)) == "Nineveh"
