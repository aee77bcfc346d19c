"""Saving a batch of extractions: outcomes per article, and the slim report inputs a worker sends back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from flashpoint.article_saving import SavedArticle, extract_and_save, save_extractions
from flashpoint.model import Article, Extraction
from flashpoint.pipeline import Pipeline
from flashpoint.reader import read_article
from flashpoint.store import Store, article_id_for
from flashpoint.store_incident_reads import report_inputs, saved_reports
from flashpoint.store_turns import WriteTurns, turn_file_path
from flashpoint.store_urls import database_is_shared

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    pipeline = Pipeline.load()
    return [pipeline.extract(read_article(path.read_bytes(), path.name)) for path in SAMPLES[:4]]


def test_each_article_is_saved_once_and_a_reason_stays_the_articles_outcome(
    store: Store, extractions: list[Extraction]
) -> None:
    names = ["a.txt", "broken.txt", "b.txt"]
    first = save_extractions(store, names, [extractions[0], "empty file", extractions[1]])
    assert first[1] == "empty file"
    assert [outcome.created for outcome in (first[0], first[2]) if isinstance(outcome, SavedArticle)] == [True, True]
    assert first[0].article_id == article_id_for(extractions[0].article.text)  # type: ignore[union-attr]
    again = save_extractions(store, names[:1], [extractions[0]])
    assert isinstance(again[0], SavedArticle) and not again[0].created
    assert store.count_articles() == 2


def test_slim_report_inputs_give_the_incident_refresh_the_same_reports(
    store: Store, extractions: list[Extraction]
) -> None:
    saved = save_extractions(store, [f"{number}.txt" for number in range(len(extractions))], extractions, slim=True)
    whole = {article_id_for(extraction.article.text): extraction for extraction in extractions}
    slim = {outcome.article_id: outcome.extraction for outcome in saved if isinstance(outcome, SavedArticle)}
    assert set(slim) == set(whole)
    assert all(not extraction.article.body and not extraction.actors for extraction in slim.values())
    with store.engine.connect() as connection:
        rows_whole, reports_whole = saved_reports(connection, whole)
        rows_slim, reports_slim = saved_reports(connection, slim)
    assert reports_whole and reports_slim == reports_whole and rows_slim == rows_whole


def test_report_inputs_keep_claim_figures_and_locations_in_order(extractions: list[Extraction]) -> None:
    extraction = max(extractions, key=lambda found: len(found.figures))
    inputs = report_inputs(extraction)
    assert inputs.events == extraction.events
    assert [location.name for location in inputs.locations] == [location.name for location in extraction.locations]
    assert all(not location.mentions for location in inputs.locations)
    assert set(inputs.figures) <= set(extraction.figures) and inputs.figures
    assert inputs.article.source == extraction.article.source
    assert inputs.article.published == extraction.article.published


@pytest.mark.parametrize(
    ("url", "shared"),
    [
        ("sqlite:////tmp/flashpoint.db", True),
        ("sqlite://", False),
        ("sqlite:///:memory:", False),
        ("sqlite:///file:memdb?mode=memory&uri=true", False),
        ("postgresql+psycopg://user@host/db", True),
    ],
)
def test_only_databases_other_processes_can_open_are_shared(url: str, shared: bool) -> None:
    assert database_is_shared(url) is shared


def test_a_worker_extracts_its_next_articles_while_another_writer_holds_the_database(
    sqlite_store: Store, extractions: list[Extraction]
) -> None:
    articles = [extraction.article for extraction in extractions]
    by_text = {extraction.article.text: extraction for extraction in extractions}
    stored_while_extracting: list[int] = []
    all_extracted = threading.Event()
    holding = threading.Event()

    def extract(article: Article) -> Extraction:
        stored_while_extracting.append(sqlite_store.count_articles())
        if len(stored_while_extracting) == len(articles):
            all_extracted.set()
        return by_text[article.text]

    def other_writer() -> None:
        # Another process's writer (its own open lock file) holds the turn until every article is extracted.
        with WriteTurns(turn_file_path(make_url(sqlite_store.url).database)).turn():
            holding.set()
            all_extracted.wait(timeout=30)

    holder = threading.Thread(target=other_writer)
    holder.start()
    holding.wait(timeout=5)
    names = [f"{number}.txt" for number in range(len(articles))]
    saved = extract_and_save(sqlite_store, extract, names, articles)
    holder.join(timeout=5)
    assert stored_while_extracting == [0] * len(articles)
    assert [outcome.article_id for outcome in saved if isinstance(outcome, SavedArticle)] == [
        article_id_for(article.text) for article in articles
    ]
    assert sqlite_store.count_articles() == len(articles)


def test_a_writer_that_will_not_wait_is_told_when_the_turn_is_taken(tmp_path: Path) -> None:
    path = turn_file_path(str(tmp_path / "flashpoint.db"))
    holder, other = WriteTurns(path), WriteTurns(path)
    with holder.turn() as held:
        assert held
        with other.turn(wait=False) as granted:
            assert not granted
    with other.turn(wait=False) as granted:
        assert granted
