"""Every chart tells the truth at camp and at national scale, checked on its PNG and its data.

Each public chart of :mod:`workbench.charts` is drawn from the analysis it belongs to, at the
camp world and at the national one (and in Chinese at the camp one): it renders to a non-empty
PNG, names its period and its cut in its title, and no two of its axis labels touch. The
Pareto charts' numbers are cross-checked against plain pandas on the cut: the cumulative line
reaches the marked share, and the marked point is exactly the first number of hospitals that
carries 80% (one fewer carries less).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import pytest
import vl_convert
from PIL import Image

import workbench
from workbench import analysis as wa
from workbench import charts
from workbench.analysis import accounts
from workbench.analysis import trials as tr


@dataclass(frozen=True)
class Scale:
    """A world to draw at: its cut, the sales period drawn and how a title names it."""

    name: str
    cut: workbench.Cut
    period: Any
    label: str
    quarter: str


_SCALES = {
    "camp": (("2026-09-01", "2026-10-31"), "2026-09 – 2026-10", "2026Q3"),
    "national": (2025, "2025", "2025Q4"),
}


@pytest.fixture(
    scope="module",
    params=[
        "camp",
        pytest.param("national", marks=[pytest.mark.national, pytest.mark.xdist_group("national")]),
    ],
)
def scale(request: pytest.FixtureRequest) -> Scale:
    cut = request.getfixturevalue(f"{request.param}_cut")
    period, label, quarter = _SCALES[request.param]
    return Scale(request.param, cut, period, label, quarter)


def _hospital_sales(s: Scale) -> pd.DataFrame:
    """Sales per hospital in the period, largest first (ties by key), in plain pandas."""
    sale = pd.read_parquet(s.cut.file("sale"), columns=["hospital_id", "sale_date", "amount"])
    days = pd.to_datetime(sale["sale_date"])
    if isinstance(s.period, int):
        sale = sale[days.dt.year == s.period]
    else:
        sale = sale[days.between(*s.period)]
    totals = sale.groupby("hospital_id")["amount"].sum().astype(float).reset_index()
    totals = totals.sort_values(["amount", "hospital_id"], ascending=[False, True])
    names = pd.read_parquet(s.cut.file("hospital"), columns=["hospital_id", "name"])
    totals = totals.merge(names, on="hospital_id", how="left").reset_index(drop=True)
    totals["cum"] = totals["amount"].cumsum() / totals["amount"].sum()
    return totals


def _n_to_80(totals: pd.DataFrame) -> int:
    return int((totals["cum"] >= 0.8).to_numpy().argmax()) + 1


def _weekly_calls(cut: workbench.Cut, lang: str = "en") -> pd.DataFrame:
    call = pd.read_parquet(cut.file("call"), columns=["call_date"])
    week = pd.to_datetime(call["call_date"]).dt.to_period("W-SUN").dt.start_time.dt.date
    frame = week.value_counts().sort_index().rename("calls").rename_axis("week").reset_index()
    return frame.assign(group={"en": "all reps", "zh": "全部代表"}[lang]).tail(26)


def _draw(s: Scale, lang: str = "en") -> dict[str, tuple[alt.TopLevelMixin, str]]:
    """Every public chart at this scale in ``lang``, with the period its title must name."""
    cut = s.cut
    hospitals = wa.concentration(cut, value="amount", by="hospital", period=s.period)
    points = accounts.pareto(hospitals)
    rx = wa.deciles(cut, value="prescriptions", by="doctor", period=s.quarter, method="volume")
    matrix = wa.potential_adoption(cut, quarter=s.quarter)
    frequency = wa.call_frequency(cut, threshold=8, period=s.period)
    reach = wa.reach_frequency(cut, by="segment", period=s.period)
    weekly = _weekly_calls(cut, lang)
    weeks = f"{weekly['week'].min()} – {weekly['week'].max()}"
    drawn: dict[str, tuple[alt.TopLevelMixin, str]] = {
        "pareto_chart": (
            charts.pareto_chart(
                hospitals.table, value="amount", by="hospital", source=hospitals.source,
                period=hospitals.period, gini=hospitals.gini, lang=lang,
            ),
            s.label,
        ),
        "pareto_curve_chart": (
            charts.pareto_curve_chart(
                points.table, n=points.n, entities=points.entities, source=points.source,
                period=charts.period_label(hospitals.period), lang=lang,
            ),
            s.label,
        ),
        "lorenz_chart": (
            charts.lorenz_chart(
                hospitals.table, value="amount", by="hospital", source=hospitals.source,
                period=hospitals.period, gini=hospitals.gini, lang=lang,
            ),
            s.label,
        ),
        "deciles_chart": (
            charts.deciles_chart(
                rx.summary, method=rx.method, source=rx.source, period=rx.period, lang=lang
            ),
            s.quarter,
        ),
        "segments_chart": (
            charts.segments_chart(
                matrix.cells, quarter=matrix.quarter, source=matrix.source, lang=lang
            ),
            s.quarter,
        ),
        "calls_chart": (
            charts.calls_chart(
                frequency.distribution, threshold=frequency.threshold,
                source=frequency.source, period=frequency.period, lang=lang,
            ),
            s.label,
        ),
        "reach_frequency_chart": (
            charts.reach_frequency_chart(
                reach.table, source=reach.source, period=reach.period, lang=lang
            ),
            charts.period_label(reach.period, lang),
        ),
        "activity_chart": (
            charts.activity_chart(weekly, source=cut.label, period=weeks, lang=lang),
            weeks,
        ),
    }  # fmt: skip
    try:
        t = tr.trial(cut)
    except workbench.AnalysisError:
        return drawn  # a world without a study has no trial charts to draw
    pfs = tr.survival_table(t, "PFS")
    forest = tr.forest(t)
    drawn["km_chart"] = (
        charts.km_chart(pfs.curves, param="PFS", source=pfs.source, period=pfs.period, lang=lang),
        str(t.cutoff),
    )
    drawn["forest_chart"] = (
        charts.forest_chart(
            forest.table,
            measure=forest.measure,
            source=forest.source,
            period=forest.period,
            lang=lang,
        ),
        str(t.cutoff),
    )
    return drawn


@pytest.fixture(scope="module")
def drawn(scale: Scale) -> dict[str, tuple[alt.TopLevelMixin, str]]:
    return _draw(scale)


@pytest.fixture(scope="module")
def camp_in_chinese(camp_cut: workbench.Cut) -> dict[str, tuple[alt.TopLevelMixin, str]]:
    """Every public chart at camp scale, in Chinese."""
    period, label, quarter = _SCALES["camp"]
    return _draw(Scale("camp", camp_cut, period, label, quarter), "zh")


def _chart_functions() -> list[str]:
    """The public functions of workbench.charts that draw a chart."""
    return sorted(n for n in charts.__all__ if n.endswith("_chart"))


def _values(spec: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    """Every inline data set of a spec."""

    def walk(node: Any) -> Iterator[list[dict[str, Any]]]:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("values"), list):
                yield data["values"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    yield from walk(spec)
    yield from spec.get("datasets", {}).values()


def _labels(scenegraph: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    """The label items of each axis of a rendered scenegraph (those left visible)."""

    def walk(node: Any) -> Iterator[list[dict[str, Any]]]:
        if isinstance(node, dict):
            if node.get("role") == "axis-label":
                yield [i for i in node.get("items", []) if i.get("opacity", 1) > 0]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    yield from walk(scenegraph)


def _box(item: dict[str, Any]) -> tuple[float, float, float, float]:
    """The box a label takes (x1, y1, x2, y2): its text at a generous width, turned by its
    angle about its anchor (Chinese characters a full em, ``%`` 0.9, others 0.62 of one)."""
    size = float(item.get("fontSize", 10))
    text = str(item.get("text", ""))
    ems = sum(1.0 if ord(c) > 0x2E80 else 0.9 if c in "%MW" else 0.62 for c in text)
    width = min(ems * size, item.get("limit", 1e9))
    x0 = {"left": 0.0, "center": -width / 2, "right": -width}[item.get("align", "center")]
    y0 = {"top": 0.0, "middle": -size / 2}.get(item.get("baseline", "alphabetic"), -size)
    turn = math.radians(float(item.get("angle", 0)))
    corners = [
        (x * math.cos(turn) - y * math.sin(turn), x * math.sin(turn) + y * math.cos(turn))
        for x in (x0, x0 + width)
        for y in (y0, y0 + size)
    ]
    xs, ys = [item["x"] + x for x, _ in corners], [item["y"] + y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _touch(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes come closer than 2 pixels both ways (run together, as "90%100%")."""
    return min(a[2], b[2]) - max(a[0], b[0]) > -2 and min(a[3], b[3]) - max(a[1], b[1]) > -2


@pytest.mark.parametrize("name", _chart_functions())
def test_each_chart_renders_names_its_period_and_keeps_its_labels_apart(
    drawn: dict[str, tuple[alt.TopLevelMixin, str]], scale: Scale, name: str
) -> None:
    if name not in drawn:
        assert name in ("km_chart", "forest_chart"), f"{name} is not drawn here"
        pytest.skip(f"the {scale.name} world has no trial")
    chart, period = drawn[name]
    spec = chart.to_dict()
    heading = spec["title"]
    assert period in f"{heading['text']} {heading.get('subtitle')}", (name, heading)
    assert scale.cut.label in str(heading.get("subtitle")), name
    _renders_apart(spec, name)


@pytest.mark.parametrize("name", _chart_functions())
def test_each_chart_in_chinese_names_its_period_and_cut_and_keeps_its_labels_apart(
    camp_in_chinese: dict[str, tuple[alt.TopLevelMixin, str]], camp_cut: workbench.Cut, name: str
) -> None:
    assert name in camp_in_chinese, f"{name} is not drawn here"
    chart, period = camp_in_chinese[name]
    spec = chart.to_dict()
    heading = spec["title"]
    assert period in f"{heading['text']} {heading.get('subtitle')}", (name, heading)
    assert f"数据截点 {camp_cut.created_at:%Y-%m-%d %H:%M:%S} UTC" in heading["subtitle"], name
    assert camp_cut.label not in str(heading), name
    _renders_apart(spec, name)


def _renders_apart(spec: dict[str, Any], name: str) -> None:
    """The chart renders to a PNG of more than a few colours, and no two axis labels touch."""
    png = vl_convert.vegalite_to_png(spec)
    image = Image.open(io.BytesIO(png))
    assert image.width > 200 and image.height > 150
    assert len(image.convert("L").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 8, name
    scene = vl_convert.vegalite_to_scenegraph(spec)
    axes = [items for items in _labels(scene) if items]
    assert axes, f"{name}: no axis labels found"
    for items in axes:
        boxes = [_box(i) for i in items]
        for k, a in enumerate(boxes):
            for b in boxes[k + 1 :]:
                assert not _touch(a, b), f"{name}: axis labels overlap: {a} {b}"


def _pareto_points(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = [v for v in _values(spec) if v and "marked" in v[0]]
    assert found and all(v == found[0] for v in found)  # every layer draws the same points
    return found[0]


def _check_pareto(points: list[dict[str, Any]], totals: pd.DataFrame, n: int) -> None:
    (marked,) = [p for p in points if p["marked"]]
    assert marked["last_rank"] == n
    assert marked["cum_share"] == pytest.approx(totals["cum"].iloc[n - 1])
    assert marked["cum_share"] >= 0.8 > (totals["cum"].iloc[n - 2] if n > 1 else 0.0)
    assert points[-1]["cum_share"] == pytest.approx(1.0)
    assert sum(p["entities"] for p in points) == len(totals)
    firsts = [p["first_rank"] for p in points]
    assert firsts == sorted(firsts) and firsts[0] == 1


def test_the_pareto_chart_runs_through_its_80_percent_point_by_name(
    drawn: dict[str, tuple[alt.TopLevelMixin, str]], scale: Scale
) -> None:
    totals = _hospital_sales(scale)
    n = _n_to_80(totals)
    result = wa.concentration(scale.cut, value="amount", by="hospital", period=scale.period)
    assert result.n_for_share(0.8) == n
    spec = drawn["pareto_chart"][0].to_dict()
    points = _pareto_points(spec)
    _check_pareto(points, totals, n)
    assert f"{n:,} of {len(totals):,} hospitals carry 80%" in spec["title"]["subtitle"][0]
    named = [p for p in points if p["part"] == "one hospital" and p["last_rank"] <= 50]
    assert [p["axis"] for p in named] == totals["name"].head(len(named)).tolist()
    assert len(named) == min(50, len(totals))
    tail = points[-1]
    if tail["first_rank"] > max(n, 50):
        assert tail["axis"] == f"the other {len(totals) - tail['first_rank'] + 1:,}"
    texts = [layer for layer in spec["layer"][1]["layer"] if layer["mark"]["type"] == "text"]
    assert [t["encoding"]["text"]["value"] for t in texts] == [
        f"{n:,} hospitals: {totals['cum'].iloc[n - 1]:.1%}"
    ]


def test_the_pareto_curve_names_its_leading_hospitals_and_marks_80_percent(
    drawn: dict[str, tuple[alt.TopLevelMixin, str]], scale: Scale
) -> None:
    totals = _hospital_sales(scale)
    n = _n_to_80(totals)
    points = _pareto_points(drawn["pareto_curve_chart"][0].to_dict())
    _check_pareto(points, totals, n)
    singles = [p for p in points if p["entities"] == 1 and p["part"] == "one each"]
    assert singles and [p["axis"] for p in singles] == [
        totals["name"].iloc[p["last_rank"] - 1] for p in singles
    ]


@pytest.mark.parametrize(
    ("draw", "marked"),
    [
        (lambda c: charts.pareto_chart(c.table, value="v", by="h", top=2), 3),
        (lambda c: charts.pareto_chart(c.table, value="v", by="h", top=9), 3),
        (lambda c: charts.pareto_chart(c.table, value="v", by="h", top=1, rule=0.5), 1),
    ],
)
def test_the_marked_point_is_the_first_to_reach_the_share(
    draw: Callable[[wa.Concentration], alt.TopLevelMixin], marked: int
) -> None:
    """70 + 5 + 5 of 100: three carry 80% (two carry 75%); one carries 50%."""
    frame = pd.DataFrame({"h": list("abcdefg"), "v": [70.0, 5, 5, 5, 5, 5, 5]})
    result = wa.concentration(frame, value="v", by="h")
    points = _pareto_points(draw(result).to_dict())
    (point,) = [p for p in points if p["marked"]]
    assert point["last_rank"] == marked
    assert points[-1]["cum_share"] == pytest.approx(1.0)
    assert sum(p["entities"] for p in points) == 7
