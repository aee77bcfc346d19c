"""Bulk ingest: one stored result in this process, in worker processes and on Dask; duplicates and errors tallied."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from flashpoint.bulk_ingest import BulkReport, ingest_paths
from flashpoint.extract_workers import InProcessExtractor, ProcessPoolExtractor, make_extractor
from flashpoint.pipeline import Pipeline
from flashpoint.query import Filters, articles_table, events_table, figures_table, kpis
from flashpoint.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
LIMIT = 1_000_000


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """The samples, a JSONL file holding one new article twice, and one empty file."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for path in samples:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    row = {"title": "Drone strikes base in Syria", "body": "A drone struck a US base in eastern Syria on Monday."}
    rows = [row, {**row, "source": "Another wire"}]
    (folder / "rows.jsonl").write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return folder


def sqlite_store_at(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    store.create_schema()
    return store


@pytest.fixture
def second_store(tmp_path: Path) -> Iterator[Store]:
    store = sqlite_store_at(tmp_path / "second.db")
    yield store
    store.dispose()


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """What is stored, without row ids or ingest times, in a stable order: equal for equal ingests."""
    frames = {
        "articles": articles_table(store, Filters(), limit=None).drop(columns=["ingested_at"]),
        "events": events_table(store, Filters(), limit=None).drop(columns=["id"]),
        "figures": figures_table(store, Filters(), limit=None),
    }

    def rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
        return sorted(tuple(str(value) for value in row) for row in frame.itertuples(index=False))

    return {name: rows(frame) for name, frame in frames.items()}


def test_a_folder_is_saved_with_the_empty_file_reported(store: Store, pipeline: Pipeline, inputs: Path) -> None:
    report = ingest_paths([str(inputs)], store, InProcessExtractor(pipeline), max_bytes=LIMIT)
    samples = len(list(SAMPLES.glob("*.txt")))
    # The JSONL's second row repeats the first one's text: the same article, so a duplicate, not a second copy.
    assert (report.saved, report.duplicates) == (samples + 1, 1)
    assert report.errors == ((str(inputs / "empty.txt"), "empty file"),)
    assert store.count_articles() == samples + 1


def test_a_rerun_saves_nothing_and_counts_every_article_as_a_duplicate(
    store: Store, pipeline: Pipeline, inputs: Path
) -> None:
    first = ingest_paths([str(inputs)], store, InProcessExtractor(pipeline), max_bytes=LIMIT)
    before = snapshot(store)
    again = ingest_paths([str(inputs)], store, InProcessExtractor(pipeline), max_bytes=LIMIT)
    assert (again.saved, again.duplicates) == (0, first.saved + first.duplicates)
    assert snapshot(store) == before


def incident_totals(store: Store) -> dict[str, int]:
    """The headline numbers counting each incident once: equal only when the reports were filed alike."""
    return kpis(store, Filters())


@pytest.mark.parametrize("workers_save", [False, True], ids=["ingest-process-saves", "workers-save"])
def test_worker_processes_store_and_file_what_the_in_process_path_does(
    store: Store, second_store: Store, pipeline: Pipeline, inputs: Path, workers_save: bool
) -> None:
    in_process = ingest_paths([str(inputs)], second_store, InProcessExtractor(pipeline), max_bytes=LIMIT)
    extractor = ProcessPoolExtractor(2, database_url=store.url if workers_save else "")
    try:
        pooled = ingest_paths([str(inputs)], store, extractor, max_bytes=LIMIT, batch_size=3)
    finally:
        extractor.close()
    assert (pooled.saved, pooled.duplicates, pooled.errors) == (
        in_process.saved,
        in_process.duplicates,
        in_process.errors,
    )
    assert snapshot(store) == snapshot(second_store)
    assert incident_totals(store) == incident_totals(second_store)
    assert incident_totals(store)["incidents"] > 0


def test_pool_workers_save_into_a_database_file_and_leave_an_in_memory_one_to_the_ingest_process(
    sqlite_store: Store,
) -> None:
    for url, saved_by_workers in ((sqlite_store.url, True), ("sqlite://", False)):
        extractor = make_extractor(2, database_url=url)
        try:
            assert isinstance(extractor, ProcessPoolExtractor)
            assert extractor.database_url == (url if saved_by_workers else "")
        finally:
            extractor.close()


def test_a_dask_cluster_stores_what_the_in_process_path_stores(
    sqlite_store: Store, second_store: Store, pipeline: Pipeline, inputs: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    from flashpoint.extract_workers import DaskExtractor

    ingest_paths([str(inputs)], sqlite_store, InProcessExtractor(pipeline), max_bytes=LIMIT)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        extractor = DaskExtractor(cluster.scheduler_address)
        try:
            report = ingest_paths([str(inputs)], second_store, extractor, max_bytes=LIMIT, batch_size=4)
        finally:
            extractor.close()
    assert report.saved == sqlite_store.count_articles()
    assert snapshot(second_store) == snapshot(sqlite_store)


def test_an_unreachable_dask_scheduler_is_a_clear_error() -> None:
    from flashpoint.errors import FlashpointError
    from flashpoint.extract_workers import DaskExtractor

    with pytest.raises(FlashpointError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        DaskExtractor("tcp://127.0.0.1:9", timeout="1s")


def test_the_summary_groups_errors_by_reason_commonest_first() -> None:
    report = BulkReport(
        saved=3,
        duplicates=1,
        skipped=2,
        errors=(("a.txt", "empty file"), ("b.pdf", "scanned PDF"), ("c.txt", "empty file")),
    )
    assert report.errors_by_reason == [("empty file", 2, "a.txt"), ("scanned PDF", 1, "b.pdf")]
    table = report.table()
    assert table.splitlines()[:3] == [
        "saved               3",
        "duplicates          1  (text already stored)",
        "errors              3",
    ]
    assert table.index("empty file") < table.index("scanned PDF")
    assert not report.nothing_read


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flashpoint", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_command_exits_zero_with_some_errors_and_one_when_nothing_was_read(inputs: Path, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    partly = run_cli("ingest", str(inputs), str(tmp_path / "missing.txt"), "--database", database)
    assert partly.returncode == 0, partly.stderr
    assert "saved" in partly.stderr and "no such file or folder" in partly.stderr
    assert "article/s" in partly.stderr  # the progress bar shows a rate
    nothing = run_cli("ingest", str(inputs / "empty.txt"), "--database", database, "--no-progress")
    assert nothing.returncode == 1
    assert "empty file" in nothing.stderr


def test_workers_that_cannot_load_the_pipeline_report_it_for_every_article_instead_of_hanging(tmp_path: Path) -> None:
    broken_index = tmp_path / "broken-places.pkl"
    broken_index.write_bytes(b"not a place index\n")
    database = ("--database", f"sqlite:///{tmp_path / 'broken.db'}")
    finished = subprocess.run(
        [sys.executable, "-m", "flashpoint", "ingest", str(SAMPLES), "--workers", "2", "--no-progress", *database],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FLASHPOINT_GAZETTEER_PATH": str(broken_index)},
    )
    assert finished.returncode == 1
    samples = len(list(SAMPLES.glob("*.txt")))
    assert re.search(rf"^\s+{samples}\s+the extraction pipeline could not be loaded", finished.stderr, re.MULTILINE)


def test_a_batch_whose_corrections_cannot_be_read_is_refused_and_the_ingest_goes_on(
    store: Store, pipeline: Pipeline, inputs: Path
) -> None:
    # The corrections table went missing: reading what is in force fails for real, so nothing may be saved
    # without the corrections, and every article says why instead of the ingest stopping.
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE corrections")
    report = ingest_paths([str(inputs)], store, InProcessExtractor(pipeline), max_bytes=LIMIT)
    assert report.saved == 0 and store.count_articles() == 0
    refused = [name for name, reason in report.errors if reason.startswith("not stored: the corrections in force")]
    # Every sample and the JSONL's one article (its repeat is a duplicate); the empty file keeps its own reason.
    assert len(refused) == len(list(SAMPLES.glob("*.txt"))) + 1
    assert (str(inputs / "empty.txt"), "empty file") in report.errors
