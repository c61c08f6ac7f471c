"""Charts: pre-aggregated, named after their cut, drawn with no network, saved offline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import altair as alt
import pytest

import workbench
from workbench import AnalysisError, charts
from workbench import analysis as wa


def _rows(spec: dict[str, Any]) -> list[int]:
    """Rows embedded in each data set of a chart's Vega-Lite spec."""
    found: list[int] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("values"), list):
                found.append(len(data["values"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    found.extend(len(v) for v in spec.get("datasets", {}).values())
    return found


def _pareto(c: wa.Concentration, **options: Any) -> alt.TopLevelMixin:
    return charts.pareto_chart(
        c.table, value=c.value, by=c.by, source=c.source, gini=c.gini, **options
    )


def _lorenz(c: wa.Concentration) -> alt.TopLevelMixin:
    return charts.lorenz_chart(c.table, value=c.value, by=c.by, source=c.source, gini=c.gini)


def _all_charts(cut: workbench.Cut) -> dict[str, alt.TopLevelMixin]:
    deciles = wa.deciles(cut, value="prescriptions", by="doctor")
    segmented = wa.potential_adoption(cut)
    frequency = wa.call_frequency(cut, threshold=3)
    reach = wa.reach_frequency(cut, by="rep")
    return {
        "pareto": _pareto(wa.concentration(cut, value="amount", by="hospital")),
        "lorenz": _lorenz(wa.concentration(cut, value="calls", by="doctor")),
        "deciles": charts.deciles_chart(
            deciles.summary, method=deciles.method, source=deciles.source
        ),
        "segments": charts.segments_chart(
            segmented.cells, quarter=segmented.quarter, source=segmented.source
        ),
        "calls": charts.calls_chart(
            frequency.distribution, threshold=frequency.threshold, source=frequency.source
        ),
        "reach": charts.reach_frequency_chart(
            reach.table, source=reach.source, period=reach.period
        ),
    }


def test_every_chart_is_valid_small_and_names_its_cut(camp_cut: workbench.Cut) -> None:
    for name, chart in _all_charts(camp_cut).items():
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert camp_cut.label in str(spec["title"]["subtitle"]), name
        assert 0 < max(_rows(spec)) <= charts.MAX_ROWS, name


def test_national_charts_stay_under_altairs_row_limit(national_cut: workbench.Cut) -> None:
    doctors = wa.concentration(national_cut, value="prescriptions", by="doctor", period=2025)
    assert len(doctors.table) > charts.MAX_ROWS
    for chart in (_pareto(doctors), _lorenz(doctors)):
        assert max(_rows(chart.to_dict())) <= charts.LORENZ_POINTS + 1


def test_the_lorenz_curve_keeps_its_ends_and_the_pareto_its_rule(
    camp_cut: workbench.Cut,
) -> None:
    result = wa.concentration(camp_cut, value="calls", by="doctor")
    spec = _lorenz(result).to_dict()
    points = spec["layer"][0]["data"]["values"]
    assert points[0] == {"entities": 0.0, "value": 0.0}
    assert points[-1]["entities"] == pytest.approx(1.0) and points[-1]["value"] == pytest.approx(1)
    assert f"Gini {result.gini:.3f}" in str(spec["title"])
    pareto = _pareto(result, top=10).to_dict()
    n, m = result.n_for_share(0.8), len(result.table)
    assert f"{n:,} of {m:,} doctors carry 80%" in str(pareto["title"])


def test_chart_widgets_render_offline_with_vega_inline() -> None:
    """The workbench's chart widget carries Vega in its own module: nothing is imported
    from a CDN; Altair's own renderer and widget class are left as they were."""
    chart = alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q")
    module = charts.widget(chart)._esm
    assert len(module) > 100_000  # the bundle itself
    assert not re.search(r"""(from|import)\s*\(?\s*["']https?://""", module)
    assert "esm.sh" not in module and "cdn.jsdelivr" not in module


def test_importing_the_charts_changes_nothing_in_altair() -> None:
    import subprocess
    import sys

    code = (
        "import altair as alt; before = alt.renderers.active; import workbench.charts as c; "
        "from workbench import analysis; "
        "assert alt.renderers.active == before, alt.renderers.active; "
        "assert not alt.JupyterChart._is_offline; "
        "c.widget(alt.Chart().mark_point()); assert not alt.JupyterChart._is_offline; "
        "assert alt.renderers.active == before; "
        "c.enable_offline(); assert alt.renderers.active == 'jupyter'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("suffix", ["png", "svg", "html"])
def test_charts_save_offline_in_three_formats(
    camp_cut: workbench.Cut, tmp_path: Path, suffix: str
) -> None:
    chart = _pareto(wa.concentration(camp_cut, value="amount", by="hospital"))
    path = charts.save(chart, tmp_path / f"pareto.{suffix}")
    data = path.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG")
    elif suffix == "svg":
        assert b"<svg" in data[:500] and camp_cut.label.encode() in data
    else:
        page = data.decode()
        assert not re.search(r"""<script[^>]+src=["']https?://""", page)
        assert "vegaEmbed" in page and camp_cut.label in page


def test_unknown_formats_and_empty_results_say_so(camp_cut: workbench.Cut, tmp_path: Path) -> None:
    chart = charts.deciles_chart(wa.deciles(camp_cut, value="calls", by="rep").summary)
    with pytest.raises(AnalysisError, match=r"\.png, \.svg or \.html"):
        charts.save(chart, tmp_path / "chart.pdf")
    empty = wa.concentration(camp_cut, value="amount", by="hospital", period=2019)
    with pytest.raises(AnalysisError, match="nothing to draw"):
        _lorenz(empty)
    with pytest.raises(AnalysisError, match="needs column"):
        charts.pareto_chart(empty.table[["value"]], value="amount", by="hospital")


def test_trial_charts_draw_each_arm_and_mark_what_cannot_be_estimated(
    camp_cut: workbench.Cut, tmp_path: Path
) -> None:
    import dataclasses

    import numpy as np

    from workbench.analysis import trials as tr

    t = tr.trial(camp_cut)
    pfs = tr.survival_table(t, "PFS")
    curve = charts.km_chart(
        pfs.curves, param="PFS", source=pfs.source, summary=pfs.summary
    ).to_dict()
    times = t.tte[t.tte["param"] == "PFS"]
    distinct = sum(len(set(g["days"])) for _a, g in times.groupby("arm"))
    (rows,) = set(_rows(curve))
    assert distinct < rows <= distinct + 2  # one step per distinct time and arm, plus day 0
    assert camp_cut.label in str(curve["title"]) and "HR" in str(curve["title"])
    assert curve["layer"][0]["encoding"]["x"]["title"] == "days since randomisation"
    words = charts.km_chart(
        pfs.curves, param="PFS", heading="标题", x_title="天数", y_title="概率", legend_title="组别"
    ).to_dict()
    assert words["title"]["text"] == "标题"
    encoding = words["layer"][0]["encoding"]
    assert (encoding["x"]["title"], encoding["y"]["title"], encoding["color"]["title"]) == (
        "天数",
        "概率",
        "组别",
    )
    lopsided = dataclasses.replace(
        t, subjects=t.subjects.assign(ecog=np.where(t.subjects["arm"] == "A", 0, 1))
    )
    by_ecog = tr.forest(lopsided, by=["ecog"], measure="hr")
    plot = charts.forest_chart(by_ecog.table, measure=by_ecog.measure, note=by_ecog.note)
    spec = plot.to_dict()
    assert "NE" in str(spec) and "hazard ratio" in str(spec)
    assert {"x": 1.0} in spec["layer"][3]["data"]["values"]  # no effect: HR 1
    rows_orr = tr.forest(t)
    saved = charts.save(
        charts.forest_chart(rows_orr.table, measure="orr", source=rows_orr.source),
        tmp_path / "forest.svg",
    )
    assert saved.read_text().lstrip().startswith("<svg")


def test_charts_compute_no_statistics_and_import_no_analysis() -> None:
    """A chart draws what it is given: nothing under workbench/charts imports the analysis
    library, so no chart can recompute (or disagree with) a result."""
    import ast

    folder = Path(charts.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names] if isinstance(node, ast.Import) else
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            assert not any(n.startswith("workbench.analysis") for n in names), path.name


@pytest.mark.parametrize(
    ("chart", "options"),
    [
        (charts.pareto_chart, {"value": "amount", "by": "hospital"}),
        (charts.lorenz_chart, {"value": "amount", "by": "hospital"}),
        (charts.deciles_chart, {}),
        (charts.segments_chart, {}),
        (charts.calls_chart, {"threshold": 8}),
        (charts.reach_frequency_chart, {}),
        (charts.km_chart, {"param": "PFS"}),
        (charts.forest_chart, {"measure": "orr"}),
        (charts.activity_chart, {}),
    ],
)
def test_every_chart_refuses_a_frame_it_cannot_draw(chart: Any, options: dict[str, Any]) -> None:
    """A frame without the chart's columns is a workbench error naming them, not a KeyError."""
    import pandas as pd

    with pytest.raises(AnalysisError, match="needs column"):
        chart(pd.DataFrame({"segment": ["a"], "x": [1]}), **options)


def test_the_pareto_curve_shows_every_point_through_80_percent_in_the_words_given(
    camp_cut: workbench.Cut,
) -> None:
    from workbench.analysis import accounts

    result = wa.concentration(camp_cut, value="amount", by="hospital")
    points = accounts.pareto(result, each=4, groups=3)
    chart = charts.pareto_curve_chart(
        points.table, n=points.n, entities=points.entities, source=camp_cut.label,
        heading="医院销售额帕累托曲线", x_title="医院排名", cum_title="累计占比",
        parts={"entity": "单家医院", "group": "按排名合并的医院", "tail": "其余全部医院"},
    )  # fmt: skip
    spec = chart.to_dict()
    assert spec["title"]["text"] == "医院销售额帕累托曲线"
    assert f"{points.n:,} of {points.entities:,} carry 80%" in spec["title"]["subtitle"]
    assert camp_cut.label in spec["title"]["subtitle"]
    values = spec["layer"][0]["data"]["values"]
    assert len(values) == len(points.table) <= 4 + 3 + 1
    assert values[-1]["cum_share"] == pytest.approx(1.0)
    (marked,) = [v for v in values if v["marked"]]
    assert marked["ranks"].split("–")[-1] == f"{points.n}"
    assert marked["cum_share"] >= 0.8 > marked["cum_share"] - marked["value"] / result.total
    text = str(spec)
    assert "医院排名" in text and "累计占比" in text and "其余全部医院" in text
    assert "cumulative share" not in text and "'rank'" not in text


def test_the_activity_chart_draws_its_given_words_and_sets_the_second_group_apart() -> None:
    import datetime as dt

    import pandas as pd

    frame = pd.DataFrame(
        {
            "week": [dt.date(2026, 10, 19), dt.date(2026, 10, 19), dt.date(2026, 10, 26)],
            "group": ["其他代表", "需关注", "其他代表"],
            "calls": [40, 7, 38],
        }
    )
    spec = charts.activity_chart(
        frame, heading="每周拜访", week_title="周", calls_title="拜访", legend_title="代表",
        source="cut 1", period="2026-10",
    ).to_dict()  # fmt: skip
    assert spec["title"]["text"] == "每周拜访" and spec["title"]["subtitle"] == ["2026-10", "cut 1"]
    encoding = spec["encoding"]
    assert (encoding["x"]["title"], encoding["y"]["title"]) == ("周", "拜访")
    assert encoding["y"]["aggregate"] == "sum" and spec["mark"]["type"] == "bar"
    assert encoding["color"]["legend"]["title"] == "代表"
    assert encoding["color"]["scale"]["domain"] == ["其他代表", "需关注"]
    assert encoding["color"]["scale"]["range"][1] == "#c0392b"
