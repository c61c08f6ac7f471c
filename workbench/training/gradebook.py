"""The gradebook: camps, trainees, attempts, hints and resets, kept in the main store.

Opened through the same :func:`~workbench.connect` as everything else; its tables are
:mod:`workbench.db.gradebook`'s. Every write is one transaction, so twenty trainees saving at
once on a camp server lose and double nothing; every row has a natural key (camp code,
employee id, attempt UUID), so a laptop's results merge into the trainer's gradebook.

A trainee who practises outside a camp (``workbench train NAME``) is enrolled in the camp
:data:`SELF_STUDY`, under an employee id made from their name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid as uuidlib

import pandas as pd
from sqlalchemy import Connection, func, insert, select, update

from workbench.db.engine import Database
from workbench.db.gradebook import (
    Attempt,
    Camp,
    ExerciseReset,
    HintShown,
    Trainee,
)
from workbench.errors import MissingEntry
from workbench.training.grading import Feedback, message_code

__all__ = ["SELF_STUDY", "Enrolment", "Gradebook", "camp_id", "self_study_id"]

#: The camp of trainees who practise on their own.
SELF_STUDY = "self-study"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def camp_id(conn: Connection, code: str) -> int:
    """The id of camp ``code`` within an open transaction.

    Raises
    ------
    MissingEntry
        There is no such camp; the message says how to list them.
    """
    found = conn.scalar(select(Camp.camp_id).where(Camp.code == code))
    if found is None:
        raise MissingEntry(key="error.camp.missing", code=code)
    return int(found)


def self_study_id(name: str) -> str:
    """The employee id of a trainee practising on their own: stable for their name."""
    return "self-" + hashlib.sha1(name.strip().encode("utf-8")).hexdigest()[:8]


@dataclasses.dataclass(frozen=True)
class Enrolment:
    """A trainee as the gradebook knows them."""

    trainee_id: int
    camp: str
    employee_id: str
    name: str
    sandbox: str
    phone: str | None = None
    email: str | None = None


class Gradebook:
    """Reads and writes the gradebook in ``db`` (the main store).

    Within the viewer's part of it (:mod:`workbench.access`): a trainee reads and writes
    their own results only, a trainer the camps they run; any other row is refused with
    :class:`~workbench.errors.NotPermitted`, as if it were not there.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.scope = db.scope

    def _own(self, conn: Connection, trainee_id: int, *, writes: str | None = None) -> None:
        """Refuse a trainee the viewer does not see, or a table they do not write."""
        if writes is not None:
            self.scope.require_write(writes)
        self.scope.require_row(conn, "trainee", trainee_id=trainee_id)

    # --- camps and trainees ----------------------------------------------------------------

    def open_camp(
        self,
        code: str,
        *,
        region: str | None = None,
        starts_on: dt.date | None = None,
        trainer: str | None = None,
    ) -> int:
        """The camp's id, creating the camp on first use.

        A trainer opens camps they run (``trainer`` is their name when not given).
        """
        if self.scope.viewer.role == "trainer":
            trainer = trainer or self.scope.viewer.who
        with self.db.begin() as conn:
            found = conn.scalar(select(Camp.camp_id).where(Camp.code == code))
            if found is not None:
                self.scope.require_row(conn, "camp", camp_id=found)
                return int(found)
            self.scope.require_write("camp")
            made = int(
                conn.execute(
                    insert(Camp)
                    .values(
                        code=code,
                        region=region,
                        starts_on=starts_on,
                        trainer=trainer,
                        status="open",
                        created_at=_now(),
                    )
                    .returning(Camp.camp_id)
                ).scalar_one()
            )
            self.scope.require_row(conn, "camp", camp_id=made)  # a trainer's own camp only
            return made

    def enrol(
        self,
        camp: str,
        employee_id: str,
        name: str,
        *,
        sandbox: str,
        phone: str | None = None,
        email: str | None = None,
    ) -> Enrolment:
        """Enrol a trainee in a camp (the camp is made if need be); an enrolled one is kept."""
        found = self.find(camp, employee_id)
        if found is not None:
            return found
        camp_id = self.open_camp(camp)
        self.scope.require_write("trainee")
        with self.db.begin() as conn:
            trainee_id = conn.execute(
                insert(Trainee)
                .values(
                    camp_id=camp_id,
                    employee_id=employee_id,
                    name=name,
                    phone=phone,
                    email=email,
                    sandbox=sandbox,
                    created_at=_now(),
                )
                .returning(Trainee.trainee_id)
            ).scalar_one()
        return Enrolment(int(trainee_id), camp, employee_id, name, sandbox, phone, email)

    def find(self, camp: str, employee_id: str) -> Enrolment | None:
        """The trainee with ``employee_id`` in ``camp``, or ``None``."""
        with self.db.begin() as conn:
            row = conn.execute(
                select(Trainee)
                .join(Camp, Camp.camp_id == Trainee.camp_id)
                .where(Camp.code == camp, Trainee.employee_id == employee_id)
                .where(self.scope.where("trainee"))
            ).first()
        if row is None:
            return None
        return Enrolment(
            int(row.trainee_id), camp, row.employee_id, row.name, row.sandbox, row.phone, row.email
        )

    def trainee(self, camp: str, employee_id: str) -> Enrolment:
        """The trainee with ``employee_id`` in ``camp``.

        Raises
        ------
        MissingEntry
            No such trainee in the camp; the message names those there are.
        """
        found = self.find(camp, employee_id)
        if found is None:
            known = ", ".join(e.employee_id for e in self.roster(camp))
            if not known:
                raise MissingEntry(
                    key="error.trainee.missing_none_yet", employee_id=employee_id, camp=camp
                )
            raise MissingEntry(
                key="error.trainee.missing", employee_id=employee_id, camp=camp, known=known
            )
        return found

    def roster(self, camp: str) -> list[Enrolment]:
        """The camp's trainees, by employee id."""
        with self.db.begin() as conn:
            rows = conn.execute(
                select(Trainee)
                .join(Camp, Camp.camp_id == Trainee.camp_id)
                .where(Camp.code == camp, self.scope.where("trainee"))
                .order_by(Trainee.employee_id)
            ).all()
        return [
            Enrolment(int(r.trainee_id), camp, r.employee_id, r.name, r.sandbox, r.phone, r.email)
            for r in rows
        ]

    # --- attempts, hints, resets ----------------------------------------------------------

    def round(self, trainee_id: int, exercise_id: str) -> tuple[int, int]:
        """The exercise's current round and how far earlier rounds were undone.

        The round is 1 until the first reset; the second number is the sandbox's audit id up
        to which earlier rounds' entries were undone.
        """
        with self.db.begin() as conn:
            self._own(conn, trainee_id)
            row = conn.execute(
                select(ExerciseReset.round, ExerciseReset.undone_through)
                .where(
                    ExerciseReset.trainee_id == trainee_id,
                    ExerciseReset.exercise_id == exercise_id,
                )
                .order_by(ExerciseReset.round.desc())
                .limit(1)
            ).first()
        return (int(row[0]), int(row[1])) if row else (1, 0)

    def record(
        self,
        trainee_id: int,
        feedback: Feedback,
        *,
        round: int,
        hints_used: int,
        at: dt.datetime | None = None,
        uuid: str | None = None,
    ) -> str:
        """Keep one attempt and what each of its checks said, in one insert.

        Returns the attempt's UUID (its key wherever the gradebook travels).
        """
        key = uuid or str(uuidlib.uuid4())
        checks = [
            {
                "check": check.id,
                "score": result.score,
                "code": message_code(check, result),
                "zh": result.text("zh"),
                "en": result.text("en"),
            }
            for check, result in feedback.results
        ]
        with self.db.begin() as conn:
            self._own(conn, trainee_id, writes="attempt")
            conn.execute(
                insert(Attempt).values(
                    uuid=key,
                    trainee_id=trainee_id,
                    exercise_id=feedback.exercise.id,
                    round=round,
                    kind="submit" if feedback.submitted else "check",
                    at=at or _now(),
                    score=feedback.score,
                    points=feedback.exercise.points,
                    hints_used=hints_used,
                    checks=json.dumps(checks, ensure_ascii=False),
                )
            )
        return key

    def attempts(self, trainee_id: int, exercise_id: str, round: int) -> int:
        """How many checks and submissions of the exercise the trainee made in ``round``."""
        with self.db.begin() as conn:
            self._own(conn, trainee_id)
            return int(
                conn.scalar(
                    select(func.count()).where(
                        Attempt.trainee_id == trainee_id,
                        Attempt.exercise_id == exercise_id,
                        Attempt.round == round,
                    )
                )
                or 0
            )

    def hints_used(self, trainee_id: int, exercise_id: str, round: int) -> int:
        """How many of the exercise's hints the trainee has seen in ``round``."""
        with self.db.begin() as conn:
            self._own(conn, trainee_id)
            return int(
                conn.scalar(
                    select(func.count()).where(
                        HintShown.trainee_id == trainee_id,
                        HintShown.exercise_id == exercise_id,
                        HintShown.round == round,
                    )
                )
                or 0
            )

    def use_hint(self, trainee_id: int, exercise_id: str, round: int, number: int) -> None:
        """Note that hint ``number`` was shown (once, however often it is shown again)."""
        with self.db.begin() as conn:
            self._own(conn, trainee_id, writes="hint_shown")
            seen = conn.scalar(
                select(HintShown.number).where(
                    HintShown.trainee_id == trainee_id,
                    HintShown.exercise_id == exercise_id,
                    HintShown.round == round,
                    HintShown.number == number,
                )
            )
            if seen is None:
                conn.execute(
                    insert(HintShown).values(
                        trainee_id=trainee_id,
                        exercise_id=exercise_id,
                        round=round,
                        number=number,
                        at=_now(),
                    )
                )

    def reset(self, trainee_id: int, exercise_id: str, *, round: int, undone_through: int) -> None:
        """Note that the exercise starts again with ``round``."""
        with self.db.begin() as conn:
            self._own(conn, trainee_id, writes="exercise_reset")
            conn.execute(
                insert(ExerciseReset).values(
                    trainee_id=trainee_id,
                    exercise_id=exercise_id,
                    round=round,
                    at=_now(),
                    undone_through=undone_through,
                )
            )

    def close_camp(self, code: str) -> None:
        """Close a camp: its trainees' results stay; no new trainee joins it."""
        self.scope.require_write("camp")
        with self.db.begin() as conn:
            done = conn.execute(
                update(Camp)
                .where(Camp.code == code, self.scope.where("camp"))
                .values(status="closed", closed_at=_now())
            )
            if not done.rowcount:
                raise MissingEntry(key="error.camp.missing", code=code)

    def history(self, trainee_id: int | None = None) -> pd.DataFrame:
        """Every attempt, oldest first, with each check's result.

        Columns: ``trainee``, ``exercise_id``, ``round``, ``kind``, ``at``, ``score``,
        ``points``, ``hints_used`` and ``results`` (check id → [score, message in English]).
        """
        query = (
            select(
                Attempt.attempt_id,
                Trainee.name.label("trainee"),
                Attempt.exercise_id,
                Attempt.round,
                Attempt.kind,
                Attempt.at,
                Attempt.score,
                Attempt.points,
                Attempt.hints_used,
                Attempt.checks,
            )
            .join(Trainee, Trainee.trainee_id == Attempt.trainee_id)
            .where(self.scope.where("attempt"))
            .order_by(Attempt.at, Attempt.attempt_id)
        )
        if trainee_id is not None:
            query = query.where(Attempt.trainee_id == trainee_id)
        with self.db.begin() as conn:
            frame = pd.DataFrame(
                conn.execute(query).mappings().all(), columns=[*_HISTORY, "checks"]
            )
        frame["results"] = [
            {c["check"]: [c["score"], c["en"]] for c in json.loads(text or "[]")}
            for text in frame["checks"]
        ]
        frame = frame.drop(columns="checks")
        return frame.drop(columns="attempt_id")


_HISTORY = [
    "attempt_id",
    "trainee",
    "exercise_id",
    "round",
    "kind",
    "at",
    "score",
    "points",
    "hints_used",
]
