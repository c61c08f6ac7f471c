"""Camp gradebook: camps, trainees, attempts with their checks, hints shown, resets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 05:37:39.543166
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the gradebook's tables."""
    op.create_table(
        "camp",
        sa.Column("camp_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("region", sa.String(length=40), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("trainer", sa.String(length=80), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_camp_status")),
        sa.PrimaryKeyConstraint("camp_id", name=op.f("pk_camp")),
        sa.UniqueConstraint("code", name=op.f("uq_camp_code")),
    )
    op.create_table(
        "trainee",
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("camp_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=120), nullable=True),
        sa.Column("sandbox", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["camp_id"], ["camp.camp_id"], name=op.f("fk_trainee_camp_id_camp")
        ),
        sa.PrimaryKeyConstraint("trainee_id", name=op.f("pk_trainee")),
        sa.UniqueConstraint("camp_id", "employee_id", name=op.f("uq_trainee_camp_id_employee_id")),
        sa.UniqueConstraint("camp_id", "sandbox", name=op.f("uq_trainee_camp_id_sandbox")),
    )
    with op.batch_alter_table("trainee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trainee_camp_id"), ["camp_id"], unique=False)

    op.create_table(
        "attempt",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("hints_used", sa.Integer(), nullable=False),
        sa.Column("checks", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('check', 'submit')", name=op.f("ck_attempt_kind")),
        sa.CheckConstraint(
            "points > 0 AND score >= 0 AND score <= points", name=op.f("ck_attempt_score")
        ),
        sa.CheckConstraint("round >= 1 AND hints_used >= 0", name=op.f("ck_attempt_counts")),
        sa.ForeignKeyConstraint(
            ["trainee_id"], ["trainee.trainee_id"], name=op.f("fk_attempt_trainee_id_trainee")
        ),
        sa.PrimaryKeyConstraint("attempt_id", name=op.f("pk_attempt")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attempt_uuid")),
    )
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attempt_trainee_id_exercise_id", ["trainee_id", "exercise_id"], unique=False
        )

    op.create_table(
        "exercise_reset",
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("undone_through", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["trainee.trainee_id"],
            name=op.f("fk_exercise_reset_trainee_id_trainee"),
        ),
        sa.PrimaryKeyConstraint(
            "trainee_id", "exercise_id", "round", name=op.f("pk_exercise_reset")
        ),
    )
    op.create_table(
        "hint_shown",
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trainee_id"], ["trainee.trainee_id"], name=op.f("fk_hint_shown_trainee_id_trainee")
        ),
        sa.PrimaryKeyConstraint(
            "trainee_id", "exercise_id", "round", "number", name=op.f("pk_hint_shown")
        ),
    )


def downgrade() -> None:
    """Drop the gradebook's tables (the CRM tables are left as they are)."""
    op.drop_table("hint_shown")
    op.drop_table("exercise_reset")
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_attempt_trainee_id_exercise_id")

    op.drop_table("attempt")
    with op.batch_alter_table("trainee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trainee_camp_id"))

    op.drop_table("trainee")
    op.drop_table("camp")
