"""A site's live view: its overdue assessments agree with the trial analysis of a cut taken
the same day and with plain pandas on the tables, and the overdue threshold is pinned on
both sides of its boundary."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import workbench
from workbench import Database
from workbench.analysis import trials as tr
from workbench.errors import MissingEntry
from workbench.trial_sites import (
    assessment_schedule,
    list_sites,
    overdue_assessments,
    site_reports,
)

#: a day mid-trial, the day the camp world's reports end (the default cutoff), later days
DAYS = [dt.date(2026, 6, 30), dt.date(2026, 10, 30), dt.date(2026, 11, 6), dt.date(2026, 12, 1)]


@pytest.mark.parametrize("day", DAYS)
def test_overdue_counts_per_site_agree_with_the_cut_based_timeliness(
    camp_db: Database, camp_cut: workbench.Cut, day: dt.date
) -> None:
    analysed = tr.timeliness(tr.trial(camp_cut, cutoff=day)).table["overdue"]
    sites = list_sites(camp_db)
    live = {
        row.code: len(overdue_assessments(camp_db, int(row.site_id), today=day))
        for row in sites.itertuples()
    }
    expected = analysed.reindex(sites["code"], fill_value=0).astype(int).to_dict()
    assert live == expected and sum(live.values()) > 0


def _independent_overdue(db: Database, day: dt.date) -> pd.DataFrame:
    """Overdue subjects from the raw tables, in plain pandas (not the module's query)."""
    with db.begin() as conn:
        subject = pd.read_sql("SELECT * FROM subject", conn)
        assessment = pd.read_sql("SELECT * FROM assessment", conn)
        submission = pd.read_sql("SELECT * FROM submission", conn)
        study = pd.read_sql("SELECT * FROM study", conn)
        site = pd.read_sql("SELECT * FROM site", conn)
    target = site.merge(study, on="study_id").set_index("site_id")["report_target_days"]
    received = assessment.merge(submission[["submission_id", "received_at"]], on="submission_id")
    received = received[pd.to_datetime(received["received_at"]).dt.date <= day]
    on = subject[
        (pd.to_datetime(subject["randomised_on"]).dt.date <= day)
        & subject["first_dose_on"].notna()
        & subject["died_on"].isna()
        & ~subject["subject_id"].isin(received.loc[received["overall"] == "PD", "subject_id"])
    ].copy()
    last = pd.to_datetime(received.groupby("subject_id")["assessed_on"].max())
    on["since"] = on["subject_id"].map(last).fillna(pd.to_datetime(on["first_dose_on"]))
    on["due_on"] = on["since"] + pd.Timedelta(days=42)
    on["late"] = (pd.Timestamp(day) - on["due_on"]).dt.days
    late = on[on["late"] > on["site_id"].map(target)]
    return late[["site_id", "code", "due_on", "late"]]


@pytest.mark.parametrize("day", DAYS)
def test_overdue_subjects_agree_with_plain_pandas_on_the_tables(
    camp_db: Database, day: dt.date
) -> None:
    expected = _independent_overdue(camp_db, day)
    for site_id, part in expected.groupby("site_id"):
        live = overdue_assessments(camp_db, int(site_id), today=day)
        assert sorted(live["subject"]) == sorted(part["code"])
        by_code = part.set_index("code")
        for row in live.itertuples():
            assert pd.Timestamp(row.due_on) == by_code.loc[row.subject, "due_on"]
            assert row.days_late == by_code.loc[row.subject, "late"]
    quiet = set(list_sites(camp_db)["site_id"]) - set(expected["site_id"])
    assert all(overdue_assessments(camp_db, int(s), today=day).empty for s in quiet)


def test_an_assessment_is_overdue_only_more_than_the_target_past_its_due_date(
    camp_db: Database,
) -> None:
    schedule = assessment_schedule(camp_db, 1, today=DAYS[1])
    subject = schedule[schedule["days_late"] > 0].iloc[-1]
    due, target = subject["due_on"], int(subject["target_days"])
    assert target == 7  # the camp study's report target

    def row_on(day: dt.date, **options: int) -> pd.Series:
        found = assessment_schedule(camp_db, 1, today=day, **options)
        return found.set_index("subject").loc[subject["subject"]]

    at_boundary = row_on(due + dt.timedelta(days=target))
    assert at_boundary["days_late"] == target and not at_boundary["overdue"]
    past = row_on(due + dt.timedelta(days=target + 1))
    assert past["days_late"] == target + 1 and past["overdue"]
    late = int(subject["days_late"])
    assert not row_on(DAYS[1], target_days=late)["overdue"]
    assert row_on(DAYS[1], target_days=late - 1)["overdue"]
    overdue = overdue_assessments(camp_db, 1, today=due + dt.timedelta(days=target))
    assert subject["subject"] not in set(overdue["subject"])


def test_the_analysis_counts_the_same_subject_on_the_same_side_of_the_boundary(
    camp_db: Database, camp_cut: workbench.Cut
) -> None:
    schedule = assessment_schedule(camp_db, 1, today=DAYS[1])
    subject = schedule[schedule["days_late"] > 0].iloc[-1]
    due, target = subject["due_on"], int(subject["target_days"])
    for shift, counted in ((target, False), (target + 1, True)):
        day = due + dt.timedelta(days=shift)
        t = tr.trial(camp_cut, cutoff=day)
        analysed = int(tr.timeliness(t).table.loc["S01", "overdue"])
        live = overdue_assessments(camp_db, 1, today=day)
        assert analysed == len(live)
        assert (subject["subject"] in set(live["subject"])) is counted


def test_a_sites_reports_are_all_of_its_own_latest_first(camp_db: Database) -> None:
    reports = site_reports(camp_db, 1)
    with camp_db.begin() as conn:
        stored = pd.read_sql("SELECT * FROM submission WHERE site_id = 1", conn)
    assert len(reports) == len(stored) and set(reports["submission_id"]) == set(
        stored["submission_id"]
    )
    assert reports["received_at"].is_monotonic_decreasing
    assert reports["subject"].str.startswith("S01-").all()
    kinds = reports.groupby("kind")
    assert kinds["overall"].apply(lambda s: s.notna().all())["assessment"]
    assert kinds["grade"].apply(lambda s: s.notna().all())["adverse_event"]
    assert len(site_reports(camp_db, 1, limit=5)) == 5


def test_an_unknown_site_is_named() -> None:
    db = workbench.connect("sqlite://")
    with pytest.raises(MissingEntry, match="site 999"):
        assessment_schedule(db, 999, today=DAYS[1])
