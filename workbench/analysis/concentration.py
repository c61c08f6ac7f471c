"""Concentration of business: the Pareto view (shares, ABC classes, Gini) and deciles.

Each function takes a data cut (named measures and dimensions, aggregated on DuckDB) or a
pandas frame (named columns, summed per key), and returns a small result that says where it
came from (``.source``) and which convention it used (``.note``).

>>> import pandas as pd
>>> from workbench.analysis import concentration
>>> c = concentration(pd.DataFrame({"h": list("abcd"), "v": [70, 20, 6, 4]}), value="v", by="h")
>>> c.n_for_share(0.8), c.table.abc.tolist(), round(c.gini, 3)
(2, ['A', 'A', 'B', 'C'], 0.53)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.analysis._source import (
    DIMENSIONS,
    PeriodLike,
    Source,
    aggregate,
    label_of,
    period_of,
)
from workbench.cuts import Cut
from workbench.errors import AnalysisError
from workbench.i18n import said, said_code

__all__ = ["EPS", "Concentration", "Deciles", "concentration", "deciles"]

EPS = 1e-9


def _ranked(source: Source, *, value: str, by: str, period: PeriodLike) -> tuple[pd.DataFrame, str]:
    """Aggregate per key on DuckDB, ranked by value descending (ties: key ascending).

    With the entity's name where the dimension has one.
    """
    query = aggregate(source, value=value, by=by, period=period)
    key = query.key
    table = DIMENSIONS[by][1] if isinstance(source, Cut) and by in DIMENSIONS else None
    name, join = ("n.name, ", f'LEFT JOIN "{table}" n USING ("{key}")') if table else ("", "")
    ranked = query.con.execute(
        f"""
        WITH agg AS ({query.sql})
        SELECT "{key}", {name}value,
               row_number() OVER w AS rank,
               sum(value) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
        FROM agg {join} WINDOW w AS (ORDER BY value DESC, "{key}")
        ORDER BY rank
        """,
        dict(query.params),
    ).df()
    ranked["value"] = ranked["value"].astype(float)
    if (ranked["value"] < 0).any():
        raise AnalysisError(key="error.concentration.negative", value=value, by=by)
    ranked["rank"] = ranked["rank"].astype(int)
    return ranked, key


def _leading(ranked: pd.DataFrame, key: str) -> list[str]:
    """The key, and the name where there is one: the first columns of every table."""
    return [key, "name"] if "name" in ranked.columns else [key]


@dataclass(frozen=True)
class Concentration:
    """How concentrated a value is over entities (the Pareto / ABC view).

    ``table`` has one row per entity, largest first: the key, ``name`` (over a cut),
    ``value``, ``share``, ``cum_share``, ``rank`` and ``abc``. An entity is class A when the
    entities ranked above it hold less than the A cut-off (so the entity that crosses 80% is
    still A), B likewise up to A + B, C after.
    """

    table: pd.DataFrame
    gini: float
    total: float
    value: str
    by: str
    source: str
    period: str
    cutoffs: tuple[float, float, float]

    def n_for_share(self, p: float) -> int:
        """How many of the largest entities together carry at least share ``p`` of the value."""
        if not 0 <= p <= 1:
            raise AnalysisError(key="error.concentration.share", share=p)
        if self.table.empty or self.total == 0:
            return 0
        before = self.table["cum_share"] - self.table["share"]
        return int((before < p - EPS).sum())

    def share_of_top(self, n: int) -> float:
        """The share of the value carried by the ``n`` largest entities."""
        if n <= 0 or self.table.empty or self.total == 0:
            return 0.0
        return float(self.table["cum_share"].iloc[min(n, len(self.table)) - 1])

    @property
    def note(self) -> str:
        """The measure, period, ranking, ABC cut-offs and Gini, as printed under the table."""
        a, b, c = (round(x * 100) for x in self.cutoffs)
        return said(
            "note.concentration.abc",
            value=said_code("measure", self.value),
            by=said_code("dimension", self.by),
            period=self.period,
            a=a,
            b=b,
            c=c,
            gini=self.gini,
            source=self.source,
        )


def concentration(
    source: Source,
    *,
    value: str,
    by: str,
    period: PeriodLike = None,
    abc: Sequence[float] = (0.80, 0.15, 0.05),
) -> Concentration:
    """Concentration of ``value`` over ``by``: shares, cumulative shares, ABC classes, Gini.

    Over a cut, ``value`` is a measure (``"amount"``, ``"quantity"``, ``"calls"``,
    ``"prescriptions"``, ``"potential"``) and ``by`` a dimension (``"hospital"``, ``"doctor"``,
    ``"region"``, ``"month"``, ...); ``period`` narrows the dates (a year, ``"2025Q1"``, a pair
    of days). Over a frame, both are column names and values are summed per key.

    Parameters
    ----------
    source
        A data cut, or a frame with the ``value`` and ``by`` columns.
    value
        The measure (over a cut) or the numeric column (over a frame).
    by
        The dimension (over a cut) or the key column (over a frame).
    period
        The dates (a cut only; filter a frame before the call).
    abc
        Shares of the value for classes A, B and C, adding up to 1.

    Returns
    -------
    Concentration
        The ranked table, Gini coefficient and total.

    Raises
    ------
    AnalysisError
        ``abc`` is not three shares adding up to 1, ``value`` or ``by`` is not known (or not a
        column), a period is given with a frame, or some entity's total is negative.
    """
    cutoffs = tuple(float(x) for x in abc)
    if len(cutoffs) != 3 or any(x < 0 for x in cutoffs) or abs(sum(cutoffs) - 1) > 1e-6:
        raise AnalysisError(key="error.concentration.abc", abc=tuple(abc))
    ranked, key = _ranked(source, value=value, by=by, period=period)
    total = float(ranked["value"].sum())
    table = ranked[[*_leading(ranked, key), "value"]].copy()
    if total > 0:
        table["share"] = ranked["value"] / total
        table["cum_share"] = ranked["cum"].astype(float) / total
    else:
        table["share"] = np.nan
        table["cum_share"] = np.nan
    table["rank"] = ranked["rank"]
    before = (table["cum_share"] - table["share"]).fillna(1.0)
    a, b, _ = cutoffs
    table["abc"] = np.where(before < a - EPS, "A", np.where(before < a + b - EPS, "B", "C"))
    return Concentration(
        table=table,
        gini=_gini(ranked["value"].to_numpy()),
        total=total,
        value=value,
        by=by,
        source=label_of(source),
        period=str(period_of(period)) if isinstance(source, Cut) else said("period.all_rows"),
        cutoffs=(cutoffs[0], cutoffs[1], cutoffs[2]),
    )


def _gini(values: np.ndarray[Any, Any]) -> float:
    """Gini coefficient of non-negative values: 0 all equal, → 1 all in one entity."""
    n = len(values)
    total = float(values.sum())
    if n == 0 or total == 0:
        return float("nan")
    ascending = np.sort(values)
    i = np.arange(1, n + 1)
    return float(2 * (i * ascending).sum() / (n * total) - (n + 1) / n)


#: decile method -> the catalogue key of its note
_DECILE_METHODS = {
    "count": "note.concentration.deciles_count",
    "volume": "note.concentration.deciles_volume",
}


@dataclass(frozen=True)
class Deciles:
    """Entities in deciles, and one summary row per decile (10 = largest, 0 = no value).

    ``period`` is the dates counted, as a chart prints them.
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    method: str
    source: str
    period: str = said("period.all_rows")

    @property
    def note(self) -> str:
        """The decile method and the source, as printed under the table."""
        return said(_DECILE_METHODS[self.method], source=self.source)


def deciles(
    source: Source, *, value: str, by: str, period: PeriodLike = None, method: str = "count"
) -> Deciles:
    """Deciles of ``by`` on ``value``; ``method`` is ``"count"`` or ``"volume"`` (see ``.note``).

    ``summary`` has, per decile: ``count``, ``total``, ``share``, ``min``, ``max``.

    Parameters
    ----------
    source
        A data cut, or a frame with the ``value`` and ``by`` columns.
    value
        The measure (over a cut) or the numeric column (over a frame).
    by
        The dimension (over a cut) or the key column (over a frame).
    period
        The dates (a cut only; filter a frame before the call).
    method
        ``"count"`` (equal-count deciles, as SQL NTILE) or ``"volume"`` (each decile holds
        about 10% of the value).

    Returns
    -------
    Deciles
        ``table`` (the entities with their ``decile``; 10 = largest, 0 = no value) and
        ``summary`` (one row per decile, 10 down to 0).

    Raises
    ------
    AnalysisError
        ``method`` is not known, ``value`` or ``by`` is not known (or not a column), a period
        is given with a frame, or some entity's total is negative.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"h": list("abcdefghijkl"), "v": [*range(1, 12), 0]})
    >>> d = deciles(frame, value="v", by="h")
    >>> d.table.set_index("h").decile.loc[["k", "a", "l"]].tolist()
    [10, 1, 0]
    """
    if method not in _DECILE_METHODS:
        raise AnalysisError(key="error.concentration.method", method=method)
    ranked, key = _ranked(source, value=value, by=by, period=period)
    values = ranked["value"].to_numpy()
    positive = values > 0
    n = int(positive.sum())
    decile = np.zeros(len(values), dtype=int)
    if n:
        if method == "count":
            # NTILE(10) over positive values, descending: group g holds ranks of size q or q+1
            q, r = divmod(n, 10)
            sizes = np.array([q + 1] * r + [q] * (10 - r))
            groups = np.repeat(np.arange(10), sizes)
            decile[:n] = 10 - groups
        else:
            total = values[:n].sum()
            before = (np.cumsum(values[:n]) - values[:n]) / total
            decile[:n] = 10 - np.minimum(np.floor(before * 10 + EPS).astype(int), 9)
    table = ranked[[*_leading(ranked, key), "value"]].copy()
    table["decile"] = decile
    grouped = table.groupby("decile")["value"]
    summary = pd.DataFrame(
        {
            "count": grouped.size(),
            "total": grouped.sum(),
            "min": grouped.min(),
            "max": grouped.max(),
        }
    ).reindex(range(10, -1, -1))
    summary["count"] = summary["count"].fillna(0).astype(int)
    summary["total"] = summary["total"].fillna(0.0)
    grand = summary["total"].sum()
    summary.insert(2, "share", summary["total"] / grand if grand else np.nan)
    summary = summary.rename_axis("decile").reset_index()
    return Deciles(
        table=table,
        summary=summary,
        method=method,
        source=label_of(source),
        period=str(period_of(period)) if isinstance(source, Cut) else said("period.all_rows"),
    )
