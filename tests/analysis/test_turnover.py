"""Turnover and handover packs, cross-checked against plain pandas on the cut's files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench import AnalysisError, Settings
from workbench import analysis as wa

Tables = Callable[[str], pd.DataFrame]


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
    settings = Settings(data_dir=tmp_path / "data")
    by_default = wa.handover_pack(camp_cut, int(leaver.rep_id), settings=settings)
    assert by_default.folder.parent == settings.data_dir / "handover"
