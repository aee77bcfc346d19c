"""The audit log table: each correction's time, author, kind, article, target and before → after, and which
ones an editor may still undo."""

from __future__ import annotations

from datetime import UTC, datetime

from components.audit_log import (
    active,
    build_audit_table,
    change_text,
    describe_value,
    undo_label,
)
from flashpoint.corrections import Correction

CREATED = datetime(2026, 11, 24, 7, 5, tzinfo=UTC)
FIGURE_EDIT = Correction(
    "figure_edit",
    {"span": [107, 111]},
    {"value": 7, "qualifier": "at least", "kind": "injured"},
    {"value": 5, "qualifier": None, "kind": "injured", "text": "Five"},
    "a1",
    "editor@example.org",
    CREATED,
    id=2,
)
MERGE = Correction(
    "actor_merge",
    {"name": "Ansar Allah"},
    {"name": "Houthis"},
    {"name": "Ansar Allah"},
    None,
    "local analyst",
    CREATED,
    id=1,
    undone_at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
    undone_by="editor@example.org",
)


def test_values_read_as_key_value_pairs_without_empty_entries() -> None:
    assert describe_value({"value": 5, "qualifier": None, "span": [107, 111]}) == "value 5; span 107, 111"
    assert describe_value({"lat": 36.19120, "lon": 44.0}) == "lat 36.1912; lon 44"
    assert describe_value(None) == "—"


def test_a_removal_reads_as_removed() -> None:
    assert change_text({"name": "Erbil"}, None) == "name Erbil → removed"
    assert change_text(None, {"date": "2023-10-22"}) == "— → date 2023-10-22"


def test_the_table_has_a_row_per_correction_with_its_article_title() -> None:
    table = build_audit_table([FIGURE_EDIT, MERGE], {"a1": "Drone attacks on bases in Erbil"})
    assert list(table["id"]) == [2, 1]
    first = table.iloc[0]
    assert first["when"] == "2026-11-24 07:05 UTC"
    assert first["who"] == "editor@example.org"
    assert first["kind"] == "figure: edited"
    assert first["article"] == "Drone attacks on bases in Erbil"
    assert first["change"] == "value 5; kind injured; text Five → value 7; qualifier at least; kind injured"
    assert first["undone"] == ""
    second = table.iloc[1]
    assert second["article"] == "every article"
    assert second["undone"] == "2026-11-24 08:00 UTC by editor@example.org"


def test_an_article_no_longer_stored_is_named_by_its_id() -> None:
    assert build_audit_table([FIGURE_EDIT], {})["article"].tolist() == ["a1"]


def test_an_empty_log_is_an_empty_table_with_the_columns() -> None:
    assert list(build_audit_table([], {}).columns) == [
        "id",
        "when",
        "who",
        "kind",
        "article",
        "target",
        "change",
        "undone",
    ]


def test_only_corrections_in_force_can_be_undone() -> None:
    assert active([FIGURE_EDIT, MERGE]) == [FIGURE_EDIT]
    assert undo_label(FIGURE_EDIT) == "Undo #2: figure: edited · span 107, 111"
