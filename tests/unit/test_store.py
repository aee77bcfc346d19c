"""The store: idempotent saves keyed by text, one transaction per article, shared place rows, SQLite settings."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from flashpoint.errors import StoreError
from flashpoint.model import Event, Span
from flashpoint.query import Filters, article_detail, kpis
from flashpoint.store import Store, article_id_for, place_key_for, week_start, with_driver
from tests.conftest import build_extraction

IRAQ = ("Iraq", "country", "IQ", 33.0, 44.0)

# Storage tests add up what each saved report states; incidents are computed after saves (store_incidents).
REPORTS = Filters(count_by="reports")


def _drone_strike(body: str = "A drone struck a base in Iraq, injuring 4 soldiers.") -> object:
    return build_extraction(
        body,
        title="Drone strike in Iraq",
        places=(IRAQ,),
        actors=(("Islamic Resistance in Iraq", "armed_group"),),
        figures=(("injured", 4, "4 soldiers"),),
        events=(
            {
                "type": "drone attack",
                "location": "Iraq",
                "country_code": "IQ",
                "lat": 33.0,
                "lon": 44.0,
                "injured": 4,
                "actors": ("Islamic Resistance in Iraq",),
                "evidence": "drone struck",
            },
        ),
    )


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Strike hits base", "Strike  hits\n\tbase", True),
        ("Strike hits base ", "  Strike hits base", True),
        ("Strike hits base", "strike hits base", False),
        ("Strike hits base", "Strike hits bases", False),
    ],
)
def test_article_id_folds_whitespace_but_keeps_case(first: str, second: str, same: bool) -> None:
    assert (article_id_for(first) == article_id_for(second)) is same


def test_saving_twice_changes_nothing(store: Store) -> None:
    extraction = _drone_strike()
    first = store.save(extraction)
    before = kpis(store, REPORTS)
    second = store.save(extraction)
    assert first.created and not second.created
    assert first.article_id == second.article_id
    assert store.count_articles() == 1
    assert kpis(store, REPORTS) == before


def test_a_reupload_with_different_line_breaks_is_a_duplicate(store: Store) -> None:
    store.save(_drone_strike())
    rewrapped = _drone_strike("A drone struck a base in Iraq,\ninjuring 4 soldiers.")
    assert not store.save(rewrapped).created
    assert store.count_articles() == 1


def test_a_failure_mid_save_leaves_no_part_of_the_article(store: Store) -> None:
    extraction = _drone_strike()
    # The events are written last; a broken one fails after the article, places and figures were inserted.
    broken_event = Event(type=None, sentence="A drone struck.", span=Span(0, 5))  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):
        store.save(replace(extraction, events=(*extraction.events, broken_event)))
    assert store.count_articles() == 0
    counts = ("articles", "places", "attacks", "injured", "killed", "actors", "incidents", "reports")
    assert kpis(store, REPORTS) == dict.fromkeys(counts, 0)
    assert store.save(extraction).created


def test_articles_naming_the_same_place_share_one_place_row(store: Store) -> None:
    store.save(_drone_strike())
    store.save(_drone_strike("Rockets were fired at a base in Iraq, injuring 4 soldiers after a drone struck."))
    assert store.count_articles() == 2
    assert kpis(store, REPORTS)["places"] == 1


def test_delete_article_removes_everything_extracted_from_it(store: Store) -> None:
    kept = store.save(_drone_strike("Another drone struck a base in Iraq, injuring 4 soldiers.")).article_id
    removed = store.save(_drone_strike()).article_id
    assert store.delete_article(removed)
    assert not store.delete_article(removed)
    assert article_detail(store, removed) is None
    assert article_detail(store, kept) is not None
    assert kpis(store, REPORTS)["injured"] == 4


def test_create_schema_is_idempotent_and_keeps_data(store: Store) -> None:
    store.save(_drone_strike())
    store.create_schema()
    assert store.count_articles() == 1


def test_event_without_a_date_is_filed_under_the_published_date(store: Store) -> None:
    extraction = _drone_strike()
    store.save(extraction)
    week = Filters(date_from=date(2024, 1, 15), date_to=date(2024, 1, 15), count_by="reports")
    assert kpis(store, week)["attacks"] == 1


def test_event_placed_off_the_located_places_gets_its_own_place_row(store: Store) -> None:
    extraction = _drone_strike()
    offshore = replace(extraction.events[0], location=None, lat=26.5, lon=56.3, country_code=None)
    store.save(replace(extraction, events=(offshore,)))
    assert kpis(store, REPORTS)["attacks"] == 1
    assert article_detail(store, article_id_for(extraction.article.text)).events.iloc[0]["lat"] == 26.5


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2024, 1, 28), date(2024, 1, 22)),
        (date(2024, 1, 22), date(2024, 1, 22)),
        (date(2024, 1, 1), date(2024, 1, 1)),
    ],
)
def test_week_start_is_the_monday_of_the_week(day: date, monday: date) -> None:
    assert week_start(day) == monday


def test_place_key_prefers_the_gazetteer_id() -> None:
    assert place_key_for("Erbil", "IQ", 36.19, 44.01, "geonames:95446") == "geonames:95446"
    assert place_key_for("Erbil", "IQ", 36.19, 44.01) == place_key_for("ERBIL", "IQ", 36.190001, 44.01)


def test_sqlite_store_turns_on_wal_foreign_keys_a_busy_timeout_and_in_memory_temporaries(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 1000
        # 2 = MEMORY: temporary b-trees of filtered queries never go to files.
        assert connection.exec_driver_sql("PRAGMA temp_store").scalar_one() == 2


def test_default_store_lives_where_database_url_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    location = tmp_path / "nested" / "chosen.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{location}")
    store = Store()
    store.create_schema()
    store.dispose()
    assert location.exists()


def test_two_writers_saving_the_same_article_store_it_once(store: Store) -> None:
    extraction = _drone_strike()
    results = []
    writers = [threading.Thread(target=lambda: results.append(store.save(extraction))) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert sorted(result.created for result in results) == [False, False, False, True]
    assert store.count_articles() == 1
    assert kpis(store, REPORTS)["injured"] == 4


def test_text_with_nul_bytes_is_stored_and_spans_still_fit(store: Store) -> None:
    extraction = _drone_strike("A drone struck\x00 a base in Iraq, injuring 4 soldiers.")
    saved = store.save(extraction)
    detail = article_detail(store, saved.article_id)
    assert detail is not None and "\x00" not in detail.text
    mention = detail.mentions.iloc[0]
    assert detail.text[mention["start"] : mention["end"]] == "Iraq"


def test_numbers_beyond_32_bits_and_very_long_place_names_are_stored(store: Store) -> None:
    long_name = "Al " + "Qaryatayn" * 100
    extraction = build_extraction(
        f"A blast in {long_name} killed 5000000000 people, the report said.",
        places=((long_name, "city", "SY", 34.2, 37.2),),
        figures=(("killed", 5_000_000_000, "5000000000"),),
        events=({"type": "bombing", "killed": 5_000_000_000, "location": long_name, "evidence": "blast"},),
    )
    store.save(extraction)
    assert kpis(store, REPORTS)["killed"] == 5_000_000_000


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://analyst@db:5432/flashpoint", "postgresql+psycopg://analyst@db:5432/flashpoint"),
        ("postgresql://analyst@db/flashpoint", "postgresql+psycopg://analyst@db/flashpoint"),
        ("postgresql+psycopg://analyst@db/flashpoint", "postgresql+psycopg://analyst@db/flashpoint"),
        ("sqlite:////tmp/flashpoint.db", "sqlite:////tmp/flashpoint.db"),
    ],
)
def test_bare_postgresql_urls_get_the_shipped_driver(given: str, used: str) -> None:
    assert with_driver(given) == used


def test_a_database_at_an_unknown_revision_is_refused_with_a_clear_message(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="revision 9999, which this Flashpoint does not know"):
        store.create_schema()
