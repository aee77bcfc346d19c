"""The database tables and indexes at the newest migration: what queries read and the store writes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
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
    UniqueConstraint,
)

# The newest migration in flashpoint/migrations/versions; a database at another revision is upgraded on start.
SCHEMA_REVISION = "0009"

metadata = MetaData()


def _article_key() -> Column[str]:
    return Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


def _day_window() -> tuple[Column[date], Column[date]]:
    """The article's earliest and latest 'day' facet (published day, event days); NULL when it has none. A date
    range matches an article lying inside it at once, and one straddling its edge after a look at its facets."""
    return Column("first_day", Date), Column("last_day", Date)


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
    *_day_window(),
    # Counts the articles a date range matches from the index alone.
    Index("ix_articles_day_window", "last_day", "first_day", "id"),
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
    # The admin-1 region's name (model.Location.admin1): what the tension index groups incidents by.
    Column("admin1", Text),
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
    *_day_window(),
    # Place-ordered: the per-place mention totals and "does a matching article name this place" under a date
    # range read it alone.
    Index("ix_article_places_place", "place_id", "literal", "mention_count", "article_id", "last_day", "first_day"),
    # Covers the places of a set of matching articles (kpis, map mentions) without reading table rows.
    Index("ix_article_places_article", "article_id", "literal", "place_id", "mention_count"),
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
    *_day_window(),
    Index("ix_actors_name_article", "name", "article_id"),
    # Covers the distinct-actor count: kind and name (and, under a date range, the window) from the index alone.
    Index("ix_actors_kind_name", "kind", "name", "article_id", "last_day", "first_day"),
    Index("ix_actors_article_kind_name", "article_id", "kind", "name"),
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

# The totals every map and overview query adds up, in the order the covering indexes below carry them.
# The incident columns are non-zero on each incident's lead report only (see INCIDENT_TOTAL_COLUMNS below).
EVENT_TOTAL_COLUMNS = (
    "place_id",
    "attack_count",
    "injured",
    "killed",
    "evidence_rank",
    "id",
    "incident_count",
    "incident_attacks",
    "incident_injured",
    "incident_killed",
)
# What an incident adds up to, carried by its lead report's events row (1, best attacks, best injured, best
# killed) and zero on every other report: summing these counts each incident once under any event filter.
INCIDENT_TOTAL_COLUMNS = ("incident_count", "incident_attacks", "incident_injured", "incident_killed")

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
    # killed + injured, the base of evidence_rank.
    Column("severity", BigInteger, nullable=False, default=0),
    # What the event adds to the attack count (0 for interceptions, threats, ...), computed once at write time.
    Column("attack_count", BigInteger, nullable=False, default=0),
    # Attacks before other events, then severity: a place's evidence is its event with the highest rank (below
    # 2**31, so rank and id pack into one 64-bit number for max()).
    Column("evidence_rank", BigInteger, nullable=False, default=0),
    # The incident this report belongs to (None until incidents are computed) and, on its lead report only,
    # the incident's totals.
    Column("incident_id", String(16), index=True),
    *(Column(name, BigInteger, nullable=False, default=0) for name in INCIDENT_TOTAL_COLUMNS),
    # flashpoint.precision's words: exact/near/admin1/country/sea/unknown and day/range/week/month/unknown.
    Column("location_precision", Text),
    Column("date_precision", Text),
    # Each filter's leading column, then everything the totals read: an index-only scan per filter.
    Index("ix_events_day_totals", "day", "week", "type", "country_code", *EVENT_TOTAL_COLUMNS),
    Index("ix_events_country_totals", "country_code", "day", "week", "type", *EVENT_TOTAL_COLUMNS),
    Index("ix_events_type_totals", "type", "day", "week", "country_code", *EVENT_TOTAL_COLUMNS),
    # Place-ordered with the filter columns: per-place totals under a broad filter are one pass with no sort.
    Index(
        "ix_events_place_totals",
        "place_id",
        "country_code",
        "day",
        "type",
        "location_precision",
        *EVENT_TOTAL_COLUMNS[1:],
    ),
)

# Each event's actors and targets, one row per name, so the actor filter is an indexed lookup; the event's place,
# day, type and country are copied here so "top actors per place" reads this table alone under any filter.
EVENT_ACTORS = Table(
    "event_actors",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("role", Text, primary_key=True),
    _article_key(),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("day", Date),
    Column("type", Text),
    Column("country_code", Text),
    Index("ix_event_actors_name_event", "name", "event_id"),
    Index("ix_event_actors_role_place_name", "role", "place_id", "name", "country_code", "day", "type"),
    Index("ix_event_actors_role_day", "role", "day", "place_id", "name", "type", "country_code"),
    Index("ix_event_actors_country", "country_code", "role", "day", "type", "place_id", "name"),
    Index("ix_event_actors_type", "type", "role", "day", "country_code", "place_id", "name"),
)

# What each article can be filtered by, one row per (facet, value, article): 'actor' (actors and event actors
# named), 'country' (countries of its places and events), 'type' (its event types) and 'day' (its published
# date and event days, ISO text). An article filter becomes index range scans on this one table.
ARTICLE_FACETS = Table(
    "article_facets",
    metadata,
    Column("facet", String(16), primary_key=True),
    Column("value", Text, primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_article_facets_article", "article_id"),
)

# One row per incident: where and when (from its most precise report), how many reports and articles told it,
# and its figures rolled up from every report's claim (flashpoint.claims: low, best, high).
INCIDENTS = Table(
    "incidents",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("family", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("day", Date, index=True),
    Column("day_end", Date),
    Column("week", Date),
    Column("country_code", Text),
    Column("admin1", Text),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("location", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("location_precision", Text, nullable=False),
    Column("date_precision", Text, nullable=False),
    Column("report_count", Integer, nullable=False),
    Column("article_count", Integer, nullable=False),
    Column("lead_event_id", Integer),
    Column("sentence", Text, nullable=False, default=""),
    Column("attacks", BigInteger, nullable=False, default=0),
    Column("killed_low", BigInteger),
    Column("killed_best", BigInteger),
    Column("killed_high", BigInteger),
    Column("injured_low", BigInteger),
    Column("injured_best", BigInteger),
    Column("injured_high", BigInteger),
    Index("ix_incidents_country_day", "country_code", "day"),
)

# Which incident each report (events row) belongs to, and why it was merged into the report it joined.
INCIDENT_REPORTS = Table(
    "incident_reports",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", String(16), nullable=False, index=True),
    _article_key(),
    Column("report_key", Text, nullable=False),
    Column("joined_key", Text),
    Column("reason", Text),
)

# Analysts' corrections: who changed what, when, from what to what. Not tied to the article row by a foreign
# key, so the audit trail outlives a deleted article and a correction outlives re-extraction.
CORRECTIONS = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("article_id", String(64), index=True),
    Column("target", JSON, nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("undone_at", DateTime(timezone=True)),
    Column("undone_by", Text),
    Column("note", Text),
)

# Events imported from ACLED or GDELT files, shown as layers beside our incidents and filtered the same way.
EXTERNAL_EVENTS = Table(
    "external_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("layer", String(16), nullable=False),
    Column("external_id", Text, nullable=False),
    Column("day", Date),
    Column("date_precision", Text),
    Column("type", Text),
    Column("original_type", Text),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("associated_actors", JSON),
    Column("country_code", Text),
    Column("admin1", Text),
    Column("location", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("location_precision", Text),
    Column("fatalities", BigInteger),
    Column("notes", Text),
    Column("source", Text),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("layer", "external_id", name="uq_external_events_layer_id"),
    Index("ix_external_events_layer_day", "layer", "day"),
    Index("ix_external_events_layer_country", "layer", "country_code", "day"),
)

# Articles saved whose reports are not filed into incidents yet: a row is written in the article's own
# transaction and removed in the one that files it, so an ingest killed in between leaves the next one a list.
UNFILED_ARTICLES = Table(
    "unfiled_articles",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

CHILD_TABLES = (
    INCIDENT_REPORTS,
    EVENT_ACTORS,
    EVENTS,
    FIGURES,
    ACTOR_LINKS,
    ACTORS,
    MENTIONS,
    ARTICLE_PLACES,
    ARTICLE_FACETS,
)

# Event types that describe no act of violence: they stay in the events table but never add to attack counts.
NON_ATTACK_EVENT_TYPES = ("interception", "threat", "warning", "threat/warning", "meeting", "statement")
