"""Evidence ranks below 2**31, so a query packs rank and event id into one 64-bit max(); the totals indexes
carry the rank and the id, so the map's per-place pass reads indexes only (PostgreSQL included)."""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NON_ATTACK_EVENT_TYPES = ("interception", "threat", "warning", "threat/warning", "meeting", "statement")
ATTACK_RANK = 1_000_000_000
TOTALS = ("place_id", "attack_count", "injured", "killed", "evidence_rank", "id")
REPLACED = ("ix_events_day_totals", "ix_events_country_totals", "ix_events_type_totals", "ix_events_place_totals")
UNUSED = ("ix_events_place_evidence", "ix_events_place_severity")


def upgrade() -> None:
    non_attack = ", ".join(f"'{event_type}'" for event_type in NON_ATTACK_EVENT_TYPES)
    for name in (*REPLACED, *UNUSED):
        op.drop_index(name, table_name="events")
    op.execute(
        f"UPDATE events SET evidence_rank = CASE WHEN type IN ({non_attack}) THEN 0 ELSE {ATTACK_RANK} END "
        f"+ CASE WHEN severity >= {ATTACK_RANK} THEN {ATTACK_RANK - 1} ELSE severity END"
    )
    op.create_index("ix_events_day_totals", "events", ["day", "week", "type", "country_code", *TOTALS])
    op.create_index("ix_events_country_totals", "events", ["country_code", "day", "week", "type", *TOTALS])
    op.create_index("ix_events_type_totals", "events", ["type", "day", "week", "country_code", *TOTALS])
    op.create_index("ix_events_place_totals", "events", list(TOTALS))


def downgrade() -> None:
    old_totals = TOTALS[:-1]
    for name in REPLACED:
        op.drop_index(name, table_name="events")
    op.create_index("ix_events_day_totals", "events", ["day", "week", "type", "country_code", *old_totals])
    op.create_index("ix_events_country_totals", "events", ["country_code", "day", "week", "type", *old_totals])
    op.create_index("ix_events_type_totals", "events", ["type", "day", "week", "country_code", *old_totals])
    op.create_index("ix_events_place_totals", "events", ["place_id", "type", "attack_count", "injured", "killed"])
    op.create_index("ix_events_place_evidence", "events", ["place_id", "evidence_rank", "id"])
    op.create_index("ix_events_place_severity", "events", ["place_id", "severity", "id"])
    # Ranks of the 0002 scale: attacks above 10**15.
    op.execute(
        f"UPDATE events SET evidence_rank = evidence_rank - {ATTACK_RANK} + 1000000000000000 "
        f"WHERE evidence_rank >= {ATTACK_RANK}"
    )
