"""Customer segments: doctors on potential × adoption, their goals, their moves.

Doctors are placed on the potential × adoption matrix, given the call goal of their segment,
and followed as they move between segments from one quarter to the next. Each function takes
a data cut or a pandas frame and returns a small result that says where it came from
(``.source``) and which convention it used (``.note``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.analysis._source import Source, label_of, period_of
from workbench.cuts import Cut
from workbench.errors import AnalysisError
from workbench.i18n import said

__all__ = [
    "DEFAULT_GOALS",
    "DEFAULT_SEGMENTS",
    "LEVELS",
    "TIERS",
    "PotentialAdoption",
    "doctor_goals",
    "potential_adoption",
    "segment_migration",
]


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
        return said(
            "note.segments.matrix",
            quarter=self.quarter,
            hi=hi,
            lo=lo,
            b=b,
            a=a,
            source=self.source,
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
        raise AnalysisError(key="error.segments.names", cells=sorted(missing))
    if isinstance(source, Cut):
        frame, quarter_label = _potential_rows(source, quarter, product)
    else:
        need = {"doctor_id", "potential", "adoption"} - set(source.columns)
        if need:
            raise AnalysisError(key="error.frame.columns", columns=", ".join(sorted(need)))
        frame = source.copy()
        if "product_id" not in frame:
            frame["product_id"] = 0
        if product is not None:
            frame = frame[frame["product_id"] == product]
        quarter_label = quarter or said("period.as_given")
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
        raise AnalysisError(key="error.segments.cuts", cuts=cuts)
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
            raise AnalysisError(key="error.potential.none")
        start = pd.Timestamp(latest).date()
    else:
        p = period_of(quarter)
        if p.start is None:
            raise AnalysisError(key="error.segments.quarter", quarter=quarter)
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
        raise AnalysisError(key="error.segments.goals", segments=", ".join(sorted(unknown)))
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
            raise AnalysisError(
                key="error.segments.frame_columns", columns=", ".join(sorted(missing))
            )
    merged = frames[0][[*keys, segment]].merge(
        frames[1][[*keys, segment]], on=keys, how="outer", suffixes=("_before", "_after")
    )
    moved = pd.crosstab(
        merged[f"{segment}_before"].fillna(NEW), merged[f"{segment}_after"].fillna(GONE)
    )
    return moved.rename_axis(index="before", columns="after")
