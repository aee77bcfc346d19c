"""Save a batch of articles, each in its own transaction, with the analysts' corrections in force.

Bulk ingest saves in its worker processes when they can reach the database (`extract_and_save`), else in the
ingest process (`save_extractions`): both correct, save and report an article the same way (`_BatchSaver`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flashpoint.model import Article, Extraction
from flashpoint.store import Store
from flashpoint.store_article_rows import PreparedArticle, prepare_article
from flashpoint.store_corrections import corrected, corrections_in_force
from flashpoint.store_incident_reads import report_inputs
from flashpoint.store_rows import article_id_for

logger = logging.getLogger(__name__)

Outcome = Extraction | str


@dataclass(frozen=True)
class SavedArticle:
    """An article written by `save_extractions`: its id, whether it was new, and what the incident refresh reads
    of its extraction (which spares reading the reports back): the whole extraction, or only the part
    `store_incident_reads.report_inputs` keeps when it has to travel back from a worker process."""

    article_id: str
    created: bool
    extraction: Extraction


class _BatchSaver:
    """Corrects and writes the articles of one batch; a failure becomes the article's reason."""

    def __init__(self, store: Store, article_ids: Sequence[str], slim: bool) -> None:
        self.store = store
        self.slim = slim
        # Corrections in force (global ones, or a text's own from before it was deleted) hold for new articles
        # too, read once for the batch; when they cannot be read, the batch is refused rather than saved without
        # them (raised here), and the ingest goes on.
        self.in_force = corrections_in_force(store, article_ids)

    def prepare(self, extraction: Extraction) -> tuple[Extraction, PreparedArticle]:
        fixed = corrected(extraction, article_id_for(extraction.article.text), self.in_force)
        return fixed, prepare_article(fixed)

    def write(
        self, name: str, extraction: Extraction, prepared: PreparedArticle, wait: bool
    ) -> SavedArticle | str | None:
        """The article saved, or the reason it could not be; None when `wait` is off and another writer has the turn."""
        # A write that fails (a broken connection, a bug on an odd value) is reported against its article only.
        try:
            saved = self.store.write_article(prepared, wait=wait)
        except Exception as error:
            logger.exception("saving failed for %s", name)
            return f"could not be stored ({type(error).__name__})"
        if saved is None:
            return None
        return SavedArticle(saved.article_id, saved.created, report_inputs(extraction) if self.slim else extraction)


def _refused(error: Exception, count: int) -> str:
    logger.error("reading the corrections in force for a batch of %d articles failed: %s", count, error)
    return f"not stored: the corrections in force could not be read ({type(error).__name__})"


def save_extractions(
    store: Store, names: Sequence[str], outcomes: Sequence[Outcome], slim: bool = False
) -> list[SavedArticle | str]:
    """Save each extraction in its own transaction; a reason (str) stays the article's outcome, and an article
    that cannot be corrected or written gets the reason instead. `slim` keeps only the report inputs of each."""
    ids = [article_id_for(outcome.article.text) for outcome in outcomes if not isinstance(outcome, str)]
    try:
        saver = _BatchSaver(store, ids, slim)
    except Exception as error:
        refused = _refused(error, len(names))
        return [outcome if isinstance(outcome, str) else refused for outcome in outcomes]
    results: list[SavedArticle | str] = []
    for name, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, str):
            results.append(outcome)
            continue
        result = saver.write(name, *saver.prepare(outcome), wait=True)
        assert result is not None  # a writer that waits always gets its turn
        results.append(result)
    return results


def extract_and_save(
    store: Store, extract: Callable[[Article], Outcome], names: Sequence[str], articles: Sequence[Article]
) -> list[SavedArticle | str]:
    """Extract each article and save it in its own transaction, keeping only its report inputs (`save_extractions`
    with slim): an article whose turn to write has not come yet waits while the next ones are extracted, so a
    worker spends the time other writers hold the database extracting instead of waiting."""
    try:
        saver = _BatchSaver(store, [article_id_for(article.text) for article in articles], slim=True)
    except Exception as error:
        refused = _refused(error, len(names))
        return [outcome if isinstance(outcome, str) else refused for outcome in map(extract, articles)]
    results: list[SavedArticle | str | None] = [None] * len(articles)
    waiting: deque[tuple[int, Extraction, PreparedArticle]] = deque()

    def write_waiting(wait: bool) -> None:
        while waiting:
            number, extraction, prepared = waiting[0]
            result = saver.write(names[number], extraction, prepared, wait=wait)
            if result is None:
                return
            results[number] = result
            waiting.popleft()

    for number, article in enumerate(articles):
        outcome = extract(article)
        if isinstance(outcome, str):
            results[number] = outcome
        else:
            waiting.append((number, *saver.prepare(outcome)))
        write_waiting(wait=False)
    write_waiting(wait=True)
    done = [result for result in results if result is not None]
    assert len(done) == len(articles)  # waiting, every article was written or given its reason
    return done
