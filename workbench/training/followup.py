"""Two weeks after a camp: is each rep's real data entry going as the trainer asked.

The trainer sets a phased goal per week after the camp, e.g. week 1 at least 10 calls, each
entered within 3 days of the visit; week 2 at least 20 within 2 days, with the key fields
complete. :func:`follow_up` reads each trainee's calls in the production store (the rep
with their employee id), week by week from the first day after the camp: how many were
entered, how many days after the visit (from the audit trail: when each was entered), and
whether the key fields are there (a product with its key message, and a next step). A rep
who missed the latest finished week's goal, or who is not found at all, needs a call, with
their manager, to ask what help they need.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from workbench.db.engine import Database
from workbench.db.models import Audit, Call, CallProduct, Rep
from workbench.errors import ConfigError, FileUnusable, MissingEntry
from workbench.training.gradebook import Gradebook

__all__ = ["DEFAULT_GOALS", "FollowUp", "Goal", "follow_up", "read_goals"]


@dataclasses.dataclass(frozen=True)
class Goal:
    """One week's goal after the camp.

    Week ``week``: at least ``min_calls`` calls entered, each within ``max_days`` days of
    the visit, and (with ``complete``) every key field filled.
    """

    week: int
    min_calls: int
    max_days: int
    complete: bool = False


#: The seeds' phased goal: a gentle first week, then the habit the company wants.
DEFAULT_GOALS: tuple[Goal, ...] = (
    Goal(1, 10, 3),
    *(Goal(w, 20, 2, complete=True) for w in range(2, 7)),
)


def read_goals(path: Path | str) -> tuple[Goal, ...]:
    """Goals from a CSV with columns ``week,min_calls,max_days,complete`` (complete: yes/no).

    Raises
    ------
    FileUnusable
        The file cannot be read.
    ConfigError
        A line is malformed; the message names it.
    """
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise FileUnusable(key="error.followup.unreadable", path=path, reason=exc.strerror) from exc
    goals = []
    for line, row in enumerate(rows, 2):
        try:
            goals.append(
                Goal(
                    int(row["week"]),
                    int(row["min_calls"]),
                    int(row["max_days"]),
                    str(row.get("complete", "no")).strip().lower() in ("yes", "1", "true"),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise ConfigError(key="error.followup.line", path=path, line=line) from None
    if not goals or sorted(g.week for g in goals) != list(range(1, len(goals) + 1)):
        raise ConfigError(key="error.followup.weeks", path=path)
    return tuple(goals)


@dataclasses.dataclass(frozen=True, eq=False)
class FollowUp:
    """Each rep's weeks against the goals, and who needs a call.

    ``weeks``: per trainee and week, ``calls`` entered, ``late`` (entered more than the
    week's ``max_days`` after the visit), ``incomplete``, ``median_days`` from visit to
    entry, and ``met``. ``reps``: per trainee, the ``rep_id`` found (empty when no rep has
    their employee id), ``manager``, weeks met of weeks finished, ``last_entry``,
    ``needs_call`` and ``why``.
    """

    camp: str
    starts_on: dt.date
    today: dt.date
    weeks: pd.DataFrame
    reps: pd.DataFrame
    goals: tuple[Goal, ...]

    @property
    def note(self) -> str:
        """How the weeks are counted."""
        return (
            f"week 1 starts {self.starts_on}; a call counts in the week it was entered; days "
            "from visit to entry from the audit trail; complete: a product with its key "
            f"message and a next step; as of {self.today}"
        )


def follow_up(
    gradebook_db: Database,
    production: Database,
    camp: str,
    *,
    starts_on: dt.date,
    goals: tuple[Goal, ...] = DEFAULT_GOALS,
    today: dt.date | None = None,
) -> FollowUp:
    """Compare each trainee's real entries with the phased goals.

    Parameters
    ----------
    gradebook_db
        The store whose gradebook holds the camp (its roster).
    production
        The store where the reps enter their real calls.
    camp
        The camp's code.
    starts_on
        The first day at work after the camp: week 1 starts then.
    goals
        One goal per week (:data:`DEFAULT_GOALS` by default).
    today
        Weeks that have not ended by ``today`` are shown but not judged.

    Raises
    ------
    MissingEntry
        There is no such camp.
    """
    today = today or dt.date.today()
    roster = Gradebook(gradebook_db).roster(camp)
    if not roster:
        raise MissingEntry(key="error.camp.no_trainees", code=camp)
    ids = [e.employee_id for e in roster]
    manager = Rep.__table__.alias("manager")
    with production.begin() as conn:
        reps = pd.DataFrame(
            conn.execute(
                select(Rep.employee_id, Rep.rep_id, manager.c.name.label("manager"))
                .outerjoin(manager, manager.c.rep_id == Rep.manager_id)
                .where(Rep.employee_id.in_(ids))
            ).all(),
            columns=["employee_id", "rep_id", "manager"],
        )
        keyed = (
            select(
                CallProduct.call_id,
                func.min(func.length(func.coalesce(CallProduct.key_message, ""))).label("km"),
            )
            .group_by(CallProduct.call_id)
            .subquery()
        )
        calls = pd.DataFrame(
            conn.execute(
                select(Call.call_id, Call.rep_id, Call.call_date, Call.next_step, keyed.c.km)
                .outerjoin(keyed, keyed.c.call_id == Call.call_id)
                .where(Call.rep_id.in_([int(r) for r in reps["rep_id"]]))
            ).all(),
            columns=["call_id", "rep_id", "call_date", "next_step", "km"],
        )
        entered = pd.DataFrame(
            conn.execute(
                select(Audit.row_key, Audit.at).where(
                    Audit.table_name == "call",
                    Audit.action == "insert",
                    Audit.row_key.in_([str(c) for c in calls["call_id"]]),
                )
            ).all(),
            columns=["row_key", "at"],
        )
    calls["entered_at"] = (
        calls["call_id"]
        .astype(str)
        .map(entered.groupby("row_key")["at"].min() if len(entered) else {})
    )
    calls["entered_on"] = pd.to_datetime(calls["entered_at"]).dt.date
    calls["entered_on"] = calls["entered_on"].where(calls["entered_at"].notna(), calls["call_date"])
    calls["days"] = [
        (e - d).days for e, d in zip(calls["entered_on"], calls["call_date"], strict=True)
    ]
    calls["complete"] = calls["next_step"].fillna("").str.len().gt(0) & calls["km"].fillna(0).gt(0)
    calls["week"] = [(e - starts_on).days // 7 + 1 for e in calls["entered_on"]]
    by_rep = dict(zip(reps["employee_id"], reps["rep_id"], strict=True))
    week_rows, rep_rows = [], []
    for person in roster:
        rep_id = by_rep.get(person.employee_id)
        mine = calls[calls["rep_id"] == rep_id] if rep_id is not None else calls.iloc[0:0]
        finished = met = 0
        missed_last: Goal | None = None
        for goal in goals:
            part = mine[mine["week"] == goal.week]
            ends = starts_on + dt.timedelta(days=7 * goal.week)
            late = int((part["days"] > goal.max_days).sum())
            incomplete = int((~part["complete"]).sum())
            ok = (
                len(part) >= goal.min_calls and late == 0 and (not goal.complete or incomplete == 0)
            )
            judged = ends <= today
            if judged:
                finished += 1
                met += ok
                missed_last = None if ok else goal
            week_rows.append(
                {"employee_id": person.employee_id, "name": person.name, "week": goal.week,
                 "calls": len(part), "late": late, "incomplete": incomplete,
                 "median_days": float(part["days"].median()) if len(part) else float("nan"),
                 "met": ok if judged else None}
            )  # fmt: skip
        if rep_id is None:
            why = "no rep with this employee id in the production store"
        elif missed_last is not None:
            why = f"missed week {missed_last.week}"
        else:
            why = ""
        manager_name = reps.loc[reps["employee_id"] == person.employee_id, "manager"]
        rep_rows.append(
            {
                "employee_id": person.employee_id,
                "name": person.name,
                "rep_id": rep_id,
                "manager": manager_name.iloc[0] if len(manager_name) else None,
                "weeks_met": met,
                "weeks_finished": finished,
                "last_entry": mine["entered_on"].max() if len(mine) else None,
                "needs_call": bool(why),
                "why": why,
            }
        )
    return FollowUp(
        camp=camp,
        starts_on=starts_on,
        today=today,
        weeks=pd.DataFrame(week_rows),
        reps=pd.DataFrame(rep_rows),
        goals=goals,
    )
