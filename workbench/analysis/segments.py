"""Customer segments: concentration, deciles, potential × adoption, migration, clusters.

Concentration of business, deciles, potential × adoption, migration and clusters.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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

__all__ = [
    "DEFAULT_GOALS",
    "DEFAULT_SEGMENTS",
    "Clusters",
    "Concentration",
    "Deciles",
    "PotentialAdoption",
    "cluster_doctors",
    "concentration",
    "deciles",
    "doctor_goals",
    "engagement",
    "potential_adoption",
    "segment_migration",
]

#: Floating-point slack when comparing cumulative shares with a cut-off such as 0.8.
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
        raise AnalysisError(
            f"{value} has negative totals for some {by}; concentration needs values ≥ 0 "
            "(net returns out first)"
        )
    ranked["rank"] = ranked["rank"].astype(int)
    return ranked, key


def _leading(ranked: pd.DataFrame, key: str) -> list[str]:
    """The key, and the name where there is one: the first columns of every table."""
    return [key, "name"] if "name" in ranked.columns else [key]


# --- concentration ----------------------------------------------------------------------------


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
            raise AnalysisError(f"share {p} must be between 0 and 1, e.g. 0.8 for 80%")
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
        return (
            f"{self.value} by {self.by}, {self.period}; ranked by value, ties by key; "
            f"ABC {a}/{b}/{c} (an entity is A while those above it hold < {a}%); "
            f"Gini {self.gini:.3f}; source: {self.source}"
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
        raise AnalysisError(
            f"abc={tuple(abc)} must be three shares adding up to 1, e.g. 0.8/0.15/0.05"
        )
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
        period=str(period_of(period)) if isinstance(source, Cut) else "all rows",
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


# --- deciles ---------------------------------------------------------------------------------

_DECILE_METHODS = {
    "count": (
        "equal-count deciles: entities with value > 0 ranked by value (ties by key) and split "
        "into 10 groups whose sizes differ by at most one, larger groups on top (SQL NTILE); "
        "decile 10 holds the largest, decile 0 the entities with no value"
    ),
    "volume": (
        "volume-weighted deciles: entities ranked by value descending (ties by key); each "
        "falls in the tenth of the total where its own volume begins, so every decile holds "
        "about 10% of the value; decile 10 holds the largest, decile 0 the entities with "
        "no value"
    ),
}


@dataclass(frozen=True)
class Deciles:
    """Entities in deciles, and one summary row per decile (10 = largest, 0 = no value)."""

    table: pd.DataFrame
    summary: pd.DataFrame
    method: str
    source: str

    @property
    def note(self) -> str:
        """The decile method and the source, as printed under the table."""
        return f"{_DECILE_METHODS[self.method]}; source: {self.source}"


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
        raise AnalysisError(f"method={method!r} is not known; choose 'count' or 'volume'")
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
    return Deciles(table=table, summary=summary, method=method, source=label_of(source))


# --- potential × adoption ------------------------------------------------------------------

TIERS = ("high", "medium", "low")
LEVELS = ("low", "mid", "high")

#: (potential tier, adoption level) -> segment. Change it per brand strategy.
DEFAULT_SEGMENTS: dict[tuple[str, str], str] = {
    ("high", "low"): "develop",
    ("high", "mid"): "grow",
    ("high", "high"): "defend",
    ("medium", "low"): "develop",
    ("medium", "mid"): "grow",
    ("medium", "high"): "maintain",
    ("low", "low"): "monitor",
    ("low", "mid"): "monitor",
    ("low", "high"): "maintain",
}

#: segment -> calls per month expected of the rep who owns the doctor
DEFAULT_GOALS: dict[str, int] = {
    "develop": 4,
    "grow": 3,
    "defend": 2,
    "maintain": 1,
    "monitor": 0,
}


@dataclass(frozen=True)
class PotentialAdoption:
    """Doctors (one row per doctor and product) placed on potential × adoption.

    ``doctors``: ``doctor_id``, ``product_id``, ``potential``, ``adoption``, ``potential_tier``
    (high / medium / low), ``adoption_level`` (low / mid / high) and ``segment``. ``matrix``:
    doctor counts, potential tiers as rows and adoption levels as columns.
    """

    doctors: pd.DataFrame
    matrix: pd.DataFrame
    potential_cuts: tuple[float, float]
    adoption_cuts: tuple[float, float]
    quarter: str
    source: str

    @property
    def cells(self) -> pd.DataFrame:
        """One row per cell of the matrix, what a heat map draws.

        Columns ``potential``, ``adoption``, ``doctors`` and the ``segment`` the cell's doctors
        are in.
        """
        named = self.doctors.groupby(["potential_tier", "adoption_level"])["segment"].first()
        frame = self.matrix.stack().rename("doctors").reset_index()
        frame["segment"] = [
            named.get((t, lv), "")
            for t, lv in zip(frame["potential"], frame["adoption"], strict=True)
        ]
        return frame

    @property
    def note(self) -> str:
        """The quarter and the tier and level cut-offs, as printed under the matrix."""
        lo, hi = self.potential_cuts
        a, b = self.adoption_cuts
        return (
            f"quarter {self.quarter}; potential high ≥ {hi:g}, medium ≥ {lo:g}, "
            f"low below; adoption high ≥ {b:g}, mid ≥ {a:g}, low below; source: {self.source}"
        )


def potential_adoption(
    source: Source,
    *,
    quarter: str | None = None,
    product: int | None = None,
    potential_cuts: tuple[float, float] | None = None,
    potential_quantiles: tuple[float, float] = (0.5, 0.8),
    adoption_cuts: tuple[float, float] = (3, 4),
    segments: Mapping[tuple[str, str], str] = DEFAULT_SEGMENTS,
) -> PotentialAdoption:
    """Place each doctor × product on the potential × adoption matrix and name its segment.

    Potential tiers use ``potential_cuts`` (medium from, high from) when given, else the
    ``potential_quantiles`` of potential among the rows (default: the top 20% are high, the
    next 30% medium). Adoption is the 1-5 ladder (unaware, aware, trial, regular, advocate);
    ``adoption_cuts`` (mid from, high from) default to trial → mid, regular → high.
    Over a cut the quarter defaults to the latest one; a frame needs ``doctor_id``,
    ``potential`` and ``adoption`` columns (``product_id`` optional).

    Parameters
    ----------
    source
        A data cut, or a frame with ``doctor_id``, ``potential`` and ``adoption``.
    quarter
        The quarter read from a cut, e.g. ``"2025Q3"``; the latest by default. Over a frame it
        only labels the result.
    product
        Only this product's rows; all products by default.
    potential_cuts
        Potential from which a doctor is medium, and from which high.
    potential_quantiles
        Quantiles of potential used as cut-offs when ``potential_cuts`` is not given.
    adoption_cuts
        Adoption (1-5) from which a doctor is mid, and from which high.
    segments
        The segment of each (potential tier, adoption level) cell; all nine must be named.

    Returns
    -------
    PotentialAdoption
        ``doctors`` (one row per doctor and product) and ``matrix`` (doctor counts).

    Raises
    ------
    AnalysisError
        ``segments`` lacks a cell, the frame lacks a column, the cut holds no potential rows,
        ``quarter`` is not a quarter, or the potential cut-offs do not rise.
    """
    missing = {(t, lv) for t in TIERS for lv in LEVELS} - set(segments)
    if missing:
        raise AnalysisError(f"segments lacks a name for {sorted(missing)}; name all nine cells")
    if isinstance(source, Cut):
        frame, quarter_label = _potential_rows(source, quarter, product)
    else:
        need = {"doctor_id", "potential", "adoption"} - set(source.columns)
        if need:
            raise AnalysisError(f"the frame lacks column(s) {', '.join(sorted(need))}")
        frame = source.copy()
        if "product_id" not in frame:
            frame["product_id"] = 0
        if product is not None:
            frame = frame[frame["product_id"] == product]
        quarter_label = quarter or "as given"
    potential = frame["potential"].to_numpy(dtype=float)
    if potential_cuts is None:
        if len(potential) == 0:
            cuts = (np.nan, np.nan)
        else:
            q = np.quantile(potential, potential_quantiles)
            cuts = (float(q[0]), float(q[1]))
    else:
        cuts = (float(potential_cuts[0]), float(potential_cuts[1]))
    if cuts[0] > cuts[1]:
        raise AnalysisError(f"potential cut-offs {cuts} must rise: (medium from, high from)")
    a, b = adoption_cuts
    adoption = frame["adoption"].to_numpy(dtype=float)
    # codes index TIERS (0 high, 1 medium, 2 low) and LEVELS (0 low, 1 mid, 2 high)
    tier = np.where(potential >= cuts[1], 0, np.where(potential >= cuts[0], 1, 2))
    level = np.where(adoption >= b, 2, np.where(adoption >= a, 1, 0))
    names = np.array([segments[(t, lv)] for t in TIERS for lv in LEVELS], dtype=object)
    frame["potential_tier"] = np.array(TIERS, dtype=object)[tier]
    frame["adoption_level"] = np.array(LEVELS, dtype=object)[level]
    frame["segment"] = names[tier * len(LEVELS) + level]
    matrix = (
        pd.crosstab(frame["potential_tier"], frame["adoption_level"])
        .reindex(index=list(TIERS), columns=list(LEVELS), fill_value=0)
        .rename_axis(index="potential", columns="adoption")
    )
    frame = frame.reset_index(drop=True)
    return PotentialAdoption(
        doctors=frame,
        matrix=matrix,
        potential_cuts=cuts,
        adoption_cuts=(float(a), float(b)),
        quarter=quarter_label,
        source=label_of(source),
    )


def _potential_rows(cut: Cut, quarter: str | None, product: int | None) -> tuple[pd.DataFrame, str]:
    if quarter is None:
        latest = cut.sql("SELECT max(period_start) AS q FROM potential").q[0]
        if pd.isna(latest):
            raise AnalysisError("the cut holds no potential rows; load or enter potential first")
        start = pd.Timestamp(latest).date()
    else:
        p = period_of(quarter)
        if p.start is None:
            raise AnalysisError(f"quarter {quarter!r} is not a quarter; use e.g. '2025Q3'")
        start = p.start
    label = f"{start.year}Q{(start.month - 1) // 3 + 1}"
    frame = cut.sql(
        """
        SELECT doctor_id, product_id, potential, prescriptions, adoption FROM potential
        WHERE period_start = $start AND ($product IS NULL OR product_id = $product)
        ORDER BY doctor_id, product_id
        """,
        {"start": start, "product": None if product is None else int(product)},
    )
    return frame, label


def doctor_goals(
    segmented: PotentialAdoption, *, goals: Mapping[str, float] = DEFAULT_GOALS
) -> pd.DataFrame:
    """One row per doctor: the segment with the highest call goal over their products.

    Columns ``doctor_id``, ``segment`` and ``goal`` (calls per month); ties between goals go to
    the segment name first in alphabetical order.

    Raises
    ------
    AnalysisError
        ``goals`` lacks a goal for a segment of ``segmented``.
    """
    unknown = set(segmented.doctors["segment"]) - set(goals)
    if unknown:
        raise AnalysisError(f"goals lacks a goal for segment(s) {', '.join(sorted(unknown))}")
    placed = segmented.doctors
    names = sorted(goals)
    segment = pd.Categorical(placed["segment"], categories=names).codes
    goal = np.asarray([goals[n] for n in names], dtype=float)[segment]
    doctor = placed["doctor_id"].to_numpy()
    # per doctor: highest goal first, then the segment name
    order = np.lexsort((segment, -goal, doctor))
    first = order[np.r_[True, doctor[order][1:] != doctor[order][:-1]]] if len(order) else order
    return pd.DataFrame(
        {
            "doctor_id": doctor[first],
            "segment": np.asarray(names, dtype=object)[segment[first]],
            "goal": goal[first],
        }
    )


# --- migration -------------------------------------------------------------------------------

NEW, GONE = "(new)", "(gone)"


def segment_migration(
    before: PotentialAdoption | pd.DataFrame,
    after: PotentialAdoption | pd.DataFrame,
    *,
    key: Sequence[str] = ("doctor_id", "product_id"),
    segment: str = "segment",
) -> pd.DataFrame:
    """How many entities moved from each segment (rows) to each segment (columns).

    Entities only in ``after`` come from ``"(new)"``, those only in ``before`` go to
    ``"(gone)"``.

    Parameters
    ----------
    before, after
        Two segmentations, or frames with the ``key`` columns and ``segment``.
    key
        The columns that identify an entity.
    segment
        The column holding the segment.

    Returns
    -------
    pandas.DataFrame
        Counts, ``before`` segments as rows and ``after`` segments as columns.

    Raises
    ------
    AnalysisError
        A frame lacks a key or segment column.

    Examples
    --------
    >>> import pandas as pd
    >>> q2 = pd.DataFrame({"doctor_id": [1, 2], "segment": ["grow", "develop"]})
    >>> q3 = pd.DataFrame({"doctor_id": [2, 3], "segment": ["grow", "develop"]})
    >>> moved = segment_migration(q2, q3, key=["doctor_id"])
    >>> int(moved.loc["develop", "grow"]), int(moved.loc["(new)", "develop"])
    (1, 1)
    """
    frames = [x.doctors if isinstance(x, PotentialAdoption) else x for x in (before, after)]
    keys = list(key)
    for frame in frames:
        missing = set([*keys, segment]) - set(frame.columns)
        if missing:
            raise AnalysisError(f"a frame lacks column(s) {', '.join(sorted(missing))}")
    merged = frames[0][[*keys, segment]].merge(
        frames[1][[*keys, segment]], on=keys, how="outer", suffixes=("_before", "_after")
    )
    moved = pd.crosstab(
        merged[f"{segment}_before"].fillna(NEW), merged[f"{segment}_after"].fillna(GONE)
    )
    return moved.rename_axis(index="before", columns="after")


# --- clusters --------------------------------------------------------------------------------

FEATURES = (
    "calls",
    "months_called",
    "products_discussed",
    "invitations",
    "attended",
    "prescriptions",
    "adoption",
)


@dataclass(frozen=True)
class Clusters:
    """Doctors grouped on engagement; cluster 0 is the most called, then by falling calls."""

    doctors: pd.DataFrame
    profile: pd.DataFrame
    k: int
    seed: int
    source: str
    features: tuple[str, ...] = field(default=FEATURES)

    @property
    def note(self) -> str:
        """The clustering method, seed and features, as printed under the profile."""
        return (
            f"k-means, k={self.k}, seed {self.seed}, 10 starts, on standardised log(1 + x) of "
            f"{', '.join(self.features)}; source: {self.source}"
        )


def engagement(cut: Cut, *, period: PeriodLike = None) -> pd.DataFrame:
    """Per doctor, how engaged they were in the period.

    Columns ``doctor_id``, ``calls``, ``months_called``, ``products_discussed``,
    ``invitations``, ``attended`` (events), ``prescriptions`` and ``adoption`` (the best; 1
    where none is recorded), one row for every doctor in the cut.

    Raises
    ------
    AnalysisError
        The period is not understood.
    """
    p = period_of(period)
    return cut.sql(
        f"""
        WITH c AS (
            SELECT doctor_id, count(*) AS calls,
                   count(DISTINCT date_trunc('month', call_date)) AS months_called
            FROM call WHERE {p.where("call_date")} GROUP BY 1),
        pr AS (
            SELECT k.doctor_id, count(DISTINCT cp.product_id) AS products_discussed
            FROM call k JOIN call_product cp USING (call_id)
            WHERE {p.where("k.call_date")} GROUP BY 1),
        inv AS (
            SELECT doctor_id, count(*) AS invitations,
                   count(*) FILTER (WHERE status = 'attended') AS attended
            FROM invitation WHERE {p.where("invited_on")} GROUP BY 1),
        rx AS (
            SELECT doctor_id, sum(prescriptions) AS prescriptions, max(adoption) AS adoption
            FROM potential WHERE {p.where("period_start")} GROUP BY 1)
        SELECT d.doctor_id,
               coalesce(c.calls, 0) AS calls, coalesce(c.months_called, 0) AS months_called,
               coalesce(pr.products_discussed, 0) AS products_discussed,
               coalesce(inv.invitations, 0) AS invitations, coalesce(inv.attended, 0) AS attended,
               coalesce(rx.prescriptions, 0) AS prescriptions, coalesce(rx.adoption, 1) AS adoption
        FROM doctor d
        LEFT JOIN c USING (doctor_id) LEFT JOIN pr USING (doctor_id)
        LEFT JOIN inv USING (doctor_id) LEFT JOIN rx USING (doctor_id)
        ORDER BY d.doctor_id
        """,
        p.params(),
    )


def cluster_doctors(
    source: Source, *, k: int = 4, seed: int = 0, period: PeriodLike = None
) -> Clusters:
    """k-means clusters of doctors on engagement (see :func:`engagement`), seeded.

    A frame needs ``doctor_id`` and the feature columns.

    Parameters
    ----------
    source
        A data cut, or a frame with ``doctor_id`` and the columns of :func:`engagement`.
    k
        How many clusters.
    seed
        The k-means random state.
    period
        The dates engagement is counted over (a cut only).

    Returns
    -------
    Clusters
        ``doctors`` (with their ``cluster``; 0 the most called) and ``profile`` (feature means
        per cluster).

    Raises
    ------
    AnalysisError
        The frame lacks a column, or ``k`` is not between 1 and the number of doctors.
    """
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler

    frame = engagement(source, period=period) if isinstance(source, Cut) else source.copy()
    missing = {"doctor_id", *FEATURES} - set(frame.columns)
    if missing:
        raise AnalysisError(f"the frame lacks column(s) {', '.join(sorted(missing))}")
    if not 1 <= k <= len(frame):
        raise AnalysisError(f"k={k} must be between 1 and the number of doctors ({len(frame)})")
    x = StandardScaler().fit_transform(np.log1p(frame[list(FEATURES)].astype(float)))
    labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
    frame["cluster"] = labels
    # renumber: 0 = most calls on average, ties by label
    order = frame.groupby("cluster")["calls"].mean().sort_values(ascending=False, kind="stable")
    frame["cluster"] = frame["cluster"].map({old: new for new, old in enumerate(order.index)})
    profile = frame.groupby("cluster")[list(FEATURES)].mean()
    profile.insert(0, "doctors", frame.groupby("cluster").size())
    return Clusters(doctors=frame, profile=profile, k=k, seed=seed, source=label_of(source))
