"""Help desk: the questions reps ask after a camp, and their answers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 06:06:47.500020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the help desk's table."""
    op.create_table(
        "help_request",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("camp_id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("answered_by", sa.String(length=80), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "category IN ('login', 'master_data', 'calls', 'plans', 'events', 'quality', 'other')",
            name=op.f("ck_help_request_category"),
        ),
        sa.CheckConstraint(
            "channel IN ('phone', 'wechat', 'email', 'visit')", name=op.f("ck_help_request_channel")
        ),
        sa.CheckConstraint(
            "NOT resolved OR answered_at IS NOT NULL", name=op.f("ck_help_request_resolved")
        ),
        sa.CheckConstraint(
            "answered_at IS NULL OR (answered_at >= received_at AND answered_by IS NOT NULL)",
            name=op.f("ck_help_request_answer"),
        ),
        sa.ForeignKeyConstraint(
            ["camp_id"], ["camp.camp_id"], name=op.f("fk_help_request_camp_id_camp")
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"], ["trainee.trainee_id"], name=op.f("fk_help_request_trainee_id_trainee")
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_help_request")),
        sa.UniqueConstraint("uuid", name=op.f("uq_help_request_uuid")),
    )
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_help_request_camp_id"), ["camp_id"], unique=False)


def downgrade() -> None:
    """Drop the help desk's table."""
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_request_camp_id"))

    op.drop_table("help_request")
