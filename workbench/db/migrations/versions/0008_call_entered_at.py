"""Call entry time: when a call report was entered, to measure how soon reps enter their calls.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 07:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``call.entered_at`` (empty for the calls already stored), keeping every row."""
    op.add_column("call", sa.Column("entered_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Drop ``call.entered_at``."""
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_column("entered_at")
