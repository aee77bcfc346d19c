"""Alembic's entry point: run the migrations on the connection the Store hands over."""

from __future__ import annotations

from alembic import context

from flashpoint.schema import metadata

# The Store always passes its own open connection: one owner of the database, no URL read from a config file.
connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
