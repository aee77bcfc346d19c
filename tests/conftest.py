"""Shared fixtures: fresh temporary stores (SQLite always, PostgreSQL when configured) and extraction factories."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from flashpoint.model import Actor, ActorLink, Article, Event, Extraction, Figure, Location, Span
from flashpoint.sentences import sentence_at, split_sentences
from flashpoint.store import Store

POSTGRES_URL_VARIABLE = "FLASHPOINT_TEST_DATABASE_URL"


def _sqlite_store(folder: Path) -> Store:
    store = Store(f"sqlite:///{folder / 'flashpoint-test.db'}")
    store.create_schema()
    return store


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty SQLite store in a temporary folder."""
    store = _sqlite_store(tmp_path)
    yield store
    store.dispose()


@contextmanager
def _postgresql_schema() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL schema, dropped afterwards; skips when no server is configured."""
    base_url = os.environ.get(POSTGRES_URL_VARIABLE, "")
    if not base_url:
        pytest.skip(f"PostgreSQL case: set {POSTGRES_URL_VARIABLE} to a postgresql+psycopg:// URL to run it")
    schema = f"flashpoint_test_{uuid.uuid4().hex[:12]}"
    admin = Store(base_url)
    with admin.engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def postgresql_store() -> Iterator[Store]:
    """A new, empty PostgreSQL store in its own schema, dropped afterwards; skipped when no server is configured."""
    with _postgresql_schema() as url:
        store = Store(url)
        store.create_schema()
        yield store
        store.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def blank_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store of each supported database with no schema at all, for migration tests."""
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'flashpoint-blank.db'}")
        yield store
        store.dispose()
        return
    with _postgresql_schema() as url:
        store = Store(url)
        yield store
        store.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Store:
    """An empty store of each supported database: every test using it runs on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_store")


def _occurrences(text: str, needle: str) -> tuple[Span, ...]:
    spans = []
    start = text.find(needle)
    while start != -1:
        spans.append(Span(start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return tuple(spans)


def _sentence_holding(text: str, needle: str) -> tuple[str, Span]:
    found = text.find(needle)
    if found == -1:
        raise ValueError(f"{needle!r} is not in the article text")
    sentence = sentence_at(split_sentences(text), found)
    assert sentence is not None
    return text[sentence.start : sentence.end], sentence


def build_extraction(
    body: str,
    *,
    title: str = "Test report",
    published: date | None = date(2024, 1, 15),
    source: str | None = "Test Wire",
    filename: str = "test.txt",
    places: Sequence[tuple[str, str, str | None, float, float]] = (),
    actors: Sequence[tuple[str, str]] = (),
    links: Sequence[tuple[str, str, str]] = (),
    figures: Sequence[tuple[str, int | None, str]] = (),
    events: Sequence[dict[str, Any]] = (),
) -> Extraction:
    """An extraction whose spans point at real text: each item is located by finding its words in the article.

    places: (name, kind, country_code, lat, lon); actors: (name, kind); links: (source, target, relation), placed in
    the sentence naming the source; figures: (kind, value, text); events: Event keyword arguments plus `evidence`,
    a phrase of the sentence the event comes from.
    """
    article = Article(title=title, body=body, source=source, published=published, filename=filename)
    text = article.text
    locations = tuple(
        Location(name=name, kind=kind, country_code=code, lat=lat, lon=lon, mentions=_occurrences(text, name))
        for name, kind, code, lat, lon in places
    )
    found_actors = tuple(Actor(name=name, kind=kind, mentions=_occurrences(text, name)) for name, kind in actors)
    found_links = []
    for source_name, target_name, relation in links:
        sentence, span = _sentence_holding(text, source_name)
        found_links.append(ActorLink(source_name, target_name, relation, sentence, span))
    found_figures = []
    for kind, value, figure_text in figures:
        sentence, _ = _sentence_holding(text, figure_text)
        start = text.find(figure_text)
        found_figures.append(Figure(kind, value, None, figure_text, sentence, Span(start, start + len(figure_text))))
    found_events = []
    for fields in events:
        fields = dict(fields)
        sentence, span = _sentence_holding(text, fields.pop("evidence"))
        found_events.append(Event(sentence=sentence, span=span, **fields))
    return Extraction(
        article=article,
        locations=locations,
        actors=found_actors,
        actor_links=tuple(found_links),
        figures=tuple(found_figures),
        events=tuple(found_events),
    )


@pytest.fixture(name="build_extraction")
def build_extraction_fixture() -> Any:
    """The `build_extraction` factory, for tests that would rather not import from conftest."""
    return build_extraction
