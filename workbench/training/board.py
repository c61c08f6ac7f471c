"""What the trainer's live board shows, read from the gradebook: no screen here.

Per trainee and exercise: the best score, attempts, time spent and hints used; who is
stuck (``stuck_attempts`` failed attempts at one exercise without passing it, or no
activity for ``stuck_minutes`` while exercises remain); and the camp's common mistakes (the
checks that fail most, with their message and how many trainees hit each).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pandas as pd
from sqlalchemy import select

from workbench.db.engine import Database
from workbench.db.gradebook import Attempt, HintShown, Trainee
from workbench.training.exercises import EXERCISES
from workbench.training.gradebook import camp_id as find_camp

__all__ = ["STUCK_ATTEMPTS", "STUCK_MINUTES", "Board", "read_board"]

#: A trainee is stuck after this many attempts at one exercise without passing it ...
STUCK_ATTEMPTS = 5
#: ... or after this many minutes without an attempt while exercises remain.
STUCK_MINUTES = 20


@dataclasses.dataclass(frozen=True, eq=False)
class Board:
    """The board's tables for one camp at one moment.

    ``cells``: one row per trainee and exercise tried (``employee_id``, ``name``,
    ``exercise_id``, ``best``, ``points``, ``attempts``, ``minutes`` from first to last
    attempt, ``hints``, ``passed``). ``trainees``: one row per trainee with ``done``,
    ``score``, ``last`` (UTC), ``stuck`` (bool) and ``why`` (the exercise, or the minutes
    idle). ``mistakes``: ``exercise_id``, ``check_id``, ``code``, ``message_zh``,
    ``message_en``, ``trainees`` (how many hit it) and ``times``, most trainees first.
    """

    camp: str
    at: dt.datetime
    cells: pd.DataFrame
    trainees: pd.DataFrame
    mistakes: pd.DataFrame
    stuck_attempts: int
    stuck_minutes: int


def read_board(
    db: Database,
    camp: str,
    *,
    now: dt.datetime | None = None,
    stuck_attempts: int = STUCK_ATTEMPTS,
    stuck_minutes: int = STUCK_MINUTES,
) -> Board:
    """The board of camp ``camp`` as the gradebook holds it ``now`` (UTC).

    Raises
    ------
    MissingEntry
        There is no such camp.
    """
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with db.begin() as conn:
        camp_id = find_camp(conn, camp)
        people = pd.DataFrame(
            conn.execute(
                select(Trainee.trainee_id, Trainee.employee_id, Trainee.name)
                .where(Trainee.camp_id == camp_id)
                .order_by(Trainee.employee_id)
            ).all(),
            columns=["trainee_id", "employee_id", "name"],
        )
        ids = [int(i) for i in people["trainee_id"]]
        attempts = pd.DataFrame(
            conn.execute(
                select(
                    Attempt.attempt_id, Attempt.trainee_id, Attempt.exercise_id, Attempt.kind,
                    Attempt.at, Attempt.score, Attempt.points,
                ).where(Attempt.trainee_id.in_(ids))
            ).all(),
            columns=["attempt_id", "trainee_id", "exercise_id", "kind", "at", "score", "points"],
        )  # fmt: skip
        hints = pd.DataFrame(
            conn.execute(
                select(HintShown.trainee_id, HintShown.exercise_id).where(
                    HintShown.trainee_id.in_(ids)
                )
            ).all(),
            columns=["trainee_id", "exercise_id"],
        )
        checked = conn.execute(
            select(Attempt.trainee_id, Attempt.exercise_id, Attempt.checks).where(
                Attempt.trainee_id.in_(ids)
            )
        ).all()
    failed = pd.DataFrame(
        [
            (trainee_id, exercise_id, c["check"], c["code"], c["zh"], c["en"])
            for trainee_id, exercise_id, text in checked
            for c in json.loads(text or "[]")
            if c["score"] < 1
        ],
        columns=["trainee_id", "exercise_id", "check_id", "code", "message_zh", "message_en"],
    )
    cells = _cells(people, attempts, hints)
    return Board(
        camp=camp,
        at=now,
        cells=cells,
        trainees=_trainees(people, attempts, cells, now, stuck_attempts, stuck_minutes),
        mistakes=_mistakes(failed),
        stuck_attempts=stuck_attempts,
        stuck_minutes=stuck_minutes,
    )


def _cells(people: pd.DataFrame, attempts: pd.DataFrame, hints: pd.DataFrame) -> pd.DataFrame:
    columns = [
        "employee_id", "name", "exercise_id", "best", "points", "attempts", "minutes", "hints",
        "passed",
    ]  # fmt: skip
    if attempts.empty:
        return pd.DataFrame(columns=columns)
    grouped = attempts.groupby(["trainee_id", "exercise_id"])
    cells = grouped.agg(
        best=("score", "max"),
        points=("points", "first"),
        attempts=("attempt_id", "size"),
        first=("at", "min"),
        last=("at", "max"),
    ).reset_index()
    cells["minutes"] = (cells["last"] - cells["first"]).dt.total_seconds() / 60
    submitted = attempts[attempts["kind"] == "submit"].groupby(["trainee_id", "exercise_id"])
    best_submit = submitted["score"].max()
    cells["passed"] = [
        bool(best_submit.get((t, e), -1) >= p)
        for t, e, p in zip(cells["trainee_id"], cells["exercise_id"], cells["points"], strict=True)
    ]
    used = hints.groupby(["trainee_id", "exercise_id"]).size()
    cells["hints"] = [
        int(used.get((t, e), 0))
        for t, e in zip(cells["trainee_id"], cells["exercise_id"], strict=True)
    ]
    cells = cells.merge(people, on="trainee_id")
    return cells.sort_values(["employee_id", "exercise_id"])[columns].reset_index(drop=True)


def _trainees(
    people: pd.DataFrame,
    attempts: pd.DataFrame,
    cells: pd.DataFrame,
    now: dt.datetime,
    stuck_attempts: int,
    stuck_minutes: int,
) -> pd.DataFrame:
    rows = []
    for person in people.itertuples():
        mine = cells[cells["employee_id"] == person.employee_id]
        done = int(mine["passed"].sum())
        tried = attempts[attempts["trainee_id"] == person.trainee_id]
        last = tried["at"].max() if len(tried) else pd.NaT
        why = ""
        blocked = mine[(~mine["passed"]) & (mine["attempts"] >= stuck_attempts)]
        if len(blocked):
            why = str(blocked["exercise_id"].iloc[0])
        elif pd.notna(last) and done < len(EXERCISES):
            idle = (now - last).total_seconds() / 60
            if idle >= stuck_minutes:
                why = f"{idle:.0f} min"
        rows.append(
            {
                "employee_id": person.employee_id,
                "name": person.name,
                "done": done,
                "score": float(mine["best"].where(mine["passed"], 0).sum()),
                "last": last,
                "stuck": bool(why),
                "why": why,
            }
        )
    return pd.DataFrame(
        rows, columns=["employee_id", "name", "done", "score", "last", "stuck", "why"]
    )


def _mistakes(failed: pd.DataFrame) -> pd.DataFrame:
    columns = [
        "exercise_id", "check_id", "code", "message_zh", "message_en", "trainees", "times",
    ]  # fmt: skip
    if failed.empty:
        return pd.DataFrame(columns=columns)
    grouped = failed.groupby(["exercise_id", "check_id", "code"], sort=False)
    table = grouped.agg(
        message_zh=("message_zh", "first"),
        message_en=("message_en", "first"),
        trainees=("trainee_id", "nunique"),
        times=("trainee_id", "size"),
    ).reset_index()
    table = table.sort_values(
        ["trainees", "times", "exercise_id", "check_id"], ascending=[False, False, True, True]
    )
    return table[columns].reset_index(drop=True)
