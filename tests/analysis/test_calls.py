"""Calls: frequency and over-visits, goals and reach, each cross-checked against plain
pandas on the cut's own files."""

from __future__ import annotations

from collections.abc import Callable

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


def test_over_visit_threshold_is_the_markets_setting(camp_cut: workbench.Cut) -> None:
    assert wa.call_frequency(camp_cut).threshold == 8
    assert wa.call_frequency(camp_cut, settings=Settings(over_visit_threshold=5)).threshold == 5
    assert wa.call_frequency(camp_cut, threshold=3).threshold == 3
    with pytest.raises(AnalysisError, match="0 or more"):
        wa.call_frequency(camp_cut, threshold=-1)


def test_national_over_visits_are_rare(national_cut: workbench.Cut) -> None:
    got = wa.call_frequency(national_cut)
    assert 0 < got.share_over < 0.01
    assert (got.flagged["calls"] > 8).all()


def test_an_empty_period_has_no_calls(camp_cut: workbench.Cut) -> None:
    got = wa.call_frequency(camp_cut, period=2019)
    assert got.distribution.empty and got.flagged.empty and got.share_over == 0.0


def test_calls_vs_goal_matches_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    period = ("2026-07-01", "2026-09-30")
    result = wa.calls_vs_goal(camp_cut, period=period)
    got = result.table.set_index("doctor_id")
    calls = camp_tables("call")
    in_period = calls[calls["call_date"].between("2026-07-01", "2026-09-30")]
    counts = in_period.groupby("doctor_id").size().reindex(got.index, fill_value=0)
    assert got["calls"].to_dict() == counts.to_dict()
    np.testing.assert_allclose(got["calls_per_month"], counts / 3)
    goals = wa.doctor_goals(wa.potential_adoption(camp_cut)).set_index("doctor_id")["goal"]
    assert got["goal"].to_dict() == goals.to_dict()
    expected = np.where(counts / 3 < goals, "below", np.where(counts / 3 > goals, "above", "met"))
    assert got["status"].tolist() == expected.tolist()
    assert result.period == "2026-07-01 – 2026-09-30 (3 months)"
    assert result.source == camp_cut.label


def test_under_served_are_key_customers_below_goal(camp_cut: workbench.Cut) -> None:
    got = wa.under_served(camp_cut).table
    assert set(got["segment"]) <= {"develop", "grow", "defend"}
    assert (got["calls_per_month"] < got["goal"]).all()
    assert got["shortfall"].is_monotonic_decreasing
    everyone = wa.calls_vs_goal(camp_cut).table
    key = everyone[everyone["segment"].isin(["develop", "grow", "defend"])]
    assert len(got) == (key["status"] == "below").sum() > 0


def test_reach_and_frequency_by_segment_match_pandas(
    camp_cut: workbench.Cut, camp_tables: Tables
) -> None:
    got = wa.reach_frequency(camp_cut, by="segment").table.set_index("segment")
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
    got = wa.reach_frequency(camp_cut, by="rep", period=("2026-08-01", "2026-08-31")).table
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
