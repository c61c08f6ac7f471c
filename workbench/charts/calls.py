"""Calls: how often reps call each doctor, and how far their calls reach."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.charts._base import (
    ACCENT,
    BAR,
    column_names,
    missing_columns,
    records,
    share_axis,
    title,
)
from workbench.errors import AnalysisError

__all__ = ["calls_chart", "reach_frequency_chart"]


def calls_chart(
    distribution: pd.DataFrame, *, threshold: int, source: str = "", period: str = ""
) -> alt.TopLevelMixin:
    """How many rep × doctor months had 1, 2, 3 … calls, those over the threshold in accent.

    Bars over the over-visit ``threshold`` are drawn in the accent colour, on a symlog scale.

    Parameters
    ----------
    distribution
        A :class:`~workbench.analysis.CallFrequency`'s ``distribution``, with columns
        ``calls`` (calls in a month) and ``months`` (rep × doctor months with that many).
    threshold
        The over-visit rule: more calls than this in a month are over it.
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover, printed under the title.

    Returns
    -------
    altair.TopLevelMixin
        The bar chart.

    Raises
    ------
    AnalysisError
        The frame has more than :data:`~workbench.charts.MAX_ROWS` rows.
    """
    if missing := missing_columns(distribution, "calls", "months"):
        raise AnalysisError(
            key="error.chart.calls_columns", missing=missing, has=column_names(distribution)
        )
    frame = distribution[["calls", "months"]].copy()
    frame["over"] = frame["calls"] > threshold
    months = int(frame["months"].sum())
    over = int(frame.loc[frame["over"], "months"].sum())
    bars = (
        alt.Chart(records(frame))
        .mark_bar()
        .encode(
            x=alt.X(
                "calls:O",
                title="calls by one rep on one doctor in a month",
                axis=alt.Axis(labelAngle=0, labelOverlap="greedy", labelSeparation=4),
            ),
            y=alt.Y(
                "months:Q",
                title="rep × doctor months",
                scale=alt.Scale(type="symlog"),
                axis=alt.Axis(format="~s", labelOverlap="greedy", labelSeparation=4),
            ),
            color=alt.Color(
                "over:N",
                scale=alt.Scale(domain=[False, True], range=[BAR, ACCENT]),
                legend=alt.Legend(title=f"more than {threshold}"),
            ),
            tooltip=["calls:O", alt.Tooltip("months:Q", format=",")],
        )
    )
    detail = f"{over:,} months over {threshold} ({over / months if months else 0:.2%})"
    return alt.layer(bars).properties(
        title=title("Calls per doctor per month", source, detail, period), width=480, height=280
    )


def reach_frequency_chart(
    table: pd.DataFrame, *, source: str = "", period: str = ""
) -> alt.TopLevelMixin:
    """Reach (x) against frequency (y), one point per segment or rep.

    Parameters
    ----------
    table
        The table of :func:`~workbench.analysis.reach_frequency`, with ``segment`` or ``rep``,
        and ``targets``, ``reached``, ``calls``, ``reach`` and ``frequency``.
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover, printed under the title.

    Returns
    -------
    altair.TopLevelMixin
        The scatter chart, points sized by target doctors.

    Raises
    ------
    AnalysisError
        The table has more than :data:`~workbench.charts.MAX_ROWS` rows.
    """
    if missing := missing_columns(table, "targets", "reached", "calls", "reach", "frequency"):
        raise AnalysisError(
            key="error.chart.reach_frequency_columns", missing=missing, has=column_names(table)
        )
    group = "segment" if "segment" in table.columns else "rep"
    data = table[[group, "targets", "reached", "calls", "reach", "frequency"]]
    return (
        alt.Chart(records(data))
        .mark_circle(color=BAR, opacity=0.8)
        .encode(
            x=alt.X("reach:Q", axis=share_axis(), scale=alt.Scale(domain=[0, 1])),
            y=alt.Y(
                "frequency:Q",
                title="calls per reached doctor",
                axis=alt.Axis(tickCount=5, labelOverlap="greedy", labelSeparation=4),
            ),
            size=alt.Size("targets:Q", title="target doctors"),
            tooltip=[
                f"{group}:N",
                "targets:Q",
                "reached:Q",
                alt.Tooltip("reach:Q", format=".1%"),
                alt.Tooltip("frequency:Q", format=".2f"),
            ],
        )
        .properties(
            title=title(f"Reach × frequency by {group}", source, "", period),
            width=420,
            height=300,
        )
    )
