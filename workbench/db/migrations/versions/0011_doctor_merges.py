"""The data steward's log of doctor merges, each with what undoing it needs.

Adds ``doctor_merge``. On PostgreSQL every kind of viewer may read it and none may write it
(only the store's owner merges), like the other tables under row-level security.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 00:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workbench.access import GROUP_ROLES, policy_statements

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``doctor_merge``; on PostgreSQL, its grants and policies."""
    op.create_table(
        "doctor_merge",
        sa.Column("merge_id", sa.Integer(), primary_key=True),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("reasons", sa.String(200), nullable=True),
        sa.Column("undo", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(80), nullable=True),
    )
    op.create_index("ix_doctor_merge_kept_id", "doctor_merge", ["kept_id"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in policy_statements(["doctor_merge"]):
            op.execute(statement)


def downgrade() -> None:
    """Drop ``doctor_merge`` and its policies."""
    if op.get_bind().dialect.name == "postgresql":
        for group in GROUP_ROLES.values():
            for kind in ("reads", "writes"):
                op.execute(f'DROP POLICY IF EXISTS {group}_{kind} ON "doctor_merge"')
    op.drop_table("doctor_merge")
