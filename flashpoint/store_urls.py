"""Which database a command uses, and whether other processes can open it, without the database layer.

`ingest --workers N` starts its workers before it imports SQLAlchemy and the store, so the workers load the
pipeline while it does; this module is all it needs first.
"""

from __future__ import annotations

from flashpoint.settings import Settings


def with_driver(url: str) -> str:
    """The URL with the driver we ship named: hosts often hand out bare postgres:// or postgresql:// URLs."""
    for bare in ("postgres://", "postgresql://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


def database_url(url: str | None = None) -> str:
    """The URL of the database to use: `url`, else the configured one (DATABASE_URL or the default file), with
    the driver we ship named."""
    return with_driver(url or Settings.from_env().database_url)


def database_is_shared(url: str) -> bool:
    """True when other processes can open the database at `url`: anything but an in-memory SQLite database."""
    # SQLAlchemy parses URLs as the engine will; imported here, when a pool of workers is already starting.
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return True
    return bool(parsed.database) and parsed.database != ":memory:" and parsed.query.get("mode") != "memory"
