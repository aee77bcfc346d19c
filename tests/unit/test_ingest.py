"""Ingest with the real reader and pipeline: a result per file, bad files reported, duplicates detected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flashpoint.ingest import IngestReport, ingest_files
from flashpoint.pipeline import Pipeline
from flashpoint.query import Filters, kpis, place_points
from flashpoint.store import Store
from flashpoint.store_incidents import unfiled_articles

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SEED_LIKE = "2023-10-25-us-weighs-response-iraq-syria.txt"
TOWER_22 = "2024-01-29-drone-kills-three-us-soldiers-tower-22-jordan.txt"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def sample(name: str) -> tuple[str, bytes]:
    return name, (SAMPLES / name).read_bytes()


def test_every_sample_is_saved_with_places_found(store: Store, pipeline: Pipeline) -> None:
    files = [(path.name, path.read_bytes()) for path in sorted(SAMPLES.glob("*.txt"))]
    assert 8 <= len(files) <= 12
    report = ingest_files(files, store, pipeline)
    assert (report.saved, report.duplicates, report.errors) == (len(files), 0, 0)
    assert all(result.places > 0 for result in report.results)
    assert store.count_articles() == len(files)


def test_the_seed_like_sample_puts_places_in_iraq_and_syria_on_the_map(store: Store, pipeline: Pipeline) -> None:
    ingest_files([sample(SEED_LIKE)], store, pipeline)
    countries = set(place_points(store, Filters())["country_code"])
    assert {"IQ", "SY"} <= countries


@pytest.mark.parametrize(
    ("bad_name", "bad_bytes"),
    [
        ("empty.txt", b""),
        ("junk.txt", bytes(range(256)) * 40),
        ("truncated.docx", b"PK\x03\x04 not really a document"),
    ],
)
def test_a_bad_file_is_reported_and_the_batch_continues(
    store: Store, pipeline: Pipeline, bad_name: str, bad_bytes: bytes
) -> None:
    report = ingest_files([sample(SEED_LIKE), (bad_name, bad_bytes), sample(TOWER_22)], store, pipeline)
    assert [result.status for result in report.results] == ["saved", "error", "saved"]
    assert report.results[1].filename == bad_name and report.results[1].reason
    assert store.count_articles() == 2


def test_the_same_file_twice_in_a_batch_is_stored_once(store: Store, pipeline: Pipeline) -> None:
    report = ingest_files([sample(TOWER_22), sample(TOWER_22)], store, pipeline)
    assert [result.status for result in report.results] == ["saved", "duplicate"]
    assert report.results[0].article_id == report.results[1].article_id
    assert store.count_articles() == 1


def test_a_reupload_changes_nothing_even_renamed_with_windows_line_endings(store: Store, pipeline: Pipeline) -> None:
    ingest_files([sample(TOWER_22)], store, pipeline)
    before = kpis(store, Filters())
    data = (SAMPLES / TOWER_22).read_bytes()
    report = ingest_files([("renamed.txt", data.replace(b"\n", b"\r\n"))], store, pipeline)
    assert report.duplicates == 1 and report.saved == 0
    assert kpis(store, Filters()) == before


def test_progress_is_reported_after_each_file(store: Store, pipeline: Pipeline) -> None:
    calls: list[tuple[int, int, str]] = []
    ingest_files([sample(SEED_LIKE), ("empty.txt", b"")], store, pipeline, progress=lambda *call: calls.append(call))
    assert calls == [(1, 2, SEED_LIKE), (2, 2, "empty.txt")]


def test_a_generator_of_files_is_ingested_with_an_unknown_total(store: Store, pipeline: Pipeline) -> None:
    def files() -> Iterator[tuple[str, bytes]]:
        yield sample(TOWER_22)

    calls: list[tuple[int, int, str]] = []
    report = ingest_files(files(), store, pipeline, progress=lambda *call: calls.append(call))
    assert report.saved == 1 and calls == [(1, 0, TOWER_22)]


def test_report_summary_and_rows_describe_each_file(store: Store, pipeline: Pipeline) -> None:
    report: IngestReport = ingest_files([sample(TOWER_22), ("empty.txt", b""), sample(TOWER_22)], store, pipeline)
    assert report.summary == "3 files: 1 saved, 1 already stored, 1 with errors"
    assert [row["result"] for row in report.rows] == ["saved", "error", "duplicate"]
    assert report.rows[0]["title"].startswith("Drone strike kills three US soldiers")


def test_articles_stay_saved_and_the_report_says_so_when_incidents_cannot_be_merged(
    store: Store, pipeline: Pipeline
) -> None:
    # A database whose incident table went missing: the merge fails for real, after the article is saved.
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE incidents")
    report = ingest_files([sample(TOWER_22)], store, pipeline)
    assert report.saved == 1 and store.count_articles() == 1
    assert report.incidents_problem is not None
    assert "incidents rebuild" in report.incidents_problem
    # Still listed, so the next upload or ingest files it.
    assert unfiled_articles(store) == [report.results[0].article_id]


def test_a_clean_ingest_reports_no_incident_problem(store: Store, pipeline: Pipeline) -> None:
    assert ingest_files([sample(TOWER_22)], store, pipeline).incidents_problem is None
