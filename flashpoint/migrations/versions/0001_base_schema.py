"""The schema as it stood before migrations: articles and everything extracted from them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _article_key() -> sa.Column:
    return sa.Column(
        "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _span() -> tuple[sa.Column, sa.Column]:
    return sa.Column("span_start", sa.Integer, nullable=False), sa.Column("span_end", sa.Integer, nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("published", sa.Date, index=True),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("place_key", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text),
        sa.Column("country_code", sa.Text, index=True),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_key(),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id"), nullable=False),
        *_span(),
        sa.Column("literal", sa.Boolean, nullable=False),
    )
    op.create_table(
        "article_places",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id"), primary_key=True),
        sa.Column("literal", sa.Boolean, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Index("ix_article_places_place", "place_id", "literal", "mention_count", "article_id"),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_key(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("in_dictionary", sa.Boolean, nullable=False),
        sa.Column("affiliation", sa.Text),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("spans", sa.JSON, nullable=False),
        sa.Index("ix_actors_name_article", "name", "article_id"),
    )
    op.create_table(
        "actor_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_key(),
        sa.Column("source", sa.Text, nullable=False, index=True),
        sa.Column("target", sa.Text, nullable=False, index=True),
        sa.Column("relation", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        *_span(),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_key(),
        sa.Column("kind", sa.Text, nullable=False, index=True),
        sa.Column("value", sa.BigInteger),
        sa.Column("qualifier", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        *_span(),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_key(),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id")),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("week", sa.Date),
        sa.Column("date", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("location", sa.Text),
        sa.Column("country_code", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("actors", sa.JSON, nullable=False),
        sa.Column("targets", sa.JSON, nullable=False),
        sa.Column("count", sa.BigInteger),
        sa.Column("injured", sa.BigInteger),
        sa.Column("killed", sa.BigInteger),
        sa.Column("sentence", sa.Text, nullable=False),
        *_span(),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("severity", sa.BigInteger, nullable=False),
        sa.Index("ix_events_day", "day"),
        sa.Index("ix_events_place_totals", "place_id", "type", "count", "injured", "killed"),
        sa.Index("ix_events_place_severity", "place_id", "severity", "id"),
        sa.Index("ix_events_country_day", "country_code", "day"),
        sa.Index("ix_events_type_day", "type", "day"),
    )
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("role", sa.Text, primary_key=True),
        _article_key(),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id")),
        sa.Index("ix_event_actors_name_event", "name", "event_id"),
        sa.Index("ix_event_actors_role_place_name", "role", "place_id", "name"),
    )


def downgrade() -> None:
    for table in (
        "event_actors",
        "events",
        "figures",
        "actor_links",
        "actors",
        "article_places",
        "mentions",
        "places",
        "articles",
    ):
        op.drop_table(table)
