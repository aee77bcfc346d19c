"""Tests for ACLED / GDELT import and for exporting incidents as ACLED CSV, GeoJSON and JSON Lines."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from flashpoint.incident_export import geojson, write_geojson, write_jsonl
from flashpoint.incidents import EventReport, merge_incidents
from flashpoint.interop_acled import ACLED_COLUMNS, read_acled_csv, write_acled_csv
from flashpoint.interop_gdelt import GDELT_COLUMNS, read_gdelt_events
from flashpoint.interop_records import InteropError
from flashpoint.model import Event, Figure, Span

DATA = Path(__file__).parent.parent / "data"


def _acled() -> tuple:
    with (DATA / "acled_sample.csv").open(encoding="utf-8", newline="") as stream:
        return read_acled_csv(stream, "acled_sample.csv")


def _gdelt() -> tuple:
    with (DATA / "gdelt_sample.tsv").open(encoding="utf-8", newline="") as stream:
        return read_gdelt_events(stream, "gdelt_sample.tsv")


def test_acled_rows_map_to_our_vocabulary_and_keep_their_labels() -> None:
    tower, kerman, galaxy, shelter = _acled()
    assert (tower.type, tower.country_code, tower.date, tower.fatalities) == ("airstrike", "JO", date(2024, 1, 28), 3)
    assert tower.associated_actors == ("Kataib Hezbollah",)
    assert (kerman.type, kerman.date, kerman.country_code) == ("bombing", date(2024, 1, 3), "IR")
    assert galaxy.type is None and galaxy.original_type == "Strategic developments / Other"
    assert shelter.country_code == "PS"


@pytest.mark.parametrize(
    ("row", "location_precision", "date_precision"),
    [(0, "exact", "day"), (2, "admin1", "day"), (3, "near", "week")],
)
def test_acled_precision_codes_become_our_precisions(row: int, location_precision: str, date_precision: str) -> None:
    event = _acled()[row]
    assert (event.location_precision, event.date_precision) == (location_precision, date_precision)


def test_acled_missing_columns_are_named() -> None:
    header = [column for column in ACLED_COLUMNS if column not in ("fatalities", "geo_precision")]
    with pytest.raises(InteropError, match="missing column\\(s\\): geo_precision, fatalities"):
        read_acled_csv(io.StringIO(",".join(header) + "\n"), "export.csv")


def test_acled_bad_date_names_the_line() -> None:
    text = ",".join(ACLED_COLUMNS) + "\n" + "yesterday" + "," * (len(ACLED_COLUMNS) - 1) + "\n"
    with pytest.raises(InteropError, match=r"export\.csv line 2: event_date 'yesterday'"):
        read_acled_csv(io.StringIO(text), "export.csv")


def test_acled_header_with_byte_order_mark_is_read() -> None:
    row = "2024-01-02,Explosions/Remote violence,Air/drone strike,,,,,Lebanon,,Beirut,33.89,35.50,1,1,6,,Wire"
    (event,) = read_acled_csv(io.StringIO("\ufeff" + ",".join(ACLED_COLUMNS) + "\n" + row + "\n"))
    assert (event.location, event.country_code, event.fatalities) == ("Beirut", "LB", 6)


def test_gdelt_rows_map_cameo_codes_fips_countries_and_geo_types() -> None:
    jordan, kerman, seizure, visit = _gdelt()
    assert (jordan.type, jordan.country_code, jordan.location_precision) == ("drone attack", "JO", "country")
    assert (kerman.type, kerman.country_code, kerman.location_precision) == ("bombing", "IR", "exact")
    assert (seizure.type, seizure.country_code, seizure.location_precision) == ("seizure", "YE", "admin1")
    assert visit.type == "meeting"
    assert (jordan.mentions, jordan.goldstein, jordan.actor1) == (40, -10.0, "IRAQ")
    assert kerman.source.startswith("https://") and kerman.date == date(2024, 1, 3)


def test_gdelt_short_row_names_the_first_missing_column() -> None:
    line = "\t".join(["1"] * 58) + "\n"
    with pytest.raises(InteropError, match=r"line 1: 58 columns.*missing column\(s\) from ActionGeo_FeatureID"):
        read_gdelt_events(io.StringIO(line), "events.tsv")


def test_gdelt_header_row_is_checked_and_accepted() -> None:
    body = (DATA / "gdelt_sample.tsv").read_text(encoding="utf-8")
    assert len(read_gdelt_events(io.StringIO("\t".join(GDELT_COLUMNS) + "\n" + body))) == 4
    broken = "\t".join(column for column in GDELT_COLUMNS if column != "SOURCEURL") + "\tURL\n"
    with pytest.raises(InteropError, match="missing column\\(s\\): SOURCEURL"):
        read_gdelt_events(io.StringIO(broken + body), "events.tsv")


def test_external_events_merge_beside_our_reports() -> None:
    ours = EventReport(
        Event("drone attack", "", Span(0, 0), date=date(2024, 1, 28), location="Tower 22", country_code="JO",
              lat=33.318, lon=38.692),
        "article-1", "Wire", date(2024, 1, 29), location_kind="site",
    )  # fmt: skip
    incidents = merge_incidents([ours, _acled()[0].as_report(), _gdelt()[0].as_report()])
    assert [len(incident.reports) for incident in incidents] == [3]


def _incidents() -> tuple:
    def report(article: str, killed: int, published: date, kind: str = "city", **place: object) -> EventReport:
        where = {"location": "Kerman", "country_code": "IR", "lat": 30.2832, "lon": 57.0788} | place
        event = Event(
            "bombing", "", Span(0, 0), date=date(2024, 1, 3), actors=("Islamic State",), killed=killed, **where
        )
        figure = Figure("killed", killed, "at least", str(killed), "", Span(0, 0))
        return EventReport(event, article, f"Outlet {article}", published, location_kind=kind, figures=(figure,))

    country = {"location": "Iran", "lat": 32.0, "lon": 53.0}
    return merge_incidents(
        [report("a1", 103, date(2024, 1, 3)), report("a2", 84, date(2024, 1, 5), "country", **country)]
    )  # fmt: skip


def test_acled_export_round_trips_through_the_reader() -> None:
    stream = io.StringIO()
    assert write_acled_csv(_incidents(), stream) == 1
    (event,) = read_acled_csv(io.StringIO(stream.getvalue()))
    assert (event.date, event.type, event.country_code, event.location) == (date(2024, 1, 3), "bombing", "IR", "Kerman")
    assert (event.fatalities, event.location_precision, event.date_precision) == (84, "exact", "day")
    assert event.actor1 == "Islamic State" and event.source == "Outlet a1; Outlet a2"


def test_geojson_marks_imprecise_places_and_keeps_claims() -> None:
    collection = geojson(_incidents())
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [57.0788, 30.2832]}
    properties = feature["properties"]
    assert (properties["approximate"], properties["report_count"]) == (False, 2)
    assert properties["claims"]["killed"]["best"] == 84
    country_only = EventReport(
        Event("attack", "", Span(0, 0), date=date(2024, 1, 3), location="Iran", country_code="IR", lat=32.0, lon=53.0),
        "a3", location_kind="country",
    )  # fmt: skip
    (feature,) = geojson(merge_incidents([country_only]))["features"]
    assert feature["properties"]["approximate"] is True
    assert feature["properties"]["location_precision"] == "country"
    stream = io.StringIO()
    assert write_geojson(_incidents(), stream) == 1
    assert json.loads(stream.getvalue())["type"] == "FeatureCollection"


def test_jsonl_has_one_incident_per_line_with_reports_and_reasons() -> None:
    stream = io.StringIO()
    assert write_jsonl(_incidents(), stream) == 1
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)
    assert [report["key"] for report in record["reports"]] == ["a1#0", "a2#0"]
    assert record["merge_reasons"][0]["report"] == "a2#0"
    assert [claim["value"] for claim in record["claims"]["killed"]["claims"]] == [103, 84]
