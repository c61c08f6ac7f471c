"""Survival statistics against published results: R survival on its `lung` data (shipped
with lifelines), lifelines itself, and hand computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.datasets import load_lung
from lifelines.utils import median_survival_times
from scipy import optimize, stats

from workbench import AnalysisError
from workbench.analysis import survival

TOL = 1e-3


@pytest.fixture(scope="module")
def lung() -> pd.DataFrame:
    return load_lung()


def test_km_medians_match_r_survfit_default_log_interval(lung: pd.DataFrame) -> None:
    # R: survfit(Surv(time, status) ~ sex, data = lung)
    #   sex=1 138 112 270 212 310 ; sex=2 90 53 426 348 550
    table = survival.km_summary(lung, duration="time", event="status", group="sex")
    assert table.table.to_dict("list") == {
        "sex": [1, 2],
        "n": [138, 90],
        "events": [112, 53],
        "median": [270.0, 426.0],
        "lower": [212.0, 348.0],
        "upper": [310.0, 550.0],
    }
    # R: survfit(Surv(time, status) ~ 1, data = lung): 228 165 310 285 363
    (whole,) = survival.km_summary(lung, duration="time", event="status").table.to_dict("records")
    assert whole == {"n": 228, "events": 165, "median": 310.0, "lower": 285.0, "upper": 363.0}
    assert "log transform" in table.note


def test_km_log_log_interval_matches_lifelines(lung: pd.DataFrame) -> None:
    ours = survival.km_summary(
        lung, duration="time", event="status", group="sex", conf_type="log-log"
    )
    for sex, row in zip((1, 2), ours.table.itertuples(), strict=True):
        part = lung[lung.sex == sex]
        fitted = KaplanMeierFitter().fit(part.time, part.status)
        theirs = median_survival_times(fitted.confidence_interval_).iloc[0]
        assert (row.lower, row.upper) == (theirs.iloc[0], theirs.iloc[1])
        assert row.median == fitted.median_survival_time_


def _greenwood(times: np.ndarray, events: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A plain loop: event times, S and the standard error of log S."""
    out_t, out_s, out_se = [], [], []
    s, total = 1.0, 0.0
    for t in np.unique(times[events == 1]):
        n = np.sum(times >= t)
        d = np.sum((times == t) & (events == 1))
        s *= 1 - d / n
        total += d / (n * (n - d)) if n > d else np.inf
        out_t.append(t)
        out_s.append(s)
        out_se.append(np.sqrt(total))
    return np.array(out_t), np.array(out_s), np.array(out_se)


def test_km_plain_interval_matches_a_hand_computation(lung: pd.DataFrame) -> None:
    curve = survival.km_curve(lung, duration="time", event="status", conf_type="plain")
    times, surv, se = _greenwood(lung.time.to_numpy(), lung.status.to_numpy())
    at_events = curve[curve.events > 0]
    np.testing.assert_allclose(at_events.time, times)
    np.testing.assert_allclose(at_events.survival, surv, atol=1e-12)
    finite = np.isfinite(se)
    np.testing.assert_allclose(at_events.se_log[finite], se[finite], atol=1e-12)
    z = stats.norm.ppf(0.975)
    expected = np.clip(surv - z * se * surv, 0, 1)
    np.testing.assert_allclose(at_events.lower[finite], expected[finite], atol=1e-12)
    summary = survival.km_summary(lung, duration="time", event="status", conf_type="plain")
    first_below = times[np.argmax(np.clip(surv + z * se * surv, 0, 1) <= 0.5)]
    assert summary.table.upper[0] == first_below


def test_a_curve_exactly_at_one_half_takes_the_midpoint_as_r_does() -> None:
    frame = pd.DataFrame({"t": [1, 2, 3, 4], "e": [1, 1, 1, 1]})
    (row,) = survival.km_summary(frame, duration="t", event="e").table.to_dict("records")
    assert row["median"] == 2.5  # R: quantile.survfit; lifelines would say 2
    never = pd.DataFrame({"t": [1, 2, 3, 4], "e": [1, 0, 0, 0]})
    assert np.isnan(survival.km_summary(never, duration="t", event="e").table["median"][0])


def test_logrank_matches_r_survdiff(lung: pd.DataFrame) -> None:
    # R: survdiff(Surv(time, status) ~ sex, data = lung): Chisq = 10.3 on 1 df, p = 0.00131
    result = survival.logrank(lung, duration="time", event="status", group="sex")
    assert result.chi2 == pytest.approx(10.3267, abs=TOL)
    assert result.df == 1 and result.p == pytest.approx(0.00131, abs=1e-5)


def test_cox_efron_matches_r_coxph_and_lifelines(lung: pd.DataFrame) -> None:
    # R: coxph(Surv(time, status) ~ sex, data = lung)
    #   exp(coef) 0.588, lower .95 0.4237, upper .95 0.816, p 0.00149
    result = survival.cox_hr(lung, duration="time", event="status", arm="sex", reference=1)
    assert result.hr == pytest.approx(0.5880, abs=TOL)
    assert result.lower == pytest.approx(0.4237, abs=TOL)
    assert result.upper == pytest.approx(0.8160, abs=TOL)
    assert result.p == pytest.approx(0.00149, abs=1e-5)
    theirs = CoxPHFitter().fit(lung[["time", "status", "sex"]], "time", "status").summary
    assert result.hr == pytest.approx(theirs["exp(coef)"].iloc[0], abs=1e-6)
    assert "Efron" in result.note


def test_cox_breslow_maximises_the_breslow_partial_likelihood(lung: pd.DataFrame) -> None:
    time = lung.time.to_numpy(dtype=float)
    died = lung.status.to_numpy(dtype=bool)
    x = (lung.sex != 1).to_numpy(dtype=float)

    def minus_log_likelihood(beta: float) -> float:
        total = 0.0
        for t in np.unique(time[died]):
            here = (time == t) & died
            risk = np.sum(np.exp(beta * x[time >= t]))
            total += beta * x[here].sum() - here.sum() * np.log(risk)
        return -total

    beta = optimize.minimize_scalar(minus_log_likelihood, bounds=(-3, 3), method="bounded").x
    result = survival.cox_hr(
        lung, duration="time", event="status", arm="sex", reference=1, ties="breslow"
    )
    assert np.log(result.hr) == pytest.approx(beta, abs=1e-4)
    assert "Breslow" in result.note


def test_bad_arguments_say_what_to_use(lung: pd.DataFrame) -> None:
    with pytest.raises(AnalysisError, match="log-log"):
        survival.km_summary(lung, duration="time", event="status", conf_type="arcsin")
    with pytest.raises(AnalysisError, match="days"):
        survival.km_summary(lung, duration="days", event="status")
    with pytest.raises(AnalysisError, match="reference"):
        survival.cox_hr(lung, duration="time", event="status", arm="sex", reference=3)
