"""Ingest survives kill -9 and concurrent writers: every article stored exactly once, whole, and nothing lost."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from flashpoint.pipeline import Pipeline
from flashpoint.query import Filters, articles_table
from flashpoint.reader import read_article
from flashpoint.schema import EVENTS
from flashpoint.store import Store, article_id_for
from flashpoint.store_incidents import rebuild_incidents, unfiled_articles

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
KILL_AFTER_ARTICLES = 60
# Articles the rerun saved whose child rows are checked against a fresh extraction (all would double the runtime).
RECHECKED_AFTER_KILL = 100
# Seconds; far above the few seconds each run takes, so only a hang fails on time.
RUN_TIMEOUT = 120


@dataclass(frozen=True)
class Expected:
    """What one generated file must leave in the store: its article id and its child-row counts."""

    path: Path
    article_id: str
    figures: int
    events: int
    actors: int


def generate_articles(folder: Path, count: int) -> list[Path]:
    """`count` short articles: the samples in turn, each with a sentence that only it contains."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        text = SAMPLES[number % len(SAMPLES)].read_text(encoding="utf-8").rstrip()
        path = folder / f"report-{number:05d}.txt"
        path.write_text(f"{text} Correspondent {number} filed this report from the region.\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def article_ids(paths: list[Path]) -> dict[str, Path]:
    """Each generated file by the id its article is stored under."""
    ids = {article_id_for(read_article(path.read_bytes(), path.name).text): path for path in paths}
    assert len(ids) == len(paths), "each generated article must have its own text"
    return ids


def expectations(paths: list[Path], pipeline: Pipeline) -> dict[str, Expected]:
    expected = {}
    for path in paths:
        article = read_article(path.read_bytes(), path.name)
        extraction = pipeline.extract(article)
        article_id = article_id_for(article.text)
        actors = sum(1 for actor in extraction.actors if actor.kind != "person")
        expected[article_id] = Expected(path, article_id, len(extraction.figures), len(extraction.events), actors)
    return expected


def stored_counts(store: Store) -> dict[str, tuple[int, int, int]]:
    frame = articles_table(store, Filters(), limit=None)
    return {row.id: (int(row.figures), int(row.events), int(row.actors)) for row in frame.itertuples(index=False)}


def assert_whole(stored: dict[str, tuple[int, int, int]], expected: dict[str, Expected]) -> None:
    """Every article of `expected` that is stored has exactly the child rows its extraction has."""
    stored = {article_id: counts for article_id, counts in stored.items() if article_id in expected}
    wanted = {article_id: (item.figures, item.events, item.actors) for article_id, item in expected.items()}
    wrong = {
        expected[article_id].path.name: (counts, wanted[article_id])
        for article_id, counts in stored.items()
        if counts != wanted[article_id]
    }
    assert not wrong, f"articles stored with other child rows than their extraction: {wrong}"


def events_outside_incidents(store: Store) -> set[int]:
    with store.engine.connect() as connection:
        return set(connection.execute(select(EVENTS.c.id).where(EVENTS.c.incident_id.is_(None))).scalars())


def assert_every_report_filed(store: Store) -> None:
    """No article waits to be filed, and the only reports outside incidents are those a rebuild from scratch also
    leaves out (reports summing up many incidents)."""
    assert unfiled_articles(store) == []
    outside = events_outside_incidents(store)
    rebuild_incidents(store)
    assert outside == events_outside_incidents(store), "saved reports were never filed into incidents"


def ingest_command(store: Store, *paths: Path | str, workers: int = 1) -> list[str]:
    options = ["--no-progress", "--workers", str(workers), "--database", store.url]
    return [sys.executable, "-m", "flashpoint", "ingest", *map(str, paths), *options]


def summary_count(stderr: str, label: str) -> int:
    found = re.search(rf"^{label}\s+([\d,]+)", stderr, re.MULTILINE)
    assert found, f"no {label} line in the summary:\n{stderr}"
    return int(found.group(1).replace(",", ""))


def helper_processes(parent: int) -> list[int]:
    """The ingest's forkserver and the workers it forked (empty without /proc)."""
    if not Path(f"/proc/{parent}/task").exists():
        return []
    servers = [child for child in child_processes(parent) if b"forkserver" in _cmdline(child)]
    return servers + [worker for server in servers for worker in child_processes(server)]


def _cmdline(process: int) -> bytes:
    try:
        return Path(f"/proc/{process}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(process: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{process}/status").read_text()
    except OSError:
        return False


@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_mid_ingest_leaves_whole_articles_and_the_rerun_finishes_the_rest(
    store: Store, pipeline: Pipeline, tmp_path: Path, workers: int
) -> None:
    paths = generate_articles(tmp_path / "articles", 1000)
    running = subprocess.Popen(
        ingest_command(store, tmp_path / "articles", workers=workers),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + RUN_TIMEOUT
    while store.count_articles() < KILL_AFTER_ARTICLES and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    helpers = helper_processes(running.pid)
    os.kill(running.pid, signal.SIGKILL)
    running.wait(timeout=RUN_TIMEOUT)
    assert running.returncode == -signal.SIGKILL, "the ingest must still be running when it is killed"
    if workers > 1 and Path("/proc/self/task").exists():
        # The forkserver and its workers die with the ingest: none goes on writing the batches it held.
        assert len(helpers) == 1 + workers
        gone_by = time.monotonic() + 2
        while any(_alive(process) for process in helpers) and time.monotonic() < gone_by:
            time.sleep(0.02)
        assert not [process for process in helpers if _alive(process)], "workers outlived the killed ingest"

    ids = article_ids(paths)
    before = stored_counts(store)
    assert KILL_AFTER_ARTICLES <= len(before) < len(paths)
    assert set(before) <= set(ids)
    assert_whole(before, expectations([ids[article_id] for article_id in before], pipeline))

    rerun = subprocess.run(
        ingest_command(store, tmp_path / "articles", workers=2),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert summary_count(rerun.stderr, "saved") == len(paths) - len(before)
    assert summary_count(rerun.stderr, "duplicates") == len(before)
    assert summary_count(rerun.stderr, "errors") == 0
    after = stored_counts(store)
    assert set(after) == set(ids)
    # The files just after the last one committed include the one being written at the kill: whole now too.
    resumed = [path for article_id, path in ids.items() if article_id not in before]
    assert_whole(after, expectations(resumed[:RECHECKED_AFTER_KILL], pipeline))
    # The articles saved before the kill, which it stopped from being filed, were filed by the rerun.
    assert summary_count(rerun.stderr, "filed") > 0
    assert_every_report_filed(store)


def test_two_processes_ingesting_overlapping_batches_lose_nothing_and_duplicate_nothing(
    store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    paths = generate_articles(tmp_path / "articles", 300)
    first_batch, second_batch = paths[:200], paths[100:]
    processes = [
        subprocess.Popen(
            ingest_command(store, *batch), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for batch in (first_batch, second_batch)
    ]
    outputs = [process.communicate(timeout=RUN_TIMEOUT)[1] for process in processes]
    for process, stderr in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert summary_count(stderr, "errors") == 0, stderr
    # The 100 shared articles are saved by one process and counted as duplicates by the other.
    assert sum(summary_count(stderr, "saved") for stderr in outputs) == len(paths)
    assert sum(summary_count(stderr, "duplicates") for stderr in outputs) == 100
    stored = stored_counts(store)
    assert set(stored) == set(article_ids(paths))
    assert_whole(stored, expectations(paths, pipeline))
    assert_every_report_filed(store)


def child_processes(parent: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{parent}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return children


def worker_processes(parent: int) -> list[int]:
    """The process ids of the extraction workers of the ingest command: the children of its forkserver (not its
    resource tracker)."""
    servers = [
        child for child in child_processes(parent) if b"forkserver" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]
    return [worker for server in servers for worker in child_processes(server)]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through Linux's /proc")
def test_a_worker_killed_mid_ingest_stops_the_run_clearly_and_the_rerun_finishes(
    sqlite_store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    paths = generate_articles(tmp_path / "articles", 400)
    running = subprocess.Popen(
        ingest_command(sqlite_store, tmp_path / "articles", workers=2),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + RUN_TIMEOUT
    while (
        sqlite_store.count_articles() < KILL_AFTER_ARTICLES and running.poll() is None and time.monotonic() < deadline
    ):
        time.sleep(0.02)
    workers = worker_processes(running.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    stderr = running.communicate(timeout=RUN_TIMEOUT)[1]
    assert running.returncode == 2
    assert "an extraction worker process died" in stderr and "Traceback" not in stderr

    ids = article_ids(paths)
    before = stored_counts(sqlite_store)
    assert len(before) < len(paths)
    assert_whole(before, expectations([ids[article_id] for article_id in before], pipeline))
    rerun = subprocess.run(
        ingest_command(sqlite_store, tmp_path / "articles", workers=2),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert summary_count(rerun.stderr, "saved") == len(paths) - len(before)
    assert set(stored_counts(sqlite_store)) == set(ids)
