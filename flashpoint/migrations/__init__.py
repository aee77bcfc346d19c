"""Alembic migrations of the Flashpoint database, run by `Store.create_schema` and `python -m flashpoint db`."""
