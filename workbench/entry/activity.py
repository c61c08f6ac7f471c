"""Field activity: call reports, weekly call plans, event invitations."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from workbench.db.models import (
    Assignment,
    Call,
    CallProduct,
    Doctor,
    Event,
    Invitation,
    Plan,
    PlanItem,
    PlanStatus,
    Product,
    Rep,
)
from workbench.entry._rules import Checker
from workbench.entry.problems import Coded

__all__ = ["call", "invitation", "plan"]

WEEKDAYS_ZH = "一二三四五六日"


def _owners(session: Session, doctor_id: int, first: dt.date, last: dt.date) -> list[Rep]:
    """The reps the doctor is assigned to at any time from ``first`` to ``last``."""
    return list(
        session.scalars(
            select(Rep)
            .join(Assignment, Assignment.rep_id == Rep.rep_id)
            .where(
                Assignment.doctor_id == doctor_id,
                Assignment.start_on <= last,
                or_(Assignment.end_on.is_(None), Assignment.end_on >= first),
            )
            .order_by(Rep.rep_id)
        ).unique()
    )


def _in_territory(
    session: Session,
    c: Checker,
    rep: Rep,
    doctor: Doctor,
    first: dt.date,
    last: dt.date,
    day: dt.date,
) -> None:
    """Adds ``out_of_territory``, naming the owners, unless the rep owns the doctor in the period.

    The period runs from ``first`` to ``last``; owning the doctor at some time in it is enough.
    """
    owners = _owners(session, doctor.doctor_id, first, last)
    if rep.rep_id not in {o.rep_id for o in owners}:
        c.add(
            "doctor_id",
            "out_of_territory",
            doctor=doctor.name,
            day=day.isoformat(),
            owners="、".join(o.name for o in owners) or "—",
        )


def _employed(c: Checker, rep: Rep, day: dt.date, field: str) -> None:
    if day < rep.hired_on:
        c.add(
            field,
            "before_hired",
            value=day.isoformat(),
            rep=rep.name,
            hired=rep.hired_on.isoformat(),
        )
    elif rep.left_on is not None and day > rep.left_on:
        c.add(
            field, "after_left", value=day.isoformat(), rep=rep.name, left=rep.left_on.isoformat()
        )


def call(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A call report: the rep's call on a doctor, with a key message for each product.

    The report is stamped with when it was entered (``entered_at``, UTC), so a manager can see
    how soon after the visit each rep enters their calls.
    """
    c = Checker(data)
    rep = c.record(session, "rep_id", Rep)
    doctor = c.record(session, "doctor_id", Doctor)
    day = c.date("call_date")
    joint = c.flag("joint_visit")
    joint_rep = (
        c.record(session, "joint_rep_id", Rep)
        if data.get("joint_rep_id") not in (None, "")
        else None
    )
    next_step = c.text("next_step", max_length=200, required=False)
    if joint_rep is not None and not joint:
        c.add("joint_rep_id", "joint_rep_without_joint_visit")
    if joint_rep is not None and rep is not None and joint_rep.rep_id == rep.rep_id:
        c.add("joint_rep_id", "joint_rep_is_rep")
    if rep is not None and day is not None:
        _employed(c, rep, day, "call_date")
    if rep is not None and doctor is not None and day is not None and not joint:
        _in_territory(session, c, rep, doctor, day, day, day)
    products = _products(session, c, data.get("products"))
    row = Call(
        rep_id=rep.rep_id if rep else None,
        doctor_id=doctor.doctor_id if doctor else None,
        call_date=day,
        joint_visit=joint,
        joint_rep_id=joint_rep.rep_id if joint_rep else None,
        next_step=next_step,
        entered_at=dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
    )
    return c, [row, *[_Child(row, "call_id", CallProduct, **p) for p in products]]


def _products(session: Session, c: Checker, raw: Any) -> list[dict[str, Any]]:
    if not raw:
        c.add("products", "no_products")
        return []
    if not isinstance(raw, list | tuple):
        c.add("products", "not_a_list", value=raw)
        return []
    clean: list[dict[str, Any]] = []
    seen: set[int] = set()
    for item in raw:
        part = Checker(item if isinstance(item, Mapping) else {"product_id": item})
        product = part.record(session, "product_id", Product)
        message = part.text("key_message", max_length=200)
        if product is not None and product.product_id in seen:
            part.add("product_id", "product_twice", value=product.name)
        c.problems.extend(
            dataclasses.replace(p, field="products") if p.field == "product_id" else p
            for p in part.problems
        )
        if product is not None and message is not None and not part.problems:
            seen.add(product.product_id)
            clean.append({"product_id": product.product_id, "key_message": message})
    return clean


def plan(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A weekly plan: a new draft, a draft replaced, or (``submit``) sent for review."""
    c = Checker(data)
    rep = c.record(session, "rep_id", Rep)
    week = c.date("week_start", future=True)
    submit = c.flag("submit")
    if week is not None and week.weekday() != 0:
        monday = week - dt.timedelta(days=week.weekday())
        c.add(
            "week_start",
            "not_a_monday",
            value=week.isoformat(),
            weekday=WEEKDAYS_ZH[week.weekday()],
            monday=monday.isoformat(),
        )
        week = None
    existing = None
    if rep is not None and week is not None:
        existing = session.scalar(
            select(Plan).where(Plan.rep_id == rep.rep_id, Plan.week_start == week)
        )
        # a draft is the rep's to change, and so is a plan the manager returned
        editable = (PlanStatus.DRAFT.value, PlanStatus.RETURNED.value)
        if existing is not None and existing.status not in editable:
            shown = Coded("plan_status", existing.status)
            c.add("week_start", "plan_submitted", value=week.isoformat(), status=shown)
        _employed(c, rep, week, "week_start")
    items = _plan_items(session, c, data.get("items"), rep, week)
    if submit and not items and not c.failed("items"):
        c.add("items", "empty_plan")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    status = PlanStatus.SUBMITTED.value if submit else PlanStatus.DRAFT.value
    row = _Draft(existing, rep.rep_id if rep else None, week, status, now if submit else None)
    return c, [row, *[_Child(row, "plan_id", PlanItem, **item) for item in items]]


def _plan_items(
    session: Session, c: Checker, raw: Any, rep: Rep | None, week: dt.date | None
) -> list[dict[str, Any]]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list | tuple):
        c.add("items", "not_a_list", value=raw)
        return []
    clean: list[dict[str, Any]] = []
    seen: set[tuple[int, dt.date]] = set()
    for item in raw:
        part = Checker(item if isinstance(item, Mapping) else {})
        doctor = part.record(session, "doctor_id", Doctor)
        day = part.date("planned_on", future=True)
        product = part.record(session, "product_id", Product, required=False)
        product_id = product.product_id if product is not None else None
        if week is not None and day is not None and not week <= day <= week + dt.timedelta(6):
            part.add("planned_on", "outside_week", value=day.isoformat(), week=week.isoformat())
        if doctor is not None and day is not None:
            if (doctor.doctor_id, day) in seen:
                part.add("items", "planned_twice", doctor=doctor.name, day=day.isoformat())
            seen.add((doctor.doctor_id, day))
            if rep is not None and week is not None:
                _in_territory(session, part, rep, doctor, week, week + dt.timedelta(6), day)
        c.problems.extend(part.problems)
        if not part.problems and doctor is not None and day is not None:
            clean.append(
                {"doctor_id": doctor.doctor_id, "planned_on": day, "product_id": product_id}
            )
    return clean


def invitation(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A doctor's invitation to an event by a rep, made no later than the event."""
    c = Checker(data)
    event = c.record(session, "event_id", Event)
    doctor = c.record(session, "doctor_id", Doctor)
    rep = c.record(session, "rep_id", Rep)
    day = c.date("invited_on")
    if event is not None and day is not None and day > event.held_on:
        c.add(
            "invited_on",
            "after_event",
            value=day.isoformat(),
            event=event.name,
            held=event.held_on.isoformat(),
        )
    if rep is not None and day is not None:
        _employed(c, rep, day, "invited_on")
    if event is not None and doctor is not None and rep is not None:
        earlier = session.scalars(
            select(Invitation).where(
                and_(
                    Invitation.event_id == event.event_id, Invitation.doctor_id == doctor.doctor_id
                )
            )
        ).all()
        if any(i.rep_id == rep.rep_id for i in earlier):
            c.add("doctor_id", "invited_twice", doctor=doctor.name, event=event.name)
        elif earlier:
            others = sorted({session.get(Rep, i.rep_id).name for i in earlier})  # type: ignore[union-attr]
            c.warn(
                "doctor_id",
                "invited_by_another_rep",
                doctor=doctor.name,
                event=event.name,
                reps="、".join(others),
            )
    row = Invitation(
        event_id=event.event_id if event else None,
        doctor_id=doctor.doctor_id if doctor else None,
        rep_id=rep.rep_id if rep else None,
        invited_on=day,
    )
    return c, [row]


class _Child:
    """A row that needs its parent's new id (a call's products, a plan's items)."""

    def __init__(self, parent: Any, key: str, model: type[Any], **values: Any) -> None:
        self.parent, self.key, self.model, self.values = parent, key, model, values

    def row(self) -> Any:
        target = self.parent.target() if isinstance(self.parent, _Draft) else self.parent
        return self.model(**{self.key: getattr(target, self.key)}, **self.values)


class _Draft:
    """A weekly plan to write: a new row, or the rep's existing draft with its items replaced."""

    def __init__(
        self,
        existing: Plan | None,
        rep_id: int | None,
        week: dt.date | None,
        status: str,
        submitted_at: dt.datetime | None,
    ) -> None:
        self.existing, self.rep_id, self.week = existing, rep_id, week
        self.status, self.submitted_at = status, submitted_at
        self._target: Plan | None = None

    def target(self) -> Plan:
        assert self._target is not None
        return self._target

    def write(self, session: Session) -> Plan:
        if self.existing is not None:
            plan = self.existing
            # one ORM delete per item, so the audit trail records each
            for item in session.scalars(select(PlanItem).where(PlanItem.plan_id == plan.plan_id)):
                session.delete(item)
            session.flush()
        else:
            plan = Plan(rep_id=self.rep_id, week_start=self.week)
            session.add(plan)
        plan.status, plan.submitted_at = self.status, self.submitted_at
        session.flush()
        self._target = plan
        return plan
