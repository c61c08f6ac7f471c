"""Concentration of business: the Pareto chart, the Lorenz curve, deciles.

Each takes the frame an analysis returned (``Concentration.table``, ``Deciles.summary``) and
what to print about it; nothing is computed here but the points drawn. A Pareto chart always
draws its cumulative line through the point it names (the entity that brings the share to
80%) and on to 100%, the entities past its leading bars gathered into a few bars of their own.
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
    column_names,
    label_column,
    missing_columns,
    records,
    share_axis,
    title,
    unique_labels,
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

#: The narrowest band a named bar gets, in pixels, so upright names never touch.
_BAND = 14


def _ranks(first: int, last: int) -> str:
    return f"{first:,}" if first == last else f"{first:,}–{last:,}"


def _pareto_layers(
    points: pd.DataFrame,
    *,
    rule: float,
    mark: str,
    x_title: str,
    value_title: str,
    cum_title: str,
    legend_title: str,
    entity_title: str,
    entities_title: str,
    total_title: str,
    parts: Mapping[str, str],
) -> alt.LayerChart:
    """Bars (value per entity), the cumulative line, the ``rule`` line and the marked point.

    ``points`` has ``axis`` (the bar's name on the x axis, unique, in order), ``label``,
    ``first_rank``, ``last_rank``, ``entities``, ``value``, ``per_entity``, ``cum_share``,
    ``part`` and ``marked``.
    """
    shown = points.assign(part=[parts.get(p, p) for p in points["part"]])
    order = list(shown["axis"])
    x = alt.X(
        "axis:N",
        sort=order,
        title=x_title,
        axis=alt.Axis(
            labelAngle=-90, labelLimit=140, labelOverlap="greedy", labelSeparation=4, labelPadding=4
        ),
    )
    tooltip = [
        alt.Tooltip("label:N", title=entity_title),
        alt.Tooltip("ranks:N", title=x_title),
        alt.Tooltip("entities:Q", title=entities_title, format=","),
        alt.Tooltip("value:Q", title=total_title, format=",.0f"),
        alt.Tooltip("per_entity:Q", title=value_title, format=",.0f"),
        alt.Tooltip("cum_share:Q", title=cum_title, format=".1%"),
    ]
    kinds = [k for k in ("entity", "group", "tail") if k in set(points["part"])]
    colour = alt.Color(
        "part:N",
        title=legend_title or None,
        scale=alt.Scale(
            domain=[parts.get(k, k) for k in kinds], range=[_PART_COLOURS[k] for k in kinds]
        ),
        legend=alt.Legend(orient="bottom"),
    )
    data = records(shown)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "per_entity:Q",
                title=value_title,
                axis=alt.Axis(format="~s", tickCount=5, labelOverlap="greedy", labelSeparation=4),
            ),
            color=colour,
            tooltip=tooltip,
        )
    )
    share = alt.Scale(domain=[0, 1])
    y_share = alt.Y("cum_share:Q", title=cum_title, scale=share, axis=share_axis())
    line = (
        alt.Chart(data)
        .mark_line(color=ACCENT, point=alt.OverlayMarkDef(color=ACCENT, size=20))
        .encode(x=x, y=y_share, tooltip=tooltip)
    )
    level = (
        alt.Chart(alt.Data(values=[{"cum_share": rule}]))
        .mark_rule(color=ACCENT, strokeDash=[4, 4])
        .encode(y=y_share)
    )
    marked = alt.Chart(data).transform_filter(alt.datum.marked)
    point = marked.mark_point(color=ACCENT, size=140, filled=True).encode(
        x=x, y=y_share, tooltip=tooltip
    )
    down = marked.mark_rule(color=ACCENT, strokeDash=[2, 2]).encode(x=x)
    note = marked.mark_text(align="right", dx=-8, dy=-10, color=ACCENT, fontWeight="bold").encode(
        x=x, y=y_share, text=alt.value(mark)
    )
    return alt.layer(bars, alt.layer(line, level, down, point, note)).resolve_scale(
        y="independent", color="independent"
    )


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
    """The ``top`` largest entities by name, then the rest in two bars, and the cumulative line.

    The leading bars are named (the ``name`` column, else the key); the entities after them
    up to the one that brings the cumulative share to ``rule`` are one bar (their value per
    entity), all the entities after that one more ("the other 2,800"), so the cumulative line
    runs through the ``rule`` point to 100%. The point is marked (``n`` entities carry the
    ``rule`` share) and the dashed ``rule`` line crosses it.

    Parameters
    ----------
    table
        A :class:`~workbench.analysis.Concentration`'s table: one row per entity, largest
        first, with ``value``, ``share``, ``cum_share``, ``rank``, and the key as the first
        column (or a ``name``) to name the entities.
    value
        What the value is, for the axis title (e.g. ``"amount"``).
    by
        What the entities are, for the axis title (e.g. ``"hospital"``).
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover (e.g. the concentration's ``period``), printed under the
        title, a whole year as the year.
    top
        How many of the largest entities are drawn one bar each.
    rule
        The cumulative share marked.
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
    if missing := missing_columns(table, "value", "share", "cum_share", "rank"):
        raise AnalysisError(
            key="error.chart.pareto_columns", missing=missing, has=column_names(table)
        )
    entities = len(table)
    before = table["cum_share"] - table["share"]
    n = int((before < rule - _EPS).sum())
    k = max(0, min(top, MAX_ROWS - 2, entities))
    bounds = [(r, r) for r in range(1, k + 1)]
    if n > k:
        bounds.append((k + 1, n))
    if max(k, n) < entities:
        bounds.append((max(k, n) + 1, entities))
    names = label_column(table).tolist()
    values = table["value"].to_numpy(dtype=float)
    cum = table["cum_share"].to_numpy(dtype=float)
    rows = []
    for first, last in bounds:
        count = last - first + 1
        kind = "tail" if first > max(k, n) else "entity" if count == 1 else "group"
        label = {
            "entity": names[first - 1],
            "group": f"{by}s {_ranks(first, last)}",
            "tail": f"the other {count:,}",
        }[kind]
        total = float(values[first - 1 : last].sum())
        rows.append(
            {
                "label": label, "ranks": _ranks(first, last), "first_rank": first,
                "last_rank": last, "entities": count, "value": total,
                "per_entity": total / count, "cum_share": float(cum[last - 1]),
                "part": kind, "marked": last == n,
            }
        )  # fmt: skip
    points = pd.DataFrame(
        rows, columns=["label", "ranks", "first_rank", "last_rank", "entities", "value",
                       "per_entity", "cum_share", "part", "marked"],
    )  # fmt: skip
    points.insert(0, "axis", unique_labels(points["label"].astype(str).tolist()))
    share = cum[n - 1] if n else 0.0
    layers = _pareto_layers(
        points, rule=rule, mark=f"{n:,} {by}s: {share:.1%}", x_title=f"{by}s, largest first",
        value_title=f"{value} per {by}", cum_title="cumulative share", legend_title="",
        entity_title=by, entities_title=f"{by}s", total_title=value,
        parts={"entity": f"one {by}", "group": f"{by}s by rank", "tail": f"all other {by}s"},
    )  # fmt: skip
    detail = f"{n:,} of {entities:,} {by}s carry {rule:.0%}; top {k} named"
    if gini is not None:
        detail += f"; Gini {gini:.2f}"
    return layers.properties(
        title=title(f"Pareto: {value} by {by}", source, detail, period),
        width=max(640, _BAND * len(points)),
        height=320,
    )


def pareto_curve_chart(
    frame: pd.DataFrame,
    *,
    n: int,
    entities: int,
    rule: float = 0.8,
    source: str = "",
    period: str = "",
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
    marked point show where the cumulative share reaches ``rule``. A single entity's bar is
    named on the axis by its ``label`` (else its ``name``), a run by its ranks. Every word on
    the chart is a parameter, so that a screen draws it in its own language.

    Parameters
    ----------
    frame
        One row per point, in rank order: ``first_rank``, ``last_rank``, ``entities``,
        ``value``, ``per_entity``, ``cum_share``, ``part`` (``"entity"``, ``"group"`` or
        ``"tail"``), ``marked``, and a ``label`` (else its ``name``, else its ranks) naming
        the point.
    n
        How many entities carry ``rule`` (the marked point's last rank).
    entities
        How many entities there are.
    rule
        The cumulative share marked.
    source
        The data's source (the cut's label), printed under the title.
    period
        The dates the data cover, leading the line under the title (unless ``detail``
        already names it).
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
    if missing := missing_columns(
        frame, "first_rank", "last_rank", "entities", "value", "per_entity", "cum_share", "part",
        "marked",
    ):  # fmt: skip
        raise AnalysisError(
            key="error.chart.pareto_curve_columns", missing=missing, has=column_names(frame)
        )
    first, last = frame["first_rank"].astype(int), frame["last_rank"].astype(int)
    ranks = [_ranks(a, b) for a, b in zip(first, last, strict=True)]
    if "label" in frame.columns:
        label = frame["label"].astype(object).where(frame["label"].notna(), None)
    elif "name" in frame.columns:
        label = frame["name"].astype(object).where(frame["name"].notna(), None)
    else:
        label = pd.Series([None] * len(frame), index=frame.index)
    named = [lb if lb is not None else r for lb, r in zip(label, ranks, strict=True)]
    single = [p == "entity" and lb is not None for p, lb in zip(frame["part"], label, strict=True)]
    points = pd.DataFrame(
        {
            "axis": unique_labels(
                [str(nm) if s else r for nm, s, r in zip(named, single, ranks, strict=True)]
            ),
            "label": named,
            "ranks": ranks,
            "first_rank": first.to_numpy(),
            "last_rank": last.to_numpy(),
            "entities": frame["entities"].astype(int).to_numpy(),
            "value": frame["value"].astype(float).to_numpy(),
            "per_entity": frame["per_entity"].astype(float).to_numpy(),
            "cum_share": frame["cum_share"].astype(float).to_numpy(),
            "part": list(frame["part"]),
            "marked": frame["marked"].astype(bool).to_numpy(),
        }
    )
    detail = detail or f"{n:,} of {entities:,} carry {rule:.0%}"
    shown = "" if period and period in detail else period
    layers = _pareto_layers(
        points, rule=rule, mark=mark or detail, x_title=x_title, value_title=value_title,
        cum_title=cum_title, legend_title=legend_title, entity_title=entity_title,
        entities_title=entities_title, total_title=total_title, parts=parts,
    )  # fmt: skip
    return layers.properties(
        title=title(heading, source, detail, shown),
        width=max(640, _BAND * len(points)),
        height=320,
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
    curve = (
        alt.Chart(records(frame))
        .mark_area(line={"color": BAR}, color=BAR, opacity=0.25)
        .encode(
            x=alt.X(
                "entities:Q",
                title=f"share of {by}s (smallest first)",
                scale=alt.Scale(domain=[0, 1]),
                axis=share_axis(),
            ),
            y=alt.Y(
                "value:Q",
                title=f"share of {value}",
                scale=alt.Scale(domain=[0, 1]),
                axis=share_axis(),
            ),
            tooltip=[alt.Tooltip("entities:Q", format=".1%"), alt.Tooltip("value:Q", format=".1%")],
        )
    )
    diagonal = (
        alt.Chart(alt.Data(values=[{"entities": 0, "value": 0}, {"entities": 1, "value": 1}]))
        .mark_line(color="grey", strokeDash=[4, 4])
        .encode(x="entities:Q", y="value:Q")
    )
    detail = f"over {n:,} {by}s" if gini is None else f"Gini {gini:.3f} over {n:,} {by}s"
    return alt.layer(curve, diagonal).properties(
        title=title(f"Lorenz curve: {value} by {by}", source, detail, period),
        width=360,
        height=360,
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
    if missing := missing_columns(summary, "decile", "count", "total", "share"):
        raise AnalysisError(
            key="error.chart.deciles_columns", missing=missing, has=column_names(summary)
        )
    frame = summary[["decile", "count", "total", "share"]]
    heading = f"Deciles ({method})" if method else "Deciles"
    return (
        alt.Chart(records(frame))
        .mark_bar(color=BAR)
        .encode(
            x=alt.X(
                "decile:O",
                sort="descending",
                title="decile (10 = largest)",
                axis=alt.Axis(labelAngle=0, labelOverlap="greedy", labelSeparation=4),
            ),
            y=alt.Y(
                "share:Q",
                title="share of value",
                axis=alt.Axis(format=".0%", tickCount=5, labelOverlap="greedy", labelSeparation=4),
            ),
            tooltip=[
                "decile:O",
                alt.Tooltip("count:Q", format=","),
                alt.Tooltip("total:Q", format=",.0f"),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .properties(title=title(heading, source, "", period), width=480, height=280)
    )
