"""Articles saved but not yet filed into incidents: `unfiled_articles` holds their ids from the transaction that
saves an article to the one that files its reports, so an ingest killed in between (kill -9, a power cut) leaves
a list the next ingest files first, instead of reports that no incident will ever count.

Articles stored before this migration count as filed: `db upgrade` has merged events from before incidents
existed (`events_without_incident`), and `incidents rebuild` regroups everything.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unfiled_articles",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("unfiled_articles")
