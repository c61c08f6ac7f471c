"""The Pareto charts: the largest entities by name, the rest in a few bars, the cumulative line.

Each takes the frame an analysis returned (``Concentration.table``, ``Pareto.table``) and what
to print about it; nothing is computed here but the points drawn. A Pareto chart always
draws its cumulative line through the point it names (the entity that brings the share to
80%) and on to 100%, the entities past its leading bars gathered into a few bars of their own.
Every word is the catalogue's, in the reader's ``lang``.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from workbench.charts._base import (
    ACCENT,
    BAR,
    MAX_ROWS,
    check_lang,
    column_names,
    label_column,
    many,
    missing_columns,
    records,
    share_axis,
    title,
    unique_labels,
)
from workbench.errors import AnalysisError
from workbench.i18n import in_lang, label, text

__all__ = ["PARETO_PARTS", "pareto_chart", "pareto_curve_chart"]

_EPS = 1e-9

_PARTS = ("entity", "group", "tail")

#: How the three kinds of point on a Pareto curve are named in the legend, by default (English).
PARETO_PARTS = {k: text(f"chart.pareto_curve.part.{k}", "en") for k in _PARTS}
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
    lang: str = "en",
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
        What the value is (a column, e.g. ``"amount"``), for the axis titles, as labelled.
    by
        What the entities are (e.g. ``"hospital"``), for the axis titles, as labelled.
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
    lang
        The reader's language, ``"zh"`` or ``"en"``: every word drawn is in it (the
        entities' names are drawn as stored).

    Returns
    -------
    altair.TopLevelMixin
        Bars and the cumulative line on independent y scales.

    Raises
    ------
    AnalysisError
        ``table`` lacks one of the columns.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
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
    words = {"by": label(by, lang), "value": label(value, lang), "many": many(by, lang)}
    rows = []
    for first, last in bounds:
        count = last - first + 1
        kind = "tail" if first > max(k, n) else "entity" if count == 1 else "group"
        if kind == "entity":
            named = names[first - 1]
        elif kind == "group":
            named = text("chart.pareto.group", lang, ranks=_ranks(first, last), **words)
        else:
            named = text("chart.pareto.tail", lang, n=count, **words)
        total = float(values[first - 1 : last].sum())
        rows.append(
            {
                "label": named, "ranks": _ranks(first, last), "first_rank": first,
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
    share = float(cum[n - 1]) if n else 0.0
    layers = _pareto_layers(
        points, rule=rule, mark=text("chart.pareto.mark", lang, n=n, share=share, **words),
        x_title=text("chart.pareto.x", lang, **words),
        value_title=text("chart.pareto.per", lang, **words),
        cum_title=text("chart.cumulative_share", lang), legend_title="",
        entity_title=words["by"], entities_title=text("chart.pareto.entities", lang, **words),
        total_title=words["value"],
        parts={p: text(f"chart.pareto.part.{p}", lang, **words) for p in _PARTS},
    )  # fmt: skip
    detail = text("chart.pareto.detail", lang, n=n, entities=entities, rule=rule, top=k, **words)
    if gini is not None:
        detail += text("chart.pareto.gini", lang, gini=gini)
    return layers.properties(
        title=title(text("chart.pareto.title", lang, **words), source, detail, period, lang),
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
    heading: str | None = None,
    detail: str = "",
    mark: str = "",
    x_title: str | None = None,
    value_title: str | None = None,
    cum_title: str | None = None,
    legend_title: str = "",
    entity_title: str | None = None,
    entities_title: str | None = None,
    total_title: str | None = None,
    parts: Mapping[str, str] | None = None,
    lang: str = "en",
) -> alt.TopLevelMixin:
    """The whole cumulative curve through the ``rule`` point, drawn from a few dozen points.

    Each row of ``frame`` is one point: one of the largest entities, a run of consecutive
    ranks, or all the entities after the ``rule`` point (a
    :class:`~workbench.analysis.accounts.Pareto`'s table). Bars show the value per entity
    of each point, the line the cumulative share at its last rank; the ``rule`` line and the
    marked point show where the cumulative share reaches ``rule``. A single entity's bar is
    named on the axis by its ``label`` (else its ``name``), a run by its ranks. Every word on
    the chart is a parameter, so that a screen draws it in its own words; a word not given is
    the catalogue's in ``lang``.

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
        The title (default: "Pareto curve").
    detail
        The line under the title (default: how many of how many carry ``rule``).
    mark
        The text by the marked point (default: ``detail``'s numbers).
    x_title, value_title, cum_title, legend_title
        The axis and legend titles (default: "rank", "value per entity", "cumulative
        share", and no legend title).
    entity_title, entities_title, total_title
        The tooltip's titles: the point's label, its number of entities, its total value.
    parts
        How the legend names each kind of point (default: :data:`PARETO_PARTS`, in
        ``lang``).
    lang
        The reader's language, ``"zh"`` or ``"en"``: the words not given are in it, and so
        are the period and the source.

    Returns
    -------
    altair.TopLevelMixin
        Bars and the cumulative line on independent y scales.

    Raises
    ------
    AnalysisError
        ``frame`` lacks one of the columns.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
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
        given = frame["label"].astype(object).where(frame["label"].notna(), None)
    elif "name" in frame.columns:
        given = frame["name"].astype(object).where(frame["name"].notna(), None)
    else:
        given = pd.Series([None] * len(frame), index=frame.index)
    named = [lb if lb is not None else r for lb, r in zip(given, ranks, strict=True)]
    single = [p == "entity" and lb is not None for p, lb in zip(frame["part"], given, strict=True)]
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
    detail = in_lang(detail, lang) or text(
        "chart.pareto_curve.detail", lang, n=n, entities=entities, rule=rule
    )
    shown = "" if period and period in detail else period

    def word(given: str | None, key: str) -> str:
        return text(key, lang) if given is None else given

    layers = _pareto_layers(
        points, rule=rule, mark=mark or detail, x_title=word(x_title, "chart.rank"),
        value_title=word(value_title, "chart.pareto_curve.value"),
        cum_title=word(cum_title, "chart.cumulative_share"), legend_title=legend_title,
        entity_title=word(entity_title, "chart.pareto_curve.entity"),
        entities_title=word(entities_title, "chart.pareto_curve.entities"),
        total_title=word(total_title, "chart.pareto_curve.total"),
        parts=parts or {k: text(f"chart.pareto_curve.part.{k}", lang) for k in _PARTS},
    )  # fmt: skip
    return layers.properties(
        title=title(word(heading, "chart.pareto_curve.title"), source, detail, shown, lang),
        width=max(640, _BAND * len(points)),
        height=320,
    )
