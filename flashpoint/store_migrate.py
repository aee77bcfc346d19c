"""Bring a database's schema to the newest revision with the Alembic migrations shipped in the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.engine import Engine

from flashpoint.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASE_REVISION = "0001"
# Any number: PostgreSQL sessions taking this advisory lock upgrade one at a time.
UPGRADE_LOCK_KEY = 7_424_301


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision shipped."""
    head = ScriptDirectory.from_config(_config_without_connection()).get_current_head()
    if head is None:
        raise StoreError(f"no migrations found in {MIGRATIONS}")
    return head


def _config_without_connection() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision is None and inspect(connection).has_table("articles"):
            # Made before migrations existed: that schema is the base revision.
            return BASE_REVISION
        return revision


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Apply every migration up to `revision` (default: the newest) and return the revision reached."""
    known = {script.revision for script in ScriptDirectory.from_config(_config_without_connection()).walk_revisions()}
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK_KEY})")
        context = MigrationContext.configure(connection)
        found = context.get_current_revision()
        if found is not None and found not in known:
            raise StoreError(
                f"the database is at schema revision {found}, which this Flashpoint does not know "
                "(made by a newer version?); upgrade Flashpoint or use another database"
            )
        config = _config(connection)
        if found is None and inspect(connection).has_table("articles"):
            command.stamp(config, BASE_REVISION)
        command.upgrade(config, revision)
        return str(MigrationContext.configure(connection).get_current_revision())
