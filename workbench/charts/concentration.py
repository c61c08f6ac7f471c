"""Concentration of business: the Pareto chart, the Lorenz curve, deciles.

Each takes the frame an analysis returned (``Concentration.table``, ``Deciles.summary``) and
what to print about it; nothing is computed here but the points drawn.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from workbench.charts._base import (
    ACCENT,
    BAR,
    MAX_ROWS,
    label_column,
    records,
    require_columns,
    title,
)
from workbench.errors import AnalysisError

__all__ = [
    "LORENZ_POINTS",
    "PARETO_PARTS",
    "deciles_chart",
    "lorenz_chart",
    "pareto_chart",
    "pareto_curve_chart",
]

#: A Lorenz curve is drawn through at most this many points (plus its ends).
LORENZ_POINTS = 1000

_EPS = 1e-9

#: How the three kinds of point on a Pareto curve are named in the legend, by default.
PARETO_PARTS = {"entity": "one each", "group": "ranks grouped", "tail": "all the rest"}
_PART_COLOURS = {"entity": BAR, "group": "#8fc1d4", "tail": "#b8b8b8"}


def pareto_chart(
    table: pd.DataFrame,
    *,
    value: str,
    by: str,
    source: str = "",
    period: str = "",
    top: int = 50,
    rule: float = 0.8,
    gini: float | None = None,
) -> alt.TopLevelMixin:
    """Bars of the ``top`` largest entities, their cumulative share and the ``rule`` line.

    The cumulative share is a line, and the ``rule`` line (80%) comes with how many entities
    it takes to reach it.

    ``table`` is a :class:`~workbench.analysis.Concentration`'s table: one row per entity,
    largest first, with ``value``, ``share``, ``cum_share`` and ``rank``.

    Parameters
    ----------
    table
        One row per entity, largest first: ``value``, ``share``, ``cum_share``, ``rank``, and
        the key as the first column (or a ``name``) to label the entities.
    value
        What the value is, for the axis title (e.g. ``"amount"``).
    by
        What the entities are, for the axis title (e.g. ``"hospital"``).
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover, printed under the title.
    top
        How many of the largest entities are drawn.
    rule
        The cumulative share marked by the rule line.
    gini
        The Gini coefficient to print under the title, if given.

    Returns
    -------
    altair.TopLevelMixin
        Bars and the cumulative line on independent y scales.

    Raises
    ------
    AnalysisError
        ``table`` lacks one of the columns.
    """
    require_columns(table, "a Pareto chart", "value", "share", "cum_share", "rank")
    shown = table.head(max(1, min(top, MAX_ROWS)))
    frame = pd.DataFrame(
        {
            "rank": shown["rank"],
            "entity": label_column(shown),
            "value": shown["value"],
            "share": shown["share"],
            "cum_share": shown["cum_share"],
        }
    )
    before = table["cum_share"] - table["share"]
    n = int((before < rule - _EPS).sum())
    base = alt.Chart(records(frame)).encode(
        x=alt.X("rank:O", title=f"{by} by rank", axis=alt.Axis(labelAngle=0))
    )
    tooltip = [
        alt.Tooltip("entity:N", title=by),
        alt.Tooltip("value:Q", format=",.0f"),
        alt.Tooltip("share:Q", format=".1%"),
        alt.Tooltip("cum_share:Q", title="cumulative", format=".1%"),
    ]
    bars = base.mark_bar(color=BAR).encode(y=alt.Y("value:Q", title=value), tooltip=tooltip)
    line = base.mark_line(color=ACCENT, point=alt.OverlayMarkDef(color=ACCENT)).encode(
        y=alt.Y(
            "cum_share:Q",
            title="cumulative share",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
        ),
        tooltip=tooltip,
    )
    mark = (
        alt.Chart(alt.Data(values=[{"rule": rule}]))
        .mark_rule(color=ACCENT, strokeDash=[4, 4])
        .encode(y=alt.Y("rule:Q", scale=alt.Scale(domain=[0, 1])))
    )
    detail = f"{n:,} of {len(table):,} carry {rule:.0%}; top {len(shown)} shown"
    if gini is not None:
        detail += f"; Gini {gini:.2f}"
    if period:
        detail = f"{period}: {detail}"
    return (
        alt.layer(bars, alt.layer(line, mark))
        .resolve_scale(y="independent")
        .properties(title=title(f"Pareto: {value} by {by}", source, detail), width=640, height=320)
    )


def pareto_curve_chart(
    frame: pd.DataFrame,
    *,
    n: int,
    entities: int,
    rule: float = 0.8,
    source: str = "",
    heading: str = "Pareto curve",
    detail: str = "",
    mark: str = "",
    x_title: str = "rank",
    value_title: str = "value per entity",
    cum_title: str = "cumulative share",
    legend_title: str = "",
    entity_title: str = "entity",
    entities_title: str = "entities",
    total_title: str = "total",
    parts: Mapping[str, str] = PARETO_PARTS,
) -> alt.TopLevelMixin:
    """The whole cumulative curve through the ``rule`` point, drawn from a few dozen points.

    Each row of ``frame`` is one point: one of the largest entities, a run of consecutive
    ranks, or all the entities after the ``rule`` point (a
    :class:`~workbench.analysis.accounts.Pareto`'s table). Bars show the value per entity
    of each point, the line the cumulative share at its last rank; the ``rule`` line and the
    marked point show where the cumulative share reaches ``rule``. Every word on the chart is
    a parameter, so that a screen draws it in its own language.

    Parameters
    ----------
    frame
        One row per point, in rank order: ``first_rank``, ``last_rank``, ``entities``,
        ``value``, ``per_entity``, ``cum_share``, ``part`` (``"entity"``, ``"group"`` or
        ``"tail"``), ``marked``, and a ``label`` (else its ``name``, else its ranks) naming
        the point in the tooltip.
    n
        How many entities carry ``rule`` (the marked point's last rank).
    entities
        How many entities there are.
    rule
        The cumulative share marked.
    source
        The data's source (the cut's label), printed under the title.
    heading
        The title.
    detail
        The line under the title (default: how many of how many carry ``rule``).
    mark
        The text by the marked point (default: ``detail``'s numbers).
    x_title, value_title, cum_title, legend_title
        The axis and legend titles.
    entity_title, entities_title, total_title
        The tooltip's titles: the point's label, its number of entities, its total value.
    parts
        How the legend names each kind of point.

    Returns
    -------
    altair.TopLevelMixin
        Bars and the cumulative line on independent y scales.

    Raises
    ------
    AnalysisError
        ``frame`` lacks one of the columns.
    """
    require_columns(
        frame, "a Pareto curve", "first_rank", "last_rank", "entities", "value", "per_entity",
        "cum_share", "part", "marked",
    )  # fmt: skip
    first, last = frame["first_rank"].astype(int), frame["last_rank"].astype(int)
    ranks = [f"{a:,}" if a == b else f"{a:,}–{b:,}" for a, b in zip(first, last, strict=True)]
    if "label" in frame.columns:
        label = frame["label"].astype(object).where(frame["label"].notna(), None)
    elif "name" in frame.columns:
        label = frame["name"].astype(object).where(frame["name"].notna(), None)
    else:
        label = pd.Series([None] * len(frame), index=frame.index)
    points = pd.DataFrame(
        {
            "ranks": ranks,
            "label": [lb if lb is not None else r for lb, r in zip(label, ranks, strict=True)],
            "entities": frame["entities"].astype(int),
            "value": frame["value"].astype(float),
            "per_entity": frame["per_entity"].astype(float),
            "cum_share": frame["cum_share"].astype(float),
            "part": [parts.get(p, p) for p in frame["part"]],
            "marked": frame["marked"].astype(bool),
        }
    )
    order = list(points["ranks"])
    x = alt.X("ranks:N", sort=order, title=x_title, axis=alt.Axis(labelAngle=-60))
    tooltip = [
        alt.Tooltip("label:N", title=entity_title),
        alt.Tooltip("entities:Q", title=entities_title, format=","),
        alt.Tooltip("value:Q", title=total_title, format=",.0f"),
        alt.Tooltip("per_entity:Q", title=value_title, format=",.0f"),
        alt.Tooltip("cum_share:Q", title=cum_title, format=".1%"),
    ]
    kinds = [k for k in ("entity", "group", "tail") if k in set(frame["part"])]
    colour = alt.Color(
        "part:N",
        title=legend_title or None,
        scale=alt.Scale(
            domain=[parts.get(k, k) for k in kinds], range=[_PART_COLOURS[k] for k in kinds]
        ),
        legend=alt.Legend(orient="bottom"),
    )
    data = records(points)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(x=x, y=alt.Y("per_entity:Q", title=value_title), color=colour, tooltip=tooltip)
    )
    share = alt.Scale(domain=[0, 1])
    line = (
        alt.Chart(data)
        .mark_line(color=ACCENT, point=alt.OverlayMarkDef(color=ACCENT, size=20))
        .encode(
            x=x,
            y=alt.Y("cum_share:Q", title=cum_title, axis=alt.Axis(format="%"), scale=share),
            tooltip=tooltip,
        )
    )
    level = (
        alt.Chart(alt.Data(values=[{"cum_share": rule}]))
        .mark_rule(color=ACCENT, strokeDash=[4, 4])
        .encode(y=alt.Y("cum_share:Q", scale=share))
    )
    detail = detail or f"{n:,} of {entities:,} carry {rule:.0%}"
    marked = alt.Chart(data).transform_filter(alt.datum.marked)
    point = marked.mark_point(color=ACCENT, size=140, filled=True).encode(
        x=x, y=alt.Y("cum_share:Q", scale=share), tooltip=tooltip
    )
    down = marked.mark_rule(color=ACCENT, strokeDash=[2, 2]).encode(x=x)
    note = marked.mark_text(align="right", dx=-8, dy=-10, color=ACCENT, fontWeight="bold").encode(
        x=x, y=alt.Y("cum_share:Q", scale=share), text=alt.value(mark or detail)
    )
    return (
        alt.layer(bars, alt.layer(line, level, down, point, note))
        .resolve_scale(y="independent", color="independent")
        .properties(title=title(heading, source, detail), width=640, height=320)
    )


def lorenz_chart(
    table: pd.DataFrame,
    *,
    value: str,
    by: str,
    source: str = "",
    period: str = "",
    gini: float | None = None,
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
        What the value is, for the axis title.
    by
        What the entities are, for the axis title.
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover, printed under the title.
    gini
        The Gini coefficient to print under the title, if given.

    Returns
    -------
    altair.TopLevelMixin
        The curve over the diagonal.

    Raises
    ------
    AnalysisError
        ``table`` lacks ``value``, has no rows, or its values add up to zero.
    """
    require_columns(table, "a Lorenz curve", "value")
    values = np.sort(table["value"].to_numpy(dtype=float))
    total = values.sum()
    if len(values) == 0 or total == 0:
        raise AnalysisError("nothing to draw: the value is zero or there are no entities")
    n = len(values)
    cum = np.concatenate([[0.0], np.cumsum(values) / total])
    idx = np.unique(np.linspace(0, n, min(n, LORENZ_POINTS) + 1).round().astype(int))
    frame = pd.DataFrame({"entities": idx / n, "value": cum[idx]})
    curve = (
        alt.Chart(records(frame))
        .mark_area(line={"color": BAR}, color=BAR, opacity=0.25)
        .encode(
            x=alt.X(
                "entities:Q", title=f"share of {by}s (smallest first)", axis=alt.Axis(format="%")
            ),
            y=alt.Y("value:Q", title=f"share of {value}", axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("entities:Q", format=".1%"), alt.Tooltip("value:Q", format=".1%")],
        )
    )
    diagonal = (
        alt.Chart(alt.Data(values=[{"x": 0, "y": 0}, {"x": 1, "y": 1}]))
        .mark_line(color="grey", strokeDash=[4, 4])
        .encode(x="x:Q", y="y:Q")
    )
    detail = f"over {n:,} {by}s" if gini is None else f"Gini {gini:.3f} over {n:,} {by}s"
    if period:
        detail = f"{period}: {detail}"
    return alt.layer(curve, diagonal).properties(
        title=title(f"Lorenz curve: {value} by {by}", source, detail), width=360, height=360
    )


def deciles_chart(
    summary: pd.DataFrame, *, method: str = "", source: str = "", period: str = ""
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

    Returns
    -------
    altair.TopLevelMixin
        The bar chart.

    Raises
    ------
    AnalysisError
        ``summary`` lacks one of the columns.
    """
    require_columns(summary, "a deciles chart", "decile", "count", "total", "share")
    frame = summary[["decile", "count", "total", "share"]]
    heading = f"Deciles ({method})" if method else "Deciles"
    return (
        alt.Chart(records(frame))
        .mark_bar(color=BAR)
        .encode(
            x=alt.X("decile:O", sort="descending", title="decile (10 = largest)"),
            y=alt.Y("share:Q", axis=alt.Axis(format="%"), title="share of value"),
            tooltip=[
                "decile:O",
                alt.Tooltip("count:Q", format=","),
                alt.Tooltip("total:Q", format=",.0f"),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .properties(title=title(heading, source, period), width=480, height=280)
    )
