"""Each article's day window: the earliest and latest of its 'day' facets (its published day and its events'
days) as `first_day`/`last_day` on articles, article_places and actors, so a date-only filter selects matching
articles by comparing two columns on the rows it reads, instead of gathering every matching id from
article_facets first (170,000 ids for half of three years at a million events).

`ix_articles_day_window` (articles by window) is new; `ix_article_places_place` and `ix_actors_kind_name` carry
the window after their columns, so the per-place mention totals and the per-place and per-actor-name "named by
a matching article" probes read one index alone. Articles without a day
keep NULL windows, which no date range matches, as no 'day' facet of theirs does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

WINDOW_TABLES = ("articles", "article_places", "actors")
# The window follows the columns the indexes had, which keep their order: a probe for one row of a matching
# article (place count, actor count) meets articles in id order, a random order in time, so under a date range
# it finds one after about (all rows / matching rows) entries, as the probes of other filters still do.
BEFORE = {
    "ix_article_places_place": ("article_places", ["place_id", "literal", "mention_count", "article_id"]),
    "ix_actors_kind_name": ("actors", ["kind", "name", "article_id"]),
}
AFTER = {
    "ix_article_places_place": (
        "article_places",
        ["place_id", "literal", "mention_count", "article_id", "last_day", "first_day"],
    ),
    "ix_actors_kind_name": ("actors", ["kind", "name", "article_id", "last_day", "first_day"]),
    "ix_articles_day_window": ("articles", ["last_day", "first_day", "id"]),
}


def _fill_windows(dialect: str) -> None:
    """Articles' windows from their 'day' facets, then copied to their places and actors rows."""
    # Facet days are ISO text: PostgreSQL stores dates as dates, SQLite (through SQLAlchemy) as that same text,
    # where CAST(... AS DATE) would turn them into numbers.
    first, last = ("CAST(min(value) AS DATE)", "CAST(max(value) AS DATE)")
    if dialect == "sqlite":
        first, last = ("min(value)", "max(value)")
    op.execute(
        "UPDATE articles SET first_day = windows.first_day, last_day = windows.last_day "
        f"FROM (SELECT article_id, {first} AS first_day, {last} AS last_day FROM article_facets "
        "WHERE facet = 'day' GROUP BY article_id) AS windows "
        "WHERE windows.article_id = articles.id"
    )
    for table in WINDOW_TABLES[1:]:
        op.execute(
            f"UPDATE {table} SET first_day = articles.first_day, last_day = articles.last_day FROM articles "
            f"WHERE articles.id = {table}.article_id AND articles.first_day IS NOT NULL"
        )


def _refresh_statistics(dialect: str) -> None:
    """Planner statistics for the rebuilt tables. SQLite only when the database was analysed before: statistics
    for a few tables beside none for the others would skew its plans more than none at all."""
    if dialect == "sqlite":
        analysed = op.get_bind().exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
        if analysed is None:
            return
    for table in WINDOW_TABLES:
        op.execute(f"ANALYZE {table}")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in WINDOW_TABLES:
        op.add_column(table, sa.Column("first_day", sa.Date, nullable=True))
        op.add_column(table, sa.Column("last_day", sa.Date, nullable=True))
    # The rebuilt indexes are dropped before the fill: PostgreSQL writes a new index entry per updated row.
    for name, (table, _columns) in BEFORE.items():
        op.drop_index(name, table_name=table)
    _fill_windows(dialect)
    for name, (table, columns) in AFTER.items():
        op.create_index(name, table, columns)
    _refresh_statistics(dialect)


def downgrade() -> None:
    for name, (table, _columns) in AFTER.items():
        op.drop_index(name, table_name=table)
    for name, (table, columns) in BEFORE.items():
        op.create_index(name, table, columns)
    for table in WINDOW_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("last_day")
            batch.drop_column("first_day")
