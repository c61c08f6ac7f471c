"""Store identity: an id made once for each database, so data cuts know where they came from.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 06:46:00.000000
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the store's identity and give it its id (an existing store gets one too)."""
    table = op.create_table(
        "store_identity",
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_store_identity")),
    )
    op.bulk_insert(
        table,
        [
            {
                "store_id": str(uuid.uuid4()),
                "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
            }
        ],
    )


def downgrade() -> None:
    """Drop the store's identity."""
    op.drop_table("store_identity")
