"""The trial as derived from a data cut, checked against independent pandas computations
on the cut's own Parquet files."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench import AnalysisError
from workbench.analysis import rates
from workbench.analysis import trials as tr


@pytest.fixture(scope="module")
def trial(camp_cut: workbench.Cut) -> tr.Trial:
    return tr.trial(camp_cut)


def _parquet(cut: workbench.Cut, table: str) -> pd.DataFrame:
    return pd.read_parquet(cut.file(table))


def test_the_cutoff_is_the_last_report_received(trial: tr.Trial, camp_cut: workbench.Cut) -> None:
    received = pd.to_datetime(_parquet(camp_cut, "submission")["received_at"])
    assert trial.cutoff == received.max().date()
    assert trial.code == "RDT-301" and trial.reference == "B"
    assert trial.source == camp_cut.label


def test_response_table_counts_every_itt_subject_once(trial: tr.Trial) -> None:
    response = tr.response_table(trial)
    table = response.table
    assert table["n"].sum() == len(trial.subjects)
    responses = ["CR", "PR", "SD", "NON-CR/NON-PD", "PD", "NE"]
    assert (table[responses].sum(axis=1) == table["n"]).all()
    for arm, row in table.iterrows():
        mine = trial.bor[trial.bor["arm"] == arm]
        assert row["orr"] == pytest.approx(mine["responder"].mean())
        assert row["pending"] == mine["pending"].sum()
        rate = rates.response_rate(int(mine["responder"].sum()), len(mine))
        assert (row["orr_lower"], row["orr_upper"]) == pytest.approx((rate.lower, rate.upper))
    a, b = table.loc["A"], table.loc["B"]
    diff = rates.rate_difference(int(a.CR + a.PR), int(a.n), int(b.CR + b.PR), int(b.n))
    assert a["orr_diff"] == pytest.approx(diff.difference)
    assert "ITT population" in response.note and "Newcombe" in response.note
    assert response.source == trial.source
    evaluable = tr.response_table(trial, denominator="evaluable").table
    assert evaluable["n"].sum() == trial.subjects["evaluable"].sum() < len(trial.subjects)
    with pytest.raises(AnalysisError, match="itt"):
        tr.response_table(trial, denominator="everyone")


def test_only_the_latest_version_of_a_corrected_assessment_counts(
    trial: tr.Trial, camp_cut: workbench.Cut
) -> None:
    sub = _parquet(camp_cut, "submission")
    corrected = sub[sub["version"] == 2]
    assert len(corrected) > 0
    latest = (
        trial.assessments.sort_values("version")
        .drop_duplicates(["subject_id", "visit"], keep="last")
        .set_index(["subject_id", "visit"])["overall"]
    )
    assessment = _parquet(camp_cut, "assessment").merge(sub, on="submission_id")
    for row in assessment[assessment["version"] == 2].itertuples():
        assert latest[(row.subject_id_x, row.visit)] == row.overall


def test_survival_tables_by_arm(trial: tr.Trial) -> None:
    pfs = tr.survival_table(trial, "PFS")
    assert list(pfs.table["arm"]) == ["A", "B"] and pfs.table["n"].sum() == len(trial.subjects)
    assert pfs.hr is not None and pfs.hr.hr < 1 and "log-rank" in pfs.note
    assert pfs.logrank is not None and 0 < pfs.logrank.p < 1
    # the curves start at 1 on day 0 and step down to each arm's last time
    for arm, curve in pfs.curves.groupby("arm"):
        assert curve["survival"].iloc[0] == 1.0 and curve["time"].iloc[0] == 0
        assert curve["survival"].is_monotonic_decreasing
        assert curve["at_risk"].iloc[0] == (trial.subjects["arm"] == arm).sum()
    assert "HR" in pfs.summary and "median" in pfs.summary
    dor = tr.survival_table(trial, "DOR")
    assert dor.table["n"].sum() == trial.bor["responder"].sum()
    with pytest.raises(AnalysisError, match="OS, PFS or DOR"):
        tr.survival_table(trial, "TTP")


def test_forest_keeps_subgroups_it_cannot_estimate(trial: tr.Trial) -> None:
    result = tr.forest(trial)
    rows = result.table
    assert result.measure == "orr" and result.null == 0.0
    assert rows.iloc[0]["level"] == "all"
    assert rows.iloc[0]["estimate"] == pytest.approx(
        tr.response_table(trial).table.loc["A", "orr_diff"]
    )
    for column in ("age_group", "sex", "ecog"):
        levels = rows[rows["subgroup"] == column]
        assert levels["n"].sum() == len(trial.subjects)
    tiny = dataclass_replace(trial, subjects=trial.subjects.assign(
        ecog=np.where(trial.subjects["arm"] == "A", 0, 1)))  # fmt: skip
    hr_rows = tr.forest(tiny, by=["ecog"], measure="hr").table
    assert hr_rows[hr_rows["subgroup"] == "ecog"]["ne"].all()  # one arm per level: NE


def dataclass_replace(t: tr.Trial, **changes: object) -> tr.Trial:
    import dataclasses

    return dataclasses.replace(t, **changes)  # type: ignore[arg-type]


def test_ae_table_matches_an_independent_count(trial: tr.Trial, camp_cut: workbench.Cut) -> None:
    table = tr.ae_table(trial).table
    subjects = _parquet(camp_cut, "subject")
    arms = _parquet(camp_cut, "arm").set_index("arm_id")["code"]
    subjects["arm"] = subjects["arm_planned_id"].map(arms)
    safety = subjects[subjects["first_dose_on"].notna()]
    events = _parquet(camp_cut, "adverse_event").merge(
        _parquet(camp_cut, "submission")[["submission_id", "received_at"]], on="submission_id"
    )
    events = events[pd.to_datetime(events["received_at"]).dt.date <= trial.cutoff]
    events = events.merge(safety[["subject_id", "arm", "first_dose_on", "last_dose_on"]])
    last = pd.to_datetime(events["last_dose_on"]).fillna(pd.to_datetime(events["first_dose_on"]))
    start = pd.to_datetime(events["start_on"])
    emergent = events[
        (start >= pd.to_datetime(events["first_dose_on"])) & (start <= last + pd.Timedelta(days=30))
    ]
    for arm in ("A", "B"):
        n = (safety["arm"] == arm).sum()
        expected = (
            emergent[emergent["arm"] == arm].groupby("preferred_term")["subject_id"].nunique()
        )
        got = table[table["preferred_term"] != ""].set_index("preferred_term")[f"{arm} n"]
        assert got.reindex(expected.index).tolist() == expected.tolist()
        any_row = table.iloc[0]
        assert any_row[f"{arm} n"] == emergent.loc[emergent["arm"] == arm, "subject_id"].nunique()
        assert any_row[f"{arm} %"] == pytest.approx(100 * any_row[f"{arm} n"] / n)
    grades = tr.worst_grade_table(trial).table
    assert grades.sum().to_dict() == safety["arm"].value_counts().to_dict()


def test_enrolment_and_timeliness_per_site(trial: tr.Trial, camp_cut: workbench.Cut) -> None:
    sites = tr.enrolment(trial).table
    assert sites["subjects"].sum() == len(trial.subjects)
    assert (sites["A"] + sites["B"] == sites["subjects"]).all()
    timeliness = tr.timeliness(trial)
    timely = timeliness.table
    sub = _parquet(camp_cut, "submission")
    site_codes = _parquet(camp_cut, "site").set_index("site_id")["code"]
    sub["site"] = sub["site_id"].map(site_codes)
    days = (
        pd.to_datetime(sub["received_at"]).dt.normalize() - pd.to_datetime(sub["event_on"])
    ).dt.days
    median = days.groupby(sub["site"]).median()
    assert timely["median_days"].to_dict() == median.to_dict()
    late = timely[timely["median_days"] > 14]
    assert 2 <= len(late) <= 4 and (late["within_target"] < 0.2).all()
    assert timely.loc[late.index, "overdue"].sum() >= timely.drop(late.index)["overdue"].sum() / 2
    assert "target 7 days" in timeliness.note


def test_a_cut_without_the_study_says_which_there_are(camp_cut: workbench.Cut) -> None:
    with pytest.raises(AnalysisError, match="RDT-301"):
        tr.trial(camp_cut, "XYZ-1")
    earlier = tr.trial(camp_cut, cutoff=dt.date(2026, 1, 1))
    assert len(earlier.subjects) < 300 and earlier.cutoff == dt.date(2026, 1, 1)
