"""Save a batch of extractions, each article in its own transaction, with the analysts' corrections in force.

Bulk ingest saves in its worker processes when they can reach the database, else in the ingest process: both
call `save_extractions`, so an article is corrected, saved and reported the same way wherever it is written.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from flashpoint.model import Extraction
from flashpoint.store import Store
from flashpoint.store_corrections import with_corrections
from flashpoint.store_incident_reads import report_inputs

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SavedArticle:
    """An article written by `save_extractions`: its id, whether it was new, and what the incident refresh reads
    of its extraction (which spares reading the reports back): the whole extraction, or only the part
    `store_incident_reads.report_inputs` keeps when it has to travel back from a worker process."""

    article_id: str
    created: bool
    extraction: Extraction


def save_extractions(
    store: Store, names: Sequence[str], outcomes: Sequence[Extraction | str], slim: bool = False
) -> list[SavedArticle | str]:
    """Save each extraction in its own transaction; a reason (str) stays the article's outcome, and an article
    that cannot be corrected or written gets the reason instead. `slim` keeps only the report inputs of each."""
    extractions = [outcome for outcome in outcomes if not isinstance(outcome, str)]
    # Corrections in force (global ones, or a text's own from before it was deleted) hold for new articles too;
    # when they cannot be read, the batch is refused rather than saved without them, and the ingest goes on.
    try:
        corrected = iter(with_corrections(store, extractions))
    except Exception as error:
        logger.exception("reading the corrections in force for a batch of %d articles failed", len(names))
        refused = f"not stored: the corrections in force could not be read ({type(error).__name__})"
        return [outcome if isinstance(outcome, str) else refused for outcome in outcomes]
    results: list[SavedArticle | str] = []
    for name, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, str):
            results.append(outcome)
            continue
        extraction = next(corrected)
        # A write that fails (a broken connection, a bug on an odd value) is reported against its article only.
        try:
            saved = store.save(extraction)
        except Exception as error:
            logger.exception("saving failed for %s", name)
            results.append(f"could not be stored ({type(error).__name__})")
            continue
        kept = report_inputs(extraction) if slim else extraction
        results.append(SavedArticle(saved.article_id, saved.created, kept))
    return results
