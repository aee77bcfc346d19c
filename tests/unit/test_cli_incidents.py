"""The incident commands: `incidents rebuild`, the rebuild run by `db upgrade`, and `export --what incidents`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from flashpoint import __main__ as cli
from flashpoint.errors import FlashpointError
from flashpoint.exporters import EXPORT_FORMATS
from flashpoint.incident_export import INCIDENT_FORMATS, write_incidents
from flashpoint.interop_acled import ACLED_COLUMNS, ID_COLUMN
from flashpoint.schema import EVENTS, INCIDENTS
from flashpoint.store import Store
from flashpoint.store_incidents import refresh_incidents
from tests.conftest import build_extraction


def _attack(body: str, published: date, place: tuple[str, str, str, float, float], killed: int) -> object:
    name, _, code, lat, lon = place
    return build_extraction(
        body,
        title=f"Attack at {name}",
        published=published,
        places=(place,),
        figures=(("killed", killed, f"killing {killed}"),),
        events=(
            {
                "type": "airstrike",
                "date": date(2024, 1, 9),
                "location": name,
                "country_code": code,
                "lat": lat,
                "lon": lon,
                "killed": killed,
                "actors": ("Israel",),
                "evidence": "strike",
            },
        ),
    )


GAZA = ("Gaza City", "city", "PS", 31.5017, 34.4668)
SANAA = ("Sanaa", "city", "YE", 15.3545, 44.2065)


@pytest.fixture
def filled(store: Store) -> Store:
    extractions = [
        _attack("An air strike hit a house in Gaza City, killing 12.", date(2024, 1, 9), GAZA, 12),
        _attack("The strike on a Gaza City home was deadly, killing 14.", date(2024, 1, 10), GAZA, 14),
        _attack("A strike hit Sanaa airport, killing 2.", date(2024, 1, 9), SANAA, 2),
    ]
    refresh_incidents(store, [store.save(extraction).article_id for extraction in extractions])
    return store


def _incident_rows(store: Store) -> list[tuple]:
    with store.engine.connect() as connection:
        return sorted(connection.execute(select(INCIDENTS.c.id, INCIDENTS.c.report_count)).all())


def _forget_incidents(store: Store) -> None:
    """Make the events look as if stored before incidents existed."""
    with store.engine.begin() as connection:
        connection.execute(INCIDENTS.delete())
        connection.execute(
            update(EVENTS).values(incident_id=None, incident_count=0, incident_killed=0, location_precision=None)
        )


def test_incidents_rebuild_merges_every_event_again(filled: Store, capsys: pytest.CaptureFixture[str]) -> None:
    before = _incident_rows(filled)
    _forget_incidents(filled)
    assert cli.main(["incidents", "rebuild", "--database", filled.url, "--no-progress"]) == 0
    assert _incident_rows(filled) == before
    assert "2 incidents" in capsys.readouterr().out


def test_db_upgrade_rebuilds_incidents_only_when_events_predate_them(
    filled: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _incident_rows(filled)
    assert cli.main(["db", "upgrade", "--url", filled.url]) == 0
    assert "incidents" not in capsys.readouterr().out
    _forget_incidents(filled)
    assert cli.main(["db", "upgrade", "--url", filled.url]) == 0
    assert "3 events were stored before incidents existed" in capsys.readouterr().out
    assert _incident_rows(filled) == before


def test_export_incidents_as_acled_csv(filled: Store, tmp_path: Path) -> None:
    output = tmp_path / "incidents.csv"
    arguments = ["export", "--what", "incidents", "--database", filled.url, "--output", str(output)]
    assert cli.main(arguments) == 0
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert list(rows[0]) == [ID_COLUMN, *ACLED_COLUMNS]
    by_place = {row["location"]: row for row in rows}
    assert sorted(by_place) == ["Gaza City", "Sanaa"]
    # The Gaza strike told twice counts once, with the later report's toll.
    assert by_place["Gaza City"]["fatalities"] == "14" and "2 report(s)" in by_place["Gaza City"]["notes"]


@pytest.mark.parametrize("export_format", ["geojson", "jsonl"])
def test_export_incidents_as_geojson_and_jsonl_with_filters(filled: Store, tmp_path: Path, export_format: str) -> None:
    output = tmp_path / f"incidents.{export_format}"
    arguments = ["export", "--what", "incidents", "--format", export_format, "--country", "PS"]
    assert cli.main([*arguments, "--database", filled.url, "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    if export_format == "geojson":
        records = [feature["properties"] for feature in json.loads(text)["features"]]
    else:
        records = [json.loads(line) for line in text.splitlines()]
    assert [(record["location"], record["report_count"]) for record in records] == [("Gaza City", 2)]
    assert records[0]["claims"]["killed"]["best"] == 14 and len(records[0]["merge_reasons"]) == 1


@pytest.mark.parametrize(
    ("what", "export_format"), [("incidents", "csv"), ("events", "acled")], ids=["incidents-csv", "events-acled"]
)
def test_a_format_the_chosen_rows_do_not_have_is_a_clear_error(
    filled: Store, what: str, export_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["export", "--what", what, "--format", export_format, "--database", filled.url]
    assert cli.main(arguments) == 2
    assert f"--what {what} exports as" in capsys.readouterr().err


def test_the_command_lines_format_lists_match_the_writers() -> None:
    assert cli.INCIDENT_EXPORT_FORMATS == INCIDENT_FORMATS
    assert cli.EVENT_EXPORT_FORMATS == EXPORT_FORMATS


def test_writing_incidents_in_an_unknown_format_names_the_formats() -> None:
    with pytest.raises(FlashpointError, match="acled, geojson, jsonl"):
        write_incidents([], "xml", io.StringIO())
