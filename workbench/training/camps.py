"""Camps: created from a roster in one go, listed, followed per trainee, closed.

A camp is made whole or not at all: the roster is validated before anything is written
(:func:`~workbench.training.read_roster`), then the camp, its trainees and one sandbox per
trainee (the camp world, identical for all) are created; if any of that fails, what was made
is removed again. The gradebook keeps the camp; the sandboxes live on the laptop (one
SQLite file each) or on the camp's PostgreSQL server (one database each).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pandas as pd
from sqlalchemy import func, select

from workbench.config import Settings
from workbench.db.engine import Database
from workbench.db.gradebook import Attempt, Camp, Trainee
from workbench.errors import ConfigError, MissingEntry
from workbench.training.exercises import EXERCISES, MODULES
from workbench.training.gradebook import Enrolment, Gradebook
from workbench.training.roster import Roster
from workbench.training.sandbox import drop_sandbox, open_sandbox

__all__ = ["CampStatus", "camp_status", "create_camp", "list_camps"]

#: A camp's code: what the trainer types after ``workbench camp``.
CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

Progress = Callable[[int, int, str], None]


def _check_code(code: str) -> str:
    code = code.strip()
    if not code or len(code) > 40 or set(code) - CODE_CHARS:
        raise ConfigError(key="error.camp.name", code=code)
    return code


def create_camp(
    db: Database,
    settings: Settings,
    code: str,
    roster: Roster,
    *,
    region: str | None = None,
    starts_on: dt.date | None = None,
    trainer: str | None = None,
    progress: Progress | None = None,
) -> list[Enrolment]:
    """Create a camp, enrol its roster and prepare every trainee's sandbox.

    Parameters
    ----------
    db
        The main store (its gradebook keeps the camp).
    settings
        Where the sandboxes are made (the data folder, or the PostgreSQL server).
    code
        The camp's name, e.g. ``beijing-2026-12``.
    roster
        A validated roster (:func:`~workbench.training.read_roster`).
    region, starts_on, trainer
        What the camp's report and board say about it.
    progress
        Called as ``progress(done, total, name)`` after each trainee's sandbox.

    Returns
    -------
    list of Enrolment
        The camp's trainees, in roster order.

    Raises
    ------
    ConfigError
        The camp's name is malformed or taken, or a sandbox's name does not fit the server.
    """
    code = _check_code(code)
    book = Gradebook(db)
    with db.begin() as conn:
        if conn.scalar(select(Camp.camp_id).where(Camp.code == code)) is not None:
            raise ConfigError(key="error.camp.exists", code=code)
    book.open_camp(code, region=region, starts_on=starts_on, trainer=trainer)
    made: list[Enrolment] = []
    try:
        for n, person in enumerate(roster.trainees, 1):
            made.append(
                book.enrol(
                    code,
                    person.employee_id,
                    person.name,
                    sandbox=person.sandbox,
                    phone=person.phone or None,
                    email=person.email or None,
                )
            )
            open_sandbox(settings, person.sandbox).close()
            if progress is not None:
                progress(n, len(roster.trainees), person.name)
    except BaseException:
        _undo_camp(db, settings, code, made)
        raise
    return made


def _undo_camp(db: Database, settings: Settings, code: str, made: list[Enrolment]) -> None:
    for enrolment in made:
        drop_sandbox(settings, enrolment.sandbox)
    with db.begin() as conn:
        camp_id = conn.scalar(select(Camp.camp_id).where(Camp.code == code))
        conn.execute(Trainee.__table__.delete().where(Trainee.camp_id == camp_id))  # type: ignore[attr-defined]
        conn.execute(Camp.__table__.delete().where(Camp.camp_id == camp_id))  # type: ignore[attr-defined]


def list_camps(db: Database) -> pd.DataFrame:
    """Every camp: code, region, start day, trainer, status and how many trainees it has."""
    query = (
        select(
            Camp.code,
            Camp.region,
            Camp.starts_on,
            Camp.trainer,
            Camp.status,
            func.count(Trainee.trainee_id).label("trainees"),
        )
        .outerjoin(Trainee, Trainee.camp_id == Camp.camp_id)
        .group_by(Camp.camp_id)
        .order_by(Camp.created_at, Camp.code)
    )
    with db.begin() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(
        rows, columns=["code", "region", "starts_on", "trainer", "status", "trainees"]
    )


@dataclasses.dataclass(frozen=True, eq=False)
class CampStatus:
    """Where each trainee of a camp stands.

    ``table`` has one row per trainee: ``employee_id``, ``name``, ``modules_done`` (of
    ``modules``), ``exercises_done``, ``score`` (best submissions summed) of ``points``,
    ``attempts`` and ``last_activity``.
    """

    camp: str
    status: str
    table: pd.DataFrame
    modules: int
    points: int


def camp_status(db: Database, code: str) -> CampStatus:
    """Each trainee's modules done, score and last activity in camp ``code``.

    Raises
    ------
    MissingEntry
        There is no such camp.
    """
    with db.begin() as conn:
        camp = conn.execute(select(Camp.camp_id, Camp.status).where(Camp.code == code)).first()
        if camp is None:
            raise MissingEntry(key="error.camp.missing", code=code)
        trainees = conn.execute(
            select(Trainee.trainee_id, Trainee.employee_id, Trainee.name)
            .where(Trainee.camp_id == camp.camp_id)
            .order_by(Trainee.employee_id)
        ).all()
        attempts = conn.execute(
            select(
                Attempt.trainee_id, Attempt.exercise_id, Attempt.kind, Attempt.score, Attempt.at
            ).where(Attempt.trainee_id.in_([t.trainee_id for t in trainees]))
        ).all()
    frame = pd.DataFrame(attempts, columns=["trainee_id", "exercise_id", "kind", "score", "at"])
    points = {e.id: e.points for e in EXERCISES.values()}
    rows = []
    for t in trainees:
        mine = frame[frame["trainee_id"] == t.trainee_id]
        best = mine[mine["kind"] == "submit"].groupby("exercise_id")["score"].max()
        done = {e for e, s in best.items() if s >= points[str(e)]}
        modules_done = sum(
            all(e in done for e in EXERCISES if e.startswith(m + ".")) for m in MODULES
        )
        rows.append(
            {
                "employee_id": t.employee_id,
                "name": t.name,
                "modules_done": modules_done,
                "exercises_done": len(done),
                "score": float(best.sum()) if len(best) else 0.0,
                "attempts": len(mine),
                "last_activity": mine["at"].max() if len(mine) else pd.NaT,
            }
        )
    table = pd.DataFrame(
        rows,
        columns=[
            "employee_id", "name", "modules_done", "exercises_done", "score", "attempts",
            "last_activity",
        ],
    )  # fmt: skip
    return CampStatus(code, camp.status, table, len(MODULES), sum(points.values()))
