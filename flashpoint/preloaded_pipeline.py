"""Imported by the forkserver of `ingest --workers N`, and only there: importing it loads the extraction pipeline.

The forkserver imports the modules it is told to preload and then forks every worker from itself, so the workers
start with the pipeline (gazetteer, dictionaries) already in memory, shared with it until written to. A module
import is the only hook the forkserver offers, hence the load on import.
"""

# Workers that save also need the storage layer: imported here once rather than in every worker.
import flashpoint.article_saving  # noqa: F401
from flashpoint.extract_workers import prepare_worker

prepare_worker()
