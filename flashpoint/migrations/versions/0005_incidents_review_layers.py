"""Incidents across reports, analysts' corrections with their audit trail, imported ACLED/GDELT layers, and the
precision of every event's place and date.

Events gain the incident they belong to and, on the one lead report of each incident, that incident's best
estimates (`incident_count` 1, attacks, injured, killed); every other report carries zeros, so summing the
incident columns counts each incident once under the same filters and covering indexes as the raw columns.
The incident columns start empty: `python -m flashpoint incidents rebuild` (run by `db upgrade`) fills them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TOTALS = ("place_id", "attack_count", "injured", "killed", "evidence_rank", "id")
INCIDENT_TOTALS = ("incident_count", "incident_attacks", "incident_injured", "incident_killed")
# The covering indexes of migration 0002, rebuilt with the incident columns so incident totals stay index-only.
COVERING = {
    "ix_events_day_totals": ("day", "week", "type", "country_code"),
    "ix_events_country_totals": ("country_code", "day", "week", "type"),
    "ix_events_type_totals": ("type", "day", "week", "country_code"),
    "ix_events_place_totals": (),
}


def _rebuild_covering_indexes(totals: tuple[str, ...]) -> None:
    for name, leading in COVERING.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", [*leading, *totals])


def upgrade() -> None:
    op.add_column("events", sa.Column("incident_id", sa.String(16)))
    for column in INCIDENT_TOTALS:
        op.add_column("events", sa.Column(column, sa.BigInteger, nullable=False, server_default="0"))
    op.add_column("events", sa.Column("location_precision", sa.Text))
    op.add_column("events", sa.Column("date_precision", sa.Text))
    op.create_index("ix_events_incident_id", "events", ["incident_id"])
    _rebuild_covering_indexes((*TOTALS, *INCIDENT_TOTALS))

    op.create_table(
        "incidents",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("family", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("day_end", sa.Date),
        sa.Column("week", sa.Date),
        sa.Column("country_code", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id")),
        sa.Column("location", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("location_precision", sa.Text, nullable=False),
        sa.Column("date_precision", sa.Text, nullable=False),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("lead_event_id", sa.Integer),
        sa.Column("sentence", sa.Text, nullable=False, server_default=""),
        sa.Column("attacks", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("killed_low", sa.BigInteger),
        sa.Column("killed_best", sa.BigInteger),
        sa.Column("killed_high", sa.BigInteger),
        sa.Column("injured_low", sa.BigInteger),
        sa.Column("injured_best", sa.BigInteger),
        sa.Column("injured_high", sa.BigInteger),
    )
    op.create_index("ix_incidents_day", "incidents", ["day"])
    op.create_index("ix_incidents_country_day", "incidents", ["country_code", "day"])

    op.create_table(
        "incident_reports",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("incident_id", sa.String(16), nullable=False),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("report_key", sa.Text, nullable=False),
        sa.Column("joined_key", sa.Text),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_incident_reports_incident_id", "incident_reports", ["incident_id"])
    op.create_index("ix_incident_reports_article_id", "incident_reports", ["article_id"])

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("article_id", sa.String(64)),
        sa.Column("target", sa.JSON, nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
        sa.Column("undone_by", sa.Text),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_corrections_article_id", "corrections", ["article_id"])
    op.create_index("ix_corrections_kind", "corrections", ["kind"])

    op.create_table(
        "external_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("layer", sa.String(16), nullable=False),
        sa.Column("external_id", sa.Text, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("date_precision", sa.Text),
        sa.Column("type", sa.Text),
        sa.Column("original_type", sa.Text),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("associated_actors", sa.JSON),
        sa.Column("country_code", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("location_precision", sa.Text),
        sa.Column("fatalities", sa.BigInteger),
        sa.Column("notes", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("layer", "external_id", name="uq_external_events_layer_id"),
    )
    op.create_index("ix_external_events_layer_day", "external_events", ["layer", "day"])
    op.create_index("ix_external_events_layer_country", "external_events", ["layer", "country_code", "day"])


def downgrade() -> None:
    for table in ("external_events", "corrections", "incident_reports", "incidents"):
        op.drop_table(table)
    _rebuild_covering_indexes(TOTALS)
    op.drop_index("ix_events_incident_id", table_name="events")
    with op.batch_alter_table("events") as events:
        for column in ("incident_id", *INCIDENT_TOTALS, "location_precision", "date_precision"):
            events.drop_column(column)
