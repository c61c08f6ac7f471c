"""Rep employee id: the company's own id of a rep, to find a camp's trainees at work.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 06:11:24.090899
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``rep.employee_id`` (unique where given), keeping every row."""
    op.add_column("rep", sa.Column("employee_id", sa.String(length=40), nullable=True))
    op.create_index("ix_rep_employee_id", "rep", ["employee_id"], unique=True)


def downgrade() -> None:
    """Drop ``rep.employee_id``."""
    op.drop_index("ix_rep_employee_id", table_name="rep")
    with op.batch_alter_table("rep", schema=None) as batch_op:
        batch_op.drop_column("employee_id")
