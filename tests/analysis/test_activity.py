"""Call activity, each cross-checked against plain pandas on the cut's own files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench import AnalysisError, Settings
from workbench import analysis as wa

Tables = Callable[[str], pd.DataFrame]


def monthly(calls: pd.DataFrame) -> pd.Series:
    month = calls["call_date"].dt.to_period("M")
    return calls.groupby([calls["rep_id"], calls["doctor_id"], month]).size()


# --- frequency and over-visits ------------------------------------------------------------


@pytest.mark.parametrize("threshold", [2, 3, 8])
def test_call_frequency_matches_pandas(
    camp_cut: workbench.Cut, camp_tables: Tables, threshold: int
) -> None:
    per_month = monthly(camp_tables("call"))
    got = wa.call_frequency(camp_cut, threshold=threshold)
    want = per_month.value_counts().sort_index()
    assert got.distribution.set_index("calls")["months"].to_dict() == want.to_dict()
    over = per_month[per_month > threshold]
    assert len(got.flagged) == len(over)
    flagged = {
        (r, d, pd.Timestamp(m).to_period("M")): c
        for r, d, m, c in got.flagged[["rep_id", "doctor_id", "month", "calls"]].itertuples(
            index=False
        )
    }
    assert flagged == over.to_dict()
    assert got.share_over == pytest.approx(len(over) / len(per_month))
    assert f"more than {threshold} calls" in got.note


def test_over_visit_threshold_is_the_markets_setting(
    camp_cut: workbench.Cut, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert wa.call_frequency(camp_cut).threshold == 8
    monkeypatch.setenv("WORKBENCH_OVER_VISIT_THRESHOLD", "3")
    assert wa.call_frequency(camp_cut).threshold == 3
    assert wa.call_frequency(camp_cut, settings=Settings(over_visit_threshold=5)).threshold == 5
    with pytest.raises(AnalysisError, match="0 or more"):
        wa.call_frequency(camp_cut, threshold=-1)


def test_national_over_visits_are_rare(national_cut: workbench.Cut) -> None:
    got = wa.call_frequency(national_cut)
    assert 0 < got.share_over < 0.01
    assert (got.flagged["calls"] > 8).all()


def test_an_empty_period_has_no_calls(camp_cut: workbench.Cut) -> None:
    got = wa.call_frequency(camp_cut, period=2019)
    assert got.distribution.empty and got.flagged.empty and got.share_over == 0.0


# --- goals and reach --------------------------------------------------------------------------


def test_calls_vs_goal_matches_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    period = ("2026-07-01", "2026-09-30")
    got = wa.calls_vs_goal(camp_cut, period=period).set_index("doctor_id")
    calls = camp_tables("call")
    in_period = calls[calls["call_date"].between("2026-07-01", "2026-09-30")]
    counts = in_period.groupby("doctor_id").size().reindex(got.index, fill_value=0)
    assert got["calls"].to_dict() == counts.to_dict()
    np.testing.assert_allclose(got["calls_per_month"], counts / 3)
    goals = wa.doctor_goals(wa.potential_adoption(camp_cut)).set_index("doctor_id")["goal"]
    assert got["goal"].to_dict() == goals.to_dict()
    expected = np.where(counts / 3 < goals, "below", np.where(counts / 3 > goals, "above", "met"))
    assert got["status"].tolist() == expected.tolist()
    assert got.attrs["period"] == "2026-07-01 – 2026-09-30 (3 months)"


def test_under_served_are_key_customers_below_goal(camp_cut: workbench.Cut) -> None:
    got = wa.under_served(camp_cut)
    assert set(got["segment"]) <= {"develop", "grow", "defend"}
    assert (got["calls_per_month"] < got["goal"]).all()
    assert got["shortfall"].is_monotonic_decreasing
    everyone = wa.calls_vs_goal(camp_cut)
    key = everyone[everyone["segment"].isin(["develop", "grow", "defend"])]
    assert len(got) == (key["status"] == "below").sum() > 0


def test_reach_and_frequency_by_segment_match_pandas(
    camp_cut: workbench.Cut, camp_tables: Tables
) -> None:
    got = wa.reach_frequency(camp_cut, by="segment").set_index("segment")
    targets = wa.doctor_goals(wa.potential_adoption(camp_cut))
    calls = camp_tables("call").groupby("doctor_id").size().rename("calls")
    joined = targets.merge(calls, on="doctor_id", how="left")
    for segment, part in joined.groupby("segment"):
        row = got.loc[segment]
        assert row["targets"] == len(part)
        assert row["reached"] == part["calls"].notna().sum()
        assert row["reach"] == pytest.approx(part["calls"].notna().mean())
        assert row["frequency"] == pytest.approx(part["calls"].sum() / part["calls"].notna().sum())


def test_reach_by_rep_counts_own_calls_on_own_territory(
    camp_cut: workbench.Cut, camp_tables: Tables
) -> None:
    got = wa.reach_frequency(camp_cut, by="rep", period=("2026-08-01", "2026-08-31"))
    a = camp_tables("assignment")
    live = a[(a["start_on"] <= "2026-08-31") & (a["end_on"].isna() | (a["end_on"] >= "2026-08-01"))]
    calls = camp_tables("call")
    calls = calls[calls["call_date"].between("2026-08-01", "2026-08-31")]
    pairs = live[["rep_id", "doctor_id"]].drop_duplicates()
    own = pairs.merge(calls.groupby(["rep_id", "doctor_id"]).size().rename("n").reset_index())
    want = pairs.groupby("rep_id").size()
    assert got.set_index("rep_id")["targets"].to_dict() == want.to_dict()
    assert got.set_index("rep_id")["reached"].to_dict() == (
        own.groupby("rep_id").size().reindex(want.index, fill_value=0).to_dict()
    )
    with pytest.raises(AnalysisError, match="'segment' or 'rep'"):
        wa.reach_frequency(camp_cut, by="city")


# --- conflicts --------------------------------------------------------------------------------


def test_plan_conflicts_match_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    items = camp_tables("plan_item").merge(camp_tables("plan"), on="plan_id")
    reps = items.groupby(["week_start", "doctor_id"])["rep_id"].agg(lambda r: sorted(set(r)))
    want = reps[reps.map(len) >= 2]
    got = wa.plan_conflicts(camp_cut)
    assert len(got) == len(want) > 0
    for row in got.itertuples():
        expected = want.loc[(pd.Timestamp(row.week_start), row.doctor_id)]
        assert row.rep_ids == ", ".join(map(str, expected)) and row.reps == len(expected)


def test_national_plans_have_a_handful_of_conflicts_every_week(
    national_cut: workbench.Cut,
) -> None:
    per_week = wa.plan_conflicts(national_cut).groupby("week_start").size()
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


# --- turnover ---------------------------------------------------------------------------------


def test_turnover_matches_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    reps = camp_tables("rep")
    a = camp_tables("assignment")
    leavers = reps[reps["left_on"].notna()][["rep_id", "left_on"]]
    held = a.merge(leavers, on="rep_id")
    held = held[
        (held["start_on"] <= held["left_on"])
        & (held["end_on"].isna() | (held["end_on"] >= held["left_on"]))
    ]
    got = wa.turnover(camp_cut, within_days=30)
    assert len(got.customers) == len(held) > 0
    for row in got.customers.sample(20, random_state=0).itertuples():
        later = a[
            (a["doctor_id"] == row.doctor_id)
            & (a["rep_id"] != row.rep_id)
            & (a["start_on"] >= pd.Timestamp(row.left_on))
        ]
        if later.empty:
            assert pd.isna(row.days)
        else:
            assert row.days == (later["start_on"].min() - pd.Timestamp(row.left_on)).days
    summary = got.reps.set_index("rep_id")
    assert summary["customers"].to_dict() == held.groupby("rep_id").size().to_dict()
    calls = camp_tables("call").merge(held[["rep_id", "doctor_id"]])
    assert summary["calls"].to_dict() == calls.groupby("rep_id").size().to_dict()
    assert ((summary["history_kept"] >= 0) & (summary["history_kept"] <= 1)).all()


@pytest.mark.parametrize("year", [2024, 2025])
def test_national_attrition_matches_the_head_count_formula(
    national_cut: workbench.Cut, year: int
) -> None:
    got = wa.turnover(national_cut).attrition.set_index("year").loc[year]
    reps = pd.read_parquet(national_cut.file("rep"))
    reps = reps[reps["role"] == "rep"]
    start, end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
    hired, left = pd.to_datetime(reps["hired_on"]), pd.to_datetime(reps["left_on"])
    days = (left.fillna(end).clip(upper=end) - hired.clip(lower=start)).dt.days.add(1).clip(lower=0)
    headcount = days.sum() / ((end - start).days + 1)
    assert got["leavers"] == left.between(start, end).sum()
    assert got["attrition"] == pytest.approx(got["leavers"] / headcount)
    assert 0.22 <= got["attrition"] <= 0.27


def test_handover_pack_has_accounts_last_calls_and_open_steps(
    camp_cut: workbench.Cut, camp_tables: Tables, tmp_path: Path
) -> None:
    reps = camp_tables("rep")
    leaver = reps[reps["left_on"].notna()].iloc[0]
    pack = wa.handover_pack(camp_cut, int(leaver.rep_id), out=tmp_path)
    a = camp_tables("assignment")
    held = a[
        (a["rep_id"] == leaver.rep_id)
        & (a["start_on"] <= leaver.left_on)
        & (a["end_on"].isna() | (a["end_on"] >= leaver.left_on))
    ]
    assert sorted(pack.accounts["doctor_id"]) == sorted(held["doctor_id"])
    calls = camp_tables("call")
    calls = calls[(calls["rep_id"] == leaver.rep_id) & calls["doctor_id"].isin(held["doctor_id"])]
    last = calls.sort_values(["call_date", "call_id"]).groupby("doctor_id").tail(1)
    assert sorted(pack.last_calls["doctor_id"]) == sorted(last["doctor_id"])
    assert len(pack.next_steps) == last["next_step"].notna().sum() > 0
    assert {p.name for p in pack.files} == {
        "accounts.csv",
        "last_calls.csv",
        "next_steps.csv",
        "affiliations.csv",
        "index.html",
    }
    page = (pack.folder / "index.html").read_text(encoding="utf-8")
    assert str(leaver["name"]) in page and camp_cut.label in page
    assert pd.read_csv(pack.folder / "accounts.csv").shape[0] == len(held)
    with pytest.raises(AnalysisError, match="not in the cut"):
        wa.handover_pack(camp_cut, 99999)
    by_default = wa.handover_pack(camp_cut, int(leaver.rep_id))
    assert by_default.folder.parent == Settings.from_env().data_dir / "handover"


# --- growth -----------------------------------------------------------------------------------


def test_growth_matches_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    sales = camp_tables("sale")
    before = sales[sales["sale_date"].dt.month == 6].groupby("hospital_id")["amount"].sum()
    after = sales[sales["sale_date"].dt.month == 10].groupby("hospital_id")["amount"].sum()
    got = wa.growth(camp_cut, by="hospital", before="2026-06", after="2026-10")
    got = got.set_index("hospital_id")
    np.testing.assert_allclose(got.loc[before.index, "before"], before)
    np.testing.assert_allclose(
        got.loc[after.index, "growth"], after / before.reindex(after.index) - 1
    )
    assert got["share"].sum() == pytest.approx(1.0)


def test_the_seeds_key_account_story_in_the_national_world(national_cut: workbench.Cut) -> None:
    """2001: 68% of business in 270 hospitals; the next year +18% and 80% in 200."""
    first = wa.concentration(national_cut, value="amount", by="hospital", period=2024)
    second = wa.concentration(national_cut, value="amount", by="hospital", period=2025)
    assert first.share_of_top(270) == pytest.approx(0.68, abs=0.02)
    assert second.total / first.total - 1 == pytest.approx(0.18, abs=0.02)
    assert second.n_for_share(0.80) == pytest.approx(200, abs=15)
    by_region = wa.growth(national_cut, by="region", before=2024, after=2025)
    assert by_region["after"].sum() / by_region["before"].sum() - 1 == pytest.approx(
        second.total / first.total - 1
    )
