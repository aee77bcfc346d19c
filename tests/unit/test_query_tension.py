"""The tension index computed by the database, on the small incident corpus worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from flashpoint.query import Filters, tension_drivers, tension_latest, tension_weeks
from flashpoint.store import Store
from flashpoint.store_incident_reads import iter_incidents
from flashpoint.store_incidents import rebuild_incidents
from flashpoint.tension import tension_index
from tests.unit.incident_corpus import ARTICLES, W0, W1, W2, W3, W4, store_incident_corpus


@pytest.fixture
def incidents(store: Store) -> Store:
    return store_incident_corpus(store)


def _rows(store: Store, filters: Filters, area: str, level: str = "country") -> list[tuple]:
    weekly = tension_weeks(store, filters, level)
    found = weekly[weekly["area"] == area]
    return [
        (row.week, row.score, row.incidents, row.killed, row.injured, row.baseline, row.level)
        for row in found.itertuples()
    ]


def test_a_countrys_weeks_run_from_its_first_incident_to_the_latest_week_anywhere(incidents: Store) -> None:
    assert _rows(incidents, Filters(), "IQ") == [
        # Ramadi, told twice, counts once with its best toll: 10 + 2 * 3 + 0.5 * 4.
        (W0, 18.0, 1, 3, 4, 0.0, "large increase"),
        # Quiet week against (18 + 0 + 0 + 0) / 4.
        (W1, 0.0, 0, 0, 0, 4.5, "large decrease"),
        # The threat: 4 against 4.5 is -11%.
        (W2, 4.0, 1, 0, 0, 4.5, "moderate decrease"),
        (W3, 0.0, 0, 0, 0, 5.5, "large decrease"),
        # Fallujah 10 + 2 * 10 and the airport shelling 5 (a type without a weight of its own).
        (W4, 35.0, 2, 10, 0, 5.5, "large increase"),
    ]


def test_change_is_relative_to_the_baseline_and_undefined_without_one(incidents: Store) -> None:
    weekly = tension_weeks(incidents, Filters()).set_index(["area", "week"])
    assert weekly.loc[("IQ", W4), "change"] == pytest.approx((35 - 5.5) / 5.5)
    assert weekly.loc[("IQ", W2), "change"] == pytest.approx((4 - 4.5) / 4.5)
    assert pd.isna(weekly.loc[("IQ", W0), "change"])


def test_a_sea_is_its_own_area_without_a_country(incidents: Store) -> None:
    assert _rows(incidents, Filters(), "Red Sea") == [
        (W3, 10.0, 1, 0, 0, 0.0, "large increase"),
        (W4, 0.0, 0, 0, 0, 2.5, "large decrease"),
    ]
    weekly = tension_weeks(incidents, Filters())
    assert weekly[weekly["area"] == "Red Sea"]["country_code"].isna().all()


def test_admin1_rows_name_the_region_with_its_country(incidents: Store) -> None:
    weekly = tension_weeks(incidents, Filters(), level="admin1")
    assert weekly[["area", "country_code", "week", "score", "level"]].values.tolist() == [
        ["Anbar", "IQ", W4, 30.0, "large increase"]
    ]


def test_filters_narrow_the_incidents_and_the_last_week(incidents: Store) -> None:
    early = Filters(date_to=date(2024, 1, 20))
    assert [row[:2] for row in _rows(incidents, early, "IQ")] == [(W0, 18.0), (W1, 0.0), (W2, 4.0)]
    assert set(tension_weeks(incidents, early)["area"]) == {"IQ"}
    # The sea is coarser than a country: asking for country precision or better leaves it out.
    assert "Red Sea" not in set(tension_weeks(incidents, Filters(precision="country"))["area"])
    assert tension_weeks(incidents, Filters(countries=("SY",)))["area"].tolist() == ["SY"]


def test_latest_gives_each_area_its_row_for_the_latest_week(incidents: Store) -> None:
    latest = tension_latest(incidents, Filters())
    assert latest[["area", "week", "score", "level"]].values.tolist() == [
        ["IQ", W4, 35.0, "large increase"],
        ["Red Sea", W4, 0.0, "large decrease"],
        ["SY", W4, 11.0, "large increase"],
    ]


def test_drivers_are_the_weeks_incidents_heaviest_first(incidents: Store) -> None:
    drivers = tension_drivers(incidents, Filters(), "IQ", W4)
    assert drivers[["incident_id", "score"]].values.tolist() == [["fallujah", 30.0], ["airport", 5.0]]
    assert (
        drivers["score"].sum()
        == tension_weeks(incidents, Filters()).set_index(["area", "week"]).loc[("IQ", W4)]["score"]
    )
    assert tension_drivers(incidents, Filters(), "Red Sea", W3)["incident_id"].tolist() == ["red_sea"]
    assert tension_drivers(incidents, Filters(), "Anbar", W4, level="admin1")["incident_id"].tolist() == ["fallujah"]
    assert tension_drivers(incidents, Filters(), "IQ", W1).empty


def test_an_unknown_level_is_refused(incidents: Store) -> None:
    with pytest.raises(ValueError, match="level"):
        tension_weeks(incidents, Filters(), level="province")


def test_an_empty_store_has_no_tension_rows(store: Store) -> None:
    assert tension_weeks(store, Filters()).empty
    assert tension_latest(store, Filters()).empty
    assert list(tension_weeks(store, Filters(), level="admin1").columns)[:3] == ["area", "country_code", "week"]


def test_database_scores_agree_with_the_index_computed_from_incident_objects(store: Store) -> None:
    for extraction in ARTICLES:
        store.save(extraction)
    rebuild_incidents(store)
    computed = {
        (row.area, row.week_start): (row.score, row.incidents, row.baseline, row.level)
        for row in tension_index(iter_incidents(store))
        if row.admin1 is None
    }
    weekly = tension_weeks(store, Filters())
    from_database = {
        (row.area, row.week): (row.score, row.incidents, row.baseline, row.level) for row in weekly.itertuples()
    }
    assert from_database == computed
