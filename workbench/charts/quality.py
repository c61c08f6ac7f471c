"""Data quality and adoption: the weekly calls of a team, reps needing action set apart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.charts._base import (
    ACCENT,
    BAR,
    check_lang,
    column_names,
    missing_columns,
    records,
    title,
)
from workbench.errors import AnalysisError
from workbench.i18n import label, text

__all__ = ["activity_chart"]


def activity_chart(
    frame: pd.DataFrame,
    *,
    heading: str | None = None,
    week_title: str | None = None,
    calls_title: str | None = None,
    legend_title: str = "",
    source: str = "",
    period: str = "",
    lang: str = "en",
) -> alt.TopLevelMixin:
    """Calls a week as stacked bars, one colour for each ``group`` (the second in accent).

    Every text may be given, so a screen draws it in its own words; a text not given is the
    catalogue's in ``lang``. The groups are drawn as given.

    Parameters
    ----------
    frame
        Columns ``week`` (its Monday), ``group`` (what the calls are set apart by, as shown)
        and ``calls``; the groups in the order they first appear.
    heading, week_title, calls_title, legend_title
        The chart's title, its axes' titles and the legend's title (default: "Calls a
        week", "week", "calls", and no legend title).
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover, printed under the title.
    lang
        The reader's language, ``"zh"`` or ``"en"``: the words not given are in it, and so
        are the period and the source.

    Returns
    -------
    altair.TopLevelMixin
        The bar chart.

    Raises
    ------
    AnalysisError
        The frame lacks a column, or has more than :data:`~workbench.charts.MAX_ROWS` rows.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(frame, "week", "group", "calls"):
        raise AnalysisError(
            key="error.chart.activity_columns", missing=missing, has=column_names(frame)
        )
    data = frame[["week", "group", "calls"]].copy()
    data["week"] = data["week"].astype(str)
    groups = list(dict.fromkeys(data["group"]))
    heading = text("chart.activity.title", lang) if heading is None else heading
    week_title = text("chart.week", lang) if week_title is None else week_title
    calls_title = label("calls", lang) if calls_title is None else calls_title
    group_title = legend_title or text("chart.activity.group", lang)
    return (
        alt.Chart(records(data))
        .mark_bar()
        .encode(
            x=alt.X(
                "week:O",
                title=week_title,
                axis=alt.Axis(labelAngle=-90, labelOverlap="greedy", labelSeparation=4),
            ),
            y=alt.Y(
                "sum(calls):Q",
                title=calls_title,
                axis=alt.Axis(tickCount=4, labelOverlap="greedy", labelSeparation=4),
            ),
            color=alt.Color(
                "group:N",
                scale=alt.Scale(domain=groups, range=[BAR, ACCENT][: max(len(groups), 1)]),
                legend=alt.Legend(title=legend_title or None, orient="bottom"),
            ),
            order=alt.Order("group:N"),
            tooltip=[
                alt.Tooltip("week:O", title=week_title),
                alt.Tooltip("group:N", title=group_title),
                alt.Tooltip("calls:Q", format=",", title=calls_title),
            ],
        )
        .properties(title=title(heading, source, "", period, lang), width=420, height=180)
    )
