"""Who may see what: the viewers' server roles, and the rules as row-level security.

Adds ``access_grant`` (a viewer's server role and the ids it stands for). On PostgreSQL it
also makes the group role of each kind of viewer (``workbench_analyst``, ``_manager``,
``_rep``, ``_trainer``, ``_trainee``), turns on row-level security on every table, and gives
each group role one policy per table: the rows it reads, and for the tables it writes the
rows it may write (:func:`workbench.access.policy_statements`). The owner of the tables is
not bound by them. The group roles belong to the server, not the database, so a downgrade
leaves them (other databases may use them) and drops the rest.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 20:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workbench.access import GROUP_ROLES, policy_statements

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: Every table at this revision, the new one included.
TABLES: tuple[str, ...] = (
    "region", "city", "hospital", "department", "doctor", "affiliation", "product", "rep",
    "assignment", "call", "call_product", "plan", "plan_item", "event", "invitation",
    "dealer", "sale", "potential", "study", "arm", "site", "subject", "submission",
    "assessment", "adverse_event", "audit", "camp", "trainee", "attempt", "hint_shown",
    "exercise_reset", "help_request", "store_identity", "access_grant",
)  # fmt: skip


def upgrade() -> None:
    """Add ``access_grant``; on PostgreSQL, the group roles, grants and policies."""
    op.create_table(
        "access_grant",
        sa.Column("role_name", sa.String(63), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("trainee_id", sa.Integer(), nullable=True),
        sa.Column("trainer", sa.String(80), nullable=True),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in policy_statements(TABLES):
            op.execute(statement)


def downgrade() -> None:
    """Drop the policies, row-level security, grants and ``access_grant``."""
    if op.get_bind().dialect.name == "postgresql":
        groups = ", ".join(GROUP_ROLES.values())
        for table in TABLES:
            for group in GROUP_ROLES.values():
                for kind in ("reads", "writes"):
                    op.execute(f'DROP POLICY IF EXISTS {group}_{kind} ON "{table}"')
            op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
            op.execute(f'REVOKE ALL ON "{table}" FROM {groups}')
        op.execute(f"REVOKE ALL ON alembic_version FROM {groups}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {groups}")
    op.drop_table("access_grant")
