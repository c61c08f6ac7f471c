"""Plan reviewer: who approved or returned a weekly plan.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 08:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``plan.reviewed_by``, the manager who decided; plans reviewed before have none."""
    # added in place, never by copying the table: other tables' rows point at plans
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            'ALTER TABLE "plan" ADD COLUMN reviewed_by INTEGER '
            "CONSTRAINT fk_plan_reviewed_by_rep REFERENCES rep (rep_id)"
        )
    else:
        op.add_column(
            "plan",
            sa.Column(
                "reviewed_by",
                sa.Integer(),
                sa.ForeignKey("rep.rep_id", name=op.f("fk_plan_reviewed_by_rep")),
                nullable=True,
            ),
        )


def downgrade() -> None:
    """Drop ``plan.reviewed_by``.

    SQLite cannot drop a column a foreign key is declared on, and does not name a key
    declared with its column, so the table is copied without the column (its key goes with
    it); PostgreSQL drops the key by name, then the column.
    """
    with op.batch_alter_table("plan", schema=None) as batch_op:
        if op.get_bind().dialect.name != "sqlite":
            batch_op.drop_constraint(batch_op.f("fk_plan_reviewed_by_rep"), type_="foreignkey")
        batch_op.drop_column("reviewed_by")
