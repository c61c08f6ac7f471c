"""Plan and invitation conflicts, cross-checked against plain pandas on the cut's files."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

import workbench
from workbench import analysis as wa

Tables = Callable[[str], pd.DataFrame]


def test_plan_conflicts_match_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    items = camp_tables("plan_item").merge(camp_tables("plan"), on="plan_id")
    reps = items.groupby(["week_start", "doctor_id"])["rep_id"].agg(lambda r: sorted(set(r)))
    want = reps[reps.map(len) >= 2]
    got = wa.plan_conflicts(camp_cut).table
    assert len(got) == len(want) > 0
    for row in got.itertuples():
        expected = want.loc[(pd.Timestamp(row.week_start), row.doctor_id)]
        assert row.rep_ids == ", ".join(map(str, expected)) and row.reps == len(expected)


def test_national_plans_have_a_handful_of_conflicts_every_week(
    national_cut: workbench.Cut,
) -> None:
    per_week = wa.plan_conflicts(national_cut).table.groupby("week_start").size()
    weeks = national_cut.sql("SELECT count(DISTINCT week_start) AS n FROM plan").n[0]
    assert len(per_week) == weeks
    assert 2 <= per_week.median() <= 10


def test_invitation_conflicts_match_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    inv = camp_tables("invitation")
    several = inv.groupby(["event_id", "doctor_id"])["rep_id"].nunique()
    got = wa.invitation_conflicts(camp_cut, within_days=14)
    assert len(got.several_reps) == (several >= 2).sum() > 0
    inv = inv.sort_values(["doctor_id", "invited_on", "invitation_id"])
    gap = inv.groupby("doctor_id")["invited_on"].diff().dt.days
    assert len(got.repeated) == (gap <= 14).sum() > 0
    assert (got.repeated["days"] <= 14).all()
    assert len(wa.invitation_conflicts(camp_cut, within_days=60).repeated) == (gap <= 60).sum()
