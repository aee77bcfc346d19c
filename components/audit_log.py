"""The audit log of analyst corrections as a table: when, who, what kind, which article and item, the value
before and after, and whether it was undone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import pandas as pd

AUDIT_COLUMNS = ("id", "when", "who", "kind", "article", "target", "change", "undone")
KIND_LABELS = {
    "place_candidate": "place: other candidate",
    "place_wrong": "place: wrong",
    "actor_wrong": "actor: wrong",
    "actor_merge": "actor: merged",
    "figure_edit": "figure: edited",
    "event_date": "event: date",
    "incident_split": "incident: split",
    "incident_merge": "incident: merged",
}
EVERY_ARTICLE = "every article"
NOTHING = "—"


@dataclass(frozen=True)
class UndoOutcome:
    """What an Undo click did: the correction and its label, and why it failed if it did."""

    correction_id: int
    label: str
    problem: str | None = None


class CorrectionLike(Protocol):
    """A stored correction, as the core's correction log returns it."""

    id: int | None
    kind: str
    target: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    article_id: str | None
    author: str
    created_at: datetime
    undone_at: datetime | None
    undone_by: str | None


def describe_value(value: object) -> str:
    """A correction's before/after or target as short text: a dict's non-empty entries as 'key value'."""
    if value is None or value == {}:
        return NOTHING
    if isinstance(value, Mapping):
        parts = [f"{key} {describe_value(item)}" for key, item in value.items() if item not in (None, "", [])]
        return "; ".join(parts) if parts else NOTHING
    if isinstance(value, list | tuple):
        return ", ".join(describe_value(item) for item in value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def change_text(before: object, after: object) -> str:
    """'before → after'; a correction that removes something (no after) reads 'before → removed'."""
    return f"{describe_value(before)} → {'removed' if after is None else describe_value(after)}"


def _moment(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M UTC" if value.tzinfo else "%Y-%m-%d %H:%M")


def undone_text(correction: CorrectionLike) -> str:
    """When and by whom the correction was undone; empty while it is in force."""
    if correction.undone_at is None:
        return ""
    return f"{_moment(correction.undone_at)} by {correction.undone_by or 'unknown'}"


def build_audit_table(corrections: Iterable[CorrectionLike], titles: Mapping[str, str]) -> pd.DataFrame:
    """One row per correction in the given order (the log is newest first); articles named by their title."""
    rows = [
        {
            "id": correction.id,
            "when": _moment(correction.created_at),
            "who": correction.author,
            "kind": KIND_LABELS.get(correction.kind, correction.kind),
            "article": EVERY_ARTICLE
            if correction.article_id is None
            else titles.get(correction.article_id) or correction.article_id,
            "target": describe_value(correction.target),
            "change": change_text(correction.before, correction.after),
            "undone": undone_text(correction),
        }
        for correction in corrections
    ]
    return pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))


def active(corrections: Iterable[CorrectionLike]) -> list[CorrectionLike]:
    """The corrections still in force, which an editor may undo."""
    return [correction for correction in corrections if correction.undone_at is None]


def undo_label(correction: CorrectionLike) -> str:
    """The undo button's text: the correction's number, kind and target."""
    kind = KIND_LABELS.get(correction.kind, correction.kind)
    return f"Undo #{correction.id}: {kind} · {describe_value(correction.target)}"
