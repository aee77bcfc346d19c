"""Writers of one SQLite file take turns through a lock file, so the next one starts the moment one commits.

SQLite lets one writer in at a time and makes the others wait in its busy handler, which polls: it sleeps 1, 2,
5, 10 ... up to 100 ms between tries. Ingest workers each commit an article every few milliseconds and the
incident refresh holds the database for a few tenths of a second, so waiting writers overslept most of the time
they waited. A lock on a file beside the database (flock) blocks in the kernel instead, which wakes the next
writer as the lock is released. Writers that do not take turns (other programs) still meet SQLite's own lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no flock; writers fall back on SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

# Writers take turns through the first file; incident refreshes (which read, merge, then write) through the second.
TURN_FILE_SUFFIX = "-writer"
FILING_FILE_SUFFIX = "-incidents"


def turn_file_path(database: str | None, suffix: str = TURN_FILE_SUFFIX) -> Path | None:
    """The lock file of a SQLite database file; None for an in-memory database (one process, one connection)."""
    if not database or database == ":memory:" or database.startswith("file:") or fcntl is None:
        return None
    return Path(f"{database}{suffix}")


class WriteTurns:
    """Turns at writing one database file, across processes (flock) and across this process's threads."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        # flock holds per open file: threads sharing one open file would all hold it, so they queue here first.
        self._threads = threading.Lock()
        self._file: IO[bytes] | None = None

    @contextmanager
    def turn(self, wait: bool = True) -> Iterator[bool]:
        """This writer's turn, kept until the block ends: True once it has it. Without `wait`, False at once
        when another writer has the turn (the block should then write nothing)."""
        if self.path is None or fcntl is None:
            yield True
            return
        if not self._threads.acquire(blocking=wait):
            yield False
            return
        try:
            if self._file is None:
                self._file = open(self.path, "ab")  # noqa: SIM115 (kept open for the store's life)
            try:
                fcntl.flock(self._file, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(self._file, fcntl.LOCK_UN)
        finally:
            self._threads.release()
