"""Every write to the database: one transaction per article, keyed by a hash of its text; schema by migration."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, create_engine, delete, event, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.dml import Insert

from flashpoint import store_migrate
from flashpoint.errors import StoreError
from flashpoint.model import Extraction
from flashpoint.schema import (
    ARTICLES,
    CHILD_TABLES,
    EVENT_ACTORS,
    EVENTS,
    PLACES,
    UNFILED_ARTICLES,
)
from flashpoint.store_article_rows import ChildRows, PreparedArticle, child_rows, prepare_article
from flashpoint.store_inserts import insert_rows
from flashpoint.store_rows import (
    article_id_for,
    day_window,
    place_key_for,
    role_rows,
    storable,
    storable_row,
    week_start,
)
from flashpoint.store_turns import FILING_FILE_SUFFIX, WriteTurns, turn_file_path
from flashpoint.store_urls import database_is_shared, database_url, with_driver

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
# One article's transaction dirties about 260 index pages, so SQLite's default checkpoint (every 1,000 log pages,
# with two fsyncs) ran after every fourth article. Under synchronous=NORMAL a power cut loses at most the commits
# since the last checkpoint, so the interval is also how much can be lost: 8,192 pages (32 MB, ~30 articles)
# for everyday use, where an analyst's corrections are at stake.
CHECKPOINT_PAGES = 8192
# A bulk ingest is re-run to redo whatever a power cut lost, and checkpoints when it ends: 65,536 pages (256 MB,
# ~250 articles) saved 0.6 ms of each article's 1.9 ms commit here.
BULK_CHECKPOINT_PAGES = 65536


@dataclass(frozen=True)
class SaveResult:
    """What `Store.save` did: the article's id, and whether it was new."""

    article_id: str
    created: bool


class Store:
    """The one owner of the database: migrates the schema, saves extractions, deletes articles."""

    def __init__(self, url: str | None = None, bulk: bool = False) -> None:
        """`bulk` is for ingest commands: SQLite syncs the log to the database less often while they run (see
        `_configure_sqlite`), and `checkpoint` makes everything durable when they end."""
        self.url = database_url(url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url, connect_args={"check_same_thread": False})
            checkpoint_pages = BULK_CHECKPOINT_PAGES if bulk else CHECKPOINT_PAGES
            event.listen(self.engine, "connect", partial(_configure_sqlite, checkpoint_pages=checkpoint_pages))
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
            event.listen(self.engine, "connect", _configure_postgresql)
        # Place rows are never deleted, so a key seen committed keeps its row id for the life of the store.
        self._place_ids: dict[str, int] = {}
        self._write_turns = WriteTurns(turn_file_path(parsed.database) if self.is_sqlite else None)
        self._filing_turns = WriteTurns(turn_file_path(parsed.database, FILING_FILE_SUFFIX) if self.is_sqlite else None)

    @property
    def location(self) -> str:
        """The database URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction, entered in turn with the other writers of this database (see WriteTurns)."""
        with self._write_turns.turn(), self.engine.begin() as connection:
            yield connection

    def checkpoint(self) -> None:
        """Copy SQLite's write-ahead log into the database file and empty it (nothing to do on PostgreSQL): after
        a bulk ingest, every saved article is then as durable as the database can make it."""
        if self.is_sqlite:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()

    @contextmanager
    def filing(self) -> Iterator[None]:
        """The turn of one incident refresh on a SQLite file, across processes: refreshes read the incidents, merge
        and write them back, and may read outside the database's write lock only while no other refresh runs.
        (On PostgreSQL a refresh holds an advisory lock in its transaction instead.)"""
        with self._filing_turns.turn():
            yield

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

    def stored_articles(self, article_ids: Collection[str]) -> set[str]:
        """Which of a few article ids are stored, in one query: a bulk ingest checks each batch it is about to
        extract (one query per article cost its process about as much as reading the article)."""
        if not article_ids:
            return set()
        statement = select(ARTICLES.c.id).where(ARTICLES.c.id.in_(sorted(article_ids)))
        with self.engine.connect() as connection:
            return set(connection.execute(statement).scalars())

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything extracted from it; False when there was no such article."""
        with self.writing() as connection:
            _delete_children(connection, article_id)
            removed = connection.execute(delete(ARTICLES).where(ARTICLES.c.id == article_id))
            return removed.rowcount > 0

    def replace_extraction(self, article_id: str, extraction: Extraction) -> None:
        """Rewrite every row extracted from a stored article (places, actors, links, figures, events, facets) in one
        transaction, for re-extraction and review; the article row stays. Incidents are left to
        store_incidents.refresh_incidents. Raises StoreError when no such article is stored."""
        rows = child_rows(article_id, extraction)
        new_place_ids: dict[str, int] = {}
        with self.writing() as connection:
            stored = connection.execute(
                select(ARTICLES.c.id).where(ARTICLES.c.id == article_id).with_for_update()
            ).first()
            if stored is None:
                raise StoreError(f"no article {article_id} in the database at {self.location}")
            _delete_children(connection, article_id)
            # A corrected event date can move the article's day window, which its row carries too.
            connection.execute(update(ARTICLES).where(ARTICLES.c.id == article_id).values(day_window(extraction)))
            self._write_children(connection, rows, new_place_ids)
        self._place_ids.update(new_place_ids)

    def save(self, extraction: Extraction) -> SaveResult:
        """Write one article and its extraction in one transaction; an article already stored is left as it is."""
        saved = self.write_article(prepare_article(extraction))
        assert saved is not None  # a writer that waits always gets its turn
        return saved

    def write_article(self, article: PreparedArticle, wait: bool = True) -> SaveResult | None:
        """Write a prepared article (`save`), listed as unfiled until its reports are filed into incidents
        (`store_incidents.file_new_articles`); without `wait`, None at once and nothing written when another
        writer of this SQLite file has its turn, so an ingest worker can extract its next article meanwhile."""
        new_place_ids: dict[str, int] = {}
        with self._write_turns.turn(wait) as granted:
            if not granted:
                return None
            with self.engine.begin() as connection:
                inserted = connection.execute(
                    self._insert_ignoring_duplicates(ARTICLES)
                    .values(storable_row(article.row))
                    .returning(ARTICLES.c.id)
                ).first()
                if inserted is None:
                    return SaveResult(article.article_id, created=False)
                self._write_children(connection, article.children, new_place_ids)
                # Waits here for its incidents, in this transaction: a kill before filing leaves it listed.
                insert_rows(connection, UNFILED_ARTICLES, [{"article_id": article.article_id}])
        self._place_ids.update(new_place_ids)
        return SaveResult(article.article_id, created=True)

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

    def _write_children(self, connection: Connection, rows: ChildRows, new_place_ids: dict[str, int]) -> None:
        # Places in key order, so two concurrent PostgreSQL writers cannot lock the same places in opposite orders.
        rows.with_place_ids(
            {key: self._place_row_id(connection, rows.places[key], new_place_ids) for key in sorted(rows.places)}
        )
        for table, table_rows in rows.children:
            insert_rows(connection, table, table_rows)
        if rows.events:
            inserted = connection.execute(
                insert(EVENTS).returning(EVENTS.c.id, sort_by_parameter_order=True),
                [storable_row(row) for row in rows.events],
            )
            insert_rows(connection, EVENT_ACTORS, role_rows(rows.events, list(inserted.scalars().all())))


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


def _configure_sqlite(dbapi_connection: Any, _connection_record: Any, checkpoint_pages: int) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (the dashboard) run while an ingest writes; NORMAL sync is still crash-safe under WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # Filtered dashboard queries build temporary sets of matching article ids (a few MB at a million events);
    # kept in memory they cost half the time they take as temporary files.
    cursor.execute("PRAGMA temp_store=MEMORY")
    # How many log pages to gather before copying them into the database with two fsyncs (see the constants).
    cursor.execute(f"PRAGMA wal_autocheckpoint={checkpoint_pages}")
    cursor.close()
