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


STILL_EMPTY = T(
    "{doctor}的手机号还是空的：名片上是 {want}。",
    "{doctor}'s mobile is still empty: the card says {want}.",
)
SWAPPED = T(
    "{doctor}的手机号填成了 {got}，那是{other}的号码：两张名片别弄混。",
    "{doctor}'s mobile is {got}, which is {other}'s number: keep the two cards apart.",
)
WRONG_MOBILE = T(
    "{doctor}的手机号填成了 {got}，名片上是 {want}：逐位核对。",
    "{doctor}'s mobile reads {got}; the card says {want}: check it digit by digit.",
)
MOBILE_OK = T("{doctor}的手机号已补全。", "{doctor}'s mobile is complete.")
ENTERED_NEW = T(
    "你新建了医生记录「{got}」：补全信息要更正原有记录（编号 {id}），新建只会多一条重复记录。"
    "按“重做”撤销。",
    'You created a new doctor record "{got}": completing a record means correcting the '
    'existing one (id {id}); a new one is just a duplicate. Use "Start again".',
)
NO_NEW_OK = T("没有新建重复记录。", "No duplicate record was created.")
OTHER_CHANGED = T(
    "{doctor}的{what}也被改了（{got}）：只补手机号，其他保持原样。",
    "{doctor}'s {what} was changed too ({got}): fill in the mobile only, keep the rest.",
)
REST_OK = T("其他信息没有被改动。", "Nothing else was changed.")
FILL_FIRST = T(
    "先补全 {first} 和 {second} 的手机号。", "First fill in the mobiles of {first} and {second}."
)
LABELS = {
    "name": T("姓名", "name"),
    "name_pinyin": T("拼音", "pinyin"),
    "gender": T("性别", "gender"),
    "title": T("职称", "title"),
    "specialty": T("专业", "specialty"),
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
    title=T("补全缺失的手机号", "Complete the missing mobiles"),
    scenario=T(
        "数据质量报告显示你的两位医生{first}（编号 {first_id}）和{second}（编号 {second_id}）"
        "没有手机号。名片上分别是 {first_mobile} 和 {second_mobile}。更正这两条记录（不要新建），"
        "只补手机号。表单已打开{first}；补完后在下一格打开{second}。",
        "The data-quality report shows two of your doctors, {first} (id {first_id}) and "
        "{second} (id {second_id}), without a mobile. Their cards say {first_mobile} and "
        "{second_mobile}. Correct the two records (do not add new ones), the mobile only. "
        "The form is open on {first}; the next cell opens {second}.",
    ),
    points=10,
    form="doctor",
    edits="first_id",
    facts=facts,
    setup=setup,
    solve=solve,
    checks=(
        Check("first", T("第一位医生的手机号", "first doctor's mobile"), check_first),
        Check("second", T("第二位医生的手机号", "second doctor's mobile"), check_second),
        Check("no_new", T("不新建重复记录", "no duplicate"), check_no_new, hidden=True),
        Check("rest", T("其他信息不变", "the rest unchanged"), check_rest, hidden=True),
    ),
    hints=(
        Hint(
            T(
                "只改“手机”一栏，然后保存；再运行下一格打开{second}。",
                "Change only the Mobile box and save; then run the next cell to open {second}.",
            ),
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
