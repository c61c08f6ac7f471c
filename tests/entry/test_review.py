"""A manager's decision on a weekly plan, through the entry layer, on both stores.

Approve or return (with a comment) only a submitted plan, only as a manager of the rep's
region; the decision is audited with who; a returned plan is edited and submitted again.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from workbench import Database, entry
from workbench.db.models import Assignment, Audit, Plan, Region, Rep, RepRole
from workbench.errors import InvalidEntry


def _rep_and_manager(db: Database, index: int) -> tuple[int, int, int]:
    """The ``index``-th rep still employed, their manager, and a doctor they own all along."""
    with db.session() as session:
        rows = session.execute(
            select(Rep.rep_id, Rep.manager_id, Assignment.doctor_id)
            .join(Assignment, Assignment.rep_id == Rep.rep_id)
            .where(
                Rep.role == RepRole.REP.value,
                Rep.left_on.is_(None),
                Rep.manager_id.is_not(None),
                Assignment.start_on <= dt.date(2026, 6, 1),
                Assignment.end_on.is_(None),
            )
            .order_by(Rep.rep_id, Assignment.doctor_id)
        ).all()
    first = {}
    for rep_id, manager_id, doctor_id in rows:
        first.setdefault(rep_id, (rep_id, manager_id, doctor_id))
    return list(first.values())[index]


def _submitted(db: Database, index: int) -> tuple[int, int, int, dt.date]:
    """A plan submitted for a week no test used: its id, the rep, the manager, the week."""
    from tests.entry.test_activity import _free_week

    rep_id, manager_id, doctor_id = _rep_and_manager(db, index)
    week = _free_week(db, rep_id)
    item = {"doctor_id": doctor_id, "planned_on": (week + dt.timedelta(days=1)).isoformat()}
    plan_id = entry.save(
        db, "plan", {"rep_id": rep_id, "week_start": week, "items": [item], "submit": True}
    )
    return plan_id, rep_id, manager_id, week


def _plan(db: Database, plan_id: int) -> Plan:
    with db.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        session.expunge(plan)
    return plan


def test_a_manager_approves_a_submitted_plan_and_the_audit_names_them(store: Database) -> None:
    plan_id, _rep, manager, _week = _submitted(store, 0)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    decision = {"plan_id": plan_id, "reviewer_id": manager, "decision": "approved"}
    assert entry.save(store, "plan_review", decision, actor="经理甲 (M001)") == plan_id
    plan = _plan(store, plan_id)
    assert plan.status == "approved" and plan.reviewed_by == manager
    assert plan.reviewed_at is not None and plan.reviewed_at >= before
    assert plan.manager_comment is None
    with store.session() as session:
        audit = session.scalars(
            select(Audit).where(Audit.table_name == "plan", Audit.row_key == str(plan_id))
            .order_by(Audit.audit_id)
        ).all()  # fmt: skip
    assert audit[-1].action == "update" and audit[-1].actor == "经理甲 (M001)"
    assert '"approved"' in (audit[-1].detail or "")


def test_a_returned_plan_is_edited_and_submitted_again(store: Database) -> None:
    plan_id, rep, manager, week = _submitted(store, 1)
    comment = "请补充对重点客户的拜访"
    decision = {"plan_id": plan_id, "reviewer_id": manager, "decision": "returned"}
    entry.save(store, "plan_review", decision | {"comment": comment})
    plan = _plan(store, plan_id)
    assert (plan.status, plan.manager_comment) == ("returned", comment)
    _rep, _manager, doctor = _rep_and_manager(store, 1)
    two = [
        {"doctor_id": doctor, "planned_on": (week + dt.timedelta(days=d)).isoformat()}
        for d in (1, 3)
    ]
    data = {"rep_id": rep, "week_start": week, "items": two, "submit": True}
    assert entry.save(store, "plan", data) == plan_id  # the same plan, resubmitted
    assert _plan(store, plan_id).status == "submitted"
    entry.save(store, "plan_review", decision | {"decision": "approved"})
    # an approved plan is no longer the rep's to change; the message reads its status
    problems = entry.validate(store, "plan", data)
    assert [p.code for p in problems] == ["plan_submitted"]
    assert "已批准" in problems[0].message("zh") and "approved" in problems[0].message("en")


@pytest.mark.parametrize("comment", [None, "", "   "])
def test_returning_needs_a_comment_and_nothing_is_written(store: Database, comment: object) -> None:
    plan_id, _rep, manager, _week = _submitted(store, 2)
    decision = {"plan_id": plan_id, "reviewer_id": manager, "decision": "returned",
                "comment": comment}  # fmt: skip
    with pytest.raises(InvalidEntry) as info:
        entry.save(store, "plan_review", decision)
    (problem,) = info.value.problems
    assert (problem.field, problem.code) == ("comment", "required")
    assert "经理意见" in problem.message("zh") and "manager's comment" in problem.message("en")
    assert _plan(store, plan_id).status == "submitted"


def test_only_a_submitted_plan_is_decided(store: Database) -> None:
    from tests.entry.test_activity import _free_week

    rep, manager, doctor = _rep_and_manager(store, 3)
    week = _free_week(store, rep)
    item = {"doctor_id": doctor, "planned_on": (week + dt.timedelta(days=2)).isoformat()}
    draft = entry.save(store, "plan", {"rep_id": rep, "week_start": week, "items": [item]})
    problems = entry.validate(
        store, "plan_review", {"plan_id": draft, "reviewer_id": manager, "decision": "approved"}
    )
    assert [(p.field, p.code) for p in problems] == [("plan_id", "not_for_review")]
    assert "草稿" in problems[0].message("zh") and "draft" in problems[0].message("en")


def test_the_reviewer_is_a_manager_of_the_reps_region(store: Database) -> None:
    plan_id, rep, manager, _week = _submitted(store, 4)
    as_rep = entry.validate(
        store, "plan_review", {"plan_id": plan_id, "reviewer_id": rep, "decision": "approved"}
    )
    assert [(p.field, p.code) for p in as_rep] == [("reviewer_id", "not_a_manager")]
    with store.session() as session:
        home = session.get(Rep, manager)
        assert home is not None
        other = Region(name="测试大区", name_en="Test")
        session.add(other)
        session.flush()
        elsewhere = Rep(
            name="外区经理", name_pinyin="Wai Qu", role="manager", region_id=other.region_id,
            city_id=home.city_id, hired_on=dt.date(2020, 1, 1),
        )  # fmt: skip
        session.add(elsewhere)
        session.flush()
        outsider = elsewhere.rep_id
    problems = entry.validate(
        store, "plan_review", {"plan_id": plan_id, "reviewer_id": outsider, "decision": "approved"}
    )
    assert [(p.field, p.code) for p in problems] == [("reviewer_id", "other_region")]
    assert "外区经理" in problems[0].message("zh")


@pytest.mark.parametrize("decision", ["approve", "APPROVED", "submitted", "draft", 1])
def test_a_decision_is_approved_or_returned(store: Database, decision: object) -> None:
    plan_id, _rep, manager, _week = _submitted(store, 5)
    problems = entry.validate(
        store, "plan_review", {"plan_id": plan_id, "reviewer_id": manager, "decision": decision}
    )
    assert [(p.field, p.code) for p in problems] == [("decision", "not_a_choice")]


def test_a_comment_of_500_characters_is_kept_and_501_refused(store: Database) -> None:
    plan_id, _rep, manager, _week = _submitted(store, 6)
    decision = {"plan_id": plan_id, "reviewer_id": manager, "decision": "returned"}
    too_long = entry.validate(store, "plan_review", decision | {"comment": "改" * 501})
    assert [(p.field, p.code) for p in too_long] == [("comment", "too_long")]
    entry.save(store, "plan_review", decision | {"comment": "改" * 500})
    assert _plan(store, plan_id).manager_comment == "改" * 500
