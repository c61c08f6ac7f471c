"""The sample trial: two arms at ~20 CRM hospitals, ~300 pseudonymous subjects, responses
and adverse events by arm, sites that report late, corrections as second versions."""

from __future__ import annotations

import re

import pandas as pd

from workbench.analysis import adam, survival
from workbench.db.models import Base
from workbench.sample import World

TRIAL_TABLES = ("study", "arm", "site", "subject", "submission", "assessment", "adverse_event")
#: column names that would hold a direct identifier
IDENTIFYING = re.compile(r"name$|phone|mobile|birth|address|id_card|initials", re.I)


def test_the_trial_runs_at_distinct_crm_hospitals(camp_world: World) -> None:
    sites = camp_world["site"]
    assert len(sites) == 20 and sites["hospital_id"].is_unique
    assert set(sites["hospital_id"]) <= set(camp_world["hospital"]["hospital_id"])
    subjects = camp_world["subject"]
    assert len(subjects) == 300
    assert subjects["arm_planned_id"].value_counts().between(120, 180).all()
    assert (subjects["randomised_on"] >= subjects["consented_on"]).all()
    assert (camp_world["arm"]["is_reference"].sum()) == 1


def test_no_trial_table_holds_a_direct_identifier(camp_world: World) -> None:
    for table in ("subject", "submission", "assessment", "adverse_event"):
        columns = Base.metadata.tables[table].columns.keys()
        assert [c for c in columns if IDENTIFYING.search(c)] == [], table
    assert set(TRIAL_TABLES) <= set(camp_world)
    assert camp_world["subject"]["code"].str.fullmatch(r"S\d{2}-\d{4}").all()


def test_reports_follow_the_subjects_course(camp_world: World) -> None:
    subjects = camp_world["subject"].set_index("subject_id")
    a = camp_world["assessment"].join(subjects, on="subject_id")
    assert (a["assessed_on"] > a["randomised_on"]).all()
    assert ((a["died_on"].isna()) | (a["assessed_on"] <= a["died_on"])).all()
    ae = camp_world["adverse_event"]
    assert ae["grade"].between(1, 5).all()
    sub = camp_world["submission"].set_index("submission_id")
    joined = camp_world["assessment"].join(sub[["event_on", "kind"]], on="submission_id")
    assert (joined["event_on"] == joined["assessed_on"]).all()
    assert (joined["kind"] == "assessment").all()
    assert (sub["received_at"].dt.normalize() >= sub["event_on"]).all()
    assert (sub["version"] == 2).sum() > 0  # some reports were corrected


def test_a_few_sites_report_weeks_late(camp_world: World) -> None:
    sub = camp_world["submission"]
    delay = (sub["received_at"].dt.normalize() - sub["event_on"]).dt.days
    median = delay.groupby(sub["site_id"]).median()
    assert 2 <= (median > 14).sum() <= 4
    assert (median <= 7).sum() >= 15


def test_the_experimental_arm_responds_more_and_progresses_later(camp_world: World) -> None:
    subjects = camp_world["subject"].rename(columns={"arm_planned_id": "arm"})
    assessments = camp_world["assessment"].merge(
        camp_world["submission"][["submission_id", "version"]], on="submission_id"
    )
    bor = adam.best_overall_response(subjects, assessments).table.merge(
        subjects[["subject_id", "arm"]]
    )
    orr = bor.groupby("arm")["responder"].mean()
    assert orr[1] > orr[2] + 0.1
    end = camp_world["call"]["call_date"].max().date()
    tte = adam.time_to_event(subjects, assessments, cutoff=end, bor=bor).table
    pfs = survival.km_summary(
        tte[tte.param == "PFS"], duration="days", event="event", group="arm"
    ).table.set_index("arm")
    assert pfs.loc[1, "median"] > pfs.loc[2, "median"]
    hr = survival.cox_hr(
        tte[tte.param == "PFS"], duration="days", event="event", arm="arm", reference=2
    )
    assert hr.hr < 1 and hr.p < 0.05
    assert pd.notna(pfs["median"]).all()
