"""Place-ordered covering indexes that also carry the filter columns, so the map's per-place totals and top
actors under a broad date, country, type or precision filter are one pass in place order with no sort.

`ix_events_place_totals` gains country, day, type and location precision after `place_id`;
`ix_event_actors_role_place_name` gains country, day and type after its name. Both keep their leading columns,
so every lookup they served before is served the same way.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TOTALS = (
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
BEFORE = {
    "ix_events_place_totals": ("events", ["place_id", *TOTALS]),
    "ix_event_actors_role_place_name": ("event_actors", ["role", "place_id", "name"]),
}
AFTER = {
    "ix_events_place_totals": (
        "events",
        ["place_id", "country_code", "day", "type", "location_precision", *TOTALS],
    ),
    "ix_event_actors_role_place_name": ("event_actors", ["role", "place_id", "name", "country_code", "day", "type"]),
}


def _rebuild(indexes: dict[str, tuple[str, list[str]]]) -> None:
    for name, (table, columns) in indexes.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)


def upgrade() -> None:
    _rebuild(AFTER)


def downgrade() -> None:
    _rebuild(BEFORE)
