"""Analyst review: make or undo a correction and re-extract the articles it touches, so it holds everywhere.

An article's stored rows are always: the machine's extraction of the stored text, with the article's active
corrections (its own and the global ones) applied over it, oldest first. `reextract` rebuilds them that way, so a
correction survives re-extraction and undoing one brings the machine's value back. Incident splits and merges are
not applied to extractions; they are read by flashpoint.store_incidents when it regroups the reports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from flashpoint.correction_checks import INCIDENT_KINDS, before_of, check_correction, check_target, report_pairs
from flashpoint.corrections import AppliedCorrections, Correction, apply_with_report
from flashpoint.errors import ReviewError
from flashpoint.model import Article, Extraction
from flashpoint.pipeline import Pipeline
from flashpoint.place_candidates import Candidate, place_candidates
from flashpoint.store import Store
from flashpoint.store_corrections import (
    active_corrections,
    add_correction,
    articles_in_incidents,
    articles_naming_actors,
    report_incidents,
    stored_article,
    undo_correction,
)
from flashpoint.store_incident_reads import incidents_of_articles
from flashpoint.store_incidents import refresh_incidents

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class Extractor(Protocol):
    """What review needs of the pipeline: an article in, its machine extraction out."""

    def extract(self, article: Article) -> Extraction: ...


def corrected(
    store: Store, extractor: Extractor, article_id: str, machine: Extraction | None = None
) -> AppliedCorrections:
    """The stored article extracted afresh with its active corrections applied (nothing is written); `machine`,
    when given, is that fresh extraction already made (see `machine_extraction`)."""
    if machine is None:
        machine = machine_extraction(store, extractor, article_id)
    return apply_with_report(machine, active_corrections(store, article_id))


def machine_extraction(store: Store, extractor: Extractor, article_id: str) -> Extraction:
    """The stored article as the pipeline extracts it now, before any correction; ReviewError when it is gone."""
    article = stored_article(store, article_id)
    if article is None:
        raise ReviewError(f"there is no article {article_id} to review")
    return extractor.extract(article)


def reextract(store: Store, extractor: Extractor, article_id: str) -> Extraction:
    """Extract the stored article again, apply its active corrections, rewrite its rows and regroup its incidents.

    A correction whose target the new extraction lacks is skipped and logged (it stays in the log, undoable).
    """
    return _reextract_all(store, extractor, [article_id], None)[0]


def _rewrite(store: Store, extractor: Extractor, article_id: str, machine: Extraction | None = None) -> Extraction:
    """Replace the article's rows with its extraction (`machine`, or made afresh) under its active corrections."""
    result = corrected(store, extractor, article_id, machine)
    for skipped in result.skipped:
        # A global correction naming an actor this article lacks is expected, not worth a warning.
        if skipped.correction.article_id is not None:
            log.warning("article %s: correction %s skipped: %s", article_id, skipped.correction.id, skipped.reason)
    store.replace_extraction(article_id, result.extraction)
    return result.extraction


def correct(store: Store, extractor: Extractor, correction: Correction, progress: Progress | None = None) -> Correction:
    """Check a correction against the article as it stands, record it with its `before`, and re-extract every
    article it touches (all articles naming the actor for a global one). Raises ReviewError when it cannot apply.

    `progress(done, total)` is called after each re-extracted article.
    """
    check_correction(correction)
    if correction.kind in INCIDENT_KINDS:
        return _correct_incidents(store, correction)
    machine: dict[str, Extraction] = {}
    if correction.article_id is None:
        names = [correction.target["name"]]
        article_ids = articles_naming_actors(store, names)
        if not article_ids:
            raise ReviewError(f"{correction.kind}: no stored article names the actor {names[0]!r}")
        # The ids let undo find the articles again once the name has gone from them (an actor marked wrong).
        before = {"name": names[0], "article_ids": article_ids}
    else:
        # Extracted once: checked against now, then rewritten with the new correction among the active ones.
        machine[correction.article_id] = machine_extraction(store, extractor, correction.article_id)
        current = corrected(store, extractor, correction.article_id, machine[correction.article_id]).extraction
        check_target(correction, current)
        before = before_of(correction, current)
        article_ids = [correction.article_id]
    saved = add_correction(store, replace(correction, before=before))
    _reextract_all(store, extractor, article_ids, progress, machine)
    return saved


def undo(
    store: Store, extractor: Extractor, correction_id: int, by: str, progress: Progress | None = None
) -> Correction:
    """Undo a correction (it stays in the log, marked undone by `by`) and re-extract what it touched, so the
    machine's value (or an older correction's) is back."""
    undone = undo_correction(store, correction_id, by)
    if undone.kind in INCIDENT_KINDS:
        _regroup(store, _report_articles(undone))
        return undone
    if undone.article_id is not None:
        article_ids = [undone.article_id] if stored_article(store, undone.article_id) is not None else []
    else:
        # After a merge the rows carry the kept name, not the merged-away one: both are looked up, with the
        # articles the correction reached when it was made.
        names = [undone.target["name"], *([undone.after["name"]] if undone.after and "name" in undone.after else [])]
        reached = (undone.before or {}).get("article_ids") or []
        named = set(articles_naming_actors(store, names)) | set(reached)
        article_ids = sorted(article_id for article_id in named if stored_article(store, article_id) is not None)
    _reextract_all(store, extractor, article_ids, progress)
    return undone


def article_place_candidates(store: Store, pipeline: Pipeline, article_id: str, location_name: str) -> list[Candidate]:
    """The readings an analyst may choose for one place of a stored article, as it stands after its corrections."""
    return place_candidates(pipeline, corrected(store, pipeline, article_id).extraction, location_name)


def _correct_incidents(store: Store, correction: Correction) -> Correction:
    """Split or merge incidents: the reports must exist; `before` records the incident each is in now."""
    keys = sorted({key for pair in report_pairs(correction) for key in pair})
    current = report_incidents(store, keys)
    missing = [key for key in keys if key not in current]
    if missing:
        raise ReviewError(f"{correction.kind}: no stored report {', '.join(missing)}")
    saved = add_correction(store, replace(correction, before={"incidents": current}))
    _regroup(store, _report_articles(saved))
    return saved


def _report_articles(correction: Correction) -> list[str]:
    return sorted({key.rpartition("#")[0] for pair in report_pairs(correction) for key in pair})


def _reextract_all(
    store: Store,
    extractor: Extractor,
    article_ids: list[str],
    progress: Progress | None,
    machine: dict[str, Extraction] | None = None,
) -> list[Extraction]:
    """Rewrite each article (from its extraction in `machine` when there), then regroup incidents once for all
    of them (their reports may share incidents)."""
    # Read before the rows go: the incidents these articles' reports were in, and the other articles in them,
    # whose reports must be merged again even when the corrected reports no longer lie near them.
    stale = incidents_of_articles(store, article_ids)
    neighbours = articles_in_incidents(store, stale)
    extractions = []
    for done, article_id in enumerate(article_ids, start=1):
        extractions.append(_rewrite(store, extractor, article_id, (machine or {}).get(article_id)))
        if progress is not None:
            progress(done, len(article_ids))
    refresh_incidents(store, set(article_ids) | neighbours, stale_incidents=stale)
    return extractions


def _regroup(store: Store, article_ids: list[str]) -> None:
    """Merge these articles' reports into incidents again (after an analyst split or merge)."""
    refresh_incidents(store, article_ids, stale_incidents=incidents_of_articles(store, article_ids))
