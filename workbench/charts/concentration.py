"""Concentration of business: the Lorenz curve and deciles (the Pareto charts: :mod:`.pareto`).

Each takes the frame an analysis returned (``Concentration.table``, ``Deciles.summary``) and
what to print about it; nothing is computed here but the points drawn. Every word is the
catalogue's, in the reader's ``lang``.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from workbench.charts._base import (
    BAR,
    check_lang,
    column_names,
    many,
    missing_columns,
    records,
    share_axis,
    title,
)
from workbench.errors import AnalysisError
from workbench.i18n import coded, label, text

__all__ = ["LORENZ_POINTS", "deciles_chart", "lorenz_chart"]

#: A Lorenz curve is drawn through at most this many points (plus its ends).
LORENZ_POINTS = 1000


def lorenz_chart(
    table: pd.DataFrame,
    *,
    value: str,
    by: str,
    source: str = "",
    period: str = "",
    gini: float | None = None,
    lang: str = "en",
) -> alt.TopLevelMixin:
    """The Lorenz curve and the line of equality, from one ``value`` per entity.

    The curve plots the share of entities, smallest first, against the share of value; it is
    drawn through at most :data:`LORENZ_POINTS` points.

    Parameters
    ----------
    table
        One row per entity with a ``value`` column (a
        :class:`~workbench.analysis.Concentration`'s table).
    value
        What the value is (a column, e.g. ``"amount"``), for the axis title, as labelled.
    by
        What the entities are (e.g. ``"hospital"``), for the axis title, as labelled.
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover, printed under the title.
    gini
        The Gini coefficient to print under the title, if given.
    lang
        The reader's language, ``"zh"`` or ``"en"``: every word drawn is in it.

    Returns
    -------
    altair.TopLevelMixin
        The curve over the diagonal.

    Raises
    ------
    AnalysisError
        ``table`` lacks ``value``, has no rows, or its values add up to zero.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(table, "value"):
        raise AnalysisError(
            key="error.chart.lorenz_columns", missing=missing, has=column_names(table)
        )
    values = np.sort(table["value"].to_numpy(dtype=float))
    total = values.sum()
    if len(values) == 0 or total == 0:
        raise AnalysisError(key="error.chart.nothing_to_draw")
    n = len(values)
    cum = np.concatenate([[0.0], np.cumsum(values) / total])
    idx = np.unique(np.linspace(0, n, min(n, LORENZ_POINTS) + 1).round().astype(int))
    frame = pd.DataFrame({"entities": idx / n, "value": cum[idx]})
    words = {"by": label(by, lang), "value": label(value, lang), "many": many(by, lang)}
    x_title, y_title = text("chart.lorenz.x", lang, **words), text("chart.lorenz.y", lang, **words)
    curve = (
        alt.Chart(records(frame))
        .mark_area(line={"color": BAR}, color=BAR, opacity=0.25)
        .encode(
            x=alt.X(
                "entities:Q",
                title=x_title,
                scale=alt.Scale(domain=[0, 1]),
                axis=share_axis(),
            ),
            y=alt.Y(
                "value:Q",
                title=y_title,
                scale=alt.Scale(domain=[0, 1]),
                axis=share_axis(),
            ),
            tooltip=[
                alt.Tooltip("entities:Q", format=".1%", title=x_title),
                alt.Tooltip("value:Q", format=".1%", title=y_title),
            ],
        )
    )
    diagonal = (
        alt.Chart(alt.Data(values=[{"entities": 0, "value": 0}, {"entities": 1, "value": 1}]))
        .mark_line(color="grey", strokeDash=[4, 4])
        .encode(x="entities:Q", y="value:Q")
    )
    if gini is None:
        detail = text("chart.lorenz.detail", lang, n=n, **words)
    else:
        detail = text("chart.lorenz.detail_gini", lang, n=n, gini=gini, **words)
    return alt.layer(curve, diagonal).properties(
        title=title(text("chart.lorenz.title", lang, **words), source, detail, period, lang),
        width=360,
        height=360,
    )


def deciles_chart(
    summary: pd.DataFrame,
    *,
    method: str = "",
    source: str = "",
    period: str = "",
    lang: str = "en",
) -> alt.TopLevelMixin:
    """Share of the value in each decile (10 = largest), with counts in the tooltip.

    Parameters
    ----------
    summary
        A :class:`~workbench.analysis.Deciles`' summary, with ``decile``, ``count``, ``total``
        and ``share``.
    method
        The decile method (``"count"`` or ``"volume"``), for the title.
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
        ``summary`` lacks one of the columns.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(summary, "decile", "count", "total", "share"):
        raise AnalysisError(
            key="error.chart.deciles_columns", missing=missing, has=column_names(summary)
        )
    frame = summary[["decile", "count", "total", "share"]]
    if method:
        heading = text(
            "chart.deciles.title_method", lang, method=coded("decile_method", method, lang)
        )
    else:
        heading = text("chart.deciles.title", lang)
    x_title, y_title = text("chart.deciles.x", lang), text("chart.deciles.y", lang)
    return (
        alt.Chart(records(frame))
        .mark_bar(color=BAR)
        .encode(
            x=alt.X(
                "decile:O",
                sort="descending",
                title=x_title,
                axis=alt.Axis(labelAngle=0, labelOverlap="greedy", labelSeparation=4),
            ),
            y=alt.Y(
                "share:Q",
                title=y_title,
                axis=alt.Axis(format=".0%", tickCount=5, labelOverlap="greedy", labelSeparation=4),
            ),
            tooltip=[
                alt.Tooltip("decile:O", title=label("decile", lang)),
                alt.Tooltip("count:Q", format=",", title=label("count", lang)),
                alt.Tooltip("total:Q", format=",.0f", title=label("total", lang)),
                alt.Tooltip("share:Q", format=".1%", title=label("share", lang)),
            ],
        )
        .properties(title=title(heading, source, "", period, lang), width=480, height=280)
    )
