"""Survival: Kaplan–Meier curves and medians, the log-rank test, the Cox hazard ratio.

lifelines estimates the curves and the log-rank test, statsmodels fits Cox models with
either ties method. Only what they lack is written here: the median's confidence interval
under R ``survival``'s default log transform (and its plain and log-log variants), with R's
convention for a curve sitting exactly at 0.5. Every result names its method in ``.note``.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import pandas as pd

from workbench.analysis.rates import _level, _stats, _z
from workbench.analysis.results import Table
from workbench.errors import AnalysisError
from workbench.i18n import said, said_code

__all__ = [
    "CONF_TYPES",
    "TIES",
    "CoxResult",
    "LogRank",
    "cox_hr",
    "km_curve",
    "km_summary",
    "logrank",
]

CONF_TYPES = ("log", "log-log", "plain")
TIES = ("efron", "breslow")


def _check_columns(df: pd.DataFrame, *columns: str | None) -> None:
    missing = [c for c in columns if c is not None and c not in df.columns]
    if missing:
        raise AnalysisError(
            key="error.survival.columns", missing=", ".join(missing), has=", ".join(df.columns)
        )


def km_curve(
    df: pd.DataFrame,
    *,
    duration: str,
    event: str,
    conf_type: str = "log",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """The Kaplan–Meier curve at each distinct time.

    At risk, events, censored, survival, Greenwood standard error of log S, and the pointwise
    interval under ``conf_type`` (``"log"`` as R survival's default, ``"log-log"`` as SAS, or
    ``"plain"``).

    Parameters
    ----------
    df
        One row per subject.
    duration
        The column of times (e.g. ``days``).
    event
        The column of event indicators: 1 (or true) = event, 0 = censored.
    conf_type
        The transform of the pointwise interval, one of :data:`CONF_TYPES`.
    alpha
        One minus the confidence level.

    Returns
    -------
    pandas.DataFrame
        Columns ``time, at_risk, events, censored, survival, se_log, lower, upper``; the
        limits are empty where the transform leaves them undefined.

    Raises
    ------
    AnalysisError
        A column is not in ``df``, ``conf_type`` is not known, or there are no subjects.
    """
    _check_columns(df, duration, event)
    if conf_type not in CONF_TYPES:
        raise AnalysisError(key="error.survival.conf_type", conf_type=conf_type, choices=CONF_TYPES)
    z = _z(alpha)
    from lifelines import KaplanMeierFitter

    times = df[duration].to_numpy(dtype=float)
    events = df[event].to_numpy(dtype=bool)
    if len(times) == 0:
        raise AnalysisError(key="error.survival.no_subjects")
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
    """R survival's quantile: the first time the curve is ≤ p.

    Where it sits exactly at p over an interval, the midpoint of that interval. NaN when it
    never gets there.
    """
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
) -> Table:
    """One row per group: n, events, median, lower, upper (R ``survfit``'s print).

    The median and its limits follow R's convention; the limits are where the interval's
    upper and lower curves cross 0.5. ``.note`` names the transform.

    Parameters
    ----------
    df
        One row per subject.
    duration
        The column of times.
    event
        The column of event indicators: 1 (or true) = event, 0 = censored.
    group
        The column whose values make the groups (e.g. ``arm``); one row overall when ``None``.
    conf_type
        The transform of the interval, one of :data:`CONF_TYPES`.
    alpha
        One minus the confidence level.

    Returns
    -------
    Table
        Columns (``group``,) ``n, events, median, lower, upper``; empty where the curve does
        not reach 0.5.

    Raises
    ------
    AnalysisError
        A column is not in ``df``, ``conf_type`` is not known, or there are no subjects.
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
    return Table(
        pd.DataFrame(rows),
        note=said(
            "note.survival.km", level=_level(alpha), transform=said_code("transform", conf_type)
        ),
    )


@dataclasses.dataclass(frozen=True)
class LogRank:
    """The log-rank statistic, its degrees of freedom and p-value, and the method."""

    chi2: float
    df: int
    p: float
    note: str


def logrank(df: pd.DataFrame, *, duration: str, event: str, group: str) -> LogRank:
    """The log-rank test of equal survival across the groups (R ``survdiff``, rho = 0).

    Parameters
    ----------
    df
        One row per subject.
    duration
        The column of times.
    event
        The column of event indicators: 1 (or true) = event, 0 = censored.
    group
        The column whose values make the groups; two or more.

    Returns
    -------
    LogRank
        Chi-squared, degrees of freedom and p-value.

    Raises
    ------
    AnalysisError
        A column is not in ``df``, or ``group`` holds fewer than two groups.
    """
    _check_columns(df, duration, event, group)
    if df[group].nunique() < 2:
        raise AnalysisError(key="error.survival.groups", group=group)
    from lifelines.statistics import multivariate_logrank_test

    result = multivariate_logrank_test(df[duration], df[group], df[event])
    return LogRank(
        float(result.test_statistic),
        int(result.degrees_of_freedom),
        float(result.p_value),
        said("note.survival.logrank"),
    )


@dataclasses.dataclass(frozen=True)
class CoxResult:
    """A hazard ratio with its confidence interval, p-value, and the method."""

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
    """Hazard ratio of the other arm against ``reference`` (Cox proportional hazards).

    With its Wald interval and p-value. ``ties``: ``"efron"`` (R, lifelines) or
    ``"breslow"`` (SAS).

    Parameters
    ----------
    df
        One row per subject.
    duration
        The column of times.
    event
        The column of event indicators: 1 (or true) = event, 0 = censored.
    arm
        The column holding the arm; exactly two arms.
    reference
        The arm the other is compared against.
    ties
        The ties method, one of :data:`TIES`.
    alpha
        One minus the confidence level.

    Returns
    -------
    CoxResult
        The hazard ratio, its limits and the p-value.

    Raises
    ------
    AnalysisError
        A column is not in ``df``, ``ties`` is not known, ``arm`` does not hold exactly two arms
        including ``reference``, or the model did not converge.
    """
    _check_columns(df, duration, event, arm)
    if ties not in TIES:
        raise AnalysisError(key="error.survival.ties", ties=ties, choices=TIES)
    arms = sorted(df[arm].dropna().unique().tolist(), key=str)
    if reference not in arms or len(arms) != 2:
        raise AnalysisError(key="error.survival.arms", reference=reference, arm=arm, arms=arms)
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
        raise AnalysisError(key="error.survival.no_convergence")
    p = float(2 * _stats().norm.sf(abs(beta / se)))
    return CoxResult(
        math.exp(beta),
        math.exp(beta - z * se),
        math.exp(beta + z * se),
        p,
        said("note.survival.cox", ties=ties.capitalize(), level=_level(alpha)),
    )
