"""Articles saved but not yet filed into incidents are listed, so one interrupted ingest's leftovers are filed by the
next (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flashpoint.bulk_ingest import ingest_paths
from flashpoint.extract_workers import InProcessExtractor
from flashpoint.ingest import ingest_files
from flashpoint.model import Extraction
from flashpoint.pipeline import Pipeline
from flashpoint.schema import EVENTS, INCIDENTS
from flashpoint.store import Store
from flashpoint.store_incidents import (
    delete_article,
    file_new_articles,
    rebuild_incidents,
    refresh_incidents,
    unfiled_articles,
)
from tests.conftest import build_extraction

ROOT = Path(__file__).resolve().parents[2]
TOWER_22 = ("Tower 22", "site", "JO", 33.318, 38.692)


def _drone_report(body: str, published: date, source: str) -> Extraction:
    event = {
        "type": "drone attack",
        "date": date(2024, 1, 28),
        "location": "Tower 22",
        "country_code": "JO",
        "lat": 33.318,
        "lon": 38.692,
        "killed": 3,
        "actors": ("Islamic Resistance in Iraq",),
        "evidence": "drone",
    }
    return build_extraction(
        body, title=f"Report of {published}", published=published, source=source, places=(TOWER_22,),
        figures=(("killed", 3, "3 US soldiers"),), events=(event,),
    )  # fmt: skip


def _first() -> Extraction:
    return _drone_report("A drone struck Tower 22 in Jordan, killing 3 US soldiers.", date(2024, 1, 28), "Wire")


def _second() -> Extraction:
    body = "The drone attack on Tower 22 killed 3 US soldiers, officials said."
    return _drone_report(body, date(2024, 1, 29), "Post")


def _events_outside_incidents(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).where(EVENTS.c.incident_id.is_(None))).scalar_one()


def _incident_count(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(INCIDENTS)).scalar_one()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture
def one_sample(tmp_path: Path) -> Path:
    """A folder holding one sample article."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    sample = sorted((ROOT / "data" / "samples").glob("*.txt"))[0]
    (folder / sample.name).write_bytes(sample.read_bytes())
    return folder


def test_a_saved_article_is_listed_as_unfiled_until_its_reports_are_filed(store: Store) -> None:
    article_id = store.save(_first()).article_id
    assert unfiled_articles(store) == [article_id]
    assert _events_outside_incidents(store) == 1

    assert file_new_articles(store, [article_id]) == 1
    assert unfiled_articles(store) == []
    assert (_events_outside_incidents(store), _incident_count(store)) == (0, 1)


def test_an_article_already_saved_is_not_listed_again(store: Store) -> None:
    article_id = store.save(_first()).article_id
    file_new_articles(store, [article_id])
    assert store.save(_first()).created is False
    assert unfiled_articles(store) == []


def test_filing_skips_articles_another_process_filed_meanwhile(store: Store) -> None:
    first_id = store.save(_first()).article_id
    second_id = store.save(_second()).article_id
    # Another ingest found both waiting and filed them: this one's late filing must not regroup them again.
    refresh_incidents(store, [first_id, second_id])
    assert file_new_articles(store, [first_id, second_id]) == 0
    assert _incident_count(store) == 1


def test_filing_some_articles_leaves_the_others_listed(store: Store) -> None:
    first_id = store.save(_first()).article_id
    second_id = store.save(_second()).article_id
    file_new_articles(store, [first_id])
    assert unfiled_articles(store) == [second_id]


def test_deleting_an_unfiled_article_takes_it_off_the_list(store: Store) -> None:
    article_id = store.save(_first()).article_id
    assert delete_article(store, article_id)
    assert unfiled_articles(store) == []


def test_a_rebuild_files_every_article_it_finds_listed(store: Store) -> None:
    store.save(_first())
    store.save(_second())
    rebuild_incidents(store)
    assert unfiled_articles(store) == []
    assert (_events_outside_incidents(store), _incident_count(store)) == (0, 1)


def test_a_bulk_ingest_first_files_what_an_interrupted_one_left_unfiled(
    store: Store, pipeline: Pipeline, one_sample: Path
) -> None:
    # An ingest killed after saving these two, before filing them.
    left = [store.save(_first()).article_id, store.save(_second()).article_id]

    report = ingest_paths([str(one_sample)], store, InProcessExtractor(pipeline), max_bytes=1_000_000)

    assert (report.saved, report.filed_earlier) == (1, 2)
    assert "filed" in report.table() and "stopped before filing into incidents" in report.table()
    assert unfiled_articles(store) == []
    with store.engine.connect() as connection:
        left_outside = connection.execute(
            select(func.count()).where(EVENTS.c.article_id.in_(left), EVENTS.c.incident_id.is_(None))
        ).scalar_one()
    assert left_outside == 0


def test_a_bulk_ingest_with_nothing_left_over_reports_no_filed_line(
    store: Store, pipeline: Pipeline, one_sample: Path
) -> None:
    report = ingest_paths([str(one_sample)], store, InProcessExtractor(pipeline), max_bytes=1_000_000)
    assert (report.saved, report.filed_earlier) == (1, 0)
    assert "filed" not in report.table()
    assert unfiled_articles(store) == []


def test_an_upload_files_its_articles_and_what_an_earlier_one_left_unfiled(store: Store, pipeline: Pipeline) -> None:
    left_id = store.save(_first()).article_id
    sample = sorted((ROOT / "data" / "samples").glob("*.txt"))[0]

    report = ingest_files([(sample.name, sample.read_bytes())], store, pipeline)

    assert report.saved == 1 and report.incidents_problem is None
    assert unfiled_articles(store) == []
    with store.engine.connect() as connection:
        statement = select(EVENTS.c.incident_id).where(EVENTS.c.article_id == left_id)
        assert connection.execute(statement).scalar_one() is not None
