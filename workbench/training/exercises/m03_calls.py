"""Module 03, call reports: who, when, what was discussed, what comes next."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from workbench.db.models import Call, CallProduct, Potential, Product
from workbench.training.context import Context
from workbench.training.exercises._world import (
    doctor_named,
    last_weekday,
    my_doctor_ids,
    place,
    rep_name,
    today,
)
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T, failed, passed

MESSAGE = "每日一次，患者依从性更好"
NEXT_STEP = "两周后送去临床研究摘要"


def facts(ctx: Context) -> dict[str, Any]:
    """The trainee's first doctor, where they work, the day of the call and the product."""
    with ctx.session() as session:
        doctor_id = my_doctor_ids(session, ctx.rep_id)[0]
        where = place(session, doctor_id)
        product_id, product = session.execute(
            select(Product.product_id, Product.name)
            .join(Potential, Potential.product_id == Product.product_id)
            .where(Potential.doctor_id == doctor_id)
            .order_by(Potential.period_start.desc(), Potential.potential.desc(), Product.product_id)
            .limit(1)
        ).one()
        return {
            "rep": rep_name(session, ctx.rep_id),
            "rep_id": ctx.rep_id,
            "doctor": doctor_named(session, doctor_id),
            "doctor_id": doctor_id,
            "hospital": where["hospital"],
            "department": where["department"],
            "place": {
                k: where[k] for k in ("region_id", "city_id", "hospital_id", "department_id")
            },
            "day": last_weekday(today()),
            "product": product,
            "product_id": product_id,
            "message": MESSAGE,
            "next_step": NEXT_STEP,
        }


def _data(ctx: Context, **change: Any) -> dict[str, Any]:
    f = ctx.facts
    return {
        "rep_id": f["rep_id"],
        "doctor_id": f["doctor_id"],
        "call_date": f["day"],
        "products": [{"product_id": f["product_id"], "key_message": f["message"]}],
        "next_step": f["next_step"],
        **change,
    }


def solve(ctx: Context) -> None:
    """Enter the call report."""
    ctx.save("call", _data(ctx))


NOTHING = T("exercise.03.nothing")
WRONG_DOCTOR = T("exercise.03.wrong_doctor")
DOCTOR_OK = T("exercise.03.doctor_ok")
WRONG_DATE = T("exercise.03.wrong_date")
DATE_OK = T("exercise.03.date_ok")
WRONG_PRODUCT = T("exercise.03.wrong_product")
PRODUCT_OK = T("exercise.03.product_ok")
NO_NEXT_STEP = T("exercise.03.no_next_step")
NEXT_OK = T("exercise.03.next_ok")
TWICE = T("exercise.03.twice")
ONCE_OK = T("exercise.03.once_ok")


def _calls(ctx: Context) -> tuple[list[Call], Result | None]:
    f = ctx.facts
    with ctx.session() as session:
        entered = ctx.entered(session, Call)
        session.expunge_all()
    if not entered:
        return [], failed(NOTHING, doctor=f["doctor"])
    mine = [c for c in entered if c.doctor_id == f["doctor_id"]]
    if not mine:
        with ctx.session() as session:
            got = doctor_named(session, entered[-1].doctor_id)
        return [], failed(
            WRONG_DOCTOR,
            got=got,
            want=f["doctor"],
            hospital=f["hospital"],
            department=f["department"],
        )
    return mine, None


def check_doctor(ctx: Context) -> Result:
    """Check that a call on the scenario's doctor was entered."""
    _c, verdict = _calls(ctx)
    return verdict or passed(DOCTOR_OK, want=ctx.facts["doctor"])


def check_date(ctx: Context) -> Result:
    """Check the call's date against the scenario's day."""
    calls, verdict = _calls(ctx)
    if verdict:
        return verdict
    want: dt.date = ctx.facts["day"]
    got = calls[-1].call_date
    return passed(DATE_OK, want=want) if got == want else failed(WRONG_DATE, got=got, want=want)


def check_product(ctx: Context) -> Result:
    """Check that the call discussed the scenario's product."""
    calls, verdict = _calls(ctx)
    if verdict:
        return verdict
    f = ctx.facts
    with ctx.session() as session:
        got = session.execute(
            select(Product.product_id, Product.name)
            .join(CallProduct, CallProduct.product_id == Product.product_id)
            .where(CallProduct.call_id == calls[-1].call_id)
            .order_by(Product.product_id)
        ).all()
    if f["product_id"] in [pid for pid, _ in got]:
        return passed(PRODUCT_OK, want=f["product"])
    return failed(WRONG_PRODUCT, got="、".join(name for _, name in got), want=f["product"])


def check_next_step(ctx: Context) -> Result:
    """Check that the call report says what comes next."""
    calls, verdict = _calls(ctx)
    if verdict:
        return verdict
    if not (calls[-1].next_step or "").strip():
        return failed(NO_NEXT_STEP, want=ctx.facts["next_step"])
    return passed(NEXT_OK)


def check_once(ctx: Context) -> Result:
    """Check that the call was entered once for its day."""
    calls, verdict = _calls(ctx)
    if verdict:
        return verdict
    same_day = [c for c in calls if c.call_date == calls[-1].call_date]
    if len(same_day) > 1:
        return failed(TWICE, want=ctx.facts["doctor"], n=len(same_day))
    return passed(ONCE_OK)


def _enter(**change: Any) -> Any:
    def make(ctx: Context) -> None:
        ctx.save("call", _data(ctx, **change))

    return make


def _other_product(ctx: Context) -> None:
    f = ctx.facts
    with ctx.session() as session:
        other = session.scalar(
            select(Product.product_id)
            .where(Product.product_id != f["product_id"])
            .order_by(Product.product_id)
            .limit(1)
        )
    _enter(products=[{"product_id": other, "key_message": MESSAGE}])(ctx)


def _other_doctor(ctx: Context) -> None:
    with ctx.session() as session:
        other = my_doctor_ids(session, ctx.rep_id)[1]
    _enter(doctor_id=other)(ctx)


def _twice(ctx: Context) -> None:
    solve(ctx)
    solve(ctx)


CALL_REPORT = Exercise(
    id="03.1",
    title=T("exercise.03.1.title"),
    scenario=T("exercise.03.1.scenario"),
    points=15,
    form="call",
    facts=facts,
    solve=solve,
    checks=(
        Check("doctor", T("exercise.03.1.check.doctor"), check_doctor),
        Check("date", T("exercise.03.1.check.date"), check_date),
        Check("product", T("exercise.03.1.check.product"), check_product),
        Check("next_step", T("exercise.03.1.check.next_step"), check_next_step, hidden=True),
        Check("once", T("exercise.03.1.check.once"), check_once, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.03.1.hint.1"),
            after=1,
        ),
        Hint(
            T("exercise.03.1.hint.2"),
            after=2,
        ),
    ),
    mistakes=(
        Mistake("dated the day it was typed", _enter(call_date=today()), "date", WRONG_DATE),
        Mistake("the wrong product ticked", _other_product, "product", WRONG_PRODUCT),
        Mistake("the next step left empty", _enter(next_step=""), "next_step", NO_NEXT_STEP),
        Mistake("reported twice", _twice, "once", TWICE),
        Mistake("another of the rep's doctors", _other_doctor, "doctor", WRONG_DOCTOR),
    ),
)

EXERCISES = (CALL_REPORT,)
