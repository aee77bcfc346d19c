"""Schema migrations: a database holding data at an older revision is upgraded without losing a row."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, func, insert, select

from flashpoint.query import Filters, kpis, place_points
from flashpoint.schema import ACTORS, ARTICLE_PLACES, ARTICLES, SCHEMA_REVISION, metadata
from flashpoint.store import Store

ARTICLE = "a" * 64
OTHER_ARTICLE = "b" * 64
TABLES = ("articles", "places", "mentions", "article_places", "actors", "events", "event_actors")


def _fill_base_schema(store: Store) -> None:
    """Rows as the base revision (0001) stored them, written through its reflected tables."""
    tables = MetaData()
    with store.engine.begin() as connection:
        tables.reflect(connection)
        rows = {
            "articles": [
                {"id": ARTICLE, "title": "Drone hits base", "source": "Wire", "published": date(2024, 1, 29),
                 "filename": "a.txt", "body": "A drone hit Tower 22.", "ingested_at": datetime.now(UTC)},
                {"id": OTHER_ARTICLE, "title": "Warship intercepts", "source": None, "published": date(2023, 12, 10),
                 "filename": "b.txt", "body": "A warship intercepted two drones in the Red Sea.",
                 "ingested_at": datetime.now(UTC)},
            ],
            "places": [
                {"id": 1, "place_key": "tower-22", "name": "Tower 22", "kind": "site", "country_code": "JO",
                 "lat": 33.33, "lon": 38.79},
                {"id": 2, "place_key": "red-sea", "name": "Red Sea", "kind": "water", "country_code": None,
                 "lat": 20.0, "lon": 38.0},
            ],
            "mentions": [
                {"article_id": ARTICLE, "place_id": 1, "span_start": 29, "span_end": 37, "literal": True},
                {"article_id": OTHER_ARTICLE, "place_id": 2, "span_start": 68, "span_end": 75, "literal": True},
            ],
            "article_places": [
                {"article_id": ARTICLE, "place_id": 1, "literal": True, "mention_count": 1},
                {"article_id": OTHER_ARTICLE, "place_id": 2, "literal": True, "mention_count": 1},
            ],
            "actors": [
                {"article_id": ARTICLE, "name": "Kataib Hezbollah", "kind": "armed_group", "in_dictionary": True,
                 "affiliation": None, "mention_count": 1, "spans": [[0, 5]]},
            ],
            "events": [
                {"id": 1, "article_id": ARTICLE, "place_id": 1, "type": "drone attack", "day": date(2024, 1, 28),
                 "week": date(2024, 1, 22), "date": date(2024, 1, 28), "country_code": "JO", "lat": 33.33,
                 "lon": 38.79, "actors": ["Kataib Hezbollah"], "targets": [], "count": None, "injured": 34,
                 "killed": 3, "sentence": "A drone hit Tower 22.", "span_start": 17, "span_end": 38,
                 "confidence": 0.9, "severity": 37, "location": "Tower 22"},
                {"id": 2, "article_id": OTHER_ARTICLE, "place_id": 2, "type": "interception",
                 "day": date(2023, 12, 10), "week": date(2023, 12, 4), "date": None, "country_code": None,
                 "lat": 20.0, "lon": 38.0, "actors": ["United States"], "targets": [], "count": 2, "injured": None,
                 "killed": None, "sentence": "A warship intercepted two drones in the Red Sea.", "span_start": 20,
                 "span_end": 68, "confidence": 0.8, "severity": 0, "location": "Red Sea"},
            ],
            "event_actors": [
                {"event_id": 1, "name": "Kataib Hezbollah", "role": "actor", "article_id": ARTICLE, "place_id": 1},
                {"event_id": 2, "name": "United States", "role": "actor", "article_id": OTHER_ARTICLE,
                 "place_id": 2},
            ],
        }  # fmt: skip
        for name in TABLES:
            connection.execute(insert(tables.tables[name]), rows[name])


def _row_counts(store: Store) -> dict[str, int]:
    tables = MetaData()
    with store.engine.connect() as connection:
        tables.reflect(connection, only=TABLES)
        return {name: connection.execute(select(func.count()).select_from(tables.tables[name])).scalar_one()
                for name in TABLES}  # fmt: skip


def test_upgrading_a_database_holding_data_keeps_every_row_and_fills_the_new_columns(blank_store: Store) -> None:
    assert blank_store.upgrade_schema("0001") == "0001"
    _fill_base_schema(blank_store)
    before = _row_counts(blank_store)

    assert blank_store.create_schema() == SCHEMA_REVISION

    assert _row_counts(blank_store) == before
    # attack_count was derived: the drone attack counts once, the interception of two drones not at all.
    # Counting reports: the old rows belong to no incident until incidents are rebuilt.
    assert kpis(blank_store, Filters(count_by="reports")) == {
        "articles": 2, "places": 2, "attacks": 1, "injured": 34, "killed": 3, "actors": 1, "incidents": 0,
        "reports": 2,
    }  # fmt: skip
    # article_facets was backfilled: the country, actor, type and date filters find the old articles.
    assert kpis(blank_store, Filters(countries=("JO",)))["articles"] == 1
    assert kpis(blank_store, Filters(actors=("United States",)))["articles"] == 1
    assert kpis(blank_store, Filters(event_types=("interception",)))["articles"] == 1
    assert kpis(blank_store, Filters(date_from=date(2024, 1, 1)))["articles"] == 1
    # event_actors rows carry their event's day, so the map's actor lists follow a date filter.
    points = place_points(blank_store, Filters(date_from=date(2024, 1, 1))).set_index("place")
    assert points.loc["Tower 22", "actors"] == "Kataib Hezbollah"
    assert points.loc["Tower 22", "evidence"] == "A drone hit Tower 22."


def test_upgrading_gives_stored_articles_their_day_windows_from_their_day_facets(blank_store: Store) -> None:
    blank_store.upgrade_schema("0001")
    _fill_base_schema(blank_store)

    blank_store.create_schema()

    # The drone article was published on the 29th and reports the attack of the 28th; the other has one day.
    windows = {
        ARTICLE: (date(2024, 1, 28), date(2024, 1, 29)),
        OTHER_ARTICLE: (date(2023, 12, 10), date(2023, 12, 10)),
    }
    # Only the drone article names an actor.
    holders = {ARTICLES: (ARTICLE, OTHER_ARTICLE), ARTICLE_PLACES: (ARTICLE, OTHER_ARTICLE), ACTORS: (ARTICLE,)}
    with blank_store.engine.connect() as connection:
        for table, article_ids in holders.items():
            key = table.c.id if table is ARTICLES else table.c.article_id
            rows = connection.execute(select(key, table.c.first_day, table.c.last_day)).all()
            assert {row[0]: (row[1], row[2]) for row in rows} == {
                article_id: windows[article_id] for article_id in article_ids
            }
    assert kpis(blank_store, Filters(date_from=date(2024, 1, 28), date_to=date(2024, 1, 28)))["articles"] == 1
    assert kpis(blank_store, Filters(date_from=date(2023, 12, 11), date_to=date(2024, 1, 27)))["articles"] == 0


def test_a_database_made_before_migrations_existed_is_upgraded_not_refused(blank_store: Store) -> None:
    blank_store.upgrade_schema("0001")
    _fill_base_schema(blank_store)
    with blank_store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE alembic_version")
    assert blank_store.schema_revision() == "0001"

    assert blank_store.create_schema() == SCHEMA_REVISION
    assert blank_store.schema_revision() == SCHEMA_REVISION
    assert kpis(blank_store, Filters())["articles"] == 2


def test_an_empty_database_reports_no_revision_until_upgraded(blank_store: Store) -> None:
    assert blank_store.schema_revision() is None
    blank_store.create_schema()
    assert blank_store.schema_revision() == SCHEMA_REVISION


def test_the_migrated_schema_matches_the_table_definitions_queries_use(blank_store: Store) -> None:
    blank_store.create_schema()
    with blank_store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
