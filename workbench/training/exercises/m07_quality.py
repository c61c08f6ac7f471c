"""Module 07, data-quality habits: complete records, corrected in place, never duplicated."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from workbench.db.models import Doctor
from workbench.training.context import Context
from workbench.training.exercises._world import my_doctor_ids, place, rep_name
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T, failed, passed

FIELDS = ("name", "name_pinyin", "gender", "title", "specialty")


def _pair(ctx: Context) -> list[int]:
    with ctx.session() as session:
        return my_doctor_ids(session, ctx.rep_id)[2:4]


def _card(doctor_id: int) -> str:
    return f"1391{doctor_id:07d}"[:11]


def setup(ctx: Context) -> None:
    """Clear the mobiles of two of the trainee's doctors."""
    if ctx.is_set_up():
        return
    with ctx.setting_up() as session:
        for doctor in session.scalars(select(Doctor).where(Doctor.doctor_id.in_(_pair(ctx)))):
            doctor.mobile = None


def facts(ctx: Context) -> dict[str, Any]:
    """The two doctors, the mobiles on their cards, and their records as they stand."""
    first, second = _pair(ctx)
    out: dict[str, Any] = {"rep_id": ctx.rep_id}
    with ctx.session() as session:
        out["rep"] = rep_name(session, ctx.rep_id)
        for key, doctor_id in (("first", first), ("second", second)):
            doctor = session.get(Doctor, doctor_id)
            assert doctor is not None
            out[key] = doctor.name
            out[f"{key}_id"] = doctor_id
            out[f"{key}_mobile"] = _card(doctor_id)
            out[f"{key}_record"] = {k: getattr(doctor, k) for k in FIELDS}
            out[f"{key}_place"] = place(session, doctor_id)
    return out


def _fill(ctx: Context, key: str, mobile: str | None = None) -> None:
    f = ctx.facts
    where = f[f"{key}_place"]
    ctx.save(
        "doctor",
        {
            **f[f"{key}_record"],
            "doctor_id": f[f"{key}_id"],
            "hospital_id": where["hospital_id"],
            "department_id": where["department_id"],
            "mobile": mobile or f[f"{key}_mobile"],
        },
        accept_warnings=True,
    )


def solve(ctx: Context) -> None:
    """Fill in both doctors' mobiles by correcting their records."""
    _fill(ctx, "first")
    _fill(ctx, "second")


STILL_EMPTY = T("exercise.07.still_empty")
SWAPPED = T("exercise.07.swapped")
WRONG_MOBILE = T("exercise.07.wrong_mobile")
MOBILE_OK = T("exercise.07.mobile_ok")
ENTERED_NEW = T("exercise.07.entered_new")
NO_NEW_OK = T("exercise.07.no_new_ok")
OTHER_CHANGED = T("exercise.07.other_changed")
REST_OK = T("exercise.07.rest_ok")
FILL_FIRST = T("exercise.07.fill_first")
LABELS = {
    "name": T("exercise.07.labels.name"),
    "name_pinyin": T("exercise.07.labels.name_pinyin"),
    "gender": T("exercise.07.labels.gender"),
    "title": T("exercise.07.labels.title"),
    "specialty": T("exercise.07.labels.specialty"),
}


def _mobile(ctx: Context, key: str) -> Result:
    f = ctx.facts
    other = "second" if key == "first" else "first"
    with ctx.session() as session:
        doctor = session.get(Doctor, f[f"{key}_id"])
        got = doctor.mobile if doctor is not None else None
    values = {"doctor": f[key], "want": f[f"{key}_mobile"]}
    if not got:
        return failed(STILL_EMPTY, **values)
    if got == f[f"{other}_mobile"]:
        return failed(SWAPPED, got=got, other=f[other], **values)
    if got != f[f"{key}_mobile"]:
        return failed(WRONG_MOBILE, got=got, **values)
    return passed(MOBILE_OK, **values)


def check_first(ctx: Context) -> Result:
    """Check the first doctor's mobile against their card."""
    return _mobile(ctx, "first")


def check_second(ctx: Context) -> Result:
    """Check the second doctor's mobile against their card."""
    return _mobile(ctx, "second")


def _started(ctx: Context) -> Result | None:
    f = ctx.facts
    with ctx.session() as session:
        filled = session.scalars(
            select(Doctor.mobile).where(Doctor.doctor_id.in_([f["first_id"], f["second_id"]]))
        ).all()
        new = ctx.entered(session, Doctor)
    if not any(filled) and not new:
        return failed(FILL_FIRST, first=f["first"], second=f["second"])
    return None


def check_no_new(ctx: Context) -> Result:
    """Check that no doctor was entered as a new record."""
    f = ctx.facts
    if (verdict := _started(ctx)) is not None:
        return verdict
    with ctx.session() as session:
        new = ctx.entered(session, Doctor)
        if new:
            same = next((k for k in ("first", "second") if new[-1].name == f[k]), "first")
            return failed(ENTERED_NEW, got=new[-1].name, id=f[f"{same}_id"])
    return passed(NO_NEW_OK)


def check_rest(ctx: Context) -> Result:
    """Check that the doctors' other details are unchanged."""
    f = ctx.facts
    if (verdict := _started(ctx)) is not None:
        return verdict
    with ctx.session() as session:
        for key in ("first", "second"):
            doctor = session.get(Doctor, f[f"{key}_id"])
            assert doctor is not None
            for field, want in f[f"{key}_record"].items():
                got = getattr(doctor, field)
                if got != want:
                    return failed(OTHER_CHANGED, doctor=f[key], what=LABELS[field], got=got)
    return passed(REST_OK)


def _new_record(ctx: Context) -> None:
    f = ctx.facts
    where = f["first_place"]
    ctx.save(
        "doctor",
        {
            **f["first_record"],
            "hospital_id": where["hospital_id"],
            "department_id": where["department_id"],
            "mobile": f["first_mobile"],
        },
        accept_warnings=True,
    )
    _fill(ctx, "second")


def _swapped(ctx: Context) -> None:
    _fill(ctx, "first", ctx.facts["second_mobile"])


def _typo(ctx: Context) -> None:
    mobile = ctx.facts["first_mobile"]
    _fill(ctx, "first", mobile[:-1] + ("0" if mobile[-1] != "0" else "1"))
    _fill(ctx, "second")


def _renamed(ctx: Context) -> None:
    f = ctx.facts
    _fill(ctx, "first")
    where = f["second_place"]
    title = "resident" if f["second_record"]["title"] != "resident" else "attending"
    ctx.save(
        "doctor",
        {
            **f["second_record"],
            "title": title,
            "doctor_id": f["second_id"],
            "hospital_id": where["hospital_id"],
            "department_id": where["department_id"],
            "mobile": f["second_mobile"],
        },
        accept_warnings=True,
    )


MISSING_MOBILES = Exercise(
    id="07.1",
    title=T("exercise.07.1.title"),
    scenario=T("exercise.07.1.scenario"),
    points=10,
    form="doctor",
    edits="first_id",
    facts=facts,
    setup=setup,
    solve=solve,
    checks=(
        Check("first", T("exercise.07.1.check.first"), check_first),
        Check("second", T("exercise.07.1.check.second"), check_second),
        Check("no_new", T("exercise.07.1.check.no_new"), check_no_new, hidden=True),
        Check("rest", T("exercise.07.1.check.rest"), check_rest, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.07.1.hint.1"),
            after=1,
        ),
    ),
    mistakes=(
        Mistake(
            "the second doctor left empty", lambda ctx: _fill(ctx, "first"), "second", STILL_EMPTY
        ),
        Mistake("the two numbers swapped", _swapped, "first", SWAPPED),
        Mistake("a digit wrong", _typo, "first", WRONG_MOBILE),
        Mistake("a new record instead of a correction", _new_record, "no_new", ENTERED_NEW),
        Mistake("the title changed as well", _renamed, "rest", OTHER_CHANGED),
    ),
)

EXERCISES = (MISSING_MOBILES,)
