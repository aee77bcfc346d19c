"""Where bulk ingest extracts batches of articles: in this process, in worker processes, or on a Dask cluster.

Worker processes import this module (not the ingest driver), so they load only the extraction pipeline: no
database layer, no pandas. Local workers are forked from a forkserver that loaded the pipeline once before
forking (flashpoint.preloaded_pipeline), so each starts in milliseconds with the pipeline already in memory.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TYPE_CHECKING, Protocol, Union

from flashpoint.errors import FlashpointError
from flashpoint.model import Article, Extraction
from flashpoint.pipeline import Pipeline
from flashpoint.store_urls import database_is_shared
from flashpoint.worker_server import start_worker_server

if TYPE_CHECKING:
    from flashpoint.article_saving import SavedArticle
    from flashpoint.store import Store

logger = logging.getLogger(__name__)

# Batches queued per worker, so a worker never waits while the parent writes: enough for the workers to go on
# extracting through an incident refresh (a few tenths of a second every few hundred articles).
BATCHES_IN_FLIGHT_PER_WORKER = 8
# How long to wait for a Dask scheduler to answer before saying it cannot be reached.
DASK_CONNECT_TIMEOUT = "10s"
# prctl's option that sends the process a signal when its parent ends (linux/prctl.h).
PR_SET_PDEATHSIG = 1

# What a batch gives back per article: an extraction for the caller to save, an article a worker saved itself,
# or the reason the article failed.
Outcome = Union[Extraction, "SavedArticle", str]
PendingBatch = Callable[[], list[Outcome]]

# Each worker process or Dask worker loads the pipeline (gazetteer, dictionaries) once and keeps it for every batch
# it is sent; a module-level slot is the one place that outlives a task in both kinds of worker.
_worker_pipeline: Pipeline | None = None
_worker_pipeline_lock = threading.Lock()
# A worker that saves keeps one store (its own pooled connections) for the life of the process.
_worker_stores: dict[str, Store] = {}


def load_worker_pipeline() -> Pipeline:
    """The pipeline of this worker process, loaded on first use."""
    global _worker_pipeline
    with _worker_pipeline_lock:
        if _worker_pipeline is None:
            _worker_pipeline = Pipeline.load()
        return _worker_pipeline


def end_with_parent() -> None:
    """Have the kernel kill this process when the process that started it ends (Linux; elsewhere nothing).

    A killed ingest (kill -9) must not leave workers writing the batches they still hold: the forkserver ends
    with the ingest process, and each worker with the forkserver, so every article is either committed before
    the kill or not at all, and a re-run starts from a store nobody else is writing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        logger.debug("this system cannot tie a worker's life to its parent's")


def prepare_worker() -> None:
    """Tie this process to its parent and load the pipeline now; a pipeline failure is reported by each batch.

    The process pool's initializer and the forkserver's preload both call this: an initializer that raises breaks
    the whole pool, and a preload that raises kills the forkserver, while a pipeline that cannot load is better
    named per article."""
    end_with_parent()
    try:
        load_worker_pipeline()
    except FlashpointError:
        logger.exception("this worker could not load the extraction pipeline")


def extract_one(pipeline: Pipeline, article: Article) -> Outcome:
    """The article's extraction, or the reason it failed: one article tripping a bug never loses its batch."""
    try:
        return pipeline.extract(article)
    except Exception as error:
        logger.exception("extraction failed for %s", article.filename)
        return f"extraction failed ({type(error).__name__}: {error})"


def extract_with(pipeline: Pipeline, articles: Sequence[Article]) -> list[Outcome]:
    """Extract each article (`extract_one`)."""
    return [extract_one(pipeline, article) for article in articles]


def _pipeline_or_reason() -> Pipeline | str:
    """This worker's pipeline, or why it could not be loaded (every article of the batch then says so)."""
    try:
        return load_worker_pipeline()
    except FlashpointError as error:
        return f"the extraction pipeline could not be loaded ({error})"


def extract_batch(articles: Sequence[Article]) -> list[Outcome]:
    """Extract a batch with this worker's pipeline (the task each worker process or Dask worker runs)."""
    pipeline = _pipeline_or_reason()
    if isinstance(pipeline, str):
        return [pipeline] * len(articles)
    return extract_with(pipeline, articles)


def extract_and_save_batch(database_url: str, names: Sequence[str], articles: Sequence[Article]) -> list[Outcome]:
    """Extract a batch and save each article in its own transaction from this worker (see ProcessPoolExtractor):
    what comes back is each article's id, whether it was new and what the incident refresh reads of it, or its
    reason."""
    # The storage layer is imported here, not with this module: the ingest command imports this module before
    # its workers start, and the forkserver has it preloaded for them (flashpoint.preloaded_pipeline).
    from flashpoint.article_saving import extract_and_save
    from flashpoint.store import Store

    pipeline = _pipeline_or_reason()
    if isinstance(pipeline, str):
        return [pipeline] * len(articles)
    store = _worker_stores.get(database_url)
    if store is None:
        store = _worker_stores[database_url] = Store(database_url, bulk=True)
    return list(extract_and_save(store, partial(extract_one, pipeline), names, articles))


def _started(_: int) -> bool:
    """A task that only makes the pool start a worker."""
    return True


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
        outcomes = extract_with(self.pipeline, articles)
        return lambda: outcomes

    def close(self) -> None:
        """Nothing to release."""


class ProcessPoolExtractor:
    """Extract in `workers` processes forked from one that loaded the pipeline once; with the `database_url` of a
    database other processes can open, the workers also save what they extract, each article in its own
    transaction.

    Saving in the workers takes the writes (about as much work as the extraction) off the ingest process, which
    would otherwise write every article one after the other while the workers wait; the databases serialise the
    commits themselves (SQLite's write lock, PostgreSQL's row locks)."""

    def __init__(self, workers: int, database_url: str = "") -> None:
        # Workers are forked from a forkserver: a clean process holding no database connection or thread of the
        # parent's, that loaded the pipeline before forking (one 1.5 s load instead of one per worker). An
        # executor (not a multiprocessing.Pool) notices a worker that dies, so a killed worker fails its batch
        # instead of hanging.
        # The forkserver loads the pipeline while this process goes on opening its database.
        context = start_worker_server()
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=prepare_worker)
        self.in_flight = workers * BATCHES_IN_FLIGHT_PER_WORKER
        # The pool starts a worker per task submitted, and starting one waits for the forkserver to be ready:
        # a thread asks for them all, so this process is not held up meanwhile.
        self._warming: list[Future[bool]] = []
        self._starting = threading.Thread(target=self._start_workers, args=(workers,), name="start-workers")
        self._starting.start()
        # Workers cannot share an in-memory database: then the caller saves what they extract.
        self.database_url = database_url if database_url and database_is_shared(database_url) else ""

    def _start_workers(self, workers: int) -> None:
        try:
            self._warming += [self.executor.submit(_started, number) for number in range(workers)]
        except BrokenProcessPool:
            logger.warning("the extraction worker processes could not be started")  # submit says so to the user

    def submit(self, articles: list[Article]) -> PendingBatch:
        try:
            if self.database_url:
                names = [article.filename for article in articles]
                return self.executor.submit(extract_and_save_batch, self.database_url, names, articles).result
            return self.executor.submit(extract_batch, articles).result
        except BrokenProcessPool as error:
            raise FlashpointError(
                "an extraction worker process died (killed, or out of memory?); every article saved so far "
                "stays saved: run the same command again to finish the rest"
            ) from error

    def close(self) -> None:
        # The workers are asked for before the pool shuts down, which a pool closed at once would refuse.
        self._starting.join()
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


def make_extractor(
    workers: int = 1, dask_address: str = "", pipeline: Pipeline | None = None, database_url: str = ""
) -> Extractor:
    """A Dask extractor when an address is given, a process pool for more than one worker, else this process.

    Pool workers save the articles themselves when given the URL of a database other processes can open (not
    an in-memory one); Dask workers may run on machines that cannot reach it, so the caller saves theirs."""
    if dask_address:
        return DaskExtractor(dask_address)
    if workers > 1:
        return ProcessPoolExtractor(workers, database_url)
    return InProcessExtractor(pipeline or Pipeline.load())
