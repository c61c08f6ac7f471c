"""One region's weekly plans as the manager reviews them on Monday, read live from the database.

Each rep's plan with its status (``missing`` where a rep has none), and the flags the seeds'
managers looked for:

``shared_doctor``
    A doctor this rep planned for the week is planned by another rep too (of any region).
``repeat_invitation``
    A doctor invited to the same event by several reps, for events held from four weeks before
    the week to four weeks after it.
``over_visit``
    Calls already made in a month (before the week) plus the calls planned in it pass the
    market's over-visit threshold.
``key_unplanned``
    A key customer (the region's top ``key_share`` of assigned doctors by potential) that no
    rep planned in the week or the three weeks before it.
``not_submitted``
    An active rep whose plan for the week is missing or still a draft.

The review reads the database, not a data cut: a decision shows at once.

>>> import workbench
>>> from workbench.sample import load_sample
>>> db = workbench.connect("sqlite://")
>>> _ = load_sample(db, "camp", seed=0)
>>> review = review_week(db, 1, dt.date(2026, 10, 26))
>>> len(review.plans), sorted(set(review.plans["status"]))
(20, ['draft', 'submitted'])
>>> review.flags.groupby("kind", sort=False).size().to_dict()
{'not_submitted': 7, 'shared_doctor': 6, 'repeat_invitation': 2, 'key_unplanned': 12}
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from workbench.config import OVER_VISIT_THRESHOLD
from workbench.db.engine import Database
from workbench.db.models import (
    Assignment,
    Call,
    Doctor,
    Event,
    Invitation,
    Plan,
    PlanItem,
    Potential,
    Region,
    Rep,
    RepRole,
)

__all__ = ["FLAGS", "KEY_SHARE", "WeekReview", "regions", "review_week", "weeks"]

#: the flags of a week's review, in the order a manager reads them
FLAGS = ("not_submitted", "shared_doctor", "repeat_invitation", "over_visit", "key_unplanned")

#: a key customer is among the region's top tenth of assigned doctors by potential
KEY_SHARE = 0.1

_INVITATION_WEEKS = 4
_KEY_WEEKS = 4


@dataclass(frozen=True)
class WeekReview:
    """A region's week: ``plans`` (one row per active rep) and ``flags`` (one row per flag).

    ``plans``: ``rep_id``, ``rep``, ``rep_pinyin``, ``plan_id`` (missing: none), ``status``,
    ``calls``, ``doctors``, ``submitted_at``, ``reviewed_at``, ``comment``, ``flags``.
    ``flags``: ``kind`` (one of :data:`FLAGS`), ``rep_id``, ``rep``, ``rep_pinyin``,
    ``doctor_id``, ``doctor``, ``doctor_pinyin`` and ``values``, the details a message needs.
    """

    region_id: int
    week: dt.date
    plans: pd.DataFrame
    flags: pd.DataFrame
    threshold: int
    key_share: float


def regions(db: Database) -> pd.DataFrame:
    """The regions: ``region_id``, ``name``, ``name_en``, by id."""
    with db.session() as session:
        rows = session.execute(
            select(Region.region_id, Region.name, Region.name_en).order_by(Region.region_id)
        ).all()
    return pd.DataFrame(rows, columns=["region_id", "name", "name_en"])


def weeks(db: Database, region_id: int) -> list[dt.date]:
    """The weeks the region's reps have plans for, latest first."""
    with db.session() as session:
        found = session.scalars(
            select(Plan.week_start)
            .join(Rep, Rep.rep_id == Plan.rep_id)
            .where(Rep.region_id == region_id)
            .group_by(Plan.week_start)
            .order_by(Plan.week_start.desc())
        ).all()
    return list(found)


def review_week(
    db: Database,
    region_id: int,
    week: dt.date,
    *,
    threshold: int = OVER_VISIT_THRESHOLD,
    key_share: float = KEY_SHARE,
) -> WeekReview:
    """The plans of ``region_id``'s reps for the week starting ``week``, and their flags.

    Parameters
    ----------
    db
        The database, read as it is now.
    region_id
        The region whose reps' plans are reviewed.
    week
        The Monday the plans are for.
    threshold
        The market's over-visit rule: more calls than this by one rep on one doctor in a
        calendar month are flagged.
    key_share
        The share of the region's assigned doctors, by potential, that are key customers.
    """
    last = week + dt.timedelta(days=6)
    with db.session() as session:
        reps = _frame(
            session.execute(
                select(Rep.rep_id, Rep.name, Rep.name_pinyin)
                .where(
                    Rep.region_id == region_id,
                    Rep.role == RepRole.REP.value,
                    Rep.hired_on <= last,
                    or_(Rep.left_on.is_(None), Rep.left_on >= week),
                )
                .order_by(Rep.rep_id)
            ),
            ["rep_id", "rep", "rep_pinyin"],
        )
        plans = _frame(
            session.execute(
                select(
                    Plan.plan_id, Plan.rep_id, Plan.status, Plan.submitted_at,
                    Plan.reviewed_at, Plan.manager_comment,
                )
                .join(Rep, Rep.rep_id == Plan.rep_id)
                .where(Rep.region_id == region_id, Plan.week_start == week)
            ),
            ["plan_id", "rep_id", "status", "submitted_at", "reviewed_at", "comment"],
        )  # fmt: skip
        planned = _frame(
            session.execute(
                select(Plan.plan_id, Plan.rep_id, PlanItem.doctor_id, PlanItem.planned_on)
                .join(PlanItem, PlanItem.plan_id == Plan.plan_id)
                .where(Plan.week_start == week)
            ),
            ["plan_id", "rep_id", "doctor_id", "planned_on"],
        )
        flags = [
            *_not_submitted(reps, plans),
            *_shared(planned, plans),
            *_invitations(session, region_id, week),
            *_over_visits(session, planned, plans, week, threshold),
            *_key_unplanned(session, region_id, week, key_share),
        ]
        names = _names(session, {int(f["doctor_id"]) for f in flags if "doctor_id" in f})  # type: ignore[call-overload]
    return _review(region_id, week, reps, plans, planned, flags, names, threshold, key_share)


def _frame(result: Iterable[Any], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(list(result), columns=columns)


def _names(session: Session, doctors: set[int]) -> dict[str, dict[int, tuple[str, str]]]:
    """Name and pinyin of every rep, and of the flagged doctors."""
    run = session.execute
    reps = run(select(Rep.rep_id, Rep.name, Rep.name_pinyin))
    found = run(
        select(Doctor.doctor_id, Doctor.name, Doctor.name_pinyin).where(
            Doctor.doctor_id.in_(sorted(doctors))
        )
    )
    return {"rep": {r: (n, p) for r, n, p in reps}, "doctor": {d: (n, p) for d, n, p in found}}


def _not_submitted(reps: pd.DataFrame, plans: pd.DataFrame) -> list[dict[str, object]]:
    status = dict(zip(plans["rep_id"], plans["status"], strict=True))
    return [
        {"kind": "not_submitted", "rep_id": rep, "values": {"status": status.get(rep, "missing")}}
        for rep in reps["rep_id"]
        if status.get(rep, "missing") in ("missing", "draft")
    ]


def _shared(planned: pd.DataFrame, plans: pd.DataFrame) -> list[dict[str, object]]:
    ours = set(plans["rep_id"])
    by_doctor = planned.groupby("doctor_id")["rep_id"].agg(lambda s: sorted(set(s)))
    found = []
    for doctor, reps in by_doctor.items():
        if len(reps) < 2:
            continue
        for rep in reps:
            if rep in ours:
                others = [r for r in reps if r != rep]
                found.append(
                    {"kind": "shared_doctor", "rep_id": rep, "doctor_id": doctor,
                     "values": {"others": others}}
                )  # fmt: skip
    return found


def _invitations(session: Session, region_id: int, week: dt.date) -> list[dict[str, object]]:
    first = week - dt.timedelta(weeks=_INVITATION_WEEKS)
    last = week + dt.timedelta(weeks=_INVITATION_WEEKS, days=6)
    rows = _frame(
        session.execute(
            select(Invitation.event_id, Invitation.doctor_id, Invitation.rep_id, Rep.region_id,
                   Event.name, Event.held_on)
            .join(Event, Event.event_id == Invitation.event_id)
            .join(Rep, Rep.rep_id == Invitation.rep_id)
            .where(Event.held_on.between(first, last))
        ),
        ["event_id", "doctor_id", "rep_id", "region_id", "event", "held_on"],
    )  # fmt: skip
    found = []
    for (_event, doctor), group in rows.groupby(["event_id", "doctor_id"]):
        reps = sorted(set(group["rep_id"]))
        if len(reps) < 2:
            continue
        held = group["held_on"].iloc[0]
        for rep in sorted(set(group.loc[group["region_id"] == region_id, "rep_id"])):
            found.append(
                {"kind": "repeat_invitation", "rep_id": rep, "doctor_id": doctor,
                 "values": {"event": group["event"].iloc[0], "held": held.isoformat(),
                            "reps": reps}}
            )  # fmt: skip
    return found


def _over_visits(
    session: Session, planned: pd.DataFrame, plans: pd.DataFrame, week: dt.date, threshold: int
) -> list[dict[str, object]]:
    ours = planned[planned["rep_id"].isin(plans["rep_id"])].copy()
    if ours.empty:
        return []
    ours["month"] = [d.replace(day=1) for d in ours["planned_on"]]
    found = []
    counted = ours.groupby(["rep_id", "doctor_id", "month"]).size()
    for (rep, doctor, month), planned_calls in counted.items():
        calls = (
            session.scalar(
                select(func.count())
                .select_from(Call)
                .where(
                    Call.rep_id == rep,
                    Call.doctor_id == doctor,
                    Call.call_date >= month,
                    Call.call_date < week,
                )
            )
            or 0
        )
        if calls + planned_calls > threshold:
            found.append(
                {"kind": "over_visit", "rep_id": rep, "doctor_id": doctor,
                 "values": {"month": month.strftime("%Y-%m"), "calls": int(calls),
                            "planned": int(planned_calls), "threshold": threshold}}
            )  # fmt: skip
    return found


def _key_unplanned(
    session: Session, region_id: int, week: dt.date, key_share: float
) -> list[dict[str, object]]:
    last = week + dt.timedelta(days=6)
    owners = _frame(
        session.execute(
            select(Assignment.doctor_id, Assignment.rep_id)
            .join(Rep, Rep.rep_id == Assignment.rep_id)
            .where(
                Rep.region_id == region_id,
                Assignment.start_on <= last,
                or_(Assignment.end_on.is_(None), Assignment.end_on >= week),
            )
        ),
        ["doctor_id", "rep_id"],
    ).drop_duplicates("doctor_id")
    if owners.empty:
        return []
    latest = (
        select(Potential.doctor_id, func.max(Potential.period_start).label("period_start"))
        .where(Potential.period_start <= week)
        .group_by(Potential.doctor_id)
        .subquery()
    )
    potential = _frame(
        session.execute(
            select(Potential.doctor_id, func.max(Potential.potential))
            .join(latest, and_(latest.c.doctor_id == Potential.doctor_id,
                               latest.c.period_start == Potential.period_start))
            .group_by(Potential.doctor_id)
        ),
        ["doctor_id", "potential"],
    )  # fmt: skip
    ranked = owners.merge(potential, on="doctor_id").sort_values(
        ["potential", "doctor_id"], ascending=[False, True]
    )
    key = ranked.head(math.ceil(len(ranked) * key_share)) if len(ranked) else ranked
    since = week - dt.timedelta(weeks=_KEY_WEEKS - 1)
    seen = set(
        session.scalars(
            select(PlanItem.doctor_id)
            .join(Plan, Plan.plan_id == PlanItem.plan_id)
            .where(Plan.week_start.between(since, week))
        )
    )
    return [
        {"kind": "key_unplanned", "rep_id": row.rep_id, "doctor_id": row.doctor_id,
         "values": {"potential": int(row.potential), "share": key_share}}
        for row in key.itertuples()
        if row.doctor_id not in seen
    ]  # fmt: skip


def _review(
    region_id: int,
    week: dt.date,
    reps: pd.DataFrame,
    plans: pd.DataFrame,
    planned: pd.DataFrame,
    flags: list[dict[str, object]],
    names: dict[str, dict[int, tuple[str, str]]],
    threshold: int,
    key_share: float,
) -> WeekReview:
    counts = planned.groupby("plan_id").agg(
        calls=("doctor_id", "size"), doctors=("doctor_id", "nunique")
    )
    table = reps.merge(plans, on="rep_id", how="left").merge(
        counts, left_on="plan_id", right_index=True, how="left"
    )
    table["status"] = table["status"].fillna("missing")
    table[["calls", "doctors"]] = table[["calls", "doctors"]].fillna(0).astype(int)
    table["plan_id"] = table["plan_id"].astype("Int64")
    flagged = pd.DataFrame(flags, columns=["kind", "rep_id", "doctor_id", "values"])
    flagged["doctor_id"] = flagged["doctor_id"].astype("Int64")
    flagged["order"] = flagged["kind"].map(FLAGS.index)
    flagged = flagged.sort_values(["order", "rep_id", "doctor_id"], kind="stable").drop(
        columns="order"
    )
    rep_names = names["rep"]
    flagged["rep"] = [rep_names[r][0] for r in flagged["rep_id"]]
    flagged["rep_pinyin"] = [rep_names[r][1] for r in flagged["rep_id"]]
    doctor_names = names["doctor"]
    no_name = ("", "")
    flagged["doctor"] = [doctor_names.get(d, no_name)[0] if pd.notna(d) else ""
                         for d in flagged["doctor_id"]]  # fmt: skip
    flagged["doctor_pinyin"] = [doctor_names.get(d, no_name)[1] if pd.notna(d) else ""
                                for d in flagged["doctor_id"]]  # fmt: skip
    for row in flagged.itertuples():  # the other reps a flag names, by name and pinyin
        for key in ("others", "reps"):
            if key in row.values:
                row.values[key] = [rep_names[r] for r in row.values[key]]
    table["flags"] = table["rep_id"].map(flagged["rep_id"].value_counts()).fillna(0).astype(int)
    return WeekReview(
        region_id, week, table.reset_index(drop=True), flagged.reset_index(drop=True),
        threshold, key_share,
    )  # fmt: skip
