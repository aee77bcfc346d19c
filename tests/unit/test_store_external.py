"""External layers in the database: bulk import with duplicates counted, bad rows named by line, atomic writes."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from flashpoint.interop_acled import ACLED_COLUMNS
from flashpoint.interop_records import InteropError
from flashpoint.schema import EXTERNAL_EVENTS
from flashpoint.store import Store
from flashpoint.store_external import import_layer, layer_counts, remove_layer

DATA = Path(__file__).parent.parent / "data"
ACLED_SAMPLE = DATA / "acled_sample.csv"
GDELT_SAMPLE = DATA / "gdelt_sample.tsv"


def acled_line(
    day: str = "2024-02-02", location: str = "Al Qaim", lat: str = "34.37", fatalities: str = "1", notes: str = "x"
) -> str:
    """One ACLED row in ACLED_COLUMNS order (no event_id_cnty, as in hand-made exports)."""
    values = {
        "event_date": day,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of the United States (2021-)",
        "actor2": "Kataib Hezbollah",
        "country": "Iraq",
        "admin1": "Al Anbar",
        "location": location,
        "latitude": lat,
        "longitude": "41.05",
        "geo_precision": "1",
        "time_precision": "1",
        "fatalities": fatalities,
        "notes": notes,
        "source": "Wire",
    }
    return ",".join(values.get(column, "") for column in ACLED_COLUMNS)


def acled_file(*lines: str) -> bytes:
    return ("\n".join([",".join(ACLED_COLUMNS), *lines]) + "\n").encode("utf-8")


def stored_rows(store: Store, layer: str) -> list[dict]:
    with store.engine.connect() as connection:
        statement = select(EXTERNAL_EVENTS).where(EXTERNAL_EVENTS.c.layer == layer).order_by(EXTERNAL_EVENTS.c.id)
        return [dict(row._mapping) for row in connection.execute(statement)]


def test_acled_export_is_stored_with_its_fields(store: Store) -> None:
    result = import_layer(store, ACLED_SAMPLE, "acled")
    assert (result.saved, result.duplicates, result.rejected, result.errors) == (4, 0, 0, ())
    tower = stored_rows(store, "acled")[0]
    assert (tower["external_id"], tower["day"], tower["type"], tower["country_code"]) == (
        "JOR0001",
        date(2024, 1, 28),
        "airstrike",
        "JO",
    )
    assert (tower["fatalities"], tower["location_precision"], tower["associated_actors"]) == (
        3,
        "exact",
        ["Kataib Hezbollah"],
    )
    assert tower["original_type"] == "Explosions/Remote violence / Air/drone strike"


def test_reimport_counts_every_event_as_a_duplicate(store: Store) -> None:
    import_layer(store, ACLED_SAMPLE, "acled")
    again = import_layer(store, ACLED_SAMPLE, "acled")
    assert (again.saved, again.duplicates) == (0, 4)
    assert layer_counts(store) == {"acled": 4}


def test_a_row_repeated_in_one_file_is_saved_once(store: Store) -> None:
    result = import_layer(store, acled_file(acled_line(), acled_line(), acled_line(location="Hit")), "acled")
    assert (result.saved, result.duplicates) == (2, 1)


def test_rows_without_an_acled_id_are_matched_by_content_across_files(store: Store) -> None:
    import_layer(store, acled_file(acled_line()), "acled", "january.csv")
    later = import_layer(store, acled_file(acled_line(location="Hit"), acled_line()), "acled", "february.csv")
    assert (later.saved, later.duplicates) == (1, 1)


def test_bad_rows_are_named_by_line_and_the_good_rows_saved(store: Store) -> None:
    data = acled_file(acled_line(), acled_line(day="soon"), acled_line(location="Hit"), acled_line(fatalities="many"))
    result = import_layer(store, data, "acled", "export.csv")
    assert (result.saved, result.rejected) == (2, 2)
    assert result.errors[0].startswith("export.csv line 3: event_date 'soon'")
    assert result.errors[1].startswith("export.csv line 5: a number column holds text")
    assert "2 rows not read" in result.summary


def test_impossible_coordinates_and_counts_are_refused_by_event(store: Store) -> None:
    data = acled_file(
        acled_line(lat="134.2"),
        acled_line(location="Hit", fatalities="99999999999999999999"),
        acled_line(day="2024-02-03"),
    )
    result = import_layer(store, data, "acled", "export.csv")
    assert (result.saved, result.rejected) == (1, 2)
    assert "latitude 134.2 is outside -90..90" in result.errors[0]
    assert "is not a count of people" in result.errors[1]


def test_a_file_of_the_other_format_saves_nothing(store: Store) -> None:
    result = import_layer(store, GDELT_SAMPLE, "acled", "events.tsv")
    assert result.read_nothing and result.saved == 0
    (error,) = result.errors
    assert error.startswith("events.tsv: not an ACLED export, missing column(s): event_date")
    assert layer_counts(store) == {}


def test_a_file_with_no_readable_row_is_one_problem_not_one_per_line(store: Store) -> None:
    result = import_layer(store, ACLED_SAMPLE, "gdelt", "export.csv")
    assert (result.saved, result.rejected) == (0, 5)
    (error,) = result.errors
    assert error.startswith("export.csv: no row could be read as a GDELT 2.0 event file (tab-separated)")
    assert "the first problem: export.csv line 1: 1 columns" in error


def test_a_gdelt_file_with_a_short_row_keeps_the_others(store: Store) -> None:
    lines = GDELT_SAMPLE.read_text(encoding="utf-8").splitlines()
    broken = "\t".join(lines[1].split("\t")[:40])
    result = import_layer(store, "\n".join([lines[0], broken, *lines[2:]]).encode(), "gdelt", "day.tsv")
    assert (result.saved, result.rejected) == (3, 1)
    assert result.errors[0].startswith("day.tsv line 2: 40 columns")


def test_zipped_gdelt_files_are_read_member_by_member(store: Store) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("20240128.export.CSV", GDELT_SAMPLE.read_bytes())
        archive.writestr("notes.CSV", b"\xff\xfenot text")
    result = import_layer(store, buffer.getvalue(), "gdelt", "day.zip")
    assert result.saved == 4
    assert result.errors == ("day.zip/notes.CSV: not UTF-8 text (byte 0xff at offset 0); save the export as UTF-8",)
    assert {row["external_id"] for row in stored_rows(store, "gdelt")} >= {"1151234567", "1151234999"}


def test_an_interrupted_import_leaves_the_layer_as_it_was(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flashpoint.store_external.INSERT_BATCH_ROWS", 2)
    seen: list[tuple[int, int]] = []

    def stop_after_first_batch(done: int, total: int) -> None:
        seen.append((done, total))
        if done > 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_layer(store, ACLED_SAMPLE, "acled", progress=stop_after_first_batch)
    assert seen == [(2, 4), (4, 4)]
    assert layer_counts(store) == {}


def test_remove_layer_deletes_only_that_layer(store: Store) -> None:
    import_layer(store, ACLED_SAMPLE, "acled")
    import_layer(store, GDELT_SAMPLE, "gdelt")
    assert layer_counts(store) == {"acled": 4, "gdelt": 4}
    assert remove_layer(store, "GDELT") == 4
    assert remove_layer(store, "gdelt") == 0
    assert layer_counts(store) == {"acled": 4}


def test_unknown_layers_and_missing_files_are_clear_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InteropError, match="unknown layer 'ucdp': the layers are acled, gdelt"):
        import_layer(store, ACLED_SAMPLE, "ucdp")
    with pytest.raises(InteropError, match="unknown layer"):
        remove_layer(store, "ucdp")
    with pytest.raises(InteropError, match=r"missing\.csv: cannot be read"):
        import_layer(store, tmp_path / "missing.csv", "acled")
