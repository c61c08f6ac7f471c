"""Clinical-trial statistics: response rates, rate differences, Kaplan–Meier, log-rank, Cox.

Every method choice is a named parameter, and every result names its method in ``.note``
(the footnote of the table it goes into). The well-kept libraries do the work: scipy for
exact binomial intervals, statsmodels for Newcombe intervals and Cox models with either
ties method, lifelines for Kaplan–Meier estimates and the log-rank test. Only what they
lack is written here: the median's confidence interval under R ``survival``'s default log
transform (and its plain and log-log variants), with R's convention for a curve sitting
exactly at 0.5.

>>> r = response_rate(7, 20)
>>> round(r.rate, 2), round(r.lower, 4), round(r.upper, 4)
(0.35, 0.1539, 0.5922)
>>> r.note
'exact Clopper–Pearson 95% CI'
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from workbench.errors import AnalysisError

__all__ = [
    "CoxResult",
    "Difference",
    "LogRank",
    "Rate",
    "Trial",
    "ae_table",
    "cox_hr",
    "enrolment",
    "forest",
    "km_curve",
    "km_summary",
    "logrank",
    "rate_difference",
    "response_rate",
    "response_table",
    "survival_table",
    "timeliness",
    "trial",
    "worst_grade_table",
]

CONF_TYPES = ("log", "log-log", "plain")
DIFFERENCE_METHODS = ("newcombe", "waldcc")
TIES = ("efron", "breslow")


def _z(alpha: float) -> float:
    if not 0 < alpha < 1:
        raise AnalysisError(f"alpha {alpha} must be between 0 and 1, e.g. 0.05 for 95% intervals")
    return float(stats.norm.ppf(1 - alpha / 2))


def _level(alpha: float) -> str:
    return f"{100 * (1 - alpha):g}%"


# --- rates ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Rate:
    """A proportion with its confidence interval."""

    responders: int
    n: int
    rate: float
    lower: float
    upper: float
    note: str


def response_rate(responders: int, n: int, *, alpha: float = 0.05) -> Rate:
    """``responders`` of ``n`` with the exact (Clopper–Pearson) interval."""
    if n <= 0 or not 0 <= responders <= n:
        raise AnalysisError(
            f"{responders} responders of {n} subjects is not a rate; need 0 ≤ responders ≤ n, n > 0"
        )
    _z(alpha)
    ci = stats.binomtest(responders, n).proportion_ci(confidence_level=1 - alpha, method="exact")
    return Rate(
        responders,
        n,
        responders / n,
        float(ci.low),
        float(ci.high),
        f"exact Clopper–Pearson {_level(alpha)} CI",
    )


@dataclasses.dataclass(frozen=True)
class Difference:
    """``rate1 - rate2`` with its confidence interval."""

    difference: float
    lower: float
    upper: float
    note: str


def rate_difference(
    x1: int, n1: int, x2: int, n2: int, *, method: str = "newcombe", alpha: float = 0.05
) -> Difference:
    """The difference of two proportions, ``x1/n1 - x2/n2``.

    ``method``: ``"newcombe"`` (hybrid score, Newcombe 1998 method 10; statsmodels) or
    ``"waldcc"`` (Wald with continuity correction, as R's ``prop.test``).
    """
    for x, n in ((x1, n1), (x2, n2)):
        if n <= 0 or not 0 <= x <= n:
            raise AnalysisError(f"{x} of {n} is not a proportion; need 0 ≤ x ≤ n, n > 0")
    z = _z(alpha)
    p1, p2 = x1 / n1, x2 / n2
    if method == "newcombe":
        from statsmodels.stats.proportion import confint_proportions_2indep

        low, high = confint_proportions_2indep(
            x1, n1, x2, n2, method="newcomb", compare="diff", alpha=alpha
        )
        note = f"Newcombe hybrid score {_level(alpha)} CI"
    elif method == "waldcc":
        half = z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) + (1 / n1 + 1 / n2) / 2
        low, high = max(-1.0, p1 - p2 - half), min(1.0, p1 - p2 + half)
        note = f"Wald {_level(alpha)} CI with continuity correction"
    else:
        raise AnalysisError(f"method {method!r} is not known; use one of {DIFFERENCE_METHODS}")
    return Difference(p1 - p2, float(low), float(high), note)


# --- Kaplan–Meier ---------------------------------------------------------------------------


def _check_columns(df: pd.DataFrame, *columns: str | None) -> None:
    missing = [c for c in columns if c is not None and c not in df.columns]
    if missing:
        raise AnalysisError(
            f"column(s) {', '.join(missing)} not in the data; it has {', '.join(df.columns)}"
        )


def km_curve(
    df: pd.DataFrame,
    *,
    duration: str,
    event: str,
    conf_type: str = "log",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """The Kaplan–Meier curve at each distinct time: at risk, events, censored, survival,
    Greenwood standard error of log S, and the pointwise interval under ``conf_type``
    (``"log"`` as R survival's default, ``"log-log"`` as SAS, or ``"plain"``)."""
    _check_columns(df, duration, event)
    if conf_type not in CONF_TYPES:
        raise AnalysisError(f"conf_type {conf_type!r} is not known; use one of {CONF_TYPES}")
    z = _z(alpha)
    from lifelines import KaplanMeierFitter

    times = df[duration].to_numpy(dtype=float)
    events = df[event].to_numpy(dtype=bool)
    if len(times) == 0:
        raise AnalysisError("no subjects to estimate a survival curve from")
    fitted = KaplanMeierFitter().fit(times, events)
    table = fitted.event_table.drop(index=0.0, errors="ignore")
    table = table[(table["observed"] > 0) | (table["censored"] > 0)]
    at_risk = table["at_risk"].to_numpy(dtype=float)
    died = table["observed"].to_numpy(dtype=float)
    surv = fitted.survival_function_.loc[table.index].iloc[:, 0].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = np.where(died > 0, died / (at_risk * (at_risk - died)), 0.0)
        se = np.sqrt(np.cumsum(steps))  # Greenwood: the standard error of log S
        if conf_type == "log":
            lower, upper = surv * np.exp(-z * se), np.minimum(1.0, surv * np.exp(z * se))
        elif conf_type == "plain":
            lower = np.maximum(0.0, surv - z * se * surv)
            upper = np.minimum(1.0, surv + z * se * surv)
        else:
            loglog = np.log(-np.log(surv))
            spread = z * se / np.abs(np.log(surv))
            lower, upper = np.exp(-np.exp(loglog + spread)), np.exp(-np.exp(loglog - spread))
        undefined = (surv <= 0) | ~np.isfinite(se)
        if conf_type == "log-log":
            undefined |= surv >= 1
        lower = np.where(undefined, np.nan, lower)
        upper = np.where(undefined, np.nan, upper)
        lower = np.where(surv >= 1, 1.0, lower) if conf_type != "log-log" else lower
        upper = np.where(surv >= 1, 1.0, upper) if conf_type != "log-log" else upper
    return pd.DataFrame(
        {
            "time": table.index.to_numpy(dtype=float),
            "at_risk": at_risk.astype(int),
            "events": died.astype(int),
            "censored": table["censored"].to_numpy(dtype=int),
            "survival": surv,
            "se_log": se,
            "lower": lower,
            "upper": upper,
        }
    )


def _quantile_time(times: np.ndarray, curve: np.ndarray, p: float = 0.5) -> float:
    """R survival's quantile: the first time the curve is ≤ p; where it sits exactly at p
    over an interval, the midpoint of that interval. NaN when it never gets there."""
    tolerance = 1e-9
    below = np.nonzero(curve <= p + tolerance)[0]
    if len(below) == 0:
        return math.nan
    first = int(below[0])
    if abs(curve[first] - p) <= tolerance:
        later = np.nonzero(curve < p - tolerance)[0]
        if len(later) == 0:
            return math.nan if not np.isnan(curve[-1]) and curve[-1] > 0 else float(times[first])
        return float((times[first] + times[int(later[0])]) / 2)
    return float(times[first])


def km_summary(
    df: pd.DataFrame,
    *,
    duration: str,
    event: str,
    group: str | None = None,
    conf_type: str = "log",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """One row per group: n, events, median, lower, upper (R ``survfit``'s print).

    The median and its limits follow R's convention; the limits are where the interval's
    upper and lower curves cross 0.5. ``attrs["note"]`` names the transform.
    """
    _check_columns(df, duration, event, group)
    groups = [(None, df)] if group is None else list(df.groupby(group, sort=True))
    rows = []
    for key, part in groups:
        curve = km_curve(part, duration=duration, event=event, conf_type=conf_type, alpha=alpha)
        times = curve["time"].to_numpy()
        lower, upper = curve["lower"].to_numpy(), curve["upper"].to_numpy()
        rows.append(
            {
                **({} if group is None else {group: key}),
                "n": len(part),
                "events": int(part[event].astype(bool).sum()),
                "median": _quantile_time(times, curve["survival"].to_numpy()),
                # the lower band reaches 0.5 first: it gives the lower limit
                "lower": _quantile_time(times, np.nan_to_num(lower, nan=0.0)),
                "upper": _quantile_time(times, np.nan_to_num(upper, nan=0.0)),
            }
        )
    table = pd.DataFrame(rows)
    table.attrs["note"] = (
        f"Kaplan–Meier; median {_level(alpha)} CI from the {conf_type} transform "
        "(R survival's convention)"
    )
    return table


# --- comparisons ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LogRank:
    chi2: float
    df: int
    p: float
    note: str


def logrank(df: pd.DataFrame, *, duration: str, event: str, group: str) -> LogRank:
    """The log-rank test of equal survival across the groups (R ``survdiff``, rho = 0)."""
    _check_columns(df, duration, event, group)
    if df[group].nunique() < 2:
        raise AnalysisError(f"the log-rank test needs two or more groups in {group!r}")
    from lifelines.statistics import multivariate_logrank_test

    result = multivariate_logrank_test(df[duration], df[group], df[event])
    return LogRank(
        float(result.test_statistic),
        int(result.degrees_of_freedom),
        float(result.p_value),
        "log-rank test",
    )


@dataclasses.dataclass(frozen=True)
class CoxResult:
    hr: float
    lower: float
    upper: float
    p: float
    note: str


def cox_hr(
    df: pd.DataFrame,
    *,
    duration: str,
    event: str,
    arm: str,
    reference: Any,
    ties: str = "efron",
    alpha: float = 0.05,
) -> CoxResult:
    """Hazard ratio of the other arm against ``reference`` (Cox proportional hazards),
    with its Wald interval and p-value. ``ties``: ``"efron"`` (R, lifelines) or
    ``"breslow"`` (SAS)."""
    _check_columns(df, duration, event, arm)
    if ties not in TIES:
        raise AnalysisError(f"ties {ties!r} is not known; use one of {TIES}")
    arms = sorted(df[arm].dropna().unique().tolist(), key=str)
    if reference not in arms or len(arms) != 2:
        raise AnalysisError(
            f"cox_hr compares two arms against the reference {reference!r}; {arm!r} holds {arms}"
        )
    z = _z(alpha)
    from statsmodels.duration.hazard_regression import PHReg

    exposed = (df[arm] != reference).to_numpy(dtype=float).reshape(-1, 1)
    fit = PHReg(
        df[duration].to_numpy(dtype=float),
        exposed,
        status=df[event].to_numpy(dtype=float),
        ties=ties,
    ).fit()
    beta, se = float(fit.params[0]), float(fit.bse[0])
    if not np.isfinite(se) or se == 0:
        raise AnalysisError("the Cox model did not converge: does either arm have events?")
    p = float(2 * stats.norm.sf(abs(beta / se)))
    return CoxResult(
        math.exp(beta),
        math.exp(beta - z * se),
        math.exp(beta + z * se),
        p,
        f"Cox proportional hazards, {ties.capitalize()} ties; Wald {_level(alpha)} CI and p",
    )


# --- a trial from a data cut ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Trial:
    """One study as known at a data cut: subjects with their populations and arms, the
    latest version of every assessment, adverse events with the treatment-emergent flag,
    best overall responses and times to event (``adam``'s derivations)."""

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

    @property
    def reference(self) -> str:
        return str(self.arms.loc[self.arms["is_reference"], "code"].iloc[0])


def trial(cut: Any, study: str | None = None, *, cutoff: Any = None) -> Trial:
    """Derive one study (by code; default the first) from a data cut, as of ``cutoff``.

    The default cutoff is the day the last report of the study was received: the data are
    current to then (a cut of a live database: its day; of the sample world: the end of
    its data). Nothing randomised, assessed or received after the cutoff counts."""
    from workbench.analysis import adam

    studies = cut.sql("SELECT * FROM study ORDER BY study_id")
    if studies.empty:
        raise AnalysisError(f"{cut.label} holds no clinical trial")
    if study is None:
        chosen = studies.iloc[0]
    else:
        matches = studies[studies["code"] == study]
        if matches.empty:
            raise AnalysisError(
                f"study {study!r} is not in {cut.label}; it holds {', '.join(studies['code'])}"
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
    bor = bor.merge(subjects[["subject_id", "arm"]], on="subject_id")
    tte = adam.time_to_event(subjects, assessments, cutoff=cutoff, bor=bor)
    adverse = adam.adverse_events(
        subjects, events, window_days=int(params["teae_window_days"])
    ).merge(subjects[["subject_id", "arm"]], on="subject_id")
    return Trial(
        code=str(chosen["code"]),
        title=str(chosen["title"]),
        params=params,
        arms=arms,
        subjects=subjects,
        assessments=assessments,
        adverse=adverse,
        submissions=submissions,
        bor=bor,
        tte=tte,
        cutoff=cutoff,
        source=cut.label,
    )


def _framed(frame: pd.DataFrame, note: str, source: str) -> pd.DataFrame:
    frame.attrs["note"] = note
    frame.attrs["source"] = source
    return frame


_POPULATIONS = {"itt": "ITT", "evaluable": "response-evaluable", "safety": "safety"}


def response_table(
    t: Trial,
    *,
    denominator: str = "itt",
    alpha: float = 0.05,
    method: str = "newcombe",
) -> pd.DataFrame:
    """Per arm: n, each best overall response, pending confirmations, ORR (CR + PR) and
    DCR (CR + PR + SD + NON-CR/NON-PD) with exact intervals; then the ORR difference of
    each arm against the reference. Pending responses are shown apart and never counted."""
    if denominator not in _POPULATIONS:
        raise AnalysisError(f"denominator {denominator!r}: use one of {', '.join(_POPULATIONS)}")
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
    notes = [f"{_POPULATIONS[denominator]} population, data to {t.cutoff}"]
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
        notes.append(f"ORR difference {arm} − {ref}: {diff.note}")
    notes.append(f"rates: exact Clopper–Pearson {_level(alpha)} CI")
    notes.append(t.bor.attrs.get("note", ""))
    return _framed(table, "; ".join(n for n in notes if n), t.source)


def survival_table(
    t: Trial, param: str = "PFS", *, conf_type: str = "log", ties: str = "efron"
) -> pd.DataFrame:
    """Kaplan–Meier per arm for OS, PFS or DOR, with the log-rank test and the hazard ratio
    against the reference arm in ``attrs``."""
    if param not in ("OS", "PFS", "DOR"):
        raise AnalysisError(f"param {param!r}: use OS, PFS or DOR")
    data = t.tte[t.tte["param"] == param]
    if data.empty:
        raise AnalysisError(f"no {param} data at {t.source}")
    table = km_summary(data, duration="days", event="event", group="arm", conf_type=conf_type)
    note = table.attrs["note"]
    if data["arm"].nunique() == 2 and data["event"].sum() > 0:
        test = logrank(data, duration="days", event="event", group="arm")
        hr = cox_hr(
            data, duration="days", event="event", arm="arm", reference=t.reference, ties=ties
        )
        table.attrs |= {"logrank": test, "hr": hr}
        note += (
            f"; {test.note} p = {test.p:.4f}; "
            f"HR {hr.hr:.2f} ({hr.lower:.2f}–{hr.upper:.2f}), {hr.note}"
        )
    note += "; " + t.tte.attrs.get("note", "")
    return _framed(table, note, t.source)


def forest(
    t: Trial,
    *,
    by: Sequence[str] = ("age_group", "sex", "ecog"),
    measure: str = "orr",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """ORR difference (``measure="orr"``) or PFS hazard ratio (``"hr"``) by subgroup, one
    row per subgroup level; a level with too few subjects or no events stays, marked NE."""
    if measure not in ("orr", "hr"):
        raise AnalysisError(f"measure {measure!r}: use 'orr' or 'hr'")
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
                    raise AnalysisError("an arm has no events")
                hr = cox_hr(
                    data, duration="days", event="event", arm="arm", reference=ref, alpha=alpha
                )
                row |= {"estimate": hr.hr, "lower": hr.lower, "upper": hr.upper, "ne": False}
            except AnalysisError:
                row |= {"estimate": math.nan, "lower": math.nan, "upper": math.nan, "ne": True}
        rows.append(row)
    what = (
        f"ORR difference {other} − {ref}, Newcombe {_level(alpha)} CI"
        if measure == "orr"
        else f"PFS hazard ratio {other} vs {ref}, Cox (Efron) {_level(alpha)} CI"
    )
    return _framed(pd.DataFrame(rows), f"{what}; NE: not estimable in that subgroup", t.source)


def ae_table(t: Trial, *, teae_only: bool = True) -> pd.DataFrame:
    """Subjects with at least one event by system organ class and preferred term, per arm:
    count and percentage of the arm's safety population; the first row is any event."""
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
    head = ", ".join(f"{a}: N = {n.get(a, 0)}" for a in arms)
    note = (
        f"subjects with ≥ 1 {'treatment-emergent ' if teae_only else ''}event, % of the "
        f"safety population ({head}); {t.adverse.attrs.get('note', '')}"
    )
    return _framed(pd.DataFrame(rows), note, t.source)


def worst_grade_table(t: Trial) -> pd.DataFrame:
    """Per arm, subjects by their worst treatment-emergent CTCAE grade (and none)."""
    from workbench.analysis.adam import worst_grade

    safety = t.subjects[t.subjects["safety"]]
    worst = worst_grade(t.adverse[t.adverse["subject_id"].isin(safety["subject_id"])])
    worst = safety[["subject_id", "arm"]].merge(worst, on="subject_id", how="left")
    worst["grade"] = worst["grade"].fillna(0).astype(int)
    table = pd.crosstab(worst["grade"], worst["arm"]).reindex(range(6), fill_value=0)
    table.index = ["none", "1", "2", "3", "4", "5"]
    table.index.name = "worst grade"
    return _framed(
        table, "subjects by worst treatment-emergent CTCAE grade, safety population", t.source
    )


def enrolment(t: Trial) -> pd.DataFrame:
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
    return _framed(table.sort_index(), f"randomised subjects to {t.cutoff}", t.source)


def timeliness(t: Trial, *, target_days: int | None = None) -> pd.DataFrame:
    """Per site: reports received, median and 90th-percentile days from event to entry,
    share within the study's target, and overdue assessments (subjects on treatment whose
    next six-weekly assessment is more than the target late at the cut)."""
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
    due = since + pd.Timedelta(days=42)
    overdue = on_study.loc[(cut - due).dt.days > target, "site"].value_counts()
    table["overdue"] = overdue.reindex(table.index, fill_value=0).astype(int)
    table = table.join(s.groupby("site")["hospital"].first()).sort_index()
    return _framed(
        table,
        f"days from event to entry; target {target} days; overdue: next assessment more "
        f"than {target} days past its six-weekly due date at {t.cutoff}",
        t.source,
    )
