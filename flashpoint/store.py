"""Every write to the database: one transaction per article, keyed by a hash of its text; schema by migration."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, create_engine, delete, event, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.dml import Insert

from flashpoint import store_migrate
from flashpoint.errors import StoreError
from flashpoint.model import Event, Extraction, Location
from flashpoint.schema import (
    ACTOR_LINKS,
    ACTORS,
    ARTICLE_FACETS,
    ARTICLE_PLACES,
    ARTICLES,
    CHILD_TABLES,
    EVENT_ACTORS,
    EVENTS,
    FIGURES,
    MENTIONS,
    PLACES,
)
from flashpoint.store_inserts import insert_rows
from flashpoint.store_rows import (
    article_id_for,
    database_is_shared,
    database_url,
    event_row,
    facet_rows,
    location_kinds,
    place_key_for,
    role_rows,
    storable,
    storable_row,
    week_start,
    with_driver,
)

__all__ = [
    "SaveResult",
    "Store",
    "article_id_for",
    "database_is_shared",
    "database_url",
    "place_key_for",
    "storable",
    "week_start",
    "with_driver",
]

# A writer waits this long for another writer's lock before SQLite reports "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class SaveResult:
    """What `Store.save` did: the article's id, and whether it was new."""

    article_id: str
    created: bool


class Store:
    """The one owner of the database: migrates the schema, saves extractions, deletes articles."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url, connect_args={"check_same_thread": False})
            event.listen(self.engine, "connect", _configure_sqlite)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
            event.listen(self.engine, "connect", _configure_postgresql)
        # Place rows are never deleted, so a key seen committed keeps its row id for the life of the store.
        self._place_ids: dict[str, int] = {}

    @property
    def location(self) -> str:
        """The database URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def create_schema(self) -> str:
        """Create or upgrade the schema to the newest migration (safe on every start); returns the revision."""
        try:
            return store_migrate.upgrade(self.engine)
        except OperationalError as error:
            raise StoreError(f"cannot open or upgrade the database at {self.location}: {error.orig}") from error

    def upgrade_schema(self, revision: str = "head") -> str:
        """Apply migrations up to `revision`; returns the revision reached."""
        return store_migrate.upgrade(self.engine, revision)

    def schema_revision(self) -> str | None:
        """The migration the database is at; None when it holds no schema yet."""
        return store_migrate.current_revision(self.engine)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def count_articles(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(ARTICLES)).scalar_one()

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(select(ARTICLES.c.id).where(ARTICLES.c.id == article_id))
            return found.first() is not None

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything extracted from it; False when there was no such article."""
        with self.engine.begin() as connection:
            _delete_children(connection, article_id)
            removed = connection.execute(delete(ARTICLES).where(ARTICLES.c.id == article_id))
            return removed.rowcount > 0

    def replace_extraction(self, article_id: str, extraction: Extraction) -> None:
        """Rewrite every row extracted from a stored article (places, actors, links, figures, events, facets) in one
        transaction, for re-extraction and review; the article row stays. Incidents are left to
        store_incidents.refresh_incidents. Raises StoreError when no such article is stored."""
        new_place_ids: dict[str, int] = {}
        with self.engine.begin() as connection:
            stored = connection.execute(
                select(ARTICLES.c.id).where(ARTICLES.c.id == article_id).with_for_update()
            ).first()
            if stored is None:
                raise StoreError(f"no article {article_id} in the database at {self.location}")
            _delete_children(connection, article_id)
            location_rows = self._place_rows(connection, extraction.locations, new_place_ids)
            self._write_children(connection, article_id, extraction, location_rows, new_place_ids)
        self._place_ids.update(new_place_ids)

    def save(self, extraction: Extraction) -> SaveResult:
        """Write one article and its extraction in one transaction; an article already stored is left as it is."""
        article = extraction.article
        article_id = article_id_for(article.text)
        new_place_ids: dict[str, int] = {}
        row = {
            "id": article_id,
            "title": article.title,
            "source": article.source,
            "published": article.published,
            "filename": article.filename,
            "body": article.body,
            "ingested_at": datetime.now(UTC),
        }
        with self.engine.begin() as connection:
            inserted = connection.execute(
                self._insert_ignoring_duplicates(ARTICLES).values(storable_row(row)).returning(ARTICLES.c.id)
            ).first()
            if inserted is None:
                return SaveResult(article_id, created=False)
            location_rows = self._place_rows(connection, extraction.locations, new_place_ids)
            self._write_children(connection, article_id, extraction, location_rows, new_place_ids)
        self._place_ids.update(new_place_ids)
        return SaveResult(article_id, created=True)

    def _insert_ignoring_duplicates(self, table: Table) -> Insert:
        dialect = self.engine.dialect.name
        if dialect == "sqlite":
            return sqlite_insert(table).on_conflict_do_nothing()
        if dialect == "postgresql":
            return postgresql_insert(table).on_conflict_do_nothing()
        return insert(table)

    def _place_row_id(self, connection: Connection, values: dict[str, object], new_place_ids: dict[str, int]) -> int:
        key = str(values["place_key"])
        known = self._place_ids.get(key) or new_place_ids.get(key)
        if known is not None:
            return known
        connection.execute(self._insert_ignoring_duplicates(PLACES).values(storable_row(values)))
        row_id = connection.execute(select(PLACES.c.id).where(PLACES.c.place_key == key)).scalar_one()
        new_place_ids[key] = row_id
        return row_id

    def _place_rows(
        self, connection: Connection, locations: Iterable[Location], new_place_ids: dict[str, int]
    ) -> dict[Location, int]:
        values_by_location = {
            location: {
                "place_key": place_key_for(
                    location.name, location.country_code, location.lat, location.lon, location.place_id
                ),
                "name": location.name,
                "kind": location.kind,
                "country_code": location.country_code,
                "lat": location.lat,
                "lon": location.lon,
                "admin1": location.admin1,
            }
            for location in locations
        }
        # Insert in key order so two concurrent PostgreSQL writers cannot lock the same places in opposite orders.
        ordered = sorted(values_by_location.items(), key=lambda item: str(item[1]["place_key"]))
        return {location: self._place_row_id(connection, values, new_place_ids) for location, values in ordered}

    def _event_place_id(
        self, connection: Connection, incident: Event, location_rows: dict[Location, int], new_place_ids: dict[str, int]
    ) -> int | None:
        if incident.location:
            wanted = incident.location.casefold()
            for location, row_id in location_rows.items():
                if location.name.casefold() == wanted:
                    return row_id
        if incident.lat is None or incident.lon is None:
            return None
        name = incident.location or f"{incident.lat:.3f}, {incident.lon:.3f}"
        values = {
            "place_key": place_key_for(name, incident.country_code, incident.lat, incident.lon),
            "name": name,
            "kind": None,
            "country_code": incident.country_code,
            "lat": incident.lat,
            "lon": incident.lon,
        }
        return self._place_row_id(connection, values, new_place_ids)

    def _write_children(
        self,
        connection: Connection,
        article_id: str,
        extraction: Extraction,
        location_rows: dict[Location, int],
        new_place_ids: dict[str, int],
    ) -> None:
        mention_rows = [
            {
                "article_id": article_id,
                "place_id": place_row_id,
                "span_start": span.start,
                "span_end": span.end,
                "literal": location.literal,
            }
            for location, place_row_id in location_rows.items()
            for span in location.mentions
        ]
        # Two locations of one article may resolve to the same place row; they become one article_places row.
        literal_by_place: dict[int, bool] = {}
        mentions_by_place: dict[int, int] = {}
        for location, place_row_id in location_rows.items():
            literal_by_place[place_row_id] = literal_by_place.get(place_row_id, False) or location.literal
            mentions_by_place[place_row_id] = mentions_by_place.get(place_row_id, 0) + len(location.mentions)
        article_place_rows = [
            {"article_id": article_id, "place_id": place_row_id, "literal": literal, "mention_count": count}
            for (place_row_id, literal), count in zip(literal_by_place.items(), mentions_by_place.values(), strict=True)
        ]
        actor_rows = [
            {
                "article_id": article_id,
                "name": actor.name,
                "kind": actor.kind,
                "in_dictionary": actor.in_dictionary,
                "affiliation": actor.affiliation,
                "mention_count": len(actor.mentions),
                "spans": [[span.start, span.end] for span in actor.mentions],
            }
            for actor in extraction.actors
        ]
        link_rows = [
            {
                "article_id": article_id,
                "source": link.source,
                "target": link.target,
                "relation": link.relation,
                "sentence": link.sentence,
                "span_start": link.span.start,
                "span_end": link.span.end,
            }
            for link in extraction.actor_links
        ]
        figure_rows = [
            {
                "article_id": article_id,
                "kind": figure.kind,
                "value": figure.value,
                "qualifier": figure.qualifier,
                "text": figure.text,
                "sentence": figure.sentence,
                "span_start": figure.span.start,
                "span_end": figure.span.end,
            }
            for figure in extraction.figures
        ]
        published = extraction.article.published
        kinds = location_kinds(location_rows)
        event_rows = [
            event_row(
                article_id,
                incident,
                published,
                self._event_place_id(connection, incident, location_rows, new_place_ids),
                kinds.get((incident.location or "").casefold()),
            )
            for incident in extraction.events
        ]
        place_countries = {location.country_code for location in location_rows if location.country_code}
        for table, rows in (
            (MENTIONS, mention_rows),
            (ARTICLE_PLACES, article_place_rows),
            (ACTORS, actor_rows),
            (ACTOR_LINKS, link_rows),
            (FIGURES, figure_rows),
            (ARTICLE_FACETS, facet_rows(article_id, extraction, place_countries, event_rows)),
        ):
            insert_rows(connection, table, rows)
        if event_rows:
            inserted = connection.execute(
                insert(EVENTS).returning(EVENTS.c.id, sort_by_parameter_order=True),
                [storable_row(row) for row in event_rows],
            )
            insert_rows(connection, EVENT_ACTORS, role_rows(event_rows, list(inserted.scalars().all())))


def _delete_children(connection: Connection, article_id: str) -> None:
    for table in CHILD_TABLES:
        connection.execute(delete(table).where(table.c.article_id == article_id))


def _configure_postgresql(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # The dashboard's aggregates over a million rows are costed high enough to trigger JIT compilation, which
    # spends 0.1-0.4 s per statement compiling what then runs for about as long.
    cursor.execute("SET jit = off")
    # Matching-article sets of broad filters (tens of thousands of ids) hash in memory instead of in batches on disk.
    cursor.execute("SET work_mem = '32MB'")
    cursor.close()
    dbapi_connection.commit()


def _configure_sqlite(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (the dashboard) run while an ingest writes; NORMAL sync is still crash-safe under WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # Filtered dashboard queries build temporary sets of matching article ids (a few MB at a million events);
    # kept in memory they cost half the time they take as temporary files.
    cursor.execute("PRAGMA temp_store=MEMORY")
    # One article's transaction dirties a few hundred index pages, so the default checkpoint (every 1,000 WAL
    # pages, each with two fsyncs) ran after every second article; at 8,192 pages (32 MB of WAL) a 1,000-article
    # ingest takes 8.7-8.9 s instead of 9.3-11.1 s here, with the same durability.
    cursor.execute("PRAGMA wal_autocheckpoint=8192")
    cursor.close()
