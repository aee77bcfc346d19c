"""Covering indexes for article-scoped counts (places and actors of the matching articles read from indexes
alone) and for the map's top actors under a country or event-type filter."""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_article_places_article": ("article_places", ["article_id", "literal", "place_id", "mention_count"]),
    "ix_actors_article_kind_name": ("actors", ["article_id", "kind", "name"]),
    "ix_event_actors_country": ("event_actors", ["country_code", "role", "day", "type", "place_id", "name"]),
    "ix_event_actors_type": ("event_actors", ["type", "role", "day", "country_code", "place_id", "name"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
