"""Module 04, weekly call plans: next week's calls, the key customers in them, submitted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from workbench.db.models import Plan, PlanItem
from workbench.training.context import Context
from workbench.training.exercises._world import (
    by_potential,
    doctor_named,
    my_doctor_ids,
    next_monday,
    rep_name,
    today,
)
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T, failed, passed

CALLS = 5


def facts(ctx: Context) -> dict[str, Any]:
    """Next week, the number of calls to plan, and the trainee's two key customers."""
    with ctx.session() as session:
        ranked = by_potential(session, my_doctor_ids(session, ctx.rep_id))
        key = [d for d, _ in ranked[:2]]
        others = [d for d, _ in ranked[2:]]
        week = next_monday(today())
        return {
            "rep": rep_name(session, ctx.rep_id),
            "rep_id": ctx.rep_id,
            "week": week,
            "friday": week + dt.timedelta(days=4),
            "calls": CALLS,
            "key_ids": key,
            "key": "、".join(doctor_named(session, d) for d in key),
            "others": others,
        }


def _items(
    ctx: Context, doctors: list[int], days: list[int] | None = None, week: dt.date | None = None
) -> list[dict[str, Any]]:
    week = week or ctx.facts["week"]
    days = days or [i % 5 for i in range(len(doctors))]
    return [
        {"doctor_id": d, "planned_on": week + dt.timedelta(days=day)}
        for d, day in zip(doctors, days, strict=True)
    ]


def _data(ctx: Context, doctors: list[int] | None = None, **change: Any) -> dict[str, Any]:
    f = ctx.facts
    doctors = doctors if doctors is not None else f["key_ids"] + f["others"][: CALLS - 2]
    return {
        "rep_id": f["rep_id"],
        "week_start": f["week"],
        "items": _items(ctx, doctors),
        "submit": True,
        **change,
    }


def solve(ctx: Context) -> None:
    """Enter and submit next week's plan."""
    ctx.save("plan", _data(ctx))


NOTHING = T("exercise.04.nothing")
WRONG_WEEK = T("exercise.04.wrong_week")
WEEK_OK = T("exercise.04.week_ok")
TOO_FEW = T("exercise.04.too_few")
CALLS_OK = T("exercise.04.calls_ok")
MISSING_KEY = T("exercise.04.missing_key")
KEY_OK = T("exercise.04.key_ok")
WEEKEND = T("exercise.04.weekend")
WEEKDAYS_OK = T("exercise.04.weekdays_ok")
DRAFT = T("exercise.04.draft")
SUBMITTED_OK = T("exercise.04.submitted_ok")


def _plan(ctx: Context) -> tuple[Plan | None, list[PlanItem], Result | None]:
    f = ctx.facts
    with ctx.session() as session:
        plans = [p for p in ctx.entered(session, Plan) if p.rep_id == f["rep_id"]]
        if not plans:
            return None, [], failed(NOTHING, week=f["week"])
        right = [p for p in plans if p.week_start == f["week"]]
        if not right:
            return None, [], failed(WRONG_WEEK, got=plans[-1].week_start, week=f["week"])
        plan = right[-1]
        items = list(session.scalars(select(PlanItem).where(PlanItem.plan_id == plan.plan_id)))
        session.expunge_all()
    return plan, items, None


def check_week(ctx: Context) -> Result:
    """Check that a plan for next week was entered."""
    _p, _i, verdict = _plan(ctx)
    return verdict or passed(WEEK_OK, week=ctx.facts["week"])


def check_calls(ctx: Context) -> Result:
    """Check that the plan holds enough calls; partly right for fewer."""
    _p, items, verdict = _plan(ctx)
    if verdict:
        return verdict
    if len(items) < CALLS:
        return failed(TOO_FEW, score=len(items) / CALLS, n=len(items), want=CALLS)
    return passed(CALLS_OK, n=len(items))


def check_key(ctx: Context) -> Result:
    """Check that the plan calls on both key customers; partly right for one."""
    _p, items, verdict = _plan(ctx)
    if verdict:
        return verdict
    planned = {i.doctor_id for i in items}
    missing = [d for d in ctx.facts["key_ids"] if d not in planned]
    if missing:
        with ctx.session() as session:
            names = "、".join(doctor_named(session, d) for d in missing)
        score = 1 - len(missing) / len(ctx.facts["key_ids"])
        return failed(MISSING_KEY, score=score, missing=names)
    return passed(KEY_OK)


def check_weekdays(ctx: Context) -> Result:
    """Check that every call is planned Monday to Friday."""
    _p, items, verdict = _plan(ctx)
    if verdict:
        return verdict
    if not items:
        return failed(TOO_FEW, n=0, want=CALLS)
    weekend = sorted({i.planned_on for i in items if i.planned_on.weekday() >= 5})
    if weekend:
        return failed(WEEKEND, days="、".join(d.isoformat() for d in weekend))
    return passed(WEEKDAYS_OK)


def check_submitted(ctx: Context) -> Result:
    """Check that the plan was submitted for review, not left a draft."""
    plan, _i, verdict = _plan(ctx)
    if verdict or plan is None:
        return verdict or failed(NOTHING, week=ctx.facts["week"])
    if plan.status != "submitted":
        return failed(DRAFT, status=plan.status)
    return passed(SUBMITTED_OK)


def _enter(doctors: Any = None, days: list[int] | None = None, **change: Any) -> Any:
    def make(ctx: Context) -> None:
        f = ctx.facts
        chosen = doctors(f) if callable(doctors) else f["key_ids"] + f["others"][: CALLS - 2]
        data = _data(ctx, chosen, **change)
        data["items"] = _items(ctx, chosen, days, data["week_start"])
        ctx.save("plan", data)

    return make


WEEKLY_PLAN = Exercise(
    id="04.1",
    title=T("exercise.04.1.title"),
    scenario=T("exercise.04.1.scenario"),
    points=15,
    form="plan",
    facts=facts,
    solve=solve,
    checks=(
        Check("week", T("exercise.04.1.check.week"), check_week),
        Check("calls", T("exercise.04.1.check.calls"), check_calls),
        Check("key", T("exercise.04.1.check.key"), check_key),
        Check("weekdays", T("exercise.04.1.check.weekdays"), check_weekdays, hidden=True),
        Check("submitted", T("exercise.04.1.check.submitted"), check_submitted, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.04.1.hint.1"),
            after=1,
        ),
        Hint(
            T("exercise.04.1.hint.2"),
            after=2,
        ),
    ),
    mistakes=(
        Mistake("saved as a draft", _enter(submit=False), "submitted", DRAFT),
        Mistake("a call on Saturday", _enter(days=[0, 1, 2, 3, 5]), "weekdays", WEEKEND),
        Mistake(
            "a key customer left out",
            _enter(doctors=lambda f: f["key_ids"][:1] + f["others"][:4]),
            "key",
            MISSING_KEY,
        ),
        Mistake(
            "only three calls",
            _enter(doctors=lambda f: f["key_ids"] + f["others"][:1]),
            "calls",
            TOO_FEW,
        ),
        Mistake(
            "the week after next", _enter(week_start=next_monday(today(), 2)), "week", WRONG_WEEK
        ),
    ),
)

EXERCISES = (WEEKLY_PLAN,)
