"""A clinical trial from a data cut: its derivations, and the tables a trial report shows.

:func:`trial` derives one study as known at a cut (``adam``'s populations, best overall
response, times to event and treatment-emergent adverse events); the table functions
(response, survival, forest, adverse events, worst grade, and from :mod:`.sites` enrolment
and site timeliness) each return the table with its method in ``.note`` (said, to be read
in any language) and its cut in ``.source``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from workbench.analysis.rates import _level, rate_difference, response_rate
from workbench.analysis.results import Table
from workbench.analysis.sites import ASSESSMENT_EVERY_DAYS, enrolment, timeliness
from workbench.analysis.survival import CoxResult, LogRank, cox_hr, km_curve, km_summary, logrank
from workbench.errors import AnalysisError
from workbench.i18n import joined, said

__all__ = [
    "ASSESSMENT_EVERY_DAYS",
    "Forest",
    "Survival",
    "Trial",
    "ae_table",
    "enrolment",
    "forest",
    "response_table",
    "survival_table",
    "timeliness",
    "trial",
    "worst_grade_table",
]


@dataclasses.dataclass(frozen=True)
class Trial:
    """One study as known at a data cut, with ``adam``'s derivations.

    Subjects with their populations and arms, the latest version of every assessment, adverse
    events with the treatment-emergent flag, best overall responses and times to event.
    """

    code: str
    title: str
    params: dict[str, Any]
    arms: pd.DataFrame
    subjects: pd.DataFrame
    assessments: pd.DataFrame
    adverse: pd.DataFrame
    submissions: pd.DataFrame
    bor: pd.DataFrame
    tte: pd.DataFrame
    cutoff: Any
    source: str
    #: how ``bor``, ``tte`` and ``adverse`` were derived (each derivation's ``.note``)
    bor_note: str = ""
    tte_note: str = ""
    adverse_note: str = ""

    @property
    def reference(self) -> str:
        """The code of the reference arm."""
        return str(self.arms.loc[self.arms["is_reference"], "code"].iloc[0])


def trial(cut: Any, study: str | None = None, *, cutoff: Any = None) -> Trial:
    """Derive one study (by code; default the first) from a data cut, as of ``cutoff``.

    The default cutoff is the day the last report of the study was received: the data are
    current to then (a cut of a live database: its day; of the sample world: the end of
    its data). Nothing randomised, assessed or received after the cutoff counts.

    Parameters
    ----------
    cut
        The data cut holding the study.
    study
        The study's code; the first study by default.
    cutoff
        The day the data are taken as of.

    Returns
    -------
    Trial
        The study's subjects, assessments, adverse events, reports and derivations.

    Raises
    ------
    AnalysisError
        The cut holds no clinical trial, or none with the code ``study``.
    """
    from workbench.analysis import adam

    studies = cut.sql("SELECT * FROM study ORDER BY study_id")
    if studies.empty:
        raise AnalysisError(key="error.trial.none", cut=cut.label)
    if study is None:
        chosen = studies.iloc[0]
    else:
        matches = studies[studies["code"] == study]
        if matches.empty:
            raise AnalysisError(
                key="error.trial.study",
                study=study,
                cut=cut.label,
                studies=", ".join(studies["code"]),
            )
        chosen = matches.iloc[0]
    sid = int(chosen["study_id"])
    params = {k: chosen[k] for k in chosen.index if k not in ("study_id", "code", "title")}
    if cutoff is None:
        last = cut.sql(
            "SELECT max(b.received_at) AS last FROM submission b JOIN site t USING (site_id) "
            "WHERE t.study_id = $s",
            {"s": sid},
        )["last"].iloc[0]
        cutoff = pd.Timestamp(last).date() if pd.notna(last) else cut.created_at.date()
    arms = cut.sql("SELECT * FROM arm WHERE study_id = $s ORDER BY arm_id", {"s": sid})
    subjects = cut.sql(
        """
        SELECT s.*, a.code AS arm, a.name AS arm_name, t.code AS site, h.name AS hospital
        FROM subject s
        JOIN arm a ON a.arm_id = s.arm_planned_id
        JOIN site t ON t.site_id = s.site_id
        JOIN hospital h ON h.hospital_id = t.hospital_id
        WHERE s.study_id = $s AND s.randomised_on <= $cut
        ORDER BY s.subject_id
        """,
        {"s": sid, "cut": cutoff},
    )
    submissions = cut.sql(
        """
        SELECT b.*, t.code AS site FROM submission b JOIN site t ON t.site_id = b.site_id
        WHERE t.study_id = $s AND CAST(b.received_at AS DATE) <= $cut
        """,
        {"s": sid, "cut": cutoff},
    )
    assessments = cut.sql(
        """
        SELECT a.subject_id, a.visit, a.assessed_on, a.overall, b.version, b.received_at
        FROM assessment a JOIN submission b USING (submission_id)
        JOIN subject s ON s.subject_id = a.subject_id
        WHERE s.study_id = $s AND CAST(b.received_at AS DATE) <= $cut
        """,
        {"s": sid, "cut": cutoff},
    )
    events = cut.sql(
        """
        SELECT e.* FROM adverse_event e JOIN submission b USING (submission_id)
        JOIN subject s ON s.subject_id = e.subject_id
        WHERE s.study_id = $s AND CAST(b.received_at AS DATE) <= $cut
        """,
        {"s": sid, "cut": cutoff},
    )
    subjects = adam.populations(subjects, assessments)
    bor = adam.best_overall_response(
        subjects,
        assessments,
        cutoff=cutoff,
        confirmation=bool(params["confirmation_required"]),
        confirm_min_days=int(params["confirm_min_days"]),
        sd_min_days=int(params["sd_min_days"]),
    )
    responses = bor.table.merge(subjects[["subject_id", "arm"]], on="subject_id")
    tte = adam.time_to_event(subjects, assessments, cutoff=cutoff, bor=responses)
    adverse = adam.adverse_events(subjects, events, window_days=int(params["teae_window_days"]))
    return Trial(
        code=str(chosen["code"]),
        title=str(chosen["title"]),
        params=params,
        arms=arms,
        subjects=subjects,
        assessments=assessments,
        adverse=adverse.table.merge(subjects[["subject_id", "arm"]], on="subject_id"),
        submissions=submissions,
        bor=responses,
        tte=tte.table,
        cutoff=cutoff,
        source=cut.label,
        bor_note=bor.note,
        tte_note=tte.note,
        adverse_note=adverse.note,
    )


#: the populations a response table counts, each with the catalogue key of its note
_POPULATIONS = {
    "itt": "note.trials.population_itt",
    "evaluable": "note.trials.population_evaluable",
    "safety": "note.trials.population_safety",
}


def response_table(
    t: Trial,
    *,
    denominator: str = "itt",
    alpha: float = 0.05,
    method: str = "newcombe",
) -> Table:
    """Best overall response per arm, with ORR and DCR and the ORR difference.

    Per arm: n, each best overall response, pending confirmations, ORR (CR + PR) and
    DCR (CR + PR + SD + NON-CR/NON-PD) with exact intervals; then the ORR difference of
    each arm against the reference. Pending responses are shown apart and never counted.

    Parameters
    ----------
    t
        The trial, from :func:`trial`.
    denominator
        The population: ``"itt"``, ``"evaluable"`` or ``"safety"``.
    alpha
        One minus the confidence level.
    method
        The interval of the ORR difference: ``"newcombe"`` or ``"waldcc"`` (see
        :func:`~workbench.analysis.rates.rate_difference`).

    Returns
    -------
    Table
        One row per arm; ``orr_diff``, ``orr_diff_lower`` and ``orr_diff_upper`` on the arms
        compared with the reference.

    Raises
    ------
    AnalysisError
        ``denominator`` or ``method`` is not known.
    """
    if denominator not in _POPULATIONS:
        raise AnalysisError(
            key="error.trial.denominator", denominator=denominator, choices=", ".join(_POPULATIONS)
        )
    from workbench.analysis.adam import RESPONSES

    people = t.subjects.loc[t.subjects[denominator], ["subject_id"]]
    bor = t.bor.merge(people, on="subject_id")
    rows = []
    for arm in t.arms["code"]:
        mine = bor[bor["arm"] == arm]
        n = len(mine)
        counts = {r: int((mine["bor"] == r).sum()) for r in RESPONSES}
        responders = counts["CR"] + counts["PR"]
        controlled = responders + counts["SD"] + counts["NON-CR/NON-PD"]
        row: dict[str, Any] = {"arm": arm, "n": n, **counts, "pending": int(mine["pending"].sum())}
        for label, x in (("orr", responders), ("dcr", controlled)):
            if n:
                rate = response_rate(x, n, alpha=alpha)
                row |= {
                    label: rate.rate,
                    f"{label}_lower": rate.lower,
                    f"{label}_upper": rate.upper,
                }
            else:
                row |= {label: math.nan, f"{label}_lower": math.nan, f"{label}_upper": math.nan}
        rows.append(row)
    table = pd.DataFrame(rows).set_index("arm")
    ref = t.reference
    notes: list[str] = [said(_POPULATIONS[denominator], cutoff=t.cutoff)]
    for arm in table.index:
        if arm == ref or not table.loc[arm, "n"] or not table.loc[ref, "n"]:
            continue
        diff = rate_difference(
            int(table.loc[arm, "CR"] + table.loc[arm, "PR"]), int(table.loc[arm, "n"]),
            int(table.loc[ref, "CR"] + table.loc[ref, "PR"]), int(table.loc[ref, "n"]),
            method=method, alpha=alpha,
        )  # fmt: skip
        table.loc[arm, ["orr_diff", "orr_diff_lower", "orr_diff_upper"]] = (
            diff.difference, diff.lower, diff.upper,
        )  # fmt: skip
        notes.append(said("note.trials.orr_difference", arm=arm, ref=ref, method=diff.note))
    notes.append(said("note.trials.rates", level=_level(alpha)))
    notes.append(t.bor_note)
    return Table(table, note=joined(notes), source=t.source)


@dataclasses.dataclass(frozen=True, eq=False)
class Survival:
    """Kaplan–Meier of one time-to-event parameter per arm.

    ``table``: per arm, n, events, median and its interval. ``curves``: the step curves to
    draw, per arm from day 0 (``arm``, ``time``, ``survival``, ``censored``, ``at_risk``).
    ``logrank`` and ``hr`` (against the reference arm) when there are two arms and events.
    ``period``: the data's cutoff, as a chart prints it (``"data to 2026-10-31"``).
    """

    param: str
    table: pd.DataFrame
    curves: pd.DataFrame
    note: str
    source: str
    logrank: LogRank | None = None
    hr: CoxResult | None = None
    period: str = ""

    @property
    def summary(self) -> str:
        """Each arm's median, and the hazard ratio: one line, as under a KM chart."""
        medians = ", ".join(
            f"{r.arm}: median {r.median:g} d"
            if pd.notna(r.median)
            else f"{r.arm}: median not reached"
            for r in self.table.itertuples()
        )
        if self.hr is None:
            return medians
        return f"{medians}; HR {self.hr.hr:.2f} ({self.hr.lower:.2f}–{self.hr.upper:.2f})"


def survival_table(
    t: Trial, param: str = "PFS", *, conf_type: str = "log", ties: str = "efron"
) -> Survival:
    """Kaplan–Meier per arm for OS, PFS or DOR, with the log-rank test and hazard ratio.

    Its curves, and the log-rank test and the hazard ratio against the reference arm.

    Parameters
    ----------
    t
        The trial, from :func:`trial`.
    param
        ``"OS"``, ``"PFS"`` or ``"DOR"``.
    conf_type
        The transform of the median's interval (see :func:`~workbench.analysis.survival.km_curve`).
    ties
        The Cox ties method: ``"efron"`` or ``"breslow"``.

    Returns
    -------
    Survival
        The table, curves, and the test and hazard ratio when there are two arms and events.

    Raises
    ------
    AnalysisError
        ``param`` or ``conf_type`` is not known, ``ties`` is not known (when a hazard ratio is
        computed), or there are no data for ``param``.
    """
    if param not in ("OS", "PFS", "DOR"):
        raise AnalysisError(key="error.trial.param", param=param)
    data = t.tte[t.tte["param"] == param]
    if data.empty:
        raise AnalysisError(key="error.trial.no_data", param=param, source=t.source)
    summary = km_summary(data, duration="days", event="event", group="arm", conf_type=conf_type)
    notes, test, hr = [summary.note], None, None
    if data["arm"].nunique() == 2 and data["event"].sum() > 0:
        test = logrank(data, duration="days", event="event", group="arm")
        hr = cox_hr(
            data, duration="days", event="event", arm="arm", reference=t.reference, ties=ties
        )
        notes.append(said("note.trials.logrank_hr", test=test.note, p=test.p, hr=hr.hr,
                          lower=hr.lower, upper=hr.upper, cox=hr.note))  # fmt: skip
    curves = []
    for arm, part in data.groupby("arm", sort=True):
        curve = km_curve(part, duration="days", event="event", conf_type=conf_type)
        start = pd.DataFrame(
            {"time": [0.0], "survival": [1.0], "censored": [0], "at_risk": [len(part)]}
        )
        curve = pd.concat([start, curve[["time", "survival", "censored", "at_risk"]]])
        curves.append(curve.assign(arm=arm))
    return Survival(
        param=param,
        table=summary.table,
        curves=pd.concat(curves, ignore_index=True)[
            ["arm", "time", "survival", "censored", "at_risk"]
        ],
        note=joined([*notes, t.tte_note]),
        source=t.source,
        logrank=test,
        hr=hr,
        period=said("trial.cutoff", cutoff=t.cutoff),
    )


@dataclasses.dataclass(frozen=True, eq=False)
class Forest:
    """The effect by subgroup, one row per subgroup level, as a forest plot draws it.

    Columns ``subgroup``, ``level``, ``n``, ``events``, ``estimate``, ``lower``, ``upper``,
    ``ne``, for ``measure`` ``"orr"`` (a difference: no effect at 0) or ``"hr"`` (a hazard
    ratio: no effect at 1). ``period``: the data's cutoff, as a chart prints it.
    """

    table: pd.DataFrame
    measure: str
    note: str
    source: str
    period: str = ""

    @property
    def null(self) -> float:
        """The value of no effect."""
        return 1.0 if self.measure == "hr" else 0.0


def forest(
    t: Trial,
    *,
    by: Sequence[str] = ("age_group", "sex", "ecog"),
    measure: str = "orr",
    alpha: float = 0.05,
) -> Forest:
    """ORR difference (``measure="orr"``) or PFS hazard ratio (``"hr"``) by subgroup.

    One row per subgroup level, after an ``all`` row; a level with too few subjects or no
    events stays, marked NE.

    Parameters
    ----------
    t
        The trial, from :func:`trial`.
    by
        The subject columns whose levels make the subgroups.
    measure
        ``"orr"`` (ITT population, Newcombe interval) or ``"hr"`` (Cox, Efron ties).
    alpha
        One minus the confidence level.

    Returns
    -------
    Forest
        The table, the measure and its note.

    Raises
    ------
    AnalysisError
        ``measure`` is not known.
    """
    if measure not in ("orr", "hr"):
        raise AnalysisError(key="error.trial.measure", measure=measure)
    ref = t.reference
    other = next(a for a in t.arms["code"] if a != ref)
    rows = []
    levels = [("all", "all", t.subjects)] + [
        (column, level, part)
        for column in by
        for level, part in t.subjects.groupby(column, sort=True)
    ]
    for column, level, part in levels:
        ids = set(part["subject_id"])
        row: dict[str, Any] = {"subgroup": column, "level": level}
        if measure == "orr":
            b = t.bor[
                t.bor["subject_id"].isin(ids)
                & t.bor["subject_id"].isin(t.subjects.loc[t.subjects["itt"], "subject_id"])
            ]
            x1, n1 = int(b.loc[b.arm == other, "responder"].sum()), int((b.arm == other).sum())
            x2, n2 = int(b.loc[b.arm == ref, "responder"].sum()), int((b.arm == ref).sum())
            row |= {"n": n1 + n2, "events": x1 + x2}
            if n1 and n2:
                d = rate_difference(x1, n1, x2, n2, alpha=alpha)
                row |= {"estimate": d.difference, "lower": d.lower, "upper": d.upper, "ne": False}
            else:
                row |= {"estimate": math.nan, "lower": math.nan, "upper": math.nan, "ne": True}
        else:
            data = t.tte[(t.tte["param"] == "PFS") & t.tte["subject_id"].isin(ids)]
            row |= {"n": len(data), "events": int(data["event"].sum())}
            try:
                if data["arm"].nunique() < 2 or data.groupby("arm")["event"].sum().min() == 0:
                    raise AnalysisError(key="error.trial.no_events")
                hr = cox_hr(
                    data, duration="days", event="event", arm="arm", reference=ref, alpha=alpha
                )
                row |= {"estimate": hr.hr, "lower": hr.lower, "upper": hr.upper, "ne": False}
            except AnalysisError:
                row |= {"estimate": math.nan, "lower": math.nan, "upper": math.nan, "ne": True}
        rows.append(row)
    return Forest(
        pd.DataFrame(rows),
        measure=measure,
        note=said(f"note.trials.forest_{measure}", other=other, ref=ref, level=_level(alpha)),
        source=t.source,
        period=said("trial.cutoff", cutoff=t.cutoff),
    )


def ae_table(t: Trial, *, teae_only: bool = True) -> Table:
    """Subjects with at least one event by system organ class and preferred term, per arm.

    Count and percentage of the arm's safety population; the first row is any event.
    ``teae_only`` counts only treatment-emergent events.
    """
    safety = t.subjects[t.subjects["safety"]]
    n = safety.groupby("arm").size()
    events = t.adverse[t.adverse["teae"]] if teae_only else t.adverse
    events = events[events["subject_id"].isin(safety["subject_id"])]
    arms = list(t.arms["code"])
    rows = []

    def counts(part: pd.DataFrame) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for arm in arms:
            k = part.loc[part["arm"] == arm, "subject_id"].nunique()
            out[f"{arm} n"] = k
            out[f"{arm} %"] = 100 * k / n.get(arm, 0) if n.get(arm, 0) else math.nan
        return out

    rows.append({"soc": "any", "preferred_term": "", **counts(events)})
    for soc, part in events.groupby("soc", sort=True):
        rows.append({"soc": soc, "preferred_term": "", **counts(part)})
        for term, sub in part.groupby("preferred_term", sort=True):
            rows.append({"soc": soc, "preferred_term": term, **counts(sub)})
    head = joined([said("note.trials.arm_n", arm=a, n=n.get(a, 0)) for a in arms], sep="items")
    note = said(f"note.trials.ae_{'teae' if teae_only else 'all'}", head=head)
    return Table(pd.DataFrame(rows), note=joined([note, t.adverse_note]), source=t.source)


def worst_grade_table(t: Trial) -> Table:
    """Per arm, subjects by their worst treatment-emergent CTCAE grade (and none)."""
    from workbench.analysis.adam import worst_grade

    safety = t.subjects[t.subjects["safety"]]
    worst = worst_grade(t.adverse[t.adverse["subject_id"].isin(safety["subject_id"])])
    worst = safety[["subject_id", "arm"]].merge(worst, on="subject_id", how="left")
    worst["grade"] = worst["grade"].fillna(0).astype(int)
    table = pd.crosstab(worst["grade"], worst["arm"]).reindex(range(6), fill_value=0)
    table.index = ["none", "1", "2", "3", "4", "5"]
    table.index.name = "worst grade"
    return Table(
        table,
        note=said("note.trials.worst_grade"),
        source=t.source,
    )
