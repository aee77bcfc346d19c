"""Session settings the store gives every pooled connection, which the dashboard's large aggregates rely on."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from flashpoint.store import BULK_CHECKPOINT_PAGES, CHECKPOINT_PAGES, Store
from tests.conftest import build_extraction


def _setting(store: Store, statement: str) -> str:
    with store.engine.connect() as connection:
        return str(connection.exec_driver_sql(statement).scalar_one())


def test_postgresql_sessions_skip_jit_and_hash_in_memory(postgresql_store: Store) -> None:
    # JIT compilation cost 0.1-0.4 s per dashboard statement at a million events.
    assert _setting(postgresql_store, "SHOW jit") == "off"
    assert _setting(postgresql_store, "SHOW work_mem") == "32MB"


def test_postgresql_settings_hold_on_every_pooled_connection(postgresql_store: Store) -> None:
    connections = [postgresql_store.engine.connect() for _ in range(3)]
    try:
        assert {str(connection.exec_driver_sql("SHOW jit").scalar_one()) for connection in connections} == {"off"}
    finally:
        for connection in connections:
            connection.close()


def test_sqlite_connections_keep_temporary_tables_in_memory(sqlite_store: Store) -> None:
    # temp_store=MEMORY is 2.
    assert _setting(sqlite_store, "PRAGMA temp_store") == "2"


def test_a_bulk_store_checkpoints_sqlite_less_often_and_empties_the_log_when_asked(sqlite_store: Store) -> None:
    bulk = Store(sqlite_store.url, bulk=True)
    try:
        assert _setting(sqlite_store, "PRAGMA wal_autocheckpoint") == str(CHECKPOINT_PAGES)
        assert _setting(bulk, "PRAGMA wal_autocheckpoint") == str(BULK_CHECKPOINT_PAGES)
        bulk.save(build_extraction("Iraqi forces met in Baghdad.", places=[("Baghdad", "city", "IQ", 33.3, 44.4)]))
        log = Path(f"{make_url(bulk.url).database}-wal")
        assert log.stat().st_size > 0
        bulk.checkpoint()
        assert log.stat().st_size == 0
        assert sqlite_store.count_articles() == 1
    finally:
        bulk.dispose()
