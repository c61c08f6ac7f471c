"""Module 06, reading your territory: your doctors' value against your visits.

The module then asks what that means for next week.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from workbench.db.models import Plan, PlanItem
from workbench.training.context import Context
from workbench.training.exercises._world import next_monday, rep_name, territory, today
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T, failed, passed

DAYS = 90


def facts(ctx: Context) -> dict[str, Any]:
    """The trainee's territory and the high-potential doctor called on least lately."""
    with ctx.session() as session:
        rows = territory(session, ctx.rep_id, today(), DAYS)
        me = rep_name(session, ctx.rep_id)
    top = rows[: (len(rows) + 1) // 2]
    target = min(top, key=lambda r: (r["calls"], -r["potential"], r["doctor_id"]))
    week = next_monday(today(), 2)
    return {
        "rep": me,
        "rep_id": ctx.rep_id,
        "days": DAYS,
        "week": week,
        "friday": week + dt.timedelta(days=4),
        "top_n": len(top),
        "n": len(rows),
        "target": target["doctor"],
        "target_id": target["doctor_id"],
        "target_calls": target["calls"],
        "rows": {r["doctor_id"]: r for r in rows},
    }


def _plan(ctx: Context, doctor_id: int, day: int = 1, week: dt.date | None = None) -> None:
    f = ctx.facts
    week = week or f["week"]
    ctx.save(
        "plan",
        {
            "rep_id": f["rep_id"],
            "week_start": week,
            "items": [{"doctor_id": doctor_id, "planned_on": week + dt.timedelta(days=day)}],
        },
    )


def solve(ctx: Context) -> None:
    """Plan a call on that doctor in the scenario's week."""
    _plan(ctx, ctx.facts["target_id"])


NOTHING = T("exercise.06.nothing")
WRONG_WEEK = T("exercise.06.wrong_week")
LOW_POTENTIAL = T("exercise.06.low_potential")
CALLED_MORE = T("exercise.06.called_more")
TARGET_OK = T("exercise.06.target_ok")
WEEKEND = T("exercise.06.weekend")
WEEKDAY_OK = T("exercise.06.weekday_ok")


def _items(ctx: Context) -> tuple[list[PlanItem], Result | None]:
    f = ctx.facts
    with ctx.session() as session:
        plans = [p for p in ctx.entered(session, Plan) if p.rep_id == f["rep_id"]]
        if not plans:
            return [], failed(NOTHING, week=f["week"])
        right = [p for p in plans if p.week_start == f["week"]]
        if not right:
            return [], failed(WRONG_WEEK, got=plans[-1].week_start, week=f["week"])
        items = list(session.scalars(select(PlanItem).where(PlanItem.plan_id == right[-1].plan_id)))
        session.expunge_all()
    if not items:
        return [], failed(NOTHING, week=f["week"])
    return items, None


def check_target(ctx: Context) -> Result:
    """Check that the plan calls on the high-potential doctor called on least."""
    items, verdict = _items(ctx)
    if verdict:
        return verdict
    f = ctx.facts
    if any(i.doctor_id == f["target_id"] for i in items):
        return passed(TARGET_OK, target=f["target"], days=f["days"], calls=f["target_calls"])
    got = f["rows"].get(items[-1].doctor_id)
    if got is None or got["potential_rank"] > f["top_n"]:
        return failed(
            LOW_POTENTIAL,
            got=got["doctor"] if got else items[-1].doctor_id,
            rank=got["potential_rank"] if got else "—",
            n=f["n"],
            top_n=f["top_n"],
        )
    return failed(
        CALLED_MORE, got=got["doctor"], calls=got["calls"], days=f["days"], fewest=f["target_calls"]
    )


def check_weekday(ctx: Context) -> Result:
    """Check that the call is planned Monday to Friday."""
    items, verdict = _items(ctx)
    if verdict:
        return verdict
    weekend = [i.planned_on for i in items if i.planned_on.weekday() >= 5]
    if weekend:
        return failed(WEEKEND, day=weekend[0])
    return passed(WEEKDAY_OK)


def _lowest(ctx: Context) -> None:
    rows = list(ctx.facts["rows"].values())
    _plan(ctx, rows[-1]["doctor_id"])


def _busiest_top(ctx: Context) -> None:
    f = ctx.facts
    top = [r for r in f["rows"].values() if r["potential_rank"] <= f["top_n"]]
    busiest = max(top, key=lambda r: (r["calls"], r["doctor_id"]))
    _plan(ctx, busiest["doctor_id"])


UNDER_SERVED = Exercise(
    id="06.1",
    title=T("exercise.06.1.title"),
    scenario=T("exercise.06.1.scenario"),
    points=15,
    form="plan",
    facts=facts,
    solve=solve,
    checks=(
        Check("target", T("exercise.06.1.check.target"), check_target, weight=3),
        Check("weekday", T("exercise.06.1.check.weekday"), check_weekday, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.06.1.hint.1"),
            after=1,
        ),
        Hint(
            T("exercise.06.1.hint.2"),
            after=2,
        ),
    ),
    mistakes=(
        Mistake(
            "the least-called doctor overall, of low potential", _lowest, "target", LOW_POTENTIAL
        ),
        Mistake(
            "a high-potential doctor who is already called often",
            _busiest_top,
            "target",
            CALLED_MORE,
        ),
        Mistake(
            "next week instead",
            lambda ctx: _plan(ctx, ctx.facts["target_id"], week=next_monday(today())),
            "target",
            WRONG_WEEK,
        ),
        Mistake(
            "on a Saturday",
            lambda ctx: _plan(ctx, ctx.facts["target_id"], day=5),
            "weekday",
            WEEKEND,
        ),
    ),
)

EXERCISES = (UNDER_SERVED,)
