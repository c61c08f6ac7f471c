"""Module 02, customer master data: hospital → department → doctor, and whose department it is."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from workbench.db.models import Department, Doctor, Hospital
from workbench.training.context import Context
from workbench.training.exercises._world import (
    TITLE_NAMES,
    department,
    home_hospital,
    place,
    planted,
    warned_doctors,
)
from workbench.training.spec import (
    Check,
    Exercise,
    Hint,
    Mistake,
    Result,
    Step,
    T,
    failed,
    passed,
)

# --- 02.1 a new doctor, next to one who looks the same ------------------------------------

NEW = {
    "name": "王静",
    "name_pinyin": "Wang Jing",
    "gender": "F",
    "title": "attending",
    "mobile": "13816520731",
}
LOOKALIKE = {
    "name": "王晶",
    "name_pinyin": "Wang Jing",
    "gender": "F",
    "title": "associate_chief",
    "mobile": "13901230456",
}


def _ward(ctx: Context, name: str) -> tuple[Hospital, Department]:
    with ctx.session() as session:
        hospital = home_hospital(session, ctx.rep_id)
        ward = department(session, hospital.hospital_id, name)
        session.expunge_all()
    return hospital, ward


def _plant_in_cardiology(person: dict[str, str]) -> Step:
    """A set-up that places ``person`` in cardiology of the trainee's home hospital."""

    def setup(ctx: Context) -> None:
        if ctx.is_set_up():
            return
        hospital, ward = _ward(ctx, "心内科")
        place_in = {"hospital_id": hospital.hospital_id, "department_id": ward.department_id}
        ctx.plant("doctor", {**person, **place_in, "specialty": ward.specialty})

    return setup


def _planted_id(ctx: Context) -> int:
    with ctx.session() as session:
        (doctor,) = planted(ctx, session, Doctor)
        return int(doctor.doctor_id)


def facts_new(ctx: Context) -> dict[str, Any]:
    """The new doctor's card, their home hospital's cardiology, and the lookalike there."""
    hospital, ward = _ward(ctx, "心内科")
    colleague_id = _planted_id(ctx)
    card = {**NEW, "hospital_id": hospital.hospital_id, "department_id": ward.department_id}
    return {
        **NEW,
        **_also_warned(warned_doctors(ctx, card, besides=colleague_id), hospital.hospital_id),
        "hospital": hospital.name,
        "hospital_id": hospital.hospital_id,
        "department": ward.name,
        "department_id": ward.department_id,
        "specialty": ward.specialty,
        "title_zh": TITLE_NAMES[NEW["title"]][0],
        "title_en": TITLE_NAMES[NEW["title"]][1],
        "lookalike": LOOKALIKE["name"],
        "lookalike_id": colleague_id,
    }


def _also_warned(others: list[dict[str, Any]], hospital_id: int) -> dict[str, str]:
    """The scenario's sentence on the other doctors the duplicate warning will name."""
    if not others:
        return {"also_zh": "", "also_en": ""}
    zh, en = [], []
    for o in others:
        here = o["hospital_id"] == hospital_id
        zh.append(
            f"{'' if here else o['hospital']}{o['department']}有一位"
            f"{'同名的' if o['same_name'] else ''}{o['name']}医生（编号 {o['id']}）"
        )
        en.append(
            f"{o['department_en']}{'' if here else ' of ' + o['hospital']} has a Dr {o['name']} "
            f"(id {o['id']}){' of the same name' if o['same_name'] else ''}"
        )
    return {
        "also_zh": f"；另外，{'，'.join(zh)}，重复提醒里也会列出",
        "also_en": f"; besides, {'; '.join(en)}, also listed in the duplicate warning",
    }


def _doctor_data(ctx: Context, **change: Any) -> dict[str, Any]:
    f = ctx.facts
    keys = (
        "name",
        "name_pinyin",
        "gender",
        "title",
        "mobile",
        "hospital_id",
        "department_id",
        "specialty",
    )
    return {**{k: f[k] for k in keys}, **change}


def solve_new(ctx: Context) -> None:
    """Enter the new doctor once, confirming past the lookalike warning."""
    ctx.save("doctor", _doctor_data(ctx), accept_warnings=True)


NOTHING = T("exercise.02.nothing")
OTHER_NAME = T("exercise.02.other_name")
LOOKALIKE_NAME = T("exercise.02.lookalike_name")
NAME_OK = T("exercise.02.name_ok")
WRONG_DEPARTMENT = T("exercise.02.wrong_department")
WRONG_HOSPITAL = T("exercise.02.wrong_hospital")
DEPARTMENT_OK = T("exercise.02.department_ok")
WRONG_TITLE = T("exercise.02.wrong_title")
TITLE_OK = T("exercise.02.title_ok")
WRONG_MOBILE = T("exercise.02.wrong_mobile")
MOBILE_OK = T("exercise.02.mobile_ok")
TWICE = T("exercise.02.twice")
COLLEAGUE_CHANGED = T("exercise.02.colleague_changed")
ONCE_OK = T("exercise.02.once_ok")


def _entered_named(ctx: Context) -> tuple[list[Doctor], Result | None]:
    f = ctx.facts
    with ctx.session() as session:
        entered = ctx.entered(session, Doctor)
        session.expunge_all()
    if not entered:
        return [], failed(NOTHING)
    named = [d for d in entered if d.name == f["name"]]
    if named:
        return named, None
    got = entered[-1].name
    if got == f["lookalike"]:
        return [], failed(LOOKALIKE_NAME, got=got, want=f["name"], id=f["lookalike_id"])
    return [], failed(OTHER_NAME, got=got, want=f["name"])


def check_name(ctx: Context) -> Result:
    """Check that a doctor with the card's name was entered (not the lookalike's)."""
    _named, verdict = _entered_named(ctx)
    return verdict or passed(NAME_OK, want=ctx.facts["name"])


def _where(ctx: Context, doctor_id: int) -> Result:
    f = ctx.facts
    with ctx.session() as session:
        now = place(session, doctor_id)
        name = session.get(Doctor, doctor_id).name  # type: ignore[union-attr]
    values = {"name": name, "want": f["department"], "hospital": f["hospital"]}
    if now["department_id"] == f["department_id"]:
        return passed(DEPARTMENT_OK, **values)
    if now["hospital_id"] != f["hospital_id"]:
        return failed(WRONG_HOSPITAL, got_hospital=now["hospital"], **values)
    return failed(WRONG_DEPARTMENT, got=now["department"], **values)


def check_department(ctx: Context) -> Result:
    """Check that the new doctor is in the card's hospital and department."""
    named, verdict = _entered_named(ctx)
    return verdict or _where(ctx, named[-1].doctor_id)


def check_title(ctx: Context) -> Result:
    """Check the new doctor's title against the card's."""
    named, verdict = _entered_named(ctx)
    if verdict:
        return verdict
    got, want = named[-1].title, ctx.facts["title"]
    if got != want:
        return failed(
            WRONG_TITLE,
            got=TITLE_NAMES[got][0],
            want=TITLE_NAMES[want][1],
            want_zh=TITLE_NAMES[want][0],
        )
    return passed(TITLE_OK)


def check_mobile(ctx: Context) -> Result:
    """Check the new doctor's mobile against the card's."""
    named, verdict = _entered_named(ctx)
    if verdict:
        return verdict
    got = named[-1].mobile
    if got != ctx.facts["mobile"]:
        return failed(WRONG_MOBILE, got=got or "—", want=ctx.facts["mobile"])
    return passed(MOBILE_OK)


def check_once(ctx: Context) -> Result:
    """Check that the doctor was entered once and the lookalike's record left alone."""
    named, verdict = _entered_named(ctx)
    if verdict:
        return verdict
    f = ctx.facts
    if len(named) > 1:
        return failed(TWICE, want=f["name"], n=len(named))
    with ctx.session() as session:
        colleague = session.get(Doctor, f["lookalike_id"])
        same = colleague is not None and all(
            getattr(colleague, k) == v for k, v in LOOKALIKE.items()
        )
    if not same:
        return failed(COLLEAGUE_CHANGED, lookalike=f["lookalike"], id=f["lookalike_id"])
    return passed(ONCE_OK, lookalike=f["lookalike"])


def _enter(**change: Any) -> Any:
    def make(ctx: Context) -> None:
        ctx.save("doctor", _doctor_data(ctx, **change), accept_warnings=True)

    return make


def _neurology(ctx: Context) -> None:
    _hospital, ward = _ward(ctx, "神经内科")
    _enter(department_id=ward.department_id, specialty=ward.specialty)(ctx)


def _twice(ctx: Context) -> None:
    solve_new(ctx)
    solve_new(ctx)


def _changed_colleague(ctx: Context) -> None:
    solve_new(ctx)
    with ctx.db.session(actor=ctx.actor) as session:
        colleague = session.get(Doctor, ctx.facts["lookalike_id"])
        assert colleague is not None
        colleague.mobile = NEW["mobile"]


NEW_DOCTOR = Exercise(
    id="02.1",
    title=T("exercise.02.1.title"),
    scenario=T("exercise.02.1.scenario"),
    points=20,
    form="doctor",
    facts=facts_new,
    setup=_plant_in_cardiology(LOOKALIKE),
    solve=solve_new,
    checks=(
        Check("name", T("exercise.02.1.check.name"), check_name),
        Check("department", T("exercise.02.1.check.department"), check_department),
        Check("title", T("exercise.02.1.check.title"), check_title),
        Check("mobile", T("exercise.02.1.check.mobile"), check_mobile, hidden=True),
        Check("once", T("exercise.02.1.check.once"), check_once, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.02.1.hint.1"),
            after=1,
        ),
        Hint(
            T("exercise.02.1.hint.2"),
            after=2,
        ),
    ),
    mistakes=(
        Mistake("the department next door", _neurology, "department", WRONG_DEPARTMENT),
        Mistake("chief instead of attending", _enter(title="chief"), "title", WRONG_TITLE),
        Mistake("the lookalike's name typed", _enter(name="王晶"), "name", LOOKALIKE_NAME),
        Mistake("entered twice", _twice, "once", TWICE),
        Mistake(
            "the colleague's record overwritten", _changed_colleague, "once", COLLEAGUE_CHANGED
        ),
        Mistake(
            "a digit wrong in the mobile", _enter(mobile="13816520732"), "mobile", WRONG_MOBILE
        ),
    ),
)

# --- 02.2 whose department is it? ---------------------------------------------------------

MISPLACED = {
    "name": "赵磊",
    "name_pinyin": "Zhao Lei",
    "gender": "M",
    "title": "chief",
    "mobile": "13761234509",
}


def facts_move(ctx: Context) -> dict[str, Any]:
    """The misplaced doctor, the department they are in, and the one they belong in."""
    hospital, wrong = _ward(ctx, "心内科")
    _hospital, right = _ward(ctx, "呼吸内科")
    return {
        **MISPLACED,
        "doctor_id": _planted_id(ctx),
        "hospital": hospital.name,
        "hospital_id": hospital.hospital_id,
        "wrong": wrong.name,
        "wrong_id": wrong.department_id,
        "department": right.name,
        "department_id": right.department_id,
        "specialty": right.specialty,
    }


def solve_move(ctx: Context) -> None:
    """Correct the misplaced doctor's department in their existing record."""
    f = ctx.facts
    keys = (
        "name",
        "name_pinyin",
        "gender",
        "title",
        "mobile",
        "hospital_id",
        "department_id",
        "specialty",
        "doctor_id",
    )
    ctx.save("doctor", {k: f[k] for k in keys}, accept_warnings=True)


STILL_THERE = T("exercise.02.still_there")
ENTERED_AGAIN = T("exercise.02.entered_again")
DETAILS_CHANGED = T("exercise.02.details_changed")
DETAILS_OK = T("exercise.02.details_ok")
FIRST_FIX = T("exercise.02.first_fix")


def _moved(ctx: Context) -> Result | None:
    """None once the doctor has been moved out of the wrong department, else why not."""
    f = ctx.facts
    with ctx.session() as session:
        now = place(session, f["doctor_id"])
    if now["department_id"] == f["wrong_id"]:
        return failed(FIRST_FIX, name=f["name"], want=f["department"])
    return None


def check_moved(ctx: Context) -> Result:
    """Check that the misplaced doctor is now in the right hospital and department."""
    f = ctx.facts
    with ctx.session() as session:
        now = place(session, f["doctor_id"])
    if now["department_id"] == f["wrong_id"]:
        return failed(STILL_THERE, name=f["name"], wrong=f["wrong"], want=f["department"])
    return _where(ctx, f["doctor_id"])


def check_not_again(ctx: Context) -> Result:
    """Check that the doctor was corrected, not entered again as a new record."""
    f = ctx.facts
    with ctx.session() as session:
        again = [d for d in ctx.entered(session, Doctor) if d.name == f["name"]]
    if again:
        return failed(ENTERED_AGAIN, name=f["name"], id=f["doctor_id"])
    return _moved(ctx) or passed(DETAILS_OK)


FIELD_NAMES = {
    "name": T("exercise.02.field_names.name"),
    "name_pinyin": T("exercise.02.field_names.name_pinyin"),
    "gender": T("exercise.02.field_names.gender"),
    "title": T("exercise.02.field_names.title"),
    "mobile": T("exercise.02.field_names.mobile"),
}


def check_details(ctx: Context) -> Result:
    """Check that the doctor's other details are unchanged by the correction."""
    f = ctx.facts
    with ctx.session() as session:
        doctor = session.get(Doctor, f["doctor_id"])
        assert doctor is not None
        for key, want in MISPLACED.items():
            got = getattr(doctor, key)
            if got != want:
                return failed(DETAILS_CHANGED, name=f["name"], what=FIELD_NAMES[key], got=got)
    return _moved(ctx) or passed(DETAILS_OK)


def _move_to(ctx: Context, department_id: int, hospital_id: int, **change: Any) -> None:
    f = ctx.facts
    keys = ("name", "name_pinyin", "gender", "title", "mobile", "specialty", "doctor_id")
    data = {
        **{k: f[k] for k in keys},
        "hospital_id": hospital_id,
        "department_id": department_id,
        **change,
    }
    ctx.save("doctor", data, accept_warnings=True)


def _other_hospital(ctx: Context) -> None:
    f = ctx.facts
    with ctx.session() as session:
        other = session.scalars(
            select(Department)
            .where(Department.name == f["department"], Department.hospital_id != f["hospital_id"])
            .order_by(Department.department_id)
        ).first()
        assert other is not None
        target = (other.department_id, other.hospital_id)
    _move_to(ctx, *target)


def _new_record(ctx: Context) -> None:
    f = ctx.facts
    keys = (
        "name",
        "name_pinyin",
        "gender",
        "title",
        "mobile",
        "hospital_id",
        "department_id",
        "specialty",
    )
    ctx.save("doctor", {k: f[k] for k in keys}, accept_warnings=True)


def _endocrinology(ctx: Context) -> None:
    f = ctx.facts
    _hospital, ward = _ward(ctx, "内分泌科")
    _move_to(ctx, ward.department_id, f["hospital_id"])


def _title_too(ctx: Context) -> None:
    f = ctx.facts
    _move_to(ctx, f["department_id"], f["hospital_id"], title="attending")


WHOSE_DEPARTMENT = Exercise(
    id="02.2",
    title=T("exercise.02.2.title"),
    scenario=T("exercise.02.2.scenario"),
    points=15,
    form="doctor",
    edits="doctor_id",
    facts=facts_move,
    setup=_plant_in_cardiology(MISPLACED),
    solve=solve_move,
    checks=(
        Check("department", T("exercise.02.2.check.department"), check_moved),
        Check("not_again", T("exercise.02.2.check.not_again"), check_not_again, hidden=True),
        Check("details", T("exercise.02.2.check.details"), check_details, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.02.2.hint.1"),
            after=1,
        ),
    ),
    mistakes=(
        Mistake("moved to the wrong department", _endocrinology, "department", WRONG_DEPARTMENT),
        Mistake(
            "moved to the same ward of another hospital",
            _other_hospital,
            "department",
            WRONG_HOSPITAL,
        ),
        Mistake("a new record instead of a correction", _new_record, "not_again", ENTERED_AGAIN),
        Mistake("the title changed as well", _title_too, "details", DETAILS_CHANGED),
    ),
)

EXERCISES = (NEW_DOCTOR, WHOSE_DEPARTMENT)
