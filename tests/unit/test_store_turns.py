"""Writers of one SQLite file take turns: a second writer starts only once the first has finished."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from flashpoint.store_turns import WriteTurns, turn_file_path

pytestmark = pytest.mark.skipif(turn_file_path("/tmp/x.db") is None, reason="needs flock (not on Windows)")


def _second_writer_waits(first: WriteTurns, second: WriteTurns) -> list[str]:
    order: list[str] = []
    holding = threading.Event()

    def hold_then_release() -> None:
        with first.turn():
            order.append("first in")
            holding.set()
            time.sleep(0.2)
            order.append("first out")

    holder = threading.Thread(target=hold_then_release)
    holder.start()
    holding.wait(timeout=5)
    with second.turn():
        order.append("second in")
    holder.join(timeout=5)
    return order


def test_two_stores_of_one_file_take_turns(tmp_path: Path) -> None:
    # Two WriteTurns open the lock file separately, as two processes do.
    path = turn_file_path(str(tmp_path / "flashpoint.db"))
    assert path is not None
    order = _second_writer_waits(WriteTurns(path), WriteTurns(path))
    assert order == ["first in", "first out", "second in"]


def test_threads_of_one_store_take_turns_too(tmp_path: Path) -> None:
    turns = WriteTurns(turn_file_path(str(tmp_path / "flashpoint.db")))
    assert _second_writer_waits(turns, turns) == ["first in", "first out", "second in"]


def test_in_memory_databases_have_no_turn_file() -> None:
    assert turn_file_path(None) is None
    assert turn_file_path(":memory:") is None
    assert turn_file_path("/data/flashpoint.db") == Path("/data/flashpoint.db-writer")
