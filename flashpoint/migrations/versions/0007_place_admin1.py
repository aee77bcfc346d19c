"""Places keep the admin-1 region they lie in (`places.admin1`, the region's name from flashpoint.admin_areas), so
an incident placed in a town or at a site counts in its governorate's tension index, not only one placed in a
region. Rows stored before stay NULL until their articles are extracted again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("places", sa.Column("admin1", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.drop_column("admin1")
