"""Response rates and their differences, with the interval each convention gives.

Every method choice is a named parameter, and every result names its method in ``.note``
(the footnote of the table it goes into): exact Clopper–Pearson intervals through scipy,
Newcombe's hybrid score interval through statsmodels, and Wald with continuity correction
(R's ``prop.test``).

>>> r = response_rate(7, 20)
>>> round(r.rate, 2), round(r.lower, 4), round(r.upper, 4)
(0.35, 0.1539, 0.5922)
>>> r.note
'exact Clopper–Pearson 95% CI'
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from workbench.errors import AnalysisError
from workbench.i18n import said

__all__ = ["DIFFERENCE_METHODS", "Difference", "Rate", "rate_difference", "response_rate"]


def _stats() -> Any:
    """``scipy.stats``, imported when a statistic is first asked for (it takes a second)."""
    from scipy import stats

    return stats


DIFFERENCE_METHODS = ("newcombe", "waldcc")


def _z(alpha: float) -> float:
    if not 0 < alpha < 1:
        raise AnalysisError(key="error.rates.alpha", alpha=alpha)
    return float(_stats().norm.ppf(1 - alpha / 2))


def _level(alpha: float) -> str:
    return f"{100 * (1 - alpha):g}%"


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
        raise AnalysisError(key="error.rates.responders", responders=responders, n=n)
    _z(alpha)
    ci = _stats().binomtest(responders, n).proportion_ci(confidence_level=1 - alpha, method="exact")
    return Rate(
        responders,
        n,
        responders / n,
        float(ci.low),
        float(ci.high),
        said("note.rates.exact", level=_level(alpha)),
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
            raise AnalysisError(key="error.rates.proportion", x=x, n=n)
    z = _z(alpha)
    p1, p2 = x1 / n1, x2 / n2
    if method == "newcombe":
        from statsmodels.stats.proportion import confint_proportions_2indep

        low, high = confint_proportions_2indep(
            x1, n1, x2, n2, method="newcomb", compare="diff", alpha=alpha
        )
        note = said("note.rates.newcombe", level=_level(alpha))
    elif method == "waldcc":
        half = z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) + (1 / n1 + 1 / n2) / 2
        low, high = max(-1.0, p1 - p2 - half), min(1.0, p1 - p2 + half)
        note = said("note.rates.waldcc", level=_level(alpha))
    else:
        raise AnalysisError(key="error.rates.method", method=method, choices=DIFFERENCE_METHODS)
    return Difference(p1 - p2, float(low), float(high), note)
