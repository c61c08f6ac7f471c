"""A region's week as the manager reviews it: plans with their status, and each flag pinned
at its boundary and cross-checked against the analysis library or plain pandas on a cut."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from sqlalchemy import delete, func, select

import workbench
from workbench import Database
from workbench.analysis.conflicts import plan_conflicts
from workbench.db.models import Call, Plan, PlanItem
from workbench.weekly import FLAGS, KEY_SHARE, regions, review_week, weeks

WEEK = dt.date(2026, 10, 26)


def _kinds(review: object, kind: str) -> pd.DataFrame:
    flags = review.flags  # type: ignore[attr-defined]
    return flags[flags["kind"] == kind]


def test_the_latest_week_lists_every_active_rep_with_their_plans_status(camp_db: Database) -> None:
    (region,) = regions(camp_db)["region_id"]
    assert weeks(camp_db, region)[0] == WEEK
    review = review_week(camp_db, region, WEEK)
    with camp_db.session() as session:
        stored = dict(
            session.execute(select(Plan.rep_id, Plan.status).where(Plan.week_start == WEEK)).all()
        )
    shown = dict(zip(review.plans["rep_id"], review.plans["status"], strict=True))
    assert {r: s for r, s in shown.items() if s != "missing"} == stored
    assert set(review.flags["kind"]) <= set(FLAGS)
    drafts = {r for r, s in stored.items() if s == "draft"}
    assert set(_kinds(review, "not_submitted")["rep_id"]) == drafts


def test_a_rep_without_a_plan_is_missing_and_flagged(camp_copy: Database) -> None:
    with camp_copy.session() as session:
        plan = session.scalars(
            select(Plan).where(Plan.week_start == WEEK, Plan.status == "submitted")
        ).first()
        assert plan is not None
        rep = plan.rep_id
        session.execute(delete(PlanItem).where(PlanItem.plan_id == plan.plan_id))
        session.delete(plan)
    review = review_week(camp_copy, 1, WEEK)
    row = review.plans[review.plans["rep_id"] == rep].iloc[0]
    assert row["status"] == "missing" and pd.isna(row["plan_id"]) and row["calls"] == 0
    flagged = _kinds(review, "not_submitted")
    assert flagged[flagged["rep_id"] == rep]["values"].iloc[0] == {"status": "missing"}


def test_doctors_planned_by_several_reps_are_the_analysis_plan_conflicts(
    camp_db: Database, camp_cut: workbench.Cut
) -> None:
    review = review_week(camp_db, 1, WEEK)
    shared = _kinds(review, "shared_doctor")
    conflicts = plan_conflicts(camp_cut, period=(WEEK, WEEK)).table
    assert set(shared["doctor_id"]) == set(conflicts["doctor_id"])
    assert len(shared) == int(conflicts["reps"].sum())  # one flag per rep who planned them


def test_invitations_by_several_reps_match_plain_pandas(
    camp_db: Database, camp_cut: workbench.Cut
) -> None:
    review = review_week(camp_db, 1, WEEK)
    invitations = pd.read_parquet(camp_cut.file("invitation")).merge(
        pd.read_parquet(camp_cut.file("event")), on="event_id"
    )
    held = pd.to_datetime(invitations["held_on"]).dt.date
    window = invitations[
        (held >= WEEK - dt.timedelta(weeks=4)) & (held <= WEEK + dt.timedelta(weeks=4, days=6))
    ]
    reps = window.groupby(["event_id", "doctor_id"])["rep_id"].nunique()
    repeated = window.set_index(["event_id", "doctor_id"]).loc[reps[reps >= 2].index]
    expected = {
        (int(d), int(r)) for (_e, d), r in zip(repeated.index, repeated["rep_id"], strict=True)
    }
    flagged = _kinds(review, "repeat_invitation")
    assert {
        (int(d), int(r)) for d, r in zip(flagged["doctor_id"], flagged["rep_id"], strict=True)
    } == expected
    assert expected  # the camp world plants repeated invitations


def _planned_in_october(db: Database) -> tuple[int, int, int, int]:
    """A rep and doctor of the week's plans, the calls before the week and planned in October."""
    with db.session() as session:
        rep, doctor, planned = session.execute(
            select(Plan.rep_id, PlanItem.doctor_id, func.count())
            .join(PlanItem, PlanItem.plan_id == Plan.plan_id)
            .where(Plan.week_start == WEEK, PlanItem.planned_on < dt.date(2026, 11, 1))
            .group_by(Plan.rep_id, PlanItem.doctor_id)
            .order_by(func.count().desc(), Plan.rep_id, PlanItem.doctor_id)
        ).first()
        calls = session.scalar(
            select(func.count()).select_from(Call).where(
                Call.rep_id == rep, Call.doctor_id == doctor,
                Call.call_date >= dt.date(2026, 10, 1), Call.call_date < WEEK,
            )
        )  # fmt: skip
    return rep, doctor, int(calls or 0), int(planned)


def test_over_visits_are_flagged_above_the_threshold_not_at_it(camp_db: Database) -> None:
    rep, doctor, calls, planned = _planned_in_october(camp_db)
    at = calls + planned

    def flagged(threshold: int) -> bool:
        review = review_week(camp_db, 1, WEEK, threshold=threshold)
        over = _kinds(review, "over_visit")
        return bool(((over["rep_id"] == rep) & (over["doctor_id"] == doctor)).any())

    assert not flagged(at)  # exactly the threshold: allowed
    assert flagged(at - 1)  # one more than the threshold: flagged
    review = review_week(camp_db, 1, WEEK, threshold=at - 1)
    over = _kinds(review, "over_visit")
    values = over[(over["rep_id"] == rep) & (over["doctor_id"] == doctor)]["values"].iloc[0]
    assert values == {"month": "2026-10", "calls": calls, "planned": planned, "threshold": at - 1}


def _key_doctors(cut: workbench.Cut, share: float) -> pd.DataFrame:
    """The region's top ``share`` of assigned doctors by potential, in plain pandas."""
    assignment = pd.read_parquet(cut.file("assignment"))
    start = pd.to_datetime(assignment["start_on"]).dt.date
    end = pd.to_datetime(assignment["end_on"]).dt.date
    active = assignment[(start <= WEEK + dt.timedelta(days=6)) & (end.isna() | (end >= WEEK))]
    owners = active.sort_values("assignment_id").drop_duplicates("doctor_id")
    potential = pd.read_parquet(cut.file("potential"))
    potential = potential[pd.to_datetime(potential["period_start"]).dt.date <= WEEK]
    latest = potential[
        potential["period_start"] == potential.groupby("doctor_id")["period_start"].transform("max")
    ]
    best = latest.groupby("doctor_id")["potential"].max().rename("potential").reset_index()
    ranked = owners[["doctor_id", "rep_id"]].merge(best, on="doctor_id")
    ranked = ranked.sort_values(["potential", "doctor_id"], ascending=[False, True])
    return ranked.head(math.ceil(len(ranked) * share))


@pytest.mark.parametrize("share", [KEY_SHARE, 0.25])
def test_key_customers_nobody_planned_match_plain_pandas(
    camp_db: Database, camp_cut: workbench.Cut, share: float
) -> None:
    key = _key_doctors(camp_cut, share)
    items = pd.read_parquet(camp_cut.file("plan_item")).merge(
        pd.read_parquet(camp_cut.file("plan")), on="plan_id"
    )
    week = pd.to_datetime(items["week_start"]).dt.date
    seen = set(items[(week >= WEEK - dt.timedelta(weeks=3)) & (week <= WEEK)]["doctor_id"])
    expected = set(key["doctor_id"]) - seen
    flagged = _kinds(review_week(camp_db, 1, WEEK, key_share=share), "key_unplanned")
    assert set(flagged["doctor_id"]) == expected and expected


def test_a_key_customer_planned_three_weeks_back_counts_four_weeks_back_does_not(
    camp_copy: Database,
) -> None:
    flagged = _kinds(review_week(camp_copy, 1, WEEK), "key_unplanned")
    doctor = int(flagged["doctor_id"].iloc[0])

    def plan_on(week: dt.date) -> None:
        with camp_copy.session() as session:
            plan = session.scalars(select(Plan).where(Plan.week_start == week)).first()
            assert plan is not None
            session.add(PlanItem(plan_id=plan.plan_id, doctor_id=doctor, planned_on=week))

    plan_on(WEEK - dt.timedelta(weeks=4))  # outside the four weeks: still unplanned
    again = _kinds(review_week(camp_copy, 1, WEEK), "key_unplanned")
    assert doctor in set(again["doctor_id"])
    plan_on(WEEK - dt.timedelta(weeks=3))  # the earliest week inside: planned
    again = _kinds(review_week(camp_copy, 1, WEEK), "key_unplanned")
    assert doctor not in set(again["doctor_id"])
