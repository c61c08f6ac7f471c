"""Entry rules the store keeps too: an invitation once, an assessment version once.

One invitation per rep, doctor and event; one version number per assessment report of a
subject's visit day.

Two saves racing past the entry layer's checks are stopped by the store: the invitation by
a unique index on (event, doctor, rep), the assessment by a unique index on the subject's
(day, version) among assessment reports. A database already breaking either rule is refused
with the rows to look at, and nothing is changed.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workbench.errors import RuleViolation

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_ASSESSMENTS = sa.text("kind = 'assessment'")


def _refuse_broken(query: str, rule: str) -> None:
    broken = op.get_bind().execute(sa.text(query)).fetchall()
    if broken:
        rows = "; ".join("(" + ", ".join(str(v) for v in row) + ")" for row in broken[:5])
        raise RuleViolation(key="error.store.rule_broken", n=len(broken), rule=rule, rows=rows)


def upgrade() -> None:
    """Add the two unique indexes, after checking that no stored row breaks them."""
    _refuse_broken(
        "SELECT event_id, doctor_id, rep_id FROM invitation "
        "GROUP BY event_id, doctor_id, rep_id HAVING COUNT(*) > 1",
        "invitation (event_id, doctor_id, rep_id)",
    )
    _refuse_broken(
        "SELECT subject_id, event_on, version FROM submission WHERE kind = 'assessment' "
        "GROUP BY subject_id, event_on, version HAVING COUNT(*) > 1",
        "submission (subject_id, event_on, version)",
    )
    op.create_index(
        "uq_invitation_event_doctor_rep",
        "invitation",
        ["event_id", "doctor_id", "rep_id"],
        unique=True,
    )
    op.create_index(
        "uq_submission_assessment_version",
        "submission",
        ["subject_id", "event_on", "version"],
        unique=True,
        sqlite_where=_ASSESSMENTS,
        postgresql_where=_ASSESSMENTS,
    )


def downgrade() -> None:
    """Drop the two unique indexes."""
    op.drop_index("uq_submission_assessment_version", table_name="submission")
    op.drop_index("uq_invitation_event_doctor_rep", table_name="invitation")
