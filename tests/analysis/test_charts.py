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


def _all_charts(cut: workbench.Cut) -> dict[str, alt.TopLevelMixin]:
    return {
        "pareto": charts.pareto(wa.concentration(cut, value="amount", by="hospital")),
        "lorenz": charts.lorenz(wa.concentration(cut, value="calls", by="doctor")),
        "deciles": charts.deciles(wa.deciles(cut, value="prescriptions", by="doctor")),
        "heatmap": charts.heatmap(wa.potential_adoption(cut)),
        "calls": charts.calls_distribution(wa.call_frequency(cut, threshold=3)),
        "reach": charts.reach_frequency(wa.reach_frequency(cut, by="rep")),
    }


def test_every_chart_is_valid_small_and_names_its_cut(camp_cut: workbench.Cut) -> None:
    for name, chart in _all_charts(camp_cut).items():
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert camp_cut.label in str(spec["title"]["subtitle"]), name
        assert 0 < max(_rows(spec)) <= charts.MAX_ROWS, name


def test_national_charts_stay_under_altairs_row_limit(national_cut: workbench.Cut) -> None:
    doctors = wa.concentration(national_cut, value="prescriptions", by="doctor", period=2025)
    assert len(doctors.table) > charts.MAX_ROWS
    for chart in (charts.pareto(doctors), charts.lorenz(doctors)):
        assert max(_rows(chart.to_dict())) <= charts.LORENZ_POINTS + 1


def test_the_lorenz_curve_keeps_its_ends_and_the_pareto_its_rule(
    camp_cut: workbench.Cut,
) -> None:
    result = wa.concentration(camp_cut, value="calls", by="doctor")
    spec = charts.lorenz(result).to_dict()
    points = spec["layer"][0]["data"]["values"]
    assert points[0] == {"entities": 0.0, "value": 0.0}
    assert points[-1]["entities"] == pytest.approx(1.0) and points[-1]["value"] == pytest.approx(1)
    assert f"Gini {result.gini:.3f}" in str(spec["title"])
    pareto = charts.pareto(result, top=10).to_dict()
    assert f"{result.n_for_share(0.8):,} of {len(result.table):,} carry 80%" in str(pareto["title"])


def test_charts_render_offline_with_vega_inline() -> None:
    """The widget renderer carries Vega in its own module: nothing is imported from a CDN."""
    assert alt.renderers.active == "jupyter"
    chart = alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q")
    module = alt.JupyterChart(chart)._esm
    assert len(module) > 100_000  # the bundle itself
    assert not re.search(r"""(from|import)\s*\(?\s*["']https?://""", module)
    assert "esm.sh" not in module and "cdn.jsdelivr" not in module


@pytest.mark.parametrize("suffix", ["png", "svg", "html"])
def test_charts_save_offline_in_three_formats(
    camp_cut: workbench.Cut, tmp_path: Path, suffix: str
) -> None:
    chart = charts.pareto(wa.concentration(camp_cut, value="amount", by="hospital"))
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
    chart = charts.deciles(wa.deciles(camp_cut, value="calls", by="rep"))
    with pytest.raises(AnalysisError, match=r"\.png, \.svg or \.html"):
        charts.save(chart, tmp_path / "chart.pdf")
    empty = wa.concentration(camp_cut, value="amount", by="hospital", period=2019)
    with pytest.raises(AnalysisError, match="nothing to draw"):
        charts.lorenz(empty)


def test_trial_charts_draw_each_arm_and_mark_what_cannot_be_estimated(
    camp_cut: workbench.Cut, tmp_path: Path
) -> None:
    import dataclasses

    import numpy as np

    from workbench.analysis import trials as tr

    t = tr.trial(camp_cut)
    curve = charts.km(t, "PFS").to_dict()
    pfs = t.tte[t.tte["param"] == "PFS"]
    distinct = sum(len(set(g["days"])) for _a, g in pfs.groupby("arm"))
    (rows,) = set(_rows(curve))
    assert distinct < rows <= distinct + 2  # one step per distinct time and arm, plus day 0
    assert camp_cut.label in str(curve["title"]) and "HR" in str(curve["title"])
    lopsided = dataclasses.replace(
        t, subjects=t.subjects.assign(ecog=np.where(t.subjects["arm"] == "A", 0, 1))
    )
    plot = charts.forest(tr.forest(lopsided, by=["ecog"], measure="hr")).to_dict()
    assert "NE" in str(plot) and "hazard ratio" in str(plot)
    saved = charts.save(charts.forest(tr.forest(t)), tmp_path / "forest.svg")
    assert saved.read_text().lstrip().startswith("<svg")
