"""Engagement clusters: doctors grouped by how they engage with reps, events and products."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.analysis._source import PeriodLike, Source, label_of, period_of
from workbench.cuts import Cut
from workbench.errors import AnalysisError
from workbench.i18n import joined, said, said_code

__all__ = ["FEATURES", "Clusters", "cluster_doctors", "engagement"]


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
        features = joined([said_code("feature", f) for f in self.features], sep="items")
        return said(
            "note.clusters.kmeans", k=self.k, seed=self.seed, features=features, source=self.source
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
        raise AnalysisError(key="error.frame.columns", columns=", ".join(sorted(missing)))
    if not 1 <= k <= len(frame):
        raise AnalysisError(key="error.clusters.k", k=k, doctors=len(frame))
    x = StandardScaler().fit_transform(np.log1p(frame[list(FEATURES)].astype(float)))
    labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
    frame["cluster"] = labels
    # renumber: 0 = most calls on average, ties by label
    order = frame.groupby("cluster")["calls"].mean().sort_values(ascending=False, kind="stable")
    frame["cluster"] = frame["cluster"].map({old: new for new, old in enumerate(order.index)})
    profile = frame.groupby("cluster")[list(FEATURES)].mean()
    profile.insert(0, "doctors", frame.groupby("cluster").size())
    return Clusters(doctors=frame, profile=profile, k=k, seed=seed, source=label_of(source))
