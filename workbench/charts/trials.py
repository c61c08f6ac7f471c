"""The clinical trial: Kaplan–Meier curves and forest plots.

Drawn from the frames the analysis computed (:class:`~workbench.analysis.trials.Survival`'s
curves, a :class:`~workbench.analysis.trials.Forest`'s rows); no statistic is computed here.
Every word is the catalogue's, in the reader's ``lang``; the arms are drawn by their codes.
"""

from __future__ import annotations

import altair as alt
import numpy as np
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
from workbench.i18n import coded, in_lang, label, text

__all__ = ["forest_chart", "km_chart"]


def _first_clause(note: str, lang: str) -> str:
    """The first clause of ``note`` (up to its first semicolon), said in ``lang``."""
    return in_lang(note, lang).replace("；", ";").split(";")[0].strip()


def km_chart(
    curves: pd.DataFrame,
    *,
    param: str,
    source: str = "",
    period: str = "",
    summary: str = "",
    heading: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    legend_title: str | None = None,
    at_risk_title: str | None = None,
    lang: str = "en",
) -> alt.TopLevelMixin:
    """Kaplan–Meier step curves per arm for ``param`` (OS, PFS or DOR).

    Censored subjects are drawn as ticks; ``summary`` (medians, hazard ratio) goes under the
    title. Every title may be given, so a screen draws it in its own words; a title not
    given is the catalogue's in ``lang``.

    ``curves`` has ``arm``, ``time``, ``survival``, ``censored`` and ``at_risk``, each arm
    from day 0.

    Parameters
    ----------
    curves
        A :class:`~workbench.analysis.trials.Survival`'s ``curves``.
    param
        The time-to-event parameter, for the titles.
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover (e.g. ``"data to 2026-10-31"``, the trial's cutoff),
        leading the line under the title.
    summary
        One line under the title, in the reader's language (a
        :func:`~workbench.i18n.said` text is said in ``lang``), e.g. the
        :class:`~workbench.analysis.trials.Survival`'s ``summary``.
    heading
        The chart's title; by default ``Kaplan–Meier: {param} by arm``.
    x_title
        The time axis's title; by default ``days since randomisation``.
    y_title
        The probability axis's title; by default ``{param} probability``.
    legend_title
        The title of the arms' legend; by default ``arm``.
    at_risk_title
        What the tooltip calls the number at risk; by default ``at risk``.
    lang
        The reader's language, ``"zh"`` or ``"en"``: the titles not given are in it, and so
        are the period and the source.

    Returns
    -------
    altair.TopLevelMixin
        The step curves with censoring ticks.

    Raises
    ------
    AnalysisError
        ``curves`` is empty, or has more than :data:`~workbench.charts.MAX_ROWS` rows.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(curves, "arm", "time", "survival", "censored", "at_risk"):
        raise AnalysisError(key="error.chart.km_columns", missing=missing, has=column_names(curves))
    if curves.empty:
        if source:
            raise AnalysisError(key="error.chart.no_curve", param=param, source=source)
        raise AnalysisError(key="error.chart.no_curve_in_cut", param=param)
    x_title = text("chart.km.x", lang) if x_title is None else x_title
    y_title = text("chart.km.y", lang, param=param) if y_title is None else y_title
    legend_title = text("chart.km.arm", lang) if legend_title is None else legend_title
    at_risk_title = text("chart.km.at_risk", lang) if at_risk_title is None else at_risk_title
    heading = text("chart.km.title", lang, param=param) if heading is None else heading
    base = alt.Chart(records(curves)).encode(
        x=alt.X(
            "time:Q",
            title=x_title,
            axis=alt.Axis(tickCount=6, labelOverlap="greedy", labelSeparation=4),
        ),
        y=alt.Y("survival:Q", title=y_title, axis=share_axis(), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("arm:N", title=legend_title),
    )
    steps = base.mark_line(interpolate="step-after").encode(
        tooltip=[
            alt.Tooltip("arm:N", title=legend_title),
            alt.Tooltip("time:Q", title=x_title),
            alt.Tooltip("survival:Q", format=".1%", title=y_title),
            alt.Tooltip("at_risk:Q", title=at_risk_title),
        ]
    )
    ticks = base.transform_filter("datum.censored > 0").mark_tick(size=8, thickness=1)
    return alt.layer(steps, ticks).properties(
        title=title(heading, source, summary, period, lang),
        width=480,
        height=300,
    )


def forest_chart(
    rows: pd.DataFrame,
    *,
    measure: str,
    source: str = "",
    period: str = "",
    note: str = "",
    lang: str = "en",
) -> alt.TopLevelMixin:
    """A forest plot: one row per subgroup level with its estimate and interval.

    Levels that cannot be estimated (``ne``) say NE. ``measure`` ``"hr"`` draws a hazard ratio
    on a log scale around 1, ``"orr"`` a difference around 0.

    Parameters
    ----------
    rows
        A :class:`~workbench.analysis.trials.Forest`'s table: ``subgroup``, ``level``, ``n``,
        ``events``, ``estimate``, ``lower``, ``upper`` and ``ne``.
    measure
        ``"orr"`` or ``"hr"``.
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover (e.g. ``"data to 2026-10-31"``, the trial's cutoff),
        leading the line under the title.
    note
        The forest's note, in the reader's language (a :func:`~workbench.i18n.said` text is
        said in ``lang``); its first clause goes under the title.
    lang
        The reader's language, ``"zh"`` or ``"en"``: every word drawn is in it, each
        subgroup by its column's label and each level as its code reads.

    Returns
    -------
    altair.TopLevelMixin
        Intervals, estimates, NE labels and the line of no effect.

    Raises
    ------
    AnalysisError
        ``measure`` is not known.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(
        rows, "subgroup", "level", "n", "events", "estimate", "lower", "upper", "ne"
    ):
        raise AnalysisError(
            key="error.chart.forest_columns", missing=missing, has=column_names(rows)
        )
    if measure not in ("orr", "hr"):
        raise AnalysisError(key="error.trial.measure", measure=measure)
    is_hr = measure == "hr"
    frame = rows.copy()
    frame["row"] = [
        text("chart.forest.row", lang, subgroup=label(s, lang), level=coded(s, lv, lang))
        if s != "all"
        else text("chart.forest.all", lang)
        for s, lv in zip(frame["subgroup"], frame["level"], strict=True)
    ]
    frame["label"] = np.where(frame["ne"], "NE", "")
    order = list(frame["row"])
    base = alt.Chart(records(frame)).encode(y=alt.Y("row:N", sort=order, title=None))
    scale = alt.Scale(type="log") if is_hr else alt.Scale(zero=False)
    bars = base.mark_rule(color=BAR).encode(
        x=alt.X(
            "lower:Q",
            scale=scale,
            title=text(f"chart.forest.x.{measure}", lang),
            axis=alt.Axis(tickCount=5, labelOverlap="greedy", labelSeparation=4),
        ),
        x2="upper:Q",
    )
    points = base.mark_point(filled=True, color=BAR).encode(
        x="estimate:Q",
        tooltip=[
            alt.Tooltip("row:N", title=text("chart.forest.subgroup", lang)),
            alt.Tooltip("n:Q", title=text("chart.forest.n", lang)),
            alt.Tooltip("events:Q", title=text(f"chart.forest.events.{measure}", lang)),
            alt.Tooltip("estimate:Q", format=".3f", title=text("chart.forest.estimate", lang)),
            alt.Tooltip("lower:Q", format=".3f", title=text("chart.forest.lower", lang)),
            alt.Tooltip("upper:Q", format=".3f", title=text("chart.forest.upper", lang)),
        ],
    )
    ne = base.mark_text(align="left", color=ACCENT).encode(x=alt.value(4), text="label:N")
    null = (
        alt.Chart(records(pd.DataFrame({"x": [1.0 if is_hr else 0.0]})))
        .mark_rule(strokeDash=[4, 3], color="gray")
        .encode(x="x:Q")
    )
    return alt.layer(bars, points, ne, null).properties(
        title=title(
            text("chart.forest.title", lang), source, _first_clause(note, lang), period, lang
        ),
        width=420,
        height=22 * len(frame),
    )
