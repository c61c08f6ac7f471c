"""Module 01, the workbench tour: a first record through a form."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from workbench.db.models import City, Hospital, Region
from workbench.training.context import Context
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T, failed, passed

CARD = {
    "name": "杭州市滨江区人民医院",
    "name_en": "Binjiang District People's Hospital",
    "grade": "2A",
    "beds": 450,
    "phone": "0571-86710000",
    "city": "杭州",
}


def facts(ctx: Context) -> dict[str, Any]:
    """The card's hospital, with the ids of its city and region in this world."""
    with ctx.session() as session:
        city, region = session.execute(
            select(City, Region)
            .join(Region, Region.region_id == City.region_id)
            .where(City.name == CARD["city"])
        ).one()
        return {
            **CARD,
            "city_id": city.city_id,
            "region": region.name,
            "region_id": region.region_id,
        }


def _data(ctx: Context, **change: Any) -> dict[str, Any]:
    f = ctx.facts
    keys = ("name", "name_en", "grade", "beds", "phone")
    return {"city_id": f["city_id"], **{k: f[k] for k in keys}, **change}


def solve(ctx: Context) -> None:
    """Enter the card's hospital."""
    ctx.save("hospital", _data(ctx), accept_warnings=True)


def _mine(ctx: Context) -> tuple[Hospital | None, Result | None]:
    """The trainee's hospital, or the verdict when there is none to judge."""
    with ctx.session() as session:
        entered = ctx.entered(session, Hospital)
        for hospital in entered:
            session.expunge(hospital)
    if not entered:
        return None, failed(NOTHING)
    named = [h for h in entered if h.name == ctx.facts["name"]]
    if not named:
        return None, failed(WRONG_NAME, got=entered[-1].name, want=ctx.facts["name"])
    return named[-1], None


NOTHING = T("exercise.01.nothing")
WRONG_NAME = T("exercise.01.wrong_name")
NAME_OK = T("exercise.01.name_ok")
WRONG_CITY = T("exercise.01.wrong_city")
CITY_OK = T("exercise.01.city_ok")
WRONG_GRADE = T("exercise.01.wrong_grade")
GRADE_OK = T("exercise.01.grade_ok")
WRONG_BEDS = T("exercise.01.wrong_beds")
BEDS_OK = T("exercise.01.beds_ok")
WRONG_PHONE = T("exercise.01.wrong_phone")
PHONE_OK = T("exercise.01.phone_ok")


def check_name(ctx: Context) -> Result:
    """Check that a hospital with the card's name was entered."""
    _hospital, verdict = _mine(ctx)
    return verdict or passed(NAME_OK, want=ctx.facts["name"])


def _field(ctx: Context, attr: str, want: Any, wrong: T, right: T) -> Result:
    hospital, verdict = _mine(ctx)
    if hospital is None:
        return verdict or failed(NOTHING)
    got = getattr(hospital, attr)
    if got != want:
        return failed(wrong, got=got if got is not None else "—", want=want, name=hospital.name)
    return passed(right, want=want)


def check_city(ctx: Context) -> Result:
    """Check that the hospital is in the card's city."""
    hospital, verdict = _mine(ctx)
    if hospital is None:
        return verdict or failed(NOTHING)
    if hospital.city_id == ctx.facts["city_id"]:
        return passed(CITY_OK, want=ctx.facts["city"])
    with ctx.session() as session:
        got = session.get(City, hospital.city_id)
        got_name = got.name if got is not None else "—"
    return failed(
        WRONG_CITY,
        got=got_name,
        want=ctx.facts["city"],
        name=hospital.name,
        region=ctx.facts["region"],
    )


def check_grade(ctx: Context) -> Result:
    """Check the hospital's grade against the card's (2A)."""
    return _field(ctx, "grade", ctx.facts["grade"], WRONG_GRADE, GRADE_OK)


def check_beds(ctx: Context) -> Result:
    """Check the hospital's beds against the card's."""
    return _field(ctx, "beds", ctx.facts["beds"], WRONG_BEDS, BEDS_OK)


def check_phone(ctx: Context) -> Result:
    """Check the hospital's phone against the card's, area code included."""
    return _field(ctx, "phone", ctx.facts["phone"], WRONG_PHONE, PHONE_OK)


def _enter(**change: Any) -> Any:
    def make(ctx: Context) -> None:
        ctx.save("hospital", _data(ctx, **change), accept_warnings=True)

    return make


def _shanghai(ctx: Context) -> None:
    with ctx.session() as session:
        other = session.scalar(select(City.city_id).where(City.name == "上海"))
    ctx.save("hospital", _data(ctx, city_id=other), accept_warnings=True)


FIRST_RECORD = Exercise(
    id="01.1",
    title=T("exercise.01.1.title"),
    scenario=T("exercise.01.1.scenario"),
    points=10,
    form="hospital",
    facts=facts,
    solve=solve,
    checks=(
        Check("name", T("exercise.01.1.check.name"), check_name),
        Check("city", T("exercise.01.1.check.city"), check_city),
        Check("grade", T("exercise.01.1.check.grade"), check_grade),
        Check("beds", T("exercise.01.1.check.beds"), check_beds, hidden=True),
        Check("phone", T("exercise.01.1.check.phone"), check_phone, hidden=True),
    ),
    hints=(
        Hint(
            T("exercise.01.1.hint.1"),
            after=1,
        ),
        Hint(T("exercise.01.1.hint.2"), after=2),
    ),
    mistakes=(
        Mistake("a typo in the name", _enter(name="杭州市滨江人民医院"), "name", WRONG_NAME),
        Mistake("the wrong city", _shanghai, "city", WRONG_CITY),
        Mistake("三级甲等 instead of 二级甲等", _enter(grade="3A"), "grade", WRONG_GRADE),
        Mistake("beds mistyped", _enter(beds=45), "beds", WRONG_BEDS),
        Mistake(
            "the phone without its area code", _enter(phone="13957100000"), "phone", WRONG_PHONE
        ),
    ),
)

EXERCISES = (FIRST_RECORD,)
