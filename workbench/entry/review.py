"""A manager's decision on a weekly plan: approve it, or return it to the rep with a comment.

Only a submitted plan is decided, by a manager of the rep's region; a returned plan needs a
comment that tells the rep what to change. The rep edits a returned plan and submits it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from workbench.db.models import Plan, PlanStatus, Rep, RepRole
from workbench.entry._rules import Checker
from workbench.entry.problems import Coded

__all__ = ["DECISIONS", "plan_review"]

#: what a manager can decide on a submitted plan
DECISIONS = (PlanStatus.APPROVED.value, PlanStatus.RETURNED.value)


def plan_review(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A decision on a submitted plan: ``plan_id``, ``reviewer_id``, ``decision``, ``comment``."""
    c = Checker(data)
    plan = c.record(session, "plan_id", Plan)
    reviewer = c.record(session, "reviewer_id", Rep)
    decision = c.choice("decision", DECISIONS)
    comment = c.text("comment", max_length=500, required=decision == PlanStatus.RETURNED.value)
    if plan is not None and plan.status != PlanStatus.SUBMITTED.value:
        c.add("plan_id", "not_for_review", status=Coded("plan_status", plan.status))
    if reviewer is not None:
        rep = session.get(Rep, plan.rep_id) if plan is not None else None
        if reviewer.role != RepRole.MANAGER.value:
            c.add("reviewer_id", "not_a_manager", name=reviewer.name)
        elif rep is not None and rep.region_id != reviewer.region_id:
            c.add("reviewer_id", "other_region", name=reviewer.name, rep=rep.name)
    return c, [_Decision(plan, reviewer, decision, comment)]


class _Decision:
    """The decision written onto the plan: status, when, by whom, and the comment."""

    def __init__(
        self, plan: Plan | None, reviewer: Rep | None, decision: str | None, comment: str | None
    ) -> None:
        self.plan, self.reviewer, self.decision, self.comment = plan, reviewer, decision, comment

    def write(self, session: Session) -> Plan:
        assert self.plan is not None and self.reviewer is not None and self.decision is not None
        plan = self.plan
        plan.status = self.decision
        plan.reviewed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        plan.reviewed_by = self.reviewer.rep_id
        plan.manager_comment = self.comment
        session.flush()
        return plan
