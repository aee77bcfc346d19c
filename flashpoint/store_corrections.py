"""Store and read analysts' corrections (the audit log), and the stored facts review needs to re-extract articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select, union, update

from flashpoint.corrections import Correction, apply_corrections
from flashpoint.errors import ReviewError
from flashpoint.model import Article, Extraction
from flashpoint.schema import ACTORS, ARTICLES, CORRECTIONS, EVENT_ACTORS, EVENTS
from flashpoint.store import Store
from flashpoint.store_incident_reads import chunked
from flashpoint.store_rows import article_id_for, storable


def add_correction(store: Store, correction: Correction) -> Correction:
    """Store a correction as a new audit record; returns it with its id (undo fields are not copied)."""
    row = {
        "kind": correction.kind,
        "article_id": correction.article_id,
        "target": _storable_json(correction.target),
        "before": _storable_json(correction.before),
        "after": _storable_json(correction.after),
        "author": correction.author,
        "created_at": _aware(correction.created_at),
        "note": correction.note,
    }
    with store.engine.begin() as connection:
        new_id = connection.execute(CORRECTIONS.insert().values(row).returning(CORRECTIONS.c.id)).scalar_one()
    return replace(correction, id=new_id, undone_at=None, undone_by=None)


def load_correction(store: Store, correction_id: int) -> Correction | None:
    """One stored correction by id, undone or not; None when there is no such correction."""
    with store.engine.connect() as connection:
        row = connection.execute(select(CORRECTIONS).where(CORRECTIONS.c.id == correction_id)).mappings().first()
    return None if row is None else _correction(row)


def undo_correction(store: Store, correction_id: int, by: str) -> Correction:
    """Mark a correction undone by `by` now (it stays in the log); ReviewError if unknown or already undone."""
    if not by or not by.strip():
        raise ReviewError("undo: say who undoes the correction")
    undone_at = datetime.now(UTC)
    with store.engine.begin() as connection:
        changed = connection.execute(
            update(CORRECTIONS)
            .where(CORRECTIONS.c.id == correction_id, CORRECTIONS.c.undone_at.is_(None))
            .values(undone_at=undone_at, undone_by=by)
        )
        row = connection.execute(select(CORRECTIONS).where(CORRECTIONS.c.id == correction_id)).mappings().first()
    if row is None:
        raise ReviewError(f"undo: there is no correction {correction_id}")
    correction = _correction(row)
    if changed.rowcount == 0:
        raise ReviewError(
            f"undo: correction {correction_id} was already undone by {correction.undone_by} at {correction.undone_at}"
        )
    return correction


def active_corrections(store: Store, article_id: str) -> list[Correction]:
    """The corrections in force for an article, its own and the global ones, oldest first (the order to apply)."""
    return _in_force(store, [article_id])


def _in_force(store: Store, article_ids: Sequence[str]) -> list[Correction]:
    statement = (
        select(CORRECTIONS)
        .where(
            CORRECTIONS.c.undone_at.is_(None),
            or_(CORRECTIONS.c.article_id.in_(sorted(set(article_ids))), CORRECTIONS.c.article_id.is_(None)),
        )
        .order_by(CORRECTIONS.c.id)
    )
    with store.engine.connect() as connection:
        return [_correction(row) for row in connection.execute(statement).mappings()]


def with_corrections(store: Store, extractions: Sequence[Extraction]) -> list[Extraction]:
    """The extractions about to be saved with the corrections in force for them applied (global ones, and an
    article's own when it was stored, corrected and deleted before): one query for the whole batch."""
    if not extractions:
        return []
    article_ids = [article_id_for(extraction.article.text) for extraction in extractions]
    in_force = corrections_in_force(store, article_ids)
    pairs = zip(extractions, article_ids, strict=True)
    return [corrected(extraction, article_id, in_force) for extraction, article_id in pairs]


def corrections_in_force(store: Store, article_ids: Sequence[str]) -> list[Correction]:
    """The active corrections that hold for any of these articles: global ones and the articles' own."""
    return _in_force(store, article_ids)


def corrected(extraction: Extraction, article_id: str, in_force: Sequence[Correction]) -> Extraction:
    """The extraction with the corrections of `in_force` that hold for its article applied."""
    if not in_force:
        return extraction
    return apply_corrections(extraction, [c for c in in_force if c.article_id in (None, article_id)])


def correction_log(store: Store, limit: int = 1000) -> list[Correction]:
    """Every correction, undone ones included, newest first."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(CORRECTIONS).order_by(CORRECTIONS.c.id.desc()).limit(limit)).mappings()
        return [_correction(row) for row in rows]


def stored_article(store: Store, article_id: str) -> Article | None:
    """The stored article as read from its file, so it can be extracted again; None when there is no such article."""
    columns = (ARTICLES.c.title, ARTICLES.c.body, ARTICLES.c.source, ARTICLES.c.published, ARTICLES.c.filename)
    with store.engine.connect() as connection:
        row = connection.execute(select(*columns).where(ARTICLES.c.id == article_id)).mappings().first()
    if row is None:
        return None
    return Article(
        title=row["title"], body=row["body"], source=row["source"], published=row["published"], filename=row["filename"]
    )


def article_titles(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    """The titles of these stored articles by id, in one query; ids with no stored article are left out."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return {}
    statement = select(ARTICLES.c.id, ARTICLES.c.title).where(ARTICLES.c.id.in_(wanted))
    with store.engine.connect() as connection:
        return {row.id: row.title for row in connection.execute(statement)}


def articles_naming_actors(store: Store, names: Iterable[str]) -> list[str]:
    """Ids of the articles whose actors or event actors/targets carry any of these names, sorted."""
    wanted = sorted(set(names))
    if not wanted:
        return []
    statement = union(
        select(ACTORS.c.article_id).where(ACTORS.c.name.in_(wanted)),
        select(EVENT_ACTORS.c.article_id).where(EVENT_ACTORS.c.name.in_(wanted)),
    )
    with store.engine.connect() as connection:
        return sorted(connection.execute(statement).scalars())


def articles_in_incidents(store: Store, incident_ids: Iterable[str]) -> set[str]:
    """The articles holding any report of these incidents."""
    found: set[str] = set()
    with store.engine.connect() as connection:
        for batch in chunked(sorted(set(incident_ids))):
            found.update(
                connection.execute(select(EVENTS.c.article_id).where(EVENTS.c.incident_id.in_(batch))).scalars()
            )
    return found


def report_incidents(store: Store, report_keys: Iterable[str]) -> dict[str, str | None]:
    """For each report key (`article_id#index`, index = the event's position in its article) that exists, the
    incident it is in now (None when not grouped); keys naming no stored event are left out."""
    by_article: dict[str, set[int]] = {}
    for key in report_keys:
        article_id, _, index = key.rpartition("#")
        by_article.setdefault(article_id, set()).add(int(index))
    found: dict[str, str | None] = {}
    with store.engine.connect() as connection:
        for article_id, indexes in sorted(by_article.items()):
            incident_ids = connection.execute(
                select(EVENTS.c.incident_id).where(EVENTS.c.article_id == article_id).order_by(EVENTS.c.id)
            ).scalars()
            found.update(
                (f"{article_id}#{index}", incident_id)
                for index, incident_id in enumerate(incident_ids)
                if index in indexes
            )
    return found


def _correction(row: Any) -> Correction:
    return Correction(
        kind=row["kind"],
        target=dict(row["target"] or {}),
        after=row["after"],
        before=row["before"],
        article_id=row["article_id"],
        author=row["author"],
        created_at=_aware(row["created_at"]),
        id=row["id"],
        undone_at=_aware(row["undone_at"]) if row["undone_at"] else None,
        undone_by=row["undone_by"],
        note=row["note"],
    )


def _aware(moment: datetime) -> datetime:
    """SQLite hands back timestamps without their zone; every one we store is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _storable_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(storable(key)): _storable_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_storable_json(item) for item in value]
    return storable(value)
