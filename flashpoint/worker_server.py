"""Start the forkserver that `ingest --workers N` forks its workers from, as early as a command can.

The forkserver loads the extraction pipeline (about a second) before it forks anyone; this module imports
nothing of Flashpoint's, so the ingest command can start it before importing anything else and let both load
side by side.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver

# The module the forkserver imports before it forks any worker: importing it loads the pipeline.
PRELOAD_MODULE = "flashpoint.preloaded_pipeline"


def start_worker_server() -> multiprocessing.context.BaseContext:
    """Start the forkserver (once per process; later calls find it running) and return its context."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD_MODULE])
    forkserver.ensure_running()
    return context
