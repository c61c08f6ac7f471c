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


NOTHING = T(
    "还没有周计划：选好下周一 {week}，添加拜访，保存。",
    "No weekly plan yet: pick next Monday, {week}, add calls, and save.",
)
WRONG_WEEK = T(
    "你做的是 {got} 那一周的计划，要做的是下周（{week} 起）。",
    "Your plan is for the week of {got}; the task is next week, starting {week}.",
)
WEEK_OK = T("计划的是下周（{week} 起）。", "The plan is for next week ({week}).")
TOO_FEW = T(
    "计划里有 {n} 次拜访，至少要 {want} 次：点“+”再加几行。",
    "The plan has {n} calls; it needs at least {want}: press + to add rows.",
)
CALLS_OK = T("计划了 {n} 次拜访。", "{n} calls planned.")
MISSING_KEY = T(
    "重点客户 {missing} 不在计划里：潜力最高的医生每周都要安排拜访。",
    "Key customers missing from the plan: {missing}. Your highest-potential doctors belong in "
    "every week's plan.",
)
KEY_OK = T("两位重点客户都在计划里。", "Both key customers are in the plan.")
WEEKEND = T(
    "{days} 是周末：医院门诊在工作日，把这些拜访改到周一到周五。",
    "{days} fall on the weekend: clinics run on weekdays, move those calls to Monday–Friday.",
)
WEEKDAYS_OK = T("拜访都安排在工作日。", "Every call is on a weekday.")
DRAFT = T(
    "计划还是草稿（{status}）：勾选“提交”再保存，经理周一才能看到。",
    "The plan is still a draft ({status}): tick Submit and save, so your manager sees it on "
    "Monday.",
)
SUBMITTED_OK = T("计划已提交。", "The plan is submitted.")


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
    title=T("下周的拜访计划", "Next week's call plan"),
    scenario=T(
        "你是{rep}。做下周（{week} 至 {friday}）的拜访计划：至少 {calls} 次拜访，都在工作日，"
        "一定要包括你潜力最高的两位医生 {key}；做完后提交给经理。",
        "You are {rep}. Plan next week ({week} to {friday}): at least {calls} calls, all on "
        "weekdays, including your two highest-potential doctors, {key}; then submit it to "
        "your manager.",
    ),
    points=15,
    form="plan",
    facts=facts,
    solve=solve,
    checks=(
        Check("week", T("计划的周", "week"), check_week),
        Check("calls", T("拜访次数", "number of calls"), check_calls),
        Check("key", T("重点客户", "key customers"), check_key),
        Check("weekdays", T("工作日", "weekdays"), check_weekdays, hidden=True),
        Check("submitted", T("提交", "submitted"), check_submitted, hidden=True),
    ),
    hints=(
        Hint(
            T(
                "“周一”一栏选 {week}；每一行是一次拜访：医生和日期。",
                "Week start is {week}; each row is one call: a doctor and a day.",
            ),
            after=1,
        ),
        Hint(
            T(
                "{key} 在医生列表里；用“+”加到 {calls} 行。",
                "{key} are in the doctor lists; press + until there are {calls} rows.",
            ),
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
