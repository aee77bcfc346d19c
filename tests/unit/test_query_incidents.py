"""The incidents table and one incident's reports: filtered by their lead report, counted as the Overview counts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from flashpoint.query import Filters, incident_detail, incidents_table, kpis
from flashpoint.store import Store
from flashpoint.store_incident_reads import iter_incidents
from flashpoint.store_incidents import rebuild_incidents
from tests.unit.incident_corpus import ARTICLES, store_incident_corpus


@pytest.fixture
def incidents(store: Store) -> Store:
    return store_incident_corpus(store)


def test_incidents_table_lists_each_incident_once_newest_first_with_its_rollups(incidents: Store) -> None:
    table = incidents_table(incidents, Filters())
    assert list(table["incident_id"]) == ["airport", "deir", "fallujah", "red_sea", "baghdad", "ramadi"]
    ramadi = table.set_index("incident_id").loc["ramadi"]
    assert (ramadi["report_count"], ramadi["article_count"]) == (2, 2)
    assert [ramadi[f"killed_{bound}"] for bound in ("low", "best", "high")] == [2, 3, 3]
    assert (ramadi["location"], ramadi["location_precision"], ramadi["date_precision"]) == ("Ramadi", "exact", "day")
    # A figure no report states stays missing rather than becoming zero.
    assert pd.isna(table.set_index("incident_id").loc["baghdad", "killed_best"])
    assert len(incidents_table(incidents, Filters(), limit=2)) == 2


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(countries=("IQ",)), {"airport", "fallujah", "baghdad", "ramadi"}),
        (Filters(actors=("Houthis",)), {"red_sea"}),
        (Filters(date_from=date(2024, 1, 20), date_to=date(2024, 1, 29)), {"red_sea", "fallujah"}),
        (Filters(event_types=("airstrike", "clash")), {"ramadi", "deir"}),
        # Every place is a city but the Red Sea.
        (Filters(precision="country"), {"airport", "deir", "fallujah", "baghdad", "ramadi"}),
        (Filters(precision="sea"), {"airport", "deir", "fallujah", "red_sea", "baghdad", "ramadi"}),
        (Filters(text="toll rises"), set()),
    ],
)
def test_incidents_table_follows_the_filters_as_the_headline_numbers_do(
    incidents: Store, filters: Filters, expected: set[str]
) -> None:
    table = incidents_table(incidents, filters)
    assert set(table["incident_id"]) == expected
    assert kpis(incidents, filters)["incidents"] == len(expected)


def test_an_incident_matches_through_its_lead_report_only(incidents: Store) -> None:
    # "toll rises" is the second Ramadi report's title: that report carries none of the incident's totals.
    assert kpis(incidents, Filters(text="Airstrike on Ramadi"))["incidents"] == 1
    assert list(incidents_table(incidents, Filters(text="Airstrike on Ramadi"))["incident_id"]) == ["ramadi"]


def test_incident_detail_lists_every_report_with_the_reason_it_was_merged(incidents: Store) -> None:
    reports = incident_detail(incidents, "ramadi")
    assert list(reports["title"]) == ["Airstrike on Ramadi", "Ramadi toll rises"]
    assert list(reports["killed"]) == [2, 3]
    first, second = reports.to_dict("records")
    assert pd.isna(first["joined_key"]) and pd.isna(first["reason"])
    assert second["joined_key"] == first["report_key"] and second["reason"] == "same place, same day"
    assert first["report_key"] == f"{first['article_id']}#0"


def test_incident_detail_of_an_unknown_incident_is_empty(incidents: Store) -> None:
    assert incident_detail(incidents, "nope").empty


def test_headline_totals_equal_the_incidents_best_estimates_after_merging_reports(store: Store) -> None:
    for extraction in ARTICLES:
        store.save(extraction)
    rebuild_incidents(store)
    table = incidents_table(store, Filters())
    numbers = kpis(store, Filters())
    assert numbers["incidents"] == len(table) == len(list(iter_incidents(store)))
    assert numbers["killed"] == table["killed_best"].fillna(0).sum()
    assert numbers["injured"] == table["injured_best"].fillna(0).sum()
    assert numbers["attacks"] == table["attacks"].sum()
    # The two Ramadi reports are one incident: its best toll counts once, not 2 + 3.
    ramadi = table[table["location"] == "Ramadi"]
    assert ramadi[["report_count", "killed_best"]].values.tolist() == [[2, 3]]
    assert kpis(store, Filters(count_by="reports"))["killed"] == 2 + 3 + 10
