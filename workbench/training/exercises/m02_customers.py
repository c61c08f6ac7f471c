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


NOTHING = T(
    "还没有录入医生：在表单里选好医院和科室，填写名片，保存。",
    "No doctor entered yet: pick the hospital and department in the form, fill in the card, save.",
)
OTHER_NAME = T(
    "你录入的医生叫「{got}」，名片上是「{want}」：在表单的“我录入的记录”里选中「{got}」，"
    "改正姓名，再保存。",
    'You entered a doctor called "{got}"; the card says "{want}": pick "{got}" under "My '
    'earlier entries" in the form, fix the name, and save.',
)
LOOKALIKE_NAME = T(
    "你录入的是「{got}」——那是系统里已有的另一位医生（编号 {id}，副主任医师）。名片上是"
    "「{want}」：在表单的“我录入的记录”里选中你录入的那条，改正姓名，再保存。",
    'You entered "{got}": that is another doctor already in the system (id {id}, associate '
    'chief). The card says "{want}": pick the one you entered under "My earlier entries" in '
    "the form, fix the name, and save.",
)
NAME_OK = T("医生「{want}」已录入。", 'Doctor "{want}" is entered.')
WRONG_DEPARTMENT = T(
    "「{name}」录在了「{got}」，名片上是「{hospital}{want}」：在表单的“我录入的记录”里选中"
    "「{name}」（已打开的就不用再选），在科室里选{want}，再保存。",
    '"{name}" is in {got}; the card says {want} of {hospital}: pick "{name}" under "My '
    'earlier entries" in the form (unless it is already open), pick {want} under Department, '
    "and save.",
)
WRONG_HOSPITAL = T(
    "「{name}」录在了「{got_hospital}」，名片上是「{hospital}」：更正时先选医院，再选{want}。",
    '"{name}" is at {got_hospital}; the card says {hospital}: when correcting, pick the '
    "hospital first, then {want}.",
)
DEPARTMENT_OK = T("科室正确：{hospital}{want}。", "Right department: {want} of {hospital}.")
WRONG_TITLE = T(
    "职称选了「{got}」，名片上是「{want_zh}」（{want}）。",
    'Title "{got}" was chosen; the card says {want_zh} ({want}).',
)
TITLE_OK = T("职称正确。", "Right title.")
WRONG_MOBILE = T(
    "手机号录成了「{got}」，名片上是 {want}。", 'Mobile "{got}" was entered; the card says {want}.'
)
MOBILE_OK = T("手机号正确。", "Right mobile number.")
TWICE = T(
    "「{want}」录入了 {n} 次：系统里同一个人只能有一条记录。按“重做”撤销后只录一次。",
    '"{want}" was entered {n} times: one person, one record. Use "Start again" and enter her once.',
)
COLLEAGUE_CHANGED = T(
    "已有的医生「{lookalike}」（编号 {id}）被改动了：她是另一个人，不要改她的记录。",
    'The doctor already there, "{lookalike}" (id {id}), was changed: she is someone else; '
    "leave her record alone.",
)
ONCE_OK = T(
    "只录入了一次，原有的「{lookalike}」也没有被改动。",
    'Entered once, and "{lookalike}" who was there before is untouched.',
)


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
    title=T("新增医生：和已有的医生很像", "A new doctor who looks like one already there"),
    scenario=T(
        "{hospital}{department}的{name}（{name_pinyin}）医生给了你名片：女，{title_zh}，"
        "手机 {mobile}。系统里已经有一位{lookalike}医生在同一个科室{also_zh}。录入{name}；"
        "出现重复提醒时，逐一对比提醒里的医生和名片，确认都是不同的人再保存。",
        "Dr {name} ({name_pinyin}) of {department}, {hospital} gave you her card: female, "
        "{title_en}, mobile {mobile}. A Dr {lookalike} already works in the same department"
        "{also_en}. Enter Dr {name}; when the duplicate warning appears, compare each doctor it "
        "lists with the card, and save only once you are sure she is none of them.",
    ),
    points=20,
    form="doctor",
    facts=facts_new,
    setup=_plant_in_cardiology(LOOKALIKE),
    solve=solve_new,
    checks=(
        Check("name", T("姓名", "name"), check_name),
        Check("department", T("医院和科室", "hospital and department"), check_department),
        Check("title", T("职称", "title"), check_title),
        Check("mobile", T("手机号", "mobile"), check_mobile, hidden=True),
        Check("once", T("不重复录入", "no duplicate"), check_once, hidden=True),
    ),
    hints=(
        Hint(
            T(
                "依次选：大区 → 城市 → {hospital} → {department}。",
                "Pick in turn: region → city → {hospital} → {department}.",
            ),
            after=1,
        ),
        Hint(
            T(
                "重复提醒里的{lookalike}和情景里提到的其他医生，手机号、职称或科室都和名片不同，"
                "所以是另外的人：点“确认无误，仍然保存”。",
                "{lookalike} and the other doctors the scenario names differ from the card in "
                'mobile, title or department, so they are other people: press "Checked, save '
                'anyway".',
            ),
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


STILL_THERE = T(
    "「{name}」还在「{wrong}」：在下面的表单里把科室改成{want}，再保存。",
    '"{name}" is still in {wrong}: change Department to {want} in the form below, and save.',
)
ENTERED_AGAIN = T(
    "你新建了一条「{name}」：现在系统里有两个{name}。要更正原来的记录（编号 {id}），"
    "不要新建；按“重做”撤销。",
    'You created a second "{name}": now there are two. Correct the existing record (id '
    '{id}) instead of adding one; use "Start again" to undo.',
)
DETAILS_CHANGED = T(
    "{name}的{what}被改了（{got}）：只有科室是错的，其他信息保持原样。",
    "{name}'s {what} was changed ({got}): only the department was wrong; keep the rest.",
)
DETAILS_OK = T(
    "只改了科室，没有新建重复记录。", "Only the department changed, and no duplicate was made."
)
FIRST_FIX = T("先把{name}的科室更正为{want}。", "First correct {name}'s department to {want}.")


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
    "name": T("姓名", "name"),
    "name_pinyin": T("拼音", "pinyin"),
    "gender": T("性别", "gender"),
    "title": T("职称", "title"),
    "mobile": T("手机号", "mobile"),
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
    title=T("这是谁的科室？更正录错的科室", "Whose department is it? Correct a wrong one"),
    scenario=T(
        "同事把{hospital}的{name}医生（编号 {doctor_id}）录在了{wrong}，其实他在{department}"
        "工作。科室属于医院，医生在科室里工作：更正他的记录（不要新建），表单已打开这条记录。",
        "A colleague put Dr {name} (id {doctor_id}) of {hospital} in {wrong}; he works in "
        "{department}. A department belongs to its hospital and a doctor works in one: "
        "correct his record (do not add a new one); the form is open on it.",
    ),
    points=15,
    form="doctor",
    edits="doctor_id",
    facts=facts_move,
    setup=_plant_in_cardiology(MISPLACED),
    solve=solve_move,
    checks=(
        Check("department", T("科室", "department"), check_moved),
        Check("not_again", T("不新建重复记录", "no new record"), check_not_again, hidden=True),
        Check("details", T("其他信息保持不变", "the rest unchanged"), check_details, hidden=True),
    ),
    hints=(
        Hint(
            T(
                "医院不用改，只改“科室”一栏，然后保存。",
                "Leave the hospital as it is, change only Department, then save.",
            ),
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
