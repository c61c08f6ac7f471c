"""A trial's sites: how many subjects each enrolled, and how soon its reports arrive.

Both from a :class:`~workbench.analysis.trials.Trial` (and re-exported by
:mod:`~workbench.analysis.trials`), with the method in ``.note`` and the cut in ``.source``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from workbench.analysis.results import Table
from workbench.i18n import said

if TYPE_CHECKING:
    from workbench.analysis.trials import Trial

__all__ = ["ASSESSMENT_EVERY_DAYS", "enrolment", "timeliness"]

#: Days between a subject's scheduled response assessments (six-weekly): the next one is due
#: this long after the last one, or after the first dose.
ASSESSMENT_EVERY_DAYS = 42


def enrolment(t: Trial) -> Table:
    """Per site: its hospital, subjects randomised (by arm), first and last randomisation."""
    s = t.subjects
    by_arm = pd.crosstab(s["site"], s["arm"])
    table = (
        s.groupby("site")
        .agg(
            hospital=("hospital", "first"),
            subjects=("subject_id", "count"),
            first=("randomised_on", "min"),
            last=("randomised_on", "max"),
        )
        .join(by_arm)
    )
    return Table(
        table.sort_index(), note=said("note.trials.enrolment", cutoff=t.cutoff), source=t.source
    )


def timeliness(t: Trial, *, target_days: int | None = None) -> Table:
    """Per site: how fast reports arrive, and overdue assessments.

    Reports received, median and 90th-percentile days from event to entry, share within the
    study's target, and overdue assessments (subjects on treatment whose next six-weekly
    assessment is more than the target late at the cut). ``target_days`` defaults to the
    study's report target.
    """
    target = int(target_days if target_days is not None else t.params["report_target_days"])
    b = t.submissions.copy()
    b["days"] = (
        pd.to_datetime(b["received_at"]).dt.normalize() - pd.to_datetime(b["event_on"])
    ).dt.days
    table = b.groupby("site").agg(
        reports=("submission_id", "count"),
        median_days=("days", "median"),
        p90_days=("days", lambda d: float(np.percentile(d, 90))),
        within_target=("days", lambda d: float((d <= target).mean())),
    )
    cut = pd.Timestamp(t.cutoff)
    s = t.subjects
    last = t.assessments.groupby("subject_id")["assessed_on"].max()
    progressed = set(t.assessments.loc[t.assessments["overall"] == "PD", "subject_id"])
    on_study = s[s["safety"] & s["died_on"].isna() & ~s["subject_id"].isin(progressed)]
    since = pd.to_datetime(on_study["subject_id"].map(last)).fillna(
        pd.to_datetime(on_study["first_dose_on"])
    )
    due = since + pd.Timedelta(days=ASSESSMENT_EVERY_DAYS)
    overdue = on_study.loc[(cut - due).dt.days > target, "site"].value_counts()
    table["overdue"] = overdue.reindex(table.index, fill_value=0).astype(int)
    table = table.join(s.groupby("site")["hospital"].first()).sort_index()
    return Table(
        table,
        note=said("note.trials.timeliness", target=target, cutoff=t.cutoff),
        source=t.source,
    )
