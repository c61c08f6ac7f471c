"""Module 05, academic events: inviting your doctors, and not a colleague's invitee again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from workbench.db.models import Event, Invitation, Product, Rep
from workbench.training.context import Context
from workbench.training.exercises._world import (
    by_potential,
    doctor_named,
    my_doctor_ids,
    place,
    rep_name,
    today,
)
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T, failed, passed

SEMINAR = "心血管疾病诊疗进展学术沙龙"


def _ranked(ctx: Context) -> list[int]:
    with ctx.session() as session:
        return [d for d, _ in by_potential(session, my_doctor_ids(session, ctx.rep_id))]


def _colleague(ctx: Context) -> int:
    """Another serving rep in the trainee's city."""
    with ctx.session() as session:
        me = session.get(Rep, ctx.rep_id)
        assert me is not None
        found = session.scalar(
            select(Rep.rep_id)
            .where(
                Rep.city_id == me.city_id,
                Rep.rep_id != me.rep_id,
                Rep.left_on.is_(None),
                Rep.role == "rep",
            )
            .order_by(Rep.rep_id)
            .limit(1)
        )
    assert found is not None
    return int(found)


def setup(ctx: Context) -> None:
    """Plant the seminar, and a colleague's invitation of one of the trainee's doctors to it."""
    if ctx.is_set_up():
        return
    ranked = _ranked(ctx)
    with ctx.session() as session:
        me = session.get(Rep, ctx.rep_id)
        assert me is not None
        city_id = me.city_id
        product_id = session.scalar(
            select(Product.product_id).where(Product.therapeutic_area == "cardiovascular")
        )
    with ctx.setting_up() as session:
        event = Event(
            name=SEMINAR,
            city_id=city_id,
            product_id=product_id,
            held_on=today() + dt.timedelta(days=21),
            capacity=40,
        )
        session.add(event)
        session.flush()
        event_id = event.event_id
    ctx.plant(
        "invitation",
        {
            "event_id": event_id,
            "doctor_id": ranked[2],
            "rep_id": _colleague(ctx),
            "invited_on": today(),
        },
    )


def facts(ctx: Context) -> dict[str, Any]:
    """The seminar, the two doctors to invite, and the colleague and their invitee."""
    ranked = _ranked(ctx)
    with ctx.session() as session:
        (event,) = [e for e in ctx.entered(session, Event, by=ctx.setup_actor)]
        colleague = _colleague(ctx)
        where = place(session, ranked[0])
        return {
            "rep": rep_name(session, ctx.rep_id),
            "rep_id": ctx.rep_id,
            "event": event.name,
            "event_id": event.event_id,
            "held_on": event.held_on,
            "a": doctor_named(session, ranked[0]),
            "a_id": ranked[0],
            "b": doctor_named(session, ranked[1]),
            "b_id": ranked[1],
            "c": doctor_named(session, ranked[2]),
            "c_id": ranked[2],
            "colleague": rep_name(session, colleague),
            "colleague_id": colleague,
            "hospital": where["hospital"],
        }


def _invite(ctx: Context, doctor: str, **change: Any) -> int:
    f = ctx.facts
    data = {
        "event_id": f["event_id"],
        "doctor_id": f[f"{doctor}_id"],
        "rep_id": f["rep_id"],
        "invited_on": today(),
        **change,
    }
    return ctx.save("invitation", data, accept_warnings=True)


def solve(ctx: Context) -> None:
    """Invite the first two doctors to the seminar."""
    _invite(ctx, "a")
    _invite(ctx, "b")


NOTHING = T("exercise.05.nothing")
NOT_INVITED = T("exercise.05.not_invited")
WRONG_EVENT = T("exercise.05.wrong_event")
INVITED_OK = T("exercise.05.invited_ok")
CONFLICT = T("exercise.05.conflict")
NO_CONFLICT_OK = T("exercise.05.no_conflict_ok")
OTHER_REP = T("exercise.05.other_rep")
REP_OK = T("exercise.05.rep_ok")


def _mine(ctx: Context) -> list[Invitation]:
    with ctx.session() as session:
        found = ctx.entered(session, Invitation)
        session.expunge_all()
    return found


def _invited(ctx: Context, who: str) -> Result:
    f = ctx.facts
    mine = _mine(ctx)
    if not mine:
        return failed(NOTHING)
    doctor = f[who]
    theirs = [i for i in mine if i.doctor_id == f[f"{who}_id"]]
    if any(i.event_id == f["event_id"] for i in theirs):
        return passed(INVITED_OK, doctor=doctor)
    if theirs:
        with ctx.session() as session:
            got = session.get(Event, theirs[-1].event_id)
            got_name = got.name if got is not None else "—"
        return failed(
            WRONG_EVENT, doctor=doctor, got=got_name, event=f["event"], held_on=f["held_on"]
        )
    return failed(NOT_INVITED, doctor=doctor, event=f["event"])


def check_a(ctx: Context) -> Result:
    """Check that the first doctor is invited to the seminar."""
    return _invited(ctx, "a")


def check_b(ctx: Context) -> Result:
    """Check that the second doctor is invited to the seminar."""
    return _invited(ctx, "b")


def check_no_conflict(ctx: Context) -> Result:
    """Check that the colleague's invitee was not invited again."""
    f = ctx.facts
    mine = _mine(ctx)
    if not mine:
        return failed(NOTHING)
    if any(i.doctor_id == f["c_id"] and i.event_id == f["event_id"] for i in mine):
        return failed(CONFLICT, doctor=f["c"], colleague=f["colleague"])
    return passed(NO_CONFLICT_OK, doctor=f["c"], colleague=f["colleague"])


def check_rep(ctx: Context) -> Result:
    """Check that every invitation names the rep the trainee plays."""
    f = ctx.facts
    mine = _mine(ctx)
    if not mine:
        return failed(NOTHING)
    others = [i for i in mine if i.rep_id != f["rep_id"]]
    if others:
        with ctx.session() as session:
            got = rep_name(session, others[-1].rep_id)
        return failed(OTHER_REP, got=got, rep=f["rep"])
    return passed(REP_OK)


def _also_c(ctx: Context) -> None:
    solve(ctx)
    _invite(ctx, "c")


def _a_elsewhere(ctx: Context) -> None:
    with ctx.session() as session:
        other = session.scalar(
            select(Event.event_id)
            .where(Event.event_id != ctx.facts["event_id"])
            .order_by(Event.held_on.desc())
            .limit(1)
        )
        held = session.get(Event, other).held_on  # type: ignore[union-attr]
    _invite(ctx, "a", event_id=other, invited_on=held - dt.timedelta(days=7))
    _invite(ctx, "b")


def _only_a(ctx: Context) -> None:
    _invite(ctx, "a")


def _as_colleague(ctx: Context) -> None:
    _invite(ctx, "a")
    _invite(ctx, "b", rep_id=ctx.facts["colleague_id"])


SEMINAR_INVITATIONS = Exercise(
    id="05.1",
    title=T("exercise.05.1.title"),
    scenario=T("exercise.05.1.scenario"),
    points=15,
    form="invitation",
    facts=facts,
    setup=setup,
    solve=solve,
    checks=(
        Check("a", T("exercise.05.1.check.a"), check_a),
        Check("b", T("exercise.05.1.check.b"), check_b),
        Check(
            "no_conflict",
            T("exercise.05.1.check.no_conflict"),
            check_no_conflict,
            hidden=True,
        ),
        Check("rep", T("exercise.05.1.check.rep"), check_rep, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.05.1.hint.1"),
            after=1,
        ),
        Hint(
            T("exercise.05.1.hint.2"),
            after=2,
        ),
    ),
    mistakes=(
        Mistake("the colleague's invitee invited again", _also_c, "no_conflict", CONFLICT),
        Mistake("the first doctor invited to another event", _a_elsewhere, "a", WRONG_EVENT),
        Mistake("the second doctor forgotten", _only_a, "b", NOT_INVITED),
        Mistake("an invitation under the colleague's name", _as_colleague, "rep", OTHER_REP),
    ),
)

EXERCISES = (SEMINAR_INVITATIONS,)
