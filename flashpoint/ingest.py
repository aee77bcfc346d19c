"""Read, extract and store a batch of files, reporting a result per file; one bad file never stops the batch."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sized
from dataclasses import dataclass
from typing import Literal, Protocol

from flashpoint.errors import ArticleReadError
from flashpoint.model import Article, Extraction
from flashpoint.reader import base_name, read_article
from flashpoint.store import Store, article_id_for
from flashpoint.store_corrections import with_corrections
from flashpoint.store_incidents import file_new_articles, unfiled_articles

logger = logging.getLogger(__name__)

Status = Literal["saved", "duplicate", "error"]
ProgressCallback = Callable[[int, int, str], None]


class Extractor(Protocol):
    """Anything that turns an article into an extraction, like `flashpoint.pipeline.Pipeline`."""

    def extract(self, article: Article) -> Extraction: ...


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: saved, a duplicate of a stored article, or an error with its reason."""

    filename: str
    status: Status
    reason: str = ""
    article_id: str = ""
    title: str = ""
    places: int = 0
    actors: int = 0
    figures: int = 0
    events: int = 0


@dataclass(frozen=True)
class IngestReport:
    """The results of one batch, in input order, with counts by outcome."""

    results: tuple[FileResult, ...]
    # Why the saved articles' reports could not be merged into incidents, when that failed (they are saved).
    incidents_problem: str | None = None

    def _count(self, status: Status) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def saved(self) -> int:
        return self._count("saved")

    @property
    def duplicates(self) -> int:
        return self._count("duplicate")

    @property
    def errors(self) -> int:
        return self._count("error")

    @property
    def summary(self) -> str:
        """One line for people: how many files were saved, already stored, or unreadable."""
        files = len(self.results)
        return (
            f"{files} file{'s' if files != 1 else ''}: {self.saved} saved, "
            f"{self.duplicates} already stored, {self.errors} with errors"
        )

    @property
    def rows(self) -> list[dict[str, object]]:
        """One plain row per file, for a table."""
        return [
            {
                "file": result.filename,
                "result": result.status,
                "title": result.title,
                "places": result.places,
                "actors": result.actors,
                "figures": result.figures,
                "events": result.events,
                "reason": result.reason,
            }
            for result in self.results
        ]


def _counted(filename: str, status: Status, article_id: str, extraction: Extraction) -> FileResult:
    return FileResult(
        filename=filename,
        status=status,
        article_id=article_id,
        title=extraction.article.title,
        places=sum(1 for location in extraction.locations if location.literal),
        actors=len(extraction.actors),
        figures=len(extraction.figures),
        events=len(extraction.events),
    )


def ingest_file(filename: str, data: bytes, store: Store, pipeline: Extractor) -> FileResult:
    """Read, extract and save one file; every failure becomes an error result naming its reason."""
    # Results name the file as the reader does: its own name, never a path the uploader chose.
    filename = base_name(filename)
    try:
        article = read_article(data, filename)
    except ArticleReadError as error:
        return FileResult(filename, "error", reason=error.reason)
    article_id = article_id_for(article.text)
    if store.has_article(article_id):
        return FileResult(filename, "duplicate", reason="same text already stored", article_id=article_id,
                          title=article.title)  # fmt: skip
    # A batch of uploads must survive a bug that one odd file trips in extraction or storage: the error is logged
    # with its traceback and reported against that file, and the other files proceed.
    try:
        extraction = pipeline.extract(article)
    except Exception as error:
        logger.exception("extraction failed for %s", filename)
        return FileResult(filename, "error", reason=f"extraction failed ({type(error).__name__}: {error})")
    try:
        # Corrections in force (global ones, or this text's own from before it was deleted) hold for it too.
        extraction = with_corrections(store, [extraction])[0]
        saved = store.save(extraction)
    except Exception as error:
        logger.exception("saving failed for %s", filename)
        return FileResult(filename, "error", reason=f"could not be stored ({type(error).__name__})")
    return _counted(filename, "saved" if saved.created else "duplicate", saved.article_id, extraction)


def ingest_files(
    files: Iterable[tuple[str, bytes]],
    store: Store,
    pipeline: Extractor,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest (filename, bytes) pairs in order, each in its own transaction; `progress(done, total, filename)`
    is called after each file, with total 0 when `files` has no length."""
    total = len(files) if isinstance(files, Sized) else 0
    results = []
    for done, (filename, data) in enumerate(files, start=1):
        results.append(ingest_file(filename, data, store, pipeline))
        if progress is not None:
            progress(done, total, filename)
    saved = [result.article_id for result in results if result.status == "saved"]
    # Articles an earlier upload or ingest saved but stopped before filing are filed with this batch.
    problem = refresh_saved_incidents(store, {*saved, *unfiled_articles(store)})
    return IngestReport(tuple(results), incidents_problem=problem)


def refresh_saved_incidents(
    store: Store, article_ids: Collection[str], extractions: Mapping[str, Extraction] | None = None
) -> str | None:
    """Merge the reports of newly saved articles into incidents, in one refresh for the batch (those another
    process filed meanwhile are skipped); `extractions` (by article id) spares reading the reports back. Returns
    None, or what went wrong for the user to see.

    The articles are saved whatever happens here: a failure is logged and returned, the articles stay listed as
    unfiled for the next ingest or upload to file, and `python -m flashpoint incidents rebuild` merges everything
    again.
    """
    if not article_ids:
        return None
    try:
        file_new_articles(store, article_ids, extractions=extractions)
    except Exception as error:
        logger.exception("merging the reports of %d saved articles into incidents failed", len(article_ids))
        return (
            f"the articles were saved, but their reports could not be merged into incidents "
            f"({type(error).__name__}: {error}); the next upload or ingest tries again, or run "
            "`python -m flashpoint incidents rebuild`"
        )
    return None
