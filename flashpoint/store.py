"""The database schema and every write to it: one transaction per article, keyed by a hash of its text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.sql.dml import Insert

from flashpoint.errors import FlashpointError
from flashpoint.model import Event, Extraction, Location
from flashpoint.settings import Settings

# A writer waits this long for another writer's lock before SQLite reports "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000

# NUL and lone surrogates cannot be stored as text by PostgreSQL (nor encoded as UTF-8); each becomes U+FFFD,
# one character for one, so every span still points at the same words.
UNSTORABLE_CHARACTERS = re.compile("[\x00\ud800-\udfff]")

# Enough of a place name to tell places apart, short enough to keep the unique index small.
PLACE_KEY_NAME_LENGTH = 200

metadata = MetaData()


def _article_key() -> Column[str]:
    return Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


ARTICLES = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("source", Text),
    Column("published", Date, index=True),
    Column("filename", Text, nullable=False, default=""),
    Column("body", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

PLACES = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The gazetteer id when there is one, otherwise name and rounded coordinates: one row per resolved place.
    Column("place_key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", Text),
    Column("country_code", Text, index=True),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
)

MENTIONS = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_key(),
    Column("place_id", Integer, ForeignKey("places.id"), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("literal", Boolean, nullable=False, default=True),
)

# One row per place per article, mentions counted at write time: the map and the place counts aggregate these
# few rows rather than every mention's span.
ARTICLE_PLACES = Table(
    "article_places",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", Integer, ForeignKey("places.id"), primary_key=True),
    Column("literal", Boolean, nullable=False),
    Column("mention_count", Integer, nullable=False),
    Index("ix_article_places_place", "place_id", "literal", "mention_count", "article_id"),
)

ACTORS = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_key(),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("in_dictionary", Boolean, nullable=False, default=True),
    Column("affiliation", Text),
    Column("mention_count", Integer, nullable=False, default=0),
    Column("spans", JSON, nullable=False),
    Index("ix_actors_name_article", "name", "article_id"),
)

ACTOR_LINKS = Table(
    "actor_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_key(),
    Column("source", Text, nullable=False, index=True),
    Column("target", Text, nullable=False, index=True),
    Column("relation", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

FIGURES = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_key(),
    Column("kind", Text, nullable=False, index=True),
    Column("value", BigInteger),
    Column("qualifier", Text),
    Column("text", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

EVENTS = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_key(),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("type", Text, nullable=False),
    # The event's date, or the article's published date when the text gives none: what the date filter reads.
    Column("day", Date),
    # Monday of `day`'s week, stored so weekly timelines group without dialect-specific date functions.
    Column("week", Date),
    Column("date", Date),
    Column("date_end", Date),
    Column("location", Text),
    Column("country_code", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("actors", JSON, nullable=False),
    Column("targets", JSON, nullable=False),
    Column("count", BigInteger),
    Column("injured", BigInteger),
    Column("killed", BigInteger),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    # killed + injured, stored so the map's evidence sentence per place is one index seek, not a sort.
    Column("severity", BigInteger, nullable=False, default=0),
    Index("ix_events_day", "day"),
    # Covers the per-place totals, so the map aggregates without reading event rows.
    Index("ix_events_place_totals", "place_id", "type", "count", "injured", "killed"),
    Index("ix_events_place_severity", "place_id", "severity", "id"),
    Index("ix_events_country_day", "country_code", "day"),
    Index("ix_events_type_day", "type", "day"),
)

# Each event's actors and targets, one row per name, so the actor filter is an indexed lookup.
EVENT_ACTORS = Table(
    "event_actors",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("role", Text, primary_key=True),
    _article_key(),
    # The event's place, copied here so "top actors per place" groups this table alone.
    Column("place_id", Integer, ForeignKey("places.id")),
    Index("ix_event_actors_name_event", "name", "event_id"),
    Index("ix_event_actors_role_place_name", "role", "place_id", "name"),
)

CHILD_TABLES = (EVENT_ACTORS, EVENTS, FIGURES, ACTOR_LINKS, ACTORS, MENTIONS, ARTICLE_PLACES)


@dataclass(frozen=True)
class SaveResult:
    """What `Store.save` did: the article's id, and whether it was new."""

    article_id: str
    created: bool


def article_id_for(text: str) -> str:
    """The article's id: sha256 of its text with whitespace runs folded to one space (case kept)."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8", errors="surrogatepass")).hexdigest()


def storable(value: object) -> object:
    """The value with unstorable characters replaced, inside strings and lists of strings."""
    if isinstance(value, str):
        return UNSTORABLE_CHARACTERS.sub("\ufffd", value)
    if isinstance(value, list):
        return [storable(item) for item in value]
    return value


def _storable_row(row: dict[str, object]) -> dict[str, object]:
    return {key: storable(value) for key, value in row.items()}


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def place_key_for(name: str, country_code: str | None, lat: float, lon: float, place_id: str = "") -> str:
    """The identity of a resolved place: its gazetteer id, or its name and position to about 10 m."""
    key = place_id or f"{name.casefold()[:PLACE_KEY_NAME_LENGTH]}|{country_code or ''}|{lat:.4f}|{lon:.4f}"
    return str(storable(key))


def with_driver(url: str) -> str:
    """The URL with the driver we ship named: hosts often hand out bare postgres:// or postgresql:// URLs."""
    for bare in ("postgres://", "postgresql://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


class Store:
    """The one owner of the database: creates the schema, saves extractions, deletes articles."""

    def __init__(self, url: str | None = None) -> None:
        self.url = with_driver(url or Settings.from_env().database_url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url, connect_args={"check_same_thread": False})
            event.listen(self.engine, "connect", _configure_sqlite)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        # Place rows are never deleted, so a key seen committed keeps its row id for the life of the store.
        self._place_ids: dict[str, int] = {}

    def create_schema(self) -> None:
        """Create any missing table or index; safe to call on every start."""
        self._refuse_older_schema()
        metadata.create_all(self.engine)
        # create_all adds indexes only with new tables; an index added since an older database was made comes here.
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(self.engine, checkfirst=True)

    def _refuse_older_schema(self) -> None:
        """Stop with a clear message when existing tables lack columns this version writes."""
        inspector = inspect(self.engine)
        for table in metadata.sorted_tables:
            if not inspector.has_table(table.name):
                continue
            present = {column["name"] for column in inspector.get_columns(table.name)}
            missing = [column.name for column in table.columns if column.name not in present]
            if missing:
                location = make_url(self.url).render_as_string(hide_password=True)
                raise FlashpointError(
                    f"The database at {location} was made by an older Flashpoint: table {table.name} has no "
                    f"{', '.join(missing)}. Move it aside to start afresh."
                )

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
            for table in CHILD_TABLES:
                connection.execute(delete(table).where(table.c.article_id == article_id))
            removed = connection.execute(delete(ARTICLES).where(ARTICLES.c.id == article_id))
            return removed.rowcount > 0

    def save(self, extraction: Extraction) -> SaveResult:
        """Write one article and its extraction in one transaction; an article already stored is left as it is."""
        article = extraction.article
        article_id = article_id_for(article.text)
        new_place_ids: dict[str, int] = {}
        with self.engine.begin() as connection:
            inserted = connection.execute(
                self._insert_ignoring_duplicates(ARTICLES)
                .values(
                    _storable_row(
                        {
                            "id": article_id,
                            "title": article.title,
                            "source": article.source,
                            "published": article.published,
                            "filename": article.filename,
                            "body": article.body,
                            "ingested_at": datetime.now(UTC),
                        }
                    )
                )
                .returning(ARTICLES.c.id)
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
        connection.execute(self._insert_ignoring_duplicates(PLACES).values(_storable_row(values)))
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
        for table, rows in (
            (MENTIONS, mention_rows),
            (ARTICLE_PLACES, article_place_rows),
            (ACTORS, actor_rows),
            (ACTOR_LINKS, link_rows),
            (FIGURES, figure_rows),
        ):
            if rows:
                connection.execute(insert(table), [_storable_row(row) for row in rows])
        self._write_events(connection, article_id, extraction, location_rows, new_place_ids)

    def _write_events(
        self,
        connection: Connection,
        article_id: str,
        extraction: Extraction,
        location_rows: dict[Location, int],
        new_place_ids: dict[str, int],
    ) -> None:
        if not extraction.events:
            return
        published = extraction.article.published
        event_rows = []
        for incident in extraction.events:
            day = incident.date or published
            event_rows.append(
                {
                    "article_id": article_id,
                    "place_id": self._event_place_id(connection, incident, location_rows, new_place_ids),
                    "type": incident.type,
                    "day": day,
                    "week": week_start(day) if day else None,
                    "date": incident.date,
                    "date_end": incident.date_end,
                    "location": incident.location,
                    "country_code": incident.country_code,
                    "lat": incident.lat,
                    "lon": incident.lon,
                    "actors": list(incident.actors),
                    "targets": list(incident.targets),
                    "count": incident.count,
                    "injured": incident.injured,
                    "killed": incident.killed,
                    "sentence": incident.sentence,
                    "span_start": incident.span.start,
                    "span_end": incident.span.end,
                    "confidence": incident.confidence,
                    "severity": (incident.killed or 0) + (incident.injured or 0),
                }
            )
        inserted = connection.execute(
            insert(EVENTS).returning(EVENTS.c.id, sort_by_parameter_order=True),
            [_storable_row(row) for row in event_rows],
        )
        role_rows = []
        for row, event_row_id in zip(event_rows, inserted.scalars().all(), strict=True):
            roles = {(name, "actor") for name in row["actors"]} | {(name, "target") for name in row["targets"]}
            role_rows.extend(
                {
                    "event_id": event_row_id,
                    "name": name,
                    "role": role,
                    "article_id": article_id,
                    "place_id": row["place_id"],
                }
                for name, role in sorted(roles)
            )
        if role_rows:
            connection.execute(insert(EVENT_ACTORS), [_storable_row(row) for row in role_rows])


def _configure_sqlite(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (the dashboard) run while an ingest writes; NORMAL sync is still crash-safe under WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
