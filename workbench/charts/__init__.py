"""Charts for the analyses, drawn with Altair and working with no network.

Altair's default renderer loads Vega from a CDN, which a training camp without internet does
not reach: the chart area shows "Error loading script". Importing this module switches Altair
to its Jupyter widget renderer with the Vega bundle carried inline (``anywidget`` serves it
from the kernel), in JupyterLab and in Voila alike; tooltips keep working. :func:`save`
writes PNG, SVG or self-contained HTML through ``vl-convert``, also offline.

Every chart takes a result of :mod:`workbench.analysis`, is fed pre-aggregated data (never
more than :data:`MAX_ROWS` rows) and names its source cut in the subtitle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from workbench.analysis.activity import CallFrequency
from workbench.analysis.segments import LEVELS, TIERS, Concentration, Deciles, PotentialAdoption
from workbench.errors import AnalysisError

__all__ = [
    "MAX_ROWS",
    "calls_distribution",
    "deciles",
    "forest",
    "heatmap",
    "km",
    "lorenz",
    "offline",
    "pareto",
    "reach_frequency",
    "save",
]

#: Altair's own limit on rows embedded in one chart; charts here stay under it.
MAX_ROWS = 5000
LORENZ_POINTS = 1000

ACCENT = "#c0392b"
BAR = "#2e86ab"


def offline() -> None:
    """Render charts with the Vega bundle inline (no CDN); done on import of this module."""
    alt.JupyterChart.enable_offline()
    alt.renderers.enable("jupyter", offline=True)


offline()


def _title(text: str, source: str, detail: str = "") -> alt.TitleParams:
    subtitle = [detail, source] if detail else [source]
    return alt.TitleParams(text=text, subtitle=subtitle, anchor="start")


def _records(frame: pd.DataFrame) -> alt.Data:
    if len(frame) > MAX_ROWS:
        raise AnalysisError(f"{len(frame):,} rows are too many for one chart; aggregate first")
    clean = frame.copy()
    for column in clean.columns:
        if pd.api.types.is_datetime64_any_dtype(clean[column]):
            clean[column] = clean[column].dt.strftime("%Y-%m-%d")
    clean = clean.astype(object).where(clean.notna(), None)
    return alt.Data(values=clean.to_dict(orient="records"))


def _label(table: pd.DataFrame) -> pd.Series:
    key = table.columns[0]
    if "name" in table.columns:
        return table["name"].fillna(table[key].astype(str)).astype(str)
    return table[key].astype(str)


def pareto(result: Concentration, *, top: int = 50, rule: float = 0.8) -> alt.TopLevelMixin:
    """Bars of the ``top`` largest entities, their cumulative share as a line, and the
    ``rule`` line (80%) with how many entities it takes to reach it."""
    table = result.table.head(max(1, min(top, MAX_ROWS)))
    frame = pd.DataFrame(
        {
            "rank": table["rank"],
            "entity": _label(table),
            "value": table["value"],
            "share": table["share"],
            "cum_share": table["cum_share"],
        }
    )
    n = result.n_for_share(rule)
    data = _records(frame)
    base = alt.Chart(data).encode(
        x=alt.X("rank:O", title=f"{result.by} by rank", axis=alt.Axis(labelAngle=0))
    )
    tooltip = [
        alt.Tooltip("entity:N", title=result.by),
        alt.Tooltip("value:Q", format=",.0f"),
        alt.Tooltip("share:Q", format=".1%"),
        alt.Tooltip("cum_share:Q", title="cumulative", format=".1%"),
    ]
    bars = base.mark_bar(color=BAR).encode(y=alt.Y("value:Q", title=result.value), tooltip=tooltip)
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
    detail = (
        f"{n:,} of {len(result.table):,} carry {rule:.0%}; top {len(table)} shown; "
        f"Gini {result.gini:.2f}"
    )
    return (
        alt.layer(bars, alt.layer(line, mark))
        .resolve_scale(y="independent")
        .properties(
            title=_title(f"Pareto: {result.value} by {result.by}", result.source, detail),
            width=640,
            height=320,
        )
    )


def lorenz(result: Concentration) -> alt.TopLevelMixin:
    """The Lorenz curve (share of entities, smallest first, against share of value), the
    line of equality, and the Gini coefficient."""
    values = np.sort(result.table["value"].to_numpy(dtype=float))
    total = values.sum()
    if len(values) == 0 or total == 0:
        raise AnalysisError("nothing to draw: the value is zero or there are no entities")
    n = len(values)
    cum = np.concatenate([[0.0], np.cumsum(values) / total])
    idx = np.unique(np.linspace(0, n, min(n, LORENZ_POINTS) + 1).round().astype(int))
    frame = pd.DataFrame({"entities": idx / n, "value": cum[idx]})
    curve = (
        alt.Chart(_records(frame))
        .mark_area(line={"color": BAR}, color=BAR, opacity=0.25)
        .encode(
            x=alt.X(
                "entities:Q",
                title=f"share of {result.by}s (smallest first)",
                axis=alt.Axis(format="%"),
            ),
            y=alt.Y("value:Q", title=f"share of {result.value}", axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("entities:Q", format=".1%"), alt.Tooltip("value:Q", format=".1%")],
        )
    )
    diagonal = (
        alt.Chart(alt.Data(values=[{"x": 0, "y": 0}, {"x": 1, "y": 1}]))
        .mark_line(color="grey", strokeDash=[4, 4])
        .encode(x="x:Q", y="y:Q")
    )
    return alt.layer(curve, diagonal).properties(
        title=_title(
            f"Lorenz curve: {result.value} by {result.by}",
            result.source,
            f"Gini {result.gini:.3f} over {n:,} {result.by}s",
        ),
        width=360,
        height=360,
    )


def deciles(result: Deciles) -> alt.TopLevelMixin:
    """Share of the value in each decile (10 = largest), with counts in the tooltip."""
    frame = result.summary[["decile", "count", "total", "share"]]
    return (
        alt.Chart(_records(frame))
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
        .properties(
            title=_title(f"Deciles ({result.method})", result.source), width=480, height=280
        )
    )


def heatmap(result: PotentialAdoption) -> alt.TopLevelMixin:
    """Doctors on potential (rows) × adoption (columns), with the segment of each cell."""
    segments = result.doctors.groupby(["potential_tier", "adoption_level"])["segment"].first()
    frame = result.matrix.stack().rename("doctors").reset_index()
    frame["segment"] = [
        segments.get((t, lv), "")
        for t, lv in zip(frame["potential"], frame["adoption"], strict=True)
    ]
    base = alt.Chart(_records(frame)).encode(
        x=alt.X("adoption:N", sort=list(LEVELS), title="adoption", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("potential:N", sort=list(TIERS), title="potential"),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("doctors:Q", scale=alt.Scale(scheme="blues"), title="doctors"),
        tooltip=["potential:N", "adoption:N", "segment:N", alt.Tooltip("doctors:Q", format=",")],
    )
    labels = base.mark_text(baseline="middle").encode(
        text=alt.Text("doctors:Q", format=","), color=alt.value("black")
    )
    return alt.layer(cells, labels).properties(
        title=_title("Potential × adoption", result.source, f"quarter {result.quarter}"),
        width=300,
        height=240,
    )


def calls_distribution(result: CallFrequency) -> alt.TopLevelMixin:
    """How many rep × doctor months had 1, 2, 3 … calls, with the over-visit threshold."""
    frame = result.distribution.copy()
    frame["over"] = frame["calls"] > result.threshold
    bars = (
        alt.Chart(_records(frame))
        .mark_bar()
        .encode(
            x=alt.X("calls:O", title="calls by one rep on one doctor in a month"),
            y=alt.Y("months:Q", title="rep × doctor months", scale=alt.Scale(type="symlog")),
            color=alt.Color(
                "over:N",
                scale=alt.Scale(domain=[False, True], range=[BAR, ACCENT]),
                legend=alt.Legend(title=f"more than {result.threshold}"),
            ),
            tooltip=["calls:O", alt.Tooltip("months:Q", format=",")],
        )
    )
    return alt.layer(bars).properties(
        title=_title(
            "Calls per doctor per month",
            result.source,
            f"{len(result.flagged):,} months over {result.threshold} ({result.share_over:.2%})",
        ),
        width=480,
        height=280,
    )


def reach_frequency(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Reach (x) against frequency (y), one point per segment or rep (a
    :func:`~workbench.analysis.reach_frequency` result)."""
    group = "segment" if "segment" in frame.columns else "rep"
    data = frame[[group, "targets", "reached", "calls", "reach", "frequency"]]
    return (
        alt.Chart(_records(data))
        .mark_circle(color=BAR, opacity=0.8)
        .encode(
            x=alt.X("reach:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("frequency:Q", title="calls per reached doctor"),
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
            title=_title(
                f"Reach × frequency by {group}",
                str(frame.attrs.get("source", "")),
                str(frame.attrs.get("period", "")),
            ),
            width=420,
            height=300,
        )
    )


def km(t: Any, param: str = "PFS", *, conf_type: str = "log") -> alt.TopLevelMixin:
    """Kaplan–Meier curves per arm for OS, PFS or DOR (a :class:`~workbench.analysis.trials.
    Trial`), with censored subjects as ticks; medians and the hazard ratio in the subtitle."""
    from workbench.analysis import trials as tr

    data = t.tte[t.tte["param"] == param]
    if data.empty:
        raise AnalysisError(f"no {param} data at {t.source}")
    frames = []
    for arm, part in data.groupby("arm", sort=True):
        curve = tr.km_curve(part, duration="days", event="event", conf_type=conf_type)
        start = pd.DataFrame(
            {"time": [0.0], "survival": [1.0], "censored": [0], "at_risk": [len(part)]}
        )
        curve = pd.concat([start, curve[["time", "survival", "censored", "at_risk"]]])
        curve["arm"] = arm
        frames.append(curve)
    frame = pd.concat(frames, ignore_index=True)
    summary = tr.survival_table(t, param, conf_type=conf_type)
    medians = ", ".join(
        f"{r.arm}: median {r.median:g} d" if pd.notna(r.median) else f"{r.arm}: median not reached"
        for r in summary.itertuples()
    )
    hr = summary.attrs.get("hr")
    detail = medians + (f"; HR {hr.hr:.2f} ({hr.lower:.2f}–{hr.upper:.2f})" if hr else "")
    base = alt.Chart(_records(frame)).encode(
        x=alt.X("time:Q", title="days since randomisation"),
        y=alt.Y(
            "survival:Q",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
            title=f"{param} probability",
        ),
        color=alt.Color("arm:N", title="arm"),
    )
    steps = base.mark_line(interpolate="step-after").encode(
        tooltip=["arm:N", "time:Q", alt.Tooltip("survival:Q", format=".1%"), "at_risk:Q"]
    )
    ticks = base.transform_filter("datum.censored > 0").mark_tick(size=8, thickness=1)
    return alt.layer(steps, ticks).properties(
        title=_title(f"Kaplan–Meier: {param} by arm", t.source, detail), width=480, height=300
    )


def forest(rows: pd.DataFrame) -> alt.TopLevelMixin:
    """A forest plot of a :func:`~workbench.analysis.trials.forest` result: one row per
    subgroup level, its estimate and interval; levels that cannot be estimated say NE."""
    frame = rows.copy()
    frame["row"] = [
        f"{s}: {lv}" if s != "all" else "all subjects"
        for s, lv in zip(frame["subgroup"], frame["level"], strict=True)
    ]
    frame["label"] = np.where(frame["ne"], "NE", "")
    is_hr = "hazard ratio" in str(rows.attrs.get("note", ""))
    order = list(frame["row"])
    base = alt.Chart(_records(frame)).encode(y=alt.Y("row:N", sort=order, title=None))
    scale = alt.Scale(type="log") if is_hr else alt.Scale(zero=False)
    bars = base.mark_rule(color=BAR).encode(
        x=alt.X("lower:Q", scale=scale, title="hazard ratio" if is_hr else "ORR difference"),
        x2="upper:Q",
    )
    points = base.mark_point(filled=True, color=BAR).encode(
        x="estimate:Q",
        tooltip=[
            "row:N",
            "n:Q",
            "events:Q",
            alt.Tooltip("estimate:Q", format=".3f"),
            alt.Tooltip("lower:Q", format=".3f"),
            alt.Tooltip("upper:Q", format=".3f"),
        ],
    )
    ne = base.mark_text(align="left", color=ACCENT).encode(x=alt.value(4), text="label:N")
    null = (
        alt.Chart(_records(pd.DataFrame({"x": [1.0 if is_hr else 0.0]})))
        .mark_rule(strokeDash=[4, 3], color="gray")
        .encode(x="x:Q")
    )
    return alt.layer(bars, points, ne, null).properties(
        title=_title(
            "Forest plot",
            str(rows.attrs.get("source", "")),
            str(rows.attrs.get("note", "")).split(";")[0],
        ),
        width=420,
        height=22 * len(frame),
    )


def save(chart: Any, path: Path | str, *, scale: float = 2.0) -> Path:
    """Write ``chart`` as PNG, SVG or self-contained HTML (by the file's suffix), offline."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg", "html"):
        raise AnalysisError(f"cannot save a chart as {path.suffix!r}; use .png, .svg or .html")
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "html":
        chart.save(str(path), format="html", inline=True)
    elif kind == "png":
        chart.save(str(path), format="png", scale_factor=scale)
    else:
        chart.save(str(path), format="svg")
    return path
