"""Lookups the exercises share: the trainee's hospital, doctors and days, in this world."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.db.models import (
    Affiliation,
    Assignment,
    City,
    Department,
    Doctor,
    Hospital,
    Rep,
)
from workbench.errors import MissingEntry
from workbench.training.context import Context

TITLE_NAMES = {
    "chief": ("主任医师", "chief physician"),
    "associate_chief": ("副主任医师", "associate chief physician"),
    "attending": ("主治医师", "attending physician"),
    "resident": ("住院医师", "resident"),
}


def today() -> dt.date:
    return dt.date.today()


def last_weekday(day: dt.date) -> dt.date:
    """The last Monday-to-Friday before ``day``."""
    day -= dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def next_monday(day: dt.date, weeks: int = 1) -> dt.date:
    return day + dt.timedelta(days=7 * (weeks - 1) + 7 - day.weekday())


def my_doctor_ids(session: Session, rep_id: int) -> list[int]:
    """The rep's current doctors, in id order."""
    return list(
        session.scalars(
            select(Assignment.doctor_id)
            .where(Assignment.rep_id == rep_id, Assignment.end_on.is_(None))
            .order_by(Assignment.doctor_id)
        )
    )


def home_hospital(session: Session, rep_id: int) -> Hospital:
    """The hospital holding most of the rep's current doctors."""
    hospital_id = session.scalar(
        select(Department.hospital_id)
        .join(Affiliation, Affiliation.department_id == Department.department_id)
        .join(Assignment, Assignment.doctor_id == Affiliation.doctor_id)
        .where(Assignment.rep_id == rep_id, Assignment.end_on.is_(None), Affiliation.is_primary)
        .group_by(Department.hospital_id)
        .order_by(func.count().desc(), Department.hospital_id)
        .limit(1)
    )
    hospital = session.get(Hospital, hospital_id)
    assert hospital is not None
    return hospital


def department(session: Session, hospital_id: int, name: str) -> Department:
    found = session.scalar(
        select(Department).where(Department.hospital_id == hospital_id, Department.name == name)
    )
    if found is None:
        raise MissingEntry(key="error.sandbox.no_department", hospital_id=hospital_id, name=name)
    return found


def place(session: Session, doctor_id: int) -> dict[str, Any]:
    """Where a doctor works now (primary affiliation): ids and names."""
    row = session.execute(
        select(
            Department.department_id,
            Department.name,
            Hospital.hospital_id,
            Hospital.name,
            City.city_id,
            City.region_id,
        )
        .join(Affiliation, Affiliation.department_id == Department.department_id)
        .join(Hospital, Hospital.hospital_id == Department.hospital_id)
        .join(City, City.city_id == Hospital.city_id)
        .where(Affiliation.doctor_id == doctor_id, Affiliation.is_primary)
    ).first()
    if row is None:
        return {"department_id": None, "department": "—", "hospital_id": None, "hospital": "—"}
    return {
        "department_id": row[0],
        "department": row[1],
        "hospital_id": row[2],
        "hospital": row[3],
        "city_id": row[4],
        "region_id": row[5],
    }


def doctor_named(session: Session, doctor_id: int) -> str:
    doctor = session.get(Doctor, doctor_id)
    return doctor.name if doctor is not None else "—"


def rep_name(session: Session, rep_id: int) -> str:
    rep = session.get(Rep, rep_id)
    return rep.name if rep is not None else "—"


def planted(ctx: Context, session: Session, model: type[Any]) -> list[Any]:
    """Rows the exercise's set-up inserted (the scenario's starting point)."""
    return ctx.entered(session, model, by=ctx.setup_actor)


def by_potential(session: Session, doctor_ids: list[int]) -> list[tuple[int, int]]:
    """(doctor, potential) for the doctors, highest first.

    A doctor's potential is summed over products in the latest quarter that doctor has.
    """
    from workbench.db.models import Potential

    latest = (
        select(Potential.doctor_id, func.max(Potential.period_start).label("period"))
        .where(Potential.doctor_id.in_(doctor_ids))
        .group_by(Potential.doctor_id)
        .subquery()
    )
    rows = session.execute(
        select(Potential.doctor_id, func.sum(Potential.potential))
        .join(
            latest,
            (latest.c.doctor_id == Potential.doctor_id)
            & (latest.c.period == Potential.period_start),
        )
        .group_by(Potential.doctor_id)
    ).all()
    found = {int(d): int(p) for d, p in rows}
    return sorted(((d, found.get(d, 0)) for d in doctor_ids), key=lambda x: (-x[1], x[0]))


def territory(session: Session, rep_id: int, day: dt.date, days: int = 90) -> list[dict[str, Any]]:
    """The rep's current doctors, highest potential first.

    For each: where they work, potential, and the rep's calls on them in the ``days``
    before ``day``.
    """
    from workbench.db.models import Call

    doctors = my_doctor_ids(session, rep_id)
    since = day - dt.timedelta(days=days)
    calls = dict(
        session.execute(
            select(Call.doctor_id, func.count())
            .where(
                Call.rep_id == rep_id,
                Call.doctor_id.in_(doctors),
                Call.call_date > since,
                Call.call_date <= day,
            )
            .group_by(Call.doctor_id)
        ).all()
    )
    rows = []
    for rank, (doctor_id, potential) in enumerate(by_potential(session, doctors), start=1):
        where = place(session, doctor_id)
        rows.append(
            {
                "doctor_id": doctor_id,
                "doctor": doctor_named(session, doctor_id),
                "hospital": where["hospital"],
                "department": where["department"],
                "potential": potential,
                "potential_rank": rank,
                "calls": int(calls.get(doctor_id, 0)),
            }
        )
    return rows


def warned_doctors(ctx: Context, data: dict[str, Any], *, besides: int) -> list[dict[str, Any]]:
    """The doctors the duplicate warning names when ``data`` is saved, but ``besides``.

    Found by the rule the warning itself uses, so a scenario can name each of them; the
    trainee's own entries are left out (they are not in the world the scenario describes).
    Each: id, name, whether the name is the same, department and hospital in zh and en.
    """
    from workbench.entry.duplicates import doctor_candidates

    with ctx.session() as session:
        mine = {d.doctor_id for d in ctx.entered(session, Doctor)}
        found = []
        for candidate in doctor_candidates(session, data):
            if candidate.id == besides or candidate.id in mine:
                continue
            row = session.execute(
                select(Department.name, Department.name_en, Hospital.hospital_id, Hospital.name)
                .join(Affiliation, Affiliation.department_id == Department.department_id)
                .join(Hospital, Hospital.hospital_id == Department.hospital_id)
                .where(Affiliation.doctor_id == candidate.id, Affiliation.is_primary)
            ).one()
            found.append(
                {
                    "id": candidate.id,
                    "name": candidate.name,
                    "same_name": "name_same" in candidate.reasons,
                    "department": row[0],
                    "department_en": row[1],
                    "hospital_id": row[2],
                    "hospital": row[3],
                }
            )
    return found
