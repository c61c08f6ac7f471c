"""Calls, weekly plans and invitations: each rule refuses the entry whole, with its fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from workbench import Database, InvalidEntry, entry
from workbench.db.models import Assignment, Call, Event, Invitation, Plan, PlanItem, Product, Rep

DAY = dt.date(2026, 7, 15)  # a Wednesday inside the camp period
MONDAY = dt.date(2026, 7, 13)


def _owned(db: Database, day: dt.date = DAY) -> tuple[int, int]:
    """A rep still employed and a doctor assigned to them from before ``day`` on."""
    with db.session() as session:
        a = session.scalars(
            select(Assignment)
            .join(Rep, Rep.rep_id == Assignment.rep_id)
            .where(
                Assignment.start_on <= day - dt.timedelta(days=14),
                Assignment.end_on.is_(None),
                Rep.left_on.is_(None),
                Rep.hired_on < day,
            )
            .order_by(Assignment.assignment_id)
            .limit(1)
        ).one()
        return a.rep_id, a.doctor_id


def _stranger(db: Database, rep_id: int, day: dt.date = DAY) -> int:
    """A doctor never assigned to ``rep_id`` around ``day``."""
    with db.session() as session:
        mine = select(Assignment.doctor_id).where(Assignment.rep_id == rep_id)
        return int(
            session.scalars(
                select(Assignment.doctor_id)
                .where(Assignment.doctor_id.not_in(mine))
                .order_by(Assignment.doctor_id)
                .limit(1)
            ).one()
        )


def _products(db: Database) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(Product.product_id).order_by(Product.product_id)))


def _good_call(db: Database) -> dict[str, Any]:
    rep_id, doctor_id = _owned(db)
    first, second = _products(db)[:2]
    return {
        "rep_id": rep_id,
        "doctor_id": doctor_id,
        "call_date": DAY.isoformat(),
        "products": [
            {"product_id": first, "key_message": "疗效与安全性数据"},
            {"product_id": second, "key_message": "用法用量"},
        ],
        "next_step": "约科室会",
    }


def test_a_good_call_is_saved_with_its_products(store: Database) -> None:
    before = store.counts()
    call_id = entry.save(store, "call", _good_call(store))
    after = store.counts()
    assert (after["call"], after["call_product"]) == (
        before["call"] + 1,
        before["call_product"] + 2,
    )
    with store.session() as session:
        saved = session.get(Call, call_id)
        assert saved is not None and saved.call_date == DAY and saved.next_step == "约科室会"


def test_a_call_is_stamped_with_when_it_was_entered(store: Database) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    call_id = entry.save(store, "call", _good_call(store))
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.session() as session:
        saved = session.get(Call, call_id)
        assert saved is not None and saved.entered_at is not None
        assert before <= saved.entered_at <= after


def _left_rep(db: Database) -> Rep:
    with db.session() as session:
        rep = session.scalars(select(Rep).where(Rep.left_on.is_not(None)).limit(1)).one()
        session.expunge(rep)
        return rep


BAD_CALLS: list[tuple[str, str, Any]] = [
    ("call_date", "in_future", {"call_date": (dt.date.today() + dt.timedelta(days=3)).isoformat()}),
    ("call_date", "not_a_date", {"call_date": "下周三"}),
    ("call_date", "required", {"call_date": ""}),
    ("products", "no_products", {"products": []}),
    ("products", "unknown", {"products": [{"product_id": 999, "key_message": "x"}]}),
    ("key_message", "too_long", "long message"),
    ("key_message", "required", "no message"),
    ("products", "product_twice", "twice"),
    ("next_step", "too_long", {"next_step": "跟进" * 101}),
    ("joint_rep_id", "joint_rep_without_joint_visit", "colleague without flag"),
    ("joint_rep_id", "joint_rep_is_rep", "self as colleague"),
    ("joint_visit", "not_yes_no", {"joint_visit": "maybe"}),
    ("doctor_id", "out_of_territory", "stranger"),
    ("rep_id", "unknown", {"rep_id": 4242}),
]


def _bad(db: Database, change: Any) -> dict[str, Any]:
    data = _good_call(db)
    first = data["products"][0]["product_id"]
    if isinstance(change, dict):
        return data | change
    if change == "long message":
        data["products"][0]["key_message"] = "信" * 201
    elif change == "no message":
        data["products"][0]["key_message"] = "  "
    elif change == "twice":
        data["products"][1]["product_id"] = first
    elif change == "colleague without flag":
        data["joint_rep_id"] = data["rep_id"] + 1
    elif change == "self as colleague":
        data |= {"joint_visit": True, "joint_rep_id": data["rep_id"]}
    elif change == "stranger":
        data["doctor_id"] = _stranger(db, data["rep_id"])
    return data


@pytest.mark.parametrize(("field", "code", "change"), BAD_CALLS)
def test_bad_calls_are_refused_whole(store: Database, field: str, code: str, change: Any) -> None:
    data = _bad(store, change)
    before = store.counts()
    with pytest.raises(InvalidEntry) as caught:
        entry.save(store, "call", data)
    found = [(p.field, p.code) for p in caught.value.problems]
    assert (field, code) in found
    assert store.counts() == before
    problem = next(p for p in caught.value.problems if (p.field, p.code) == (field, code))
    assert problem.message("zh") != problem.message("en")


def test_out_of_territory_names_the_owner_and_a_joint_visit_is_allowed(store: Database) -> None:
    data = _bad(store, "stranger")
    (problem,) = entry.validate(store, "call", data)
    with store.session() as session:
        owners = session.scalars(
            select(Rep.name)
            .join(Assignment, Assignment.rep_id == Rep.rep_id)
            .where(
                Assignment.doctor_id == data["doctor_id"],
                Assignment.start_on <= DAY,
                (Assignment.end_on.is_(None)) | (Assignment.end_on >= DAY),
            )
        ).all()
    assert all(name in problem.message("zh") for name in owners)
    assert "joint visit" in problem.message("en")
    assert entry.save(store, "call", data | {"joint_visit": True}) > 0


def test_calls_outside_the_reps_employment_are_refused(store: Database) -> None:
    leaver = _left_rep(store)
    assert leaver.left_on is not None
    data = _good_call(store) | {
        "rep_id": leaver.rep_id,
        "call_date": (leaver.left_on + dt.timedelta(days=1)).isoformat(),
        "joint_visit": True,
    }
    problems = entry.validate(store, "call", data)
    assert [(p.field, p.code) for p in problems] == [("call_date", "after_left")]
    assert leaver.left_on.isoformat() in problems[0].message("en")
    early = data | {"call_date": (leaver.hired_on - dt.timedelta(days=1)).isoformat()}
    assert [p.code for p in entry.validate(store, "call", early)] == ["before_hired"]


def test_text_that_looks_like_sql_is_stored_as_written(store: Database) -> None:
    text = "'; DROP TABLE call; --"
    call_id = entry.save(store, "call", _good_call(store) | {"next_step": text})
    with store.session() as session:
        assert session.get(Call, call_id).next_step == text  # type: ignore[union-attr]


# --- weekly plans ---------------------------------------------------------------------------


def _free_week(db: Database, rep_id: int) -> dt.date:
    """The first Monday from the camp period on with no plan of this rep yet."""
    with db.session() as session:
        taken = set(session.scalars(select(Plan.week_start).where(Plan.rep_id == rep_id)))
    day = dt.date(2026, 6, 1)
    while day in taken:
        day += dt.timedelta(days=7)
    return day


def test_a_plan_is_drafted_edited_and_submitted(store: Database) -> None:
    rep_id, doctor_id = _owned(store)
    week = _free_week(store, rep_id)
    item = {"doctor_id": doctor_id, "planned_on": (week + dt.timedelta(days=1)).isoformat()}
    plan_id = entry.save(store, "plan", {"rep_id": rep_id, "week_start": week, "items": [item]})
    two = [item, item | {"planned_on": (week + dt.timedelta(days=3)).isoformat()}]
    assert (
        entry.save(
            store, "plan", {"rep_id": rep_id, "week_start": week, "items": two, "submit": True}
        )
        == plan_id
    )
    with store.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None and plan.status == "submitted" and plan.submitted_at
        items = session.scalars(select(PlanItem).where(PlanItem.plan_id == plan_id)).all()
        assert len(items) == 2
    again = entry.validate(store, "plan", {"rep_id": rep_id, "week_start": week, "items": two})
    assert [p.code for p in again] == ["plan_submitted"]


@pytest.mark.parametrize(
    ("field", "code", "change"),
    [
        ("week_start", "not_a_monday", "tuesday"),
        ("items", "empty_plan", "empty submit"),
        ("planned_on", "outside_week", "next week"),
        ("items", "planned_twice", "twice"),
        ("doctor_id", "out_of_territory", "stranger"),
        ("planned_on", "not_a_date", "bad day"),
    ],
)
def test_bad_plans_are_refused_whole(store: Database, field: str, code: str, change: str) -> None:
    rep_id, doctor_id = _owned(store)
    week = _free_week(store, rep_id)
    item = {"doctor_id": doctor_id, "planned_on": (week + dt.timedelta(days=2)).isoformat()}
    data: dict[str, Any] = {"rep_id": rep_id, "week_start": week.isoformat(), "items": [item]}
    if change == "tuesday":
        data["week_start"] = (week + dt.timedelta(days=1)).isoformat()
    elif change == "empty submit":
        data |= {"items": [], "submit": True}
    elif change == "next week":
        item["planned_on"] = (week + dt.timedelta(days=9)).isoformat()
    elif change == "twice":
        data["items"] = [item, dict(item)]
    elif change == "stranger":
        item["doctor_id"] = _stranger(store, rep_id)
    elif change == "bad day":
        item["planned_on"] = "周三"
    before = store.counts()
    with pytest.raises(InvalidEntry) as caught:
        entry.save(store, "plan", data)
    assert (field, code) in [(p.field, p.code) for p in caught.value.problems]
    assert store.counts() == before
    if change == "tuesday":
        assert week.isoformat() in caught.value.problems[0].message("en")


# --- invitations ------------------------------------------------------------------------------


def _event_and_invitation(db: Database) -> tuple[Event, Invitation]:
    with db.session() as session:
        invitation = session.scalars(select(Invitation).order_by(Invitation.invitation_id)).first()
        assert invitation is not None
        event = session.get(Event, invitation.event_id)
        assert event is not None
        session.expunge_all()
        return event, invitation


def uninvolved_rep(db: Database, event: Event, doctor_id: int, day: dt.date) -> int:
    """A rep employed on ``day`` who has not invited the doctor to the event."""
    with db.session() as session:
        invited = select(Invitation.rep_id).where(
            Invitation.event_id == event.event_id, Invitation.doctor_id == doctor_id
        )
        rep_id = session.scalars(
            select(Rep.rep_id)
            .where(Rep.rep_id.not_in(invited), Rep.hired_on <= day, Rep.left_on.is_(None))
            .order_by(Rep.rep_id)
        ).first()
        assert rep_id is not None
        return rep_id


def test_invitations_twice_or_by_another_rep(store: Database) -> None:
    event, earlier = _event_and_invitation(store)
    day = (event.held_on - dt.timedelta(days=10)).isoformat()
    same = {
        "event_id": event.event_id,
        "doctor_id": earlier.doctor_id,
        "rep_id": earlier.rep_id,
        "invited_on": day,
    }
    assert [p.code for p in entry.validate(store, "invitation", same)] == ["invited_twice"]
    other = uninvolved_rep(store, event, earlier.doctor_id, dt.date.fromisoformat(day))
    second = same | {"rep_id": other}
    (warning,) = entry.validate(store, "invitation", second)
    assert (warning.code, warning.severity) == ("invited_by_another_rep", "warning")
    before = store.counts()
    with pytest.raises(InvalidEntry):
        entry.save(store, "invitation", second)
    assert store.counts() == before
    assert entry.save(store, "invitation", second, accept_warnings=True) > 0
    assert store.counts()["invitation"] == before["invitation"] + 1


def test_an_invitation_after_the_event_is_refused(store: Database) -> None:
    event, earlier = _event_and_invitation(store)
    late = {
        "event_id": event.event_id,
        "doctor_id": earlier.doctor_id,
        "rep_id": earlier.rep_id,
        "invited_on": (event.held_on + dt.timedelta(days=1)).isoformat(),
    }
    problems = entry.validate(store, "invitation", late)
    assert ("invited_on", "after_event") in [(p.field, p.code) for p in problems]
    with pytest.raises(InvalidEntry):
        entry.save(store, "invitation", late, accept_warnings=True)
