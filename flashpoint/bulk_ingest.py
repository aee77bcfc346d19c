"""Ingest many articles at once: extract in worker processes or on a Dask cluster, write each in the parent."""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Protocol

from tqdm import tqdm

from flashpoint.errors import ArticleReadError, FlashpointError
from flashpoint.ingest import refresh_saved_incidents
from flashpoint.ingest_sources import ExpandedPaths, SourceItem, estimated_count, expand_paths, iter_source_items
from flashpoint.model import Article, Extraction
from flashpoint.pipeline import Pipeline
from flashpoint.reader import default_max_bytes
from flashpoint.store import Store, article_id_for
from flashpoint.store_corrections import with_corrections

logger = logging.getLogger(__name__)

# Articles sent to a worker at once: enough to hide the cost of a round trip, few enough to keep the bar moving.
BATCH_SIZE = 8
# Batches queued per worker, so a worker never waits while the parent writes: enough for the workers to go on
# extracting through an incident refresh (a few tenths of a second every INCIDENT_REFRESH_ARTICLES articles).
BATCHES_IN_FLIGHT_PER_WORKER = 8
# Saved articles whose reports are merged into incidents at once: a refresh reads the stored reports near the new
# ones, which on a busy news day are many, so one refresh per few hundred articles costs far less than one per
# batch, while an interrupted ingest (`finally` below) or a crash (`incidents rebuild`) loses little.
INCIDENT_REFRESH_ARTICLES = 200
# How long to wait for a Dask scheduler to answer before saying it cannot be reached.
DASK_CONNECT_TIMEOUT = "10s"
# The summary lists this many distinct error reasons; the rest are counted together.
REASONS_SHOWN = 20

Outcome = Extraction | str
PendingBatch = Callable[[], list[Outcome]]


@dataclass(frozen=True)
class BulkReport:
    """What one bulk ingest did: articles saved, already stored, and refused with their reasons."""

    saved: int
    duplicates: int
    skipped: int
    errors: tuple[tuple[str, str], ...]

    @property
    def nothing_read(self) -> bool:
        """True when not one article could be read: the only case the command reports as a failure."""
        return self.saved + self.duplicates == 0

    @property
    def errors_by_reason(self) -> list[tuple[str, int, str]]:
        """(reason, how many, first item with it), commonest first."""
        counts = Counter(reason for _, reason in self.errors)
        first: dict[str, str] = {}
        for name, reason in self.errors:
            first.setdefault(reason, name)
        return [(reason, count, first[reason]) for reason, count in counts.most_common()]

    def table(self) -> str:
        """The summary printed at the end of `python -m flashpoint ingest`."""
        lines = [
            f"{'saved':<12}{self.saved:>9,}",
            f"{'duplicates':<12}{self.duplicates:>9,}  (text already stored)",
            f"{'errors':<12}{len(self.errors):>9,}",
        ]
        if self.skipped:
            lines.append(f"{'skipped':<12}{self.skipped:>9,}  (files of other types inside folders)")
        reasons = self.errors_by_reason
        if reasons:
            lines += ["", "errors by reason:", f"{'count':>7}  reason  (first item)"]
            lines += [f"{count:>7,}  {reason}  ({name})" for reason, count, name in reasons[:REASONS_SHOWN]]
            hidden = sum(count for _, count, _ in reasons[REASONS_SHOWN:])
            if hidden:
                lines.append(f"{hidden:>7,}  other reasons")
        return "\n".join(lines)


@dataclass
class _Tally:
    """The counts as the ingest goes, each outcome also ticking the progress bar."""

    bar: tqdm
    saved: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: str, name: str = "", reason: str = "") -> None:
        if outcome == "saved":
            self.saved += 1
        elif outcome == "duplicate":
            self.duplicates += 1
        else:
            self.errors.append((name, reason))
        self.bar.update(1)


# Each worker process or Dask worker loads the pipeline (gazetteer, dictionaries) once and keeps it for every batch
# it is sent; a module-level slot is the one place that outlives a task in both kinds of worker.
_worker_pipeline: Pipeline | None = None
_worker_pipeline_lock = threading.Lock()


def load_worker_pipeline() -> Pipeline:
    """The pipeline of this worker process, loaded on first use."""
    global _worker_pipeline
    with _worker_pipeline_lock:
        if _worker_pipeline is None:
            _worker_pipeline = Pipeline.load()
        return _worker_pipeline


def prepare_worker() -> None:
    """The process pool's initializer: load the pipeline now; a failure is reported by each batch instead.

    An initializer that raises breaks the whole pool; a pipeline that cannot load is better named per article.
    """
    try:
        load_worker_pipeline()
    except FlashpointError:
        logger.exception("this worker could not load the extraction pipeline")


def extract_batch(articles: Sequence[Article]) -> list[Outcome]:
    """Extract each article with this worker's pipeline; an article that fails becomes the reason it failed."""
    try:
        pipeline = load_worker_pipeline()
    except FlashpointError as error:
        return [f"the extraction pipeline could not be loaded ({error})"] * len(articles)
    outcomes: list[Outcome] = []
    for article in articles:
        # One article tripping a bug in a stage must not lose the batch: the reason is reported for that article.
        try:
            outcomes.append(pipeline.extract(article))
        except Exception as error:
            logger.exception("extraction failed for %s", article.filename)
            outcomes.append(f"extraction failed ({type(error).__name__}: {error})")
    return outcomes


class Extractor(Protocol):
    """Where batches of articles are extracted: in this process, in worker processes, or on a Dask cluster."""

    in_flight: int

    def submit(self, articles: list[Article]) -> PendingBatch: ...

    def close(self) -> None: ...


class InProcessExtractor:
    """Extract in this process with a pipeline passed in."""

    in_flight = 1

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def submit(self, articles: list[Article]) -> PendingBatch:
        outcomes: list[Outcome] = []
        for article in articles:
            try:
                outcomes.append(self.pipeline.extract(article))
            except Exception as error:  # as in extract_batch: one article's failure is reported, not raised
                logger.exception("extraction failed for %s", article.filename)
                outcomes.append(f"extraction failed ({type(error).__name__}: {error})")
        return lambda: outcomes

    def close(self) -> None:
        """Nothing to release."""


class ProcessPoolExtractor:
    """Extract in `workers` processes, each loading the pipeline once as it starts."""

    def __init__(self, workers: int) -> None:
        # Spawned workers start clean: no copy of the parent's database connections or threads. An executor (not a
        # multiprocessing.Pool) notices a worker that dies, so a killed worker fails its batch instead of hanging.
        self.executor = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=prepare_worker
        )
        self.in_flight = workers * BATCHES_IN_FLIGHT_PER_WORKER

    def submit(self, articles: list[Article]) -> PendingBatch:
        try:
            return self.executor.submit(extract_batch, articles).result
        except BrokenProcessPool as error:
            raise FlashpointError(
                "an extraction worker process died (killed, or out of memory?); every article saved so far "
                "stays saved: run the same command again to finish the rest"
            ) from error

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class DaskExtractor:
    """Extract on the workers of a running dask.distributed cluster; each worker loads the pipeline once."""

    def __init__(self, scheduler_address: str, timeout: str = DASK_CONNECT_TIMEOUT) -> None:
        from distributed import Client

        try:
            self.client = Client(scheduler_address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise FlashpointError(f"cannot reach the Dask scheduler at {scheduler_address}: {error}") from error
        threads = sum(self.client.nthreads().values())
        self.in_flight = max(threads, 1) * BATCHES_IN_FLIGHT_PER_WORKER

    def submit(self, articles: list[Article]) -> PendingBatch:
        return self.client.submit(extract_batch, articles, pure=False).result

    def close(self) -> None:
        self.client.close()


def _save_batch(store: Store, names: list[str], pending: PendingBatch, tally: _Tally) -> dict[str, Extraction]:
    """Save each extraction of a finished batch; returns the extractions of the articles newly stored, by id."""
    try:
        outcomes = pending()
    except Exception as error:  # a worker lost mid-batch fails that batch only; the ingest goes on
        logger.warning("a batch of %d articles failed in its worker: %s", len(names), error)
        outcomes = [f"extraction worker failed ({type(error).__name__}: {error})"] * len(names)
    created: dict[str, Extraction] = {}
    # Corrections in force (global ones, or a text's own from before it was deleted) hold for new articles too;
    # when they cannot be read, the batch is refused rather than saved without them, and the ingest goes on.
    try:
        corrected = iter(with_corrections(store, [outcome for outcome in outcomes if not isinstance(outcome, str)]))
    except Exception as error:
        logger.exception("reading the corrections in force for a batch of %d articles failed", len(names))
        refused = f"not stored: the corrections in force could not be read ({type(error).__name__})"
        outcomes = [outcome if isinstance(outcome, str) else refused for outcome in outcomes]
        corrected = iter(())
    for name, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, str):
            tally.add("error", name, outcome)
            continue
        outcome = next(corrected)
        # A write that fails (a broken connection, a bug on an odd value) is reported against its article only.
        try:
            saved = store.save(outcome)
        except Exception as error:
            logger.exception("saving failed for %s", name)
            tally.add("error", name, f"could not be stored ({type(error).__name__})")
            continue
        tally.add("saved" if saved.created else "duplicate")
        if saved.created:
            created[saved.article_id] = outcome
    return created


def ingest_items(
    items: Iterable[SourceItem], store: Store, extractor: Extractor, tally: _Tally, max_bytes: int, batch_size: int
) -> None:
    """Read each item, skip text already stored, extract in batches and save each article in its own transaction."""
    pending: deque[tuple[list[str], list[str], PendingBatch]] = deque()
    names: list[str] = []
    article_ids: list[str] = []
    articles: list[Article] = []
    # Ids handed to a worker but not yet saved: the same text twice in one input is extracted once.
    in_flight_ids: set[str] = set()
    # Saved articles whose reports are not merged into incidents yet, with their extractions.
    unmerged: dict[str, Extraction] = {}

    def submit() -> None:
        pending.append((names.copy(), article_ids.copy(), extractor.submit(articles.copy())))
        names.clear()
        article_ids.clear()
        articles.clear()

    def drain_oldest() -> None:
        batch_names, batch_ids, batch = pending.popleft()
        unmerged.update(_save_batch(store, batch_names, batch, tally))
        in_flight_ids.difference_update(batch_ids)
        if len(unmerged) >= INCIDENT_REFRESH_ARTICLES:
            refresh_saved_incidents(store, list(unmerged), unmerged)
            unmerged.clear()

    # Articles saved before an interruption (Ctrl-C, a worker lost) still get their incidents.
    try:
        for item in items:
            try:
                article = item.to_article(max_bytes)
            except ArticleReadError as error:
                tally.add("error", item.name, error.reason)
                continue
            article_id = article_id_for(article.text)
            if article_id in in_flight_ids or store.has_article(article_id):
                tally.add("duplicate")
                continue
            in_flight_ids.add(article_id)
            names.append(item.name)
            article_ids.append(article_id)
            articles.append(article)
            if len(articles) >= batch_size:
                submit()
                while len(pending) >= extractor.in_flight:
                    drain_oldest()
        if articles:
            submit()
        while pending:
            drain_oldest()
    finally:
        refresh_saved_incidents(store, list(unmerged), unmerged)


def make_extractor(workers: int = 1, dask_address: str = "", pipeline: Pipeline | None = None) -> Extractor:
    """A Dask extractor when an address is given, a process pool for more than one worker, else this process."""
    if dask_address:
        return DaskExtractor(dask_address)
    if workers > 1:
        return ProcessPoolExtractor(workers)
    return InProcessExtractor(pipeline or Pipeline.load())


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    extractor: Extractor,
    show_progress: bool = False,
    max_bytes: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> BulkReport:
    """Ingest every article the paths hold (files, folders, globs, zip archives, JSONL/CSV rows) into `store`."""
    expanded: ExpandedPaths = expand_paths(paths)
    limit = default_max_bytes() if max_bytes is None else max_bytes
    estimate = len(expanded.missing) + sum(estimated_count(path) for path in expanded.files)
    with tqdm(total=estimate, unit="article", file=sys.stderr, disable=not show_progress, dynamic_ncols=True) as bar:
        tally = _Tally(bar)
        ingest_items(iter_source_items(expanded, limit), store, extractor, tally, limit, batch_size)
        # The estimate counted lines and archive entries; the real count replaces it so the bar ends full.
        bar.total = bar.n
        bar.refresh()
    return BulkReport(tally.saved, tally.duplicates, expanded.skipped, tuple(tally.errors))
