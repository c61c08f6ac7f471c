"""Territories: a rep's customers handed to others, previewed, then applied with history kept.

>>> import datetime as dt, workbench
>>> from workbench.sample import load_sample
>>> from workbench.territories import apply_moves, customers_of, plan_moves, workloads
>>> db = workbench.connect("sqlite://")
>>> _ = load_sample(db, "camp", seed=0)
>>> day = dt.date(2026, 12, 7)
>>> moves = plan_moves(db, from_rep=5, to_reps=[6, 7], on=day)
>>> len(moves) == len(customers_of(db, 5, on=day))
True
>>> list(workloads(db, moves, on=day).columns)  # doctest: +NORMALIZE_WHITESPACE
['rep_id', 'name', 'customers', 'customers_after', 'potential', 'potential_after',
 'planned_calls', 'planned_calls_after']
>>> apply_moves(db, moves, on=day) == len(moves)
True

An assignment has a period: a move ends the current one on the day before ``on`` and starts
the receiving rep's on ``on``, so the history of who called on whom stays as it was. The plan
is a frame (``doctor_id``, ``from_rep_id``, ``to_rep_id``) a manager may edit, or write to a
CSV file and read back, before it is applied; applying checks every row again, and writes
all of them, audited, or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from sqlalchemy import ColumnElement, func, or_, select

from workbench.db.engine import Database
from workbench.db.models import (
    Affiliation,
    Assignment,
    Call,
    City,
    Department,
    Doctor,
    Hospital,
    PlanItem,
    Potential,
    Region,
    Rep,
)
from workbench.entry.problems import Problem
from workbench.errors import InvalidEntry, MissingEntry, NotPermitted

__all__ = [
    "MOVE_COLUMNS",
    "apply_moves",
    "customers_of",
    "handover_files",
    "hire",
    "leave",
    "plan_moves",
    "workloads",
]

#: the columns of a plan of moves
MOVE_COLUMNS = ("doctor_id", "from_rep_id", "to_rep_id")


def _current(on: dt.date) -> ColumnElement[bool]:
    return (Assignment.start_on <= on) & or_(Assignment.end_on.is_(None), Assignment.end_on >= on)


def customers_of(db: Database, rep_id: int, *, on: dt.date) -> pd.DataFrame:
    """The rep's customers on ``on``: doctor, hospital (of the primary place), since when."""
    query = (
        select(
            Assignment.doctor_id,
            Doctor.name,
            Hospital.hospital_id,
            Hospital.name,
            Assignment.start_on,
        )
        .join(Doctor, Doctor.doctor_id == Assignment.doctor_id)
        .outerjoin(
            Affiliation, (Affiliation.doctor_id == Doctor.doctor_id) & Affiliation.is_primary
        )
        .outerjoin(Department, Department.department_id == Affiliation.department_id)
        .outerjoin(Hospital, Hospital.hospital_id == Department.hospital_id)
        .where(Assignment.rep_id == rep_id, _current(on))
        .order_by(Hospital.hospital_id, Assignment.doctor_id)
    )
    with db.session() as s:
        rows = s.execute(query).all()
    return pd.DataFrame(rows, columns=["doctor_id", "doctor", "hospital_id", "hospital", "since"])


def _rep(db: Database, rep_id: int) -> Rep:
    with db.session() as s:
        rep = s.get(Rep, rep_id)
        if rep is None:
            raise MissingEntry(key="error.territory.no_rep", id=rep_id)
        s.expunge(rep)
        return rep


def plan_moves(db: Database, *, from_rep: int, to_reps: Sequence[int], on: dt.date) -> pd.DataFrame:
    """Spread ``from_rep``'s customers on ``on`` over ``to_reps``, a hospital at a time.

    A hospital's doctors go to one rep, the hospitals with most doctors first, each to the
    receiving rep with the fewest customers so far (their own included), so that the
    workloads end even and each doctor keeps one rep per hospital.

    Returns
    -------
    pandas.DataFrame
        The plan: one row per doctor (:data:`MOVE_COLUMNS`), for :func:`workloads` and
        :func:`apply_moves`.
    """
    _rep(db, from_rep)
    if not to_reps:
        raise InvalidEntry([Problem("to_rep_id", "required")])
    load = {rep: len(customers_of(db, _rep(db, rep).rep_id, on=on)) for rep in to_reps}
    theirs = customers_of(db, from_rep, on=on)
    sizes = theirs.groupby("hospital_id", dropna=False).size().sort_values(ascending=False)
    moves = []
    for hospital_id, size in sizes.items():
        to = min(load, key=lambda rep: (load[rep], rep))
        load[to] += int(size)
        same = (
            theirs["hospital_id"].isna()
            if pd.isna(hospital_id)
            else (theirs["hospital_id"] == hospital_id)
        )
        moves += [(int(d), from_rep, to) for d in theirs.loc[same, "doctor_id"]]
    return pd.DataFrame(sorted(moves), columns=list(MOVE_COLUMNS))


def workloads(db: Database, moves: pd.DataFrame, *, on: dt.date) -> pd.DataFrame:
    """Each rep in the plan before and after it: customers, their potential, planned calls.

    ``potential`` sums the customers' latest quarter of potential; ``planned_calls`` counts
    the calls planned for them from ``on``.
    """
    reps = sorted(set(moves["from_rep_id"]) | set(moves["to_rep_id"]))
    with db.session() as s:
        latest = s.scalar(select(func.max(Potential.period_start)))
        potential = dict(
            s.execute(
                select(Potential.doctor_id, func.sum(Potential.potential))
                .where(Potential.period_start == latest)
                .group_by(Potential.doctor_id)
            ).all()
        )
        planned = dict(
            s.execute(
                select(PlanItem.doctor_id, func.count())
                .where(PlanItem.planned_on >= on)
                .group_by(PlanItem.doctor_id)
            ).all()
        )
        names = dict(s.execute(select(Rep.rep_id, Rep.name).where(Rep.rep_id.in_(reps))).all())
    rows = []
    for rep in reps:
        before = set(customers_of(db, rep, on=on)["doctor_id"])
        after = (before - set(moves.loc[moves.from_rep_id == rep, "doctor_id"])) | set(
            moves.loc[moves.to_rep_id == rep, "doctor_id"]
        )
        rows.append(
            {
                "rep_id": rep,
                "name": names.get(rep, ""),
                "customers": len(before),
                "customers_after": len(after),
                "potential": sum(int(potential.get(d, 0)) for d in before),
                "potential_after": sum(int(potential.get(d, 0)) for d in after),
                "planned_calls": sum(planned.get(d, 0) for d in before),
                "planned_calls_after": sum(planned.get(d, 0) for d in after),
            }
        )
    return pd.DataFrame(rows)


def _check(db: Database, moves: pd.DataFrame, on: dt.date) -> list[Problem]:
    """Every problem with the plan on ``on``: each row as a form checks one."""
    problems: list[Problem] = []
    with db.session() as s:
        for row in moves.itertuples(index=False):
            doctor, source, to = int(row.doctor_id), int(row.from_rep_id), int(row.to_rep_id)
            owner = s.scalar(
                select(Assignment.assignment_id).where(
                    Assignment.doctor_id == doctor, Assignment.rep_id == source, _current(on)
                )
            )
            if owner is None:
                problems.append(
                    Problem(
                        "doctor_id",
                        "not_theirs",
                        {"doctor": doctor, "rep": source, "day": on.isoformat()},
                    )
                )
            receiver = s.get(Rep, to)
            if receiver is None:
                problems.append(Problem("to_rep_id", "unknown", {"value": to}))
            elif receiver.hired_on > on or (receiver.left_on is not None and receiver.left_on < on):
                problems.append(
                    Problem(
                        "to_rep_id", "not_employed", {"rep": receiver.name, "day": on.isoformat()}
                    )
                )
            elif to == source:
                problems.append(Problem("to_rep_id", "joint_rep_is_rep"))
    return problems


def apply_moves(db: Database, moves: pd.DataFrame, *, on: dt.date, actor: str = "territory") -> int:
    """Hand each doctor of the plan to their new rep from ``on``; how many moved.

    Each row is checked again first (the doctor is still the old rep's on ``on``, the new rep
    is employed then); one problem and nothing is written (:class:`InvalidEntry` lists them
    all). Then, in one transaction, each current assignment ends the day before ``on`` and
    a new one starts on ``on``; the audit trail records both.
    """
    if db.scope.restricted:
        raise NotPermitted(key="error.territory.owner_only", viewer=db.scope.viewer)
    missing = [c for c in MOVE_COLUMNS if c not in moves.columns]
    if missing:
        raise InvalidEntry([Problem(c, "required") for c in missing])
    problems = _check(db, moves, on)
    if problems:
        raise InvalidEntry(problems)
    with db.session(actor=actor) as s:
        for row in moves.itertuples(index=False):
            current = s.scalars(
                select(Assignment).where(
                    Assignment.doctor_id == int(row.doctor_id),
                    Assignment.rep_id == int(row.from_rep_id),
                    _current(on),
                )
            ).one()
            current.end_on = on - dt.timedelta(days=1)
            s.add(
                Assignment(
                    rep_id=int(row.to_rep_id),
                    doctor_id=int(row.doctor_id),
                    start_on=on,
                    end_on=None,
                )
            )
        s.commit()
    return len(moves)


def leave(db: Database, rep_id: int, *, on: dt.date, actor: str = "territory") -> pd.DataFrame:
    """Record that a rep leaves on ``on``; the customers left without a rep, at once."""
    if db.scope.restricted:
        raise NotPermitted(key="error.territory.owner_only", viewer=db.scope.viewer)
    with db.session(actor=actor) as s:
        rep = s.get(Rep, rep_id)
        if rep is None:
            raise MissingEntry(key="error.territory.no_rep", id=rep_id)
        if on < rep.hired_on:
            raise InvalidEntry(
                [
                    Problem(
                        "left_on",
                        "ends_before_start",
                        {"value": on.isoformat(), "start": rep.hired_on.isoformat()},
                    )
                ]
            )
        rep.left_on = on
        s.commit()
    return customers_of(db, rep_id, on=on)


def handover_files(db: Database, moves: pd.DataFrame, folder: str | Path) -> list[Path]:
    """For each receiving rep, the customers they take over: ``handover-to-rep-<id>.csv``.

    Each doctor with their hospital, department, title, mobile, the last call on them and its
    next step, whoever made it.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with db.session() as s:
        for to, part in moves.groupby("to_rep_id"):
            rows = []
            for doctor_id in part["doctor_id"]:
                doctor = s.get(Doctor, int(doctor_id))
                if doctor is None:
                    continue
                place = s.execute(
                    select(Hospital.name, Department.name)
                    .join(Department, Department.hospital_id == Hospital.hospital_id)
                    .join(Affiliation, Affiliation.department_id == Department.department_id)
                    .where(Affiliation.doctor_id == doctor.doctor_id, Affiliation.is_primary)
                ).first()
                last = s.execute(
                    select(Call.call_date, Call.next_step)
                    .where(Call.doctor_id == doctor.doctor_id)
                    .order_by(Call.call_date.desc(), Call.call_id.desc())
                    .limit(1)
                ).first()
                rows.append(
                    {
                        "doctor_id": doctor.doctor_id,
                        "doctor": doctor.name,
                        "hospital": place[0] if place else "",
                        "department": place[1] if place else "",
                        "title": doctor.title,
                        "mobile": doctor.mobile or "",
                        "last_call": last[0].isoformat() if last else "",
                        "next_step": (last[1] or "") if last else "",
                        "from_rep_id": int(
                            part.loc[part.doctor_id == doctor_id, "from_rep_id"].iloc[0]
                        ),
                    }
                )
            path = out / f"handover-to-rep-{int(to)}.csv"
            pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
    return written


def hire(
    db: Database,
    *,
    name: str,
    name_pinyin: str,
    region_id: int,
    city_id: int,
    hired_on: dt.date,
    manager_id: int | None = None,
    employee_id: str | None = None,
    role: str = "rep",
    actor: str = "territory",
) -> int:
    """A new rep (or manager) in a region from ``hired_on``; their id.

    The fields are checked as the import checks a row of ``reps.csv``; every problem is
    raised at once (:class:`InvalidEntry`) and nothing is written.
    """
    from workbench.imports.checks import check_column
    from workbench.imports.specs import SOURCES

    if db.scope.restricted:
        raise NotPermitted(key="error.territory.owner_only", viewer=db.scope.viewer)
    source = next(s for s in SOURCES if s.table == "rep")
    given = {
        "name": name,
        "name_pinyin": name_pinyin,
        "role": role,
        "region_id": region_id,
        "city_id": city_id,
        "manager_id": manager_id,
        "hired_on": hired_on,
        "employee_id": employee_id,
    }
    problems: list[Problem] = []
    for field, value in given.items():
        text = (
            ""
            if value is None
            else (value.isoformat() if isinstance(value, dt.date) else str(value))
        )
        problems += check_column(source.rule(field), pd.Series([text])).problems.values()
    with db.session(actor=actor) as s:
        for field, model, value in (
            ("region_id", Region, region_id),
            ("city_id", City, city_id),
            ("manager_id", Rep, manager_id),
        ):
            if value is not None and s.get(model, value) is None:
                problems.append(Problem(field, "unknown", {"value": value}))
        if problems:
            raise InvalidEntry(problems)
        rep = Rep(
            name=name,
            name_pinyin=name_pinyin,
            role=role,
            region_id=region_id,
            city_id=city_id,
            manager_id=manager_id,
            hired_on=hired_on,
            employee_id=employee_id,
        )
        s.add(rep)
        s.commit()
        return int(rep.rep_id)
