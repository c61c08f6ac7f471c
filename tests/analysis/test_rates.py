"""Response rates and differences against published results: scipy's exact binomial and
Newcombe (1998) Table II."""

from __future__ import annotations

import pytest
from scipy import stats

from workbench import AnalysisError
from workbench.analysis import rates

TOL = 1e-3


@pytest.mark.parametrize(("x", "n"), [(0, 12), (3, 12), (7, 20), (20, 20), (150, 301)])
@pytest.mark.parametrize("alpha", [0.05, 0.1])
def test_response_rates_are_exact_clopper_pearson(x: int, n: int, alpha: float) -> None:
    rate = rates.response_rate(x, n, alpha=alpha)
    lower = stats.beta.ppf(alpha / 2, x, n - x + 1) if x > 0 else 0.0
    upper = stats.beta.ppf(1 - alpha / 2, x + 1, n - x) if x < n else 1.0
    assert (rate.lower, rate.upper) == pytest.approx((lower, upper), abs=1e-9)
    assert rate.rate == x / n and f"{100 * (1 - alpha):g}%" in rate.note


def test_rate_differences_match_newcombe_1998() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, Table II, methods 10 and 2
    a = rates.rate_difference(56, 70, 48, 80)
    assert (a.difference, a.lower, a.upper) == pytest.approx((0.2, 0.0524, 0.3339), abs=TOL)
    b = rates.rate_difference(9, 10, 3, 10)
    assert (b.lower, b.upper) == pytest.approx((0.1705, 0.8090), abs=TOL)
    wald = rates.rate_difference(56, 70, 48, 80, method="waldcc")
    assert (wald.lower, wald.upper) == pytest.approx((0.0441, 0.3559), abs=TOL)
    assert "continuity" in wald.note and "Newcombe" in a.note


def test_bad_arguments_say_what_to_use() -> None:
    with pytest.raises(AnalysisError, match="0 ≤ responders ≤ n"):
        rates.response_rate(5, 3)
    with pytest.raises(AnalysisError, match="newcombe"):
        rates.rate_difference(1, 2, 1, 2, method="wilson")
    with pytest.raises(AnalysisError, match="alpha"):
        rates.response_rate(1, 2, alpha=5)
