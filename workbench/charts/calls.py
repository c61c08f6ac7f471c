"""Calls: how often reps call each doctor, and how far their calls reach.

Every word is the catalogue's, in the reader's ``lang``.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from workbench.charts._base import (
    ACCENT,
    BAR,
    check_lang,
    column_names,
    missing_columns,
    records,
    share_axis,
    title,
)
from workbench.errors import AnalysisError
from workbench.i18n import coded, label, text

__all__ = ["calls_chart", "reach_frequency_chart"]


def calls_chart(
    distribution: pd.DataFrame,
    *,
    threshold: int,
    source: str = "",
    period: str = "",
    lang: str = "en",
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
    lang
        The reader's language, ``"zh"`` or ``"en"``: every word drawn is in it.

    Returns
    -------
    altair.TopLevelMixin
        The bar chart.

    Raises
    ------
    AnalysisError
        The frame has more than :data:`~workbench.charts.MAX_ROWS` rows.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(distribution, "calls", "months"):
        raise AnalysisError(
            key="error.chart.calls_columns", missing=missing, has=column_names(distribution)
        )
    frame = distribution[["calls", "months"]].copy()
    frame["over"] = frame["calls"] > threshold
    months = int(frame["months"].sum())
    over = int(frame.loc[frame["over"], "months"].sum())
    x_title, y_title = text("chart.calls.x", lang), text("chart.calls.y", lang)
    yes, no = (json.dumps(text(f"chart.{k}", lang), ensure_ascii=False) for k in ("yes", "no"))
    bars = (
        alt.Chart(records(frame))
        .mark_bar()
        .encode(
            x=alt.X(
                "calls:O",
                title=x_title,
                axis=alt.Axis(labelAngle=0, labelOverlap="greedy", labelSeparation=4),
            ),
            y=alt.Y(
                "months:Q",
                title=y_title,
                scale=alt.Scale(type="symlog"),
                axis=alt.Axis(format="~s", labelOverlap="greedy", labelSeparation=4),
            ),
            color=alt.Color(
                "over:N",
                scale=alt.Scale(domain=[False, True], range=[BAR, ACCENT]),
                legend=alt.Legend(
                    title=text("chart.calls.over", lang, threshold=threshold),
                    labelExpr=f"datum.value ? {yes} : {no}",
                ),
            ),
            tooltip=[
                alt.Tooltip("calls:O", title=x_title),
                alt.Tooltip("months:Q", format=",", title=y_title),
            ],
        )
    )
    detail = text(
        "chart.calls.detail", lang, over=over, threshold=threshold,
        share=over / months if months else 0.0,
    )  # fmt: skip
    heading = text("chart.calls.title", lang)
    return alt.layer(bars).properties(
        title=title(heading, source, detail, period, lang), width=480, height=280
    )


def reach_frequency_chart(
    table: pd.DataFrame, *, source: str = "", period: str = "", lang: str = "en"
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
    lang
        The reader's language, ``"zh"`` or ``"en"``: every word drawn is in it, a segment
        as its code reads (a rep by name, as stored).

    Returns
    -------
    altair.TopLevelMixin
        The scatter chart, points sized by target doctors.

    Raises
    ------
    AnalysisError
        The table has more than :data:`~workbench.charts.MAX_ROWS` rows.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(table, "targets", "reached", "calls", "reach", "frequency"):
        raise AnalysisError(
            key="error.chart.reach_frequency_columns", missing=missing, has=column_names(table)
        )
    group = "segment" if "segment" in table.columns else "rep"
    data = table[[group, "targets", "reached", "calls", "reach", "frequency"]].copy()
    if group == "segment":
        data["segment"] = [coded("segment", s, lang) for s in data["segment"]]
    y_title = text("chart.reach.y", lang)
    return (
        alt.Chart(records(data))
        .mark_circle(color=BAR, opacity=0.8)
        .encode(
            x=alt.X(
                "reach:Q",
                title=label("reach", lang),
                axis=share_axis(),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y(
                "frequency:Q",
                title=y_title,
                axis=alt.Axis(tickCount=5, labelOverlap="greedy", labelSeparation=4),
            ),
            size=alt.Size("targets:Q", title=text("chart.reach.size", lang)),
            tooltip=[
                alt.Tooltip(f"{group}:N", title=label(group, lang)),
                alt.Tooltip("targets:Q", title=label("targets", lang)),
                alt.Tooltip("reached:Q", title=label("reached", lang)),
                alt.Tooltip("reach:Q", format=".1%", title=label("reach", lang)),
                alt.Tooltip("frequency:Q", format=".2f", title=label("frequency", lang)),
            ],
        )
        .properties(
            title=title(
                text("chart.reach.title", lang, group=label(group, lang)), source, "", period, lang
            ),
            width=420,
            height=300,
        )
    )
