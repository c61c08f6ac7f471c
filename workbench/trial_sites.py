"""A trial site's own view, read live from the database: its reports and what is overdue.

Site staff see what they reported a moment ago, so nothing here reads a data cut. The
overdue rule is the trial analysis's (:func:`workbench.analysis.trials.timeliness`): a dosed
subject, alive and not progressed, whose next six-weekly assessment
(:data:`~workbench.analysis.trials.ASSESSMENT_EVERY_DAYS` after the last one, or after the
first dose) is more than the study's ``report_target_days`` late with no report.

>>> import datetime as dt, workbench
>>> from workbench.sample import load_sample
>>> db = workbench.connect("sqlite://")
>>> _ = load_sample(db, "camp", seed=0)
>>> sites = list_sites(db)
>>> sites.loc[0, ["code", "hospital_en"]].tolist()
['S01', "Shanghai No.1 People's Hospital"]
>>> late = overdue_assessments(db, int(sites.loc[0, "site_id"]), today=dt.date(2026, 10, 30))
>>> len(late), bool((late["days_late"] > late["target_days"]).all())
(13, True)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import case, func, select

from workbench.analysis.trials import ASSESSMENT_EVERY_DAYS
from workbench.db.engine import Database
from workbench.db.models import (
    AdverseEvent,
    Assessment,
    Hospital,
    Site,
    Study,
    Subject,
    Submission,
)
from workbench.errors import MissingEntry

__all__ = ["assessment_schedule", "list_sites", "overdue_assessments", "site_reports"]

_SCHEDULE = [
    "subject_id", "subject", "next_visit", "since", "due_on", "days_late", "target_days",
    "overdue",
]  # fmt: skip
_REPORTS = [
    "submission_id", "received_at", "subject", "kind", "version", "event_on", "visit",
    "overall", "verbatim", "preferred_term", "grade", "serious",
]  # fmt: skip


def list_sites(db: Database) -> pd.DataFrame:
    """Every trial site with its study and hospital, by study and site code.

    Returns
    -------
    pandas.DataFrame
        ``site_id``, ``code``, ``study``, ``hospital`` (the Chinese name) and ``hospital_en``.
    """
    with db.session() as session:
        rows = session.execute(
            select(
                Site.site_id,
                Site.code,
                Study.code.label("study"),
                Hospital.name.label("hospital"),
                Hospital.name_en.label("hospital_en"),
            )
            .join(Study, Study.study_id == Site.study_id)
            .join(Hospital, Hospital.hospital_id == Site.hospital_id)
            .order_by(Study.code, Site.code)
        ).all()
    return pd.DataFrame(rows, columns=["site_id", "code", "study", "hospital", "hospital_en"])


def _target_days(db: Database, site_id: int) -> int:
    with db.session() as session:
        target = session.scalar(
            select(Study.report_target_days)
            .join(Site, Site.study_id == Study.study_id)
            .where(Site.site_id == site_id)
        )
    if target is None:
        raise MissingEntry(key="error.site.missing", site=site_id)
    return int(target)


def site_reports(db: Database, site_id: int, *, limit: int | None = None) -> pd.DataFrame:
    """The site's reports as stored now, latest received first.

    Parameters
    ----------
    db
        The database, read live.
    site_id
        The site whose reports are listed.
    limit
        At most this many (the latest); all by default.

    Returns
    -------
    pandas.DataFrame
        One row per report (a correction is a row of its own, with its ``version``):
        ``received_at``, ``subject`` (its code), ``kind`` (``assessment`` or
        ``adverse_event``), ``event_on``, and ``visit`` and ``overall`` for an assessment or
        ``verbatim``, ``preferred_term``, ``grade`` and ``serious`` for an adverse event.
    """
    query = (
        select(
            Submission.submission_id,
            Submission.received_at,
            Subject.code.label("subject"),
            Submission.kind,
            Submission.version,
            Submission.event_on,
            Assessment.visit,
            Assessment.overall,
            AdverseEvent.verbatim,
            AdverseEvent.preferred_term,
            AdverseEvent.grade,
            AdverseEvent.serious,
        )
        .join(Subject, Subject.subject_id == Submission.subject_id)
        .outerjoin(Assessment, Assessment.submission_id == Submission.submission_id)
        .outerjoin(AdverseEvent, AdverseEvent.submission_id == Submission.submission_id)
        .where(Submission.site_id == site_id)
        .order_by(Submission.received_at.desc(), Submission.submission_id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    with db.session() as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=_REPORTS)
    for column in ("visit", "grade"):
        frame[column] = frame[column].astype("Int64")
    return frame


def assessment_schedule(
    db: Database, site_id: int, *, today: dt.date, target_days: int | None = None
) -> pd.DataFrame:
    """Each on-treatment subject's next response assessment at the site, as of ``today``.

    A subject is on treatment when dosed, randomised by ``today``, alive and without a PD
    assessment. Only reports received by ``today`` count, as in a cut taken that day. The
    next assessment is due :data:`~workbench.analysis.trials.ASSESSMENT_EVERY_DAYS` after
    the latest assessment (or the first dose) and is overdue when it is more than
    ``target_days`` late (by default the study's ``report_target_days``).

    Parameters
    ----------
    db
        The database, read live.
    site_id
        The site whose subjects are listed.
    today
        The day the schedule is read as of.
    target_days
        How many days late an assessment may be before it is overdue.

    Returns
    -------
    pandas.DataFrame
        ``subject_id``, ``subject`` (its code), ``next_visit``, ``since`` (the latest
        assessment or first dose), ``due_on``, ``days_late`` (negative while not yet due),
        ``target_days`` and ``overdue``; overdue rows first, the latest first.

    Raises
    ------
    MissingEntry
        There is no site ``site_id``.
    """
    target = _target_days(db, site_id) if target_days is None else int(target_days)
    received_by = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min)
    with db.session() as session:
        subjects = session.execute(
            select(Subject.subject_id, Subject.code, Subject.first_dose_on)
            .where(
                Subject.site_id == site_id,
                Subject.randomised_on <= today,
                Subject.first_dose_on.is_not(None),
                Subject.died_on.is_(None),
            )
            .order_by(Subject.code)
        ).all()
        reported = session.execute(
            select(
                Assessment.subject_id,
                func.max(Assessment.visit),
                func.max(Assessment.assessed_on),
                func.max(case((Assessment.overall == "PD", 1), else_=0)),
            )
            .join(Submission, Submission.submission_id == Assessment.submission_id)
            .join(Subject, Subject.subject_id == Assessment.subject_id)
            .where(Subject.site_id == site_id, Submission.received_at < received_by)
            .group_by(Assessment.subject_id)
        ).all()
    seen = {sid: (visit, last, progressed) for sid, visit, last, progressed in reported}
    rows = []
    for subject_id, code, first_dose in subjects:
        visit, last, progressed = seen.get(subject_id, (0, None, 0))
        if progressed:
            continue
        since = last if last is not None else first_dose
        if since is None:  # never: the query keeps dosed subjects only
            continue
        due = since + dt.timedelta(days=ASSESSMENT_EVERY_DAYS)
        late = (today - due).days
        rows.append((subject_id, code, int(visit) + 1, since, due, late, target, late > target))
    frame = pd.DataFrame(rows, columns=_SCHEDULE)
    return frame.sort_values(
        ["overdue", "days_late", "subject"], ascending=[False, False, True], ignore_index=True
    )


def overdue_assessments(
    db: Database, site_id: int, *, today: dt.date, target_days: int | None = None
) -> pd.DataFrame:
    """The rows of :func:`assessment_schedule` that are overdue: reports the site owes.

    Parameters
    ----------
    db
        The database, read live.
    site_id
        The site whose subjects are listed.
    today
        The day the schedule is read as of.
    target_days
        How many days late an assessment may be before it is overdue.

    Returns
    -------
    pandas.DataFrame
        The overdue rows of the schedule, the latest first.
    """
    schedule = assessment_schedule(db, site_id, today=today, target_days=target_days)
    return schedule[schedule["overdue"]].reset_index(drop=True)
