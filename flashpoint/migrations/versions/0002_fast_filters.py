"""Fast filters at a million events: per-event attack counts and evidence ranks, covering indexes, event actors
carrying their event's day, type and country, and the article_facets table that article filters read."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NON_ATTACK_EVENT_TYPES = ("interception", "threat", "warning", "threat/warning", "meeting", "statement")
# Attacks rank above every other event whatever their casualties; severity below this cap orders the rest.
ATTACK_RANK = 1_000_000_000_000_000
TOTALS = ("place_id", "attack_count", "injured", "killed", "evidence_rank")


def _backfill_events() -> None:
    non_attack = ", ".join(f"'{event_type}'" for event_type in NON_ATTACK_EVENT_TYPES)
    op.execute(
        f"UPDATE events SET "
        f"attack_count = CASE WHEN type IN ({non_attack}) THEN 0 ELSE COALESCE(count, 1) END, "
        f"evidence_rank = CASE WHEN type IN ({non_attack}) THEN 0 ELSE {ATTACK_RANK} END "
        f"+ CASE WHEN severity >= {ATTACK_RANK} THEN {ATTACK_RANK - 1} ELSE severity END"
    )
    for column in ("day", "type", "country_code"):
        op.execute(
            f"UPDATE event_actors SET {column} = (SELECT events.{column} FROM events "
            f"WHERE events.id = event_actors.event_id)"
        )


def _backfill_facets() -> None:
    sources = (
        "SELECT 'actor', name, article_id FROM actors",
        "SELECT 'actor', name, article_id FROM event_actors",
        "SELECT 'country', places.country_code, article_places.article_id FROM article_places "
        "JOIN places ON places.id = article_places.place_id WHERE places.country_code IS NOT NULL",
        "SELECT 'country', country_code, article_id FROM events WHERE country_code IS NOT NULL",
        "SELECT 'type', type, article_id FROM events",
        "SELECT 'day', CAST(published AS TEXT), id FROM articles WHERE published IS NOT NULL",
        "SELECT 'day', CAST(day AS TEXT), article_id FROM events WHERE day IS NOT NULL",
    )
    # UNION (not UNION ALL) drops the duplicates the primary key would refuse.
    op.execute(f"INSERT INTO article_facets (facet, value, article_id) {' UNION '.join(sources)}")


def upgrade() -> None:
    op.add_column("events", sa.Column("attack_count", sa.BigInteger, nullable=False, server_default="0"))
    op.add_column("events", sa.Column("evidence_rank", sa.BigInteger, nullable=False, server_default="0"))
    op.add_column("event_actors", sa.Column("day", sa.Date))
    op.add_column("event_actors", sa.Column("type", sa.Text))
    op.add_column("event_actors", sa.Column("country_code", sa.Text))
    op.create_table(
        "article_facets",
        sa.Column("facet", sa.String(16), primary_key=True),
        sa.Column("value", sa.Text, primary_key=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    _backfill_events()
    _backfill_facets()
    # Indexes last: building them once over the filled tables is faster than maintaining them during backfill.
    for name in ("ix_events_day", "ix_events_country_day", "ix_events_type_day", "ix_events_place_totals"):
        op.drop_index(name, table_name="events")
    op.create_index("ix_events_day_totals", "events", ["day", "week", "type", "country_code", *TOTALS])
    op.create_index("ix_events_country_totals", "events", ["country_code", "day", "week", "type", *TOTALS])
    op.create_index("ix_events_type_totals", "events", ["type", "day", "week", "country_code", *TOTALS])
    op.create_index("ix_events_place_totals", "events", ["place_id", "type", "attack_count", "injured", "killed"])
    op.create_index("ix_events_place_evidence", "events", ["place_id", "evidence_rank", "id"])
    op.create_index(
        "ix_event_actors_role_day", "event_actors", ["role", "day", "place_id", "name", "type", "country_code"]
    )
    op.create_index("ix_actors_kind_name", "actors", ["kind", "name", "article_id"])
    op.create_index("ix_article_facets_article", "article_facets", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_article_facets_article", table_name="article_facets")
    op.drop_table("article_facets")
    op.drop_index("ix_actors_kind_name", table_name="actors")
    op.drop_index("ix_event_actors_role_day", table_name="event_actors")
    for name in (
        "ix_events_place_evidence",
        "ix_events_place_totals",
        "ix_events_type_totals",
        "ix_events_country_totals",
        "ix_events_day_totals",
    ):
        op.drop_index(name, table_name="events")
    op.create_index("ix_events_day", "events", ["day"])
    op.create_index("ix_events_place_totals", "events", ["place_id", "type", "count", "injured", "killed"])
    op.create_index("ix_events_country_day", "events", ["country_code", "day"])
    op.create_index("ix_events_type_day", "events", ["type", "day"])
    with op.batch_alter_table("event_actors") as batch:
        for column in ("country_code", "type", "day"):
            batch.drop_column(column)
    with op.batch_alter_table("events") as batch:
        batch.drop_column("evidence_rank")
        batch.drop_column("attack_count")
