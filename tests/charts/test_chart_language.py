"""Every chart speaks its reader's language: each word it draws comes from the catalogue.

Each public chart is drawn on the camp cut in Chinese and in English, and every word of its
Vega-Lite spec is read back: its title and subtitle, its axis, legend and tooltip titles, its
text marks, its legend labels, and the values of the fields it draws. In Chinese no English
word of three letters or more is left but the domain's abbreviations, codes and names; in
English no Chinese character but in the names stored in Chinese (hospitals, doctors, reps).
A key missing from the catalogue fails the drawing; a word written into a chart fails here.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd
import pytest

import workbench
from workbench import analysis as wa
from workbench import charts
from workbench.analysis import accounts
from workbench.analysis import trials as tr
from workbench.i18n import said, text

LANGS = ("zh", "en")

#: the English a Chinese chart may keep: the domain's abbreviations and the names of methods
ALLOWED = {
    "ABC", "ORR", "PFS", "OS", "DOR", "HR", "CI", "KM", "RECIST", "DCR", "NE", "UTC", "ECOG",
    "Kaplan", "Meier", "Newcombe", "Clopper", "Pearson", "Cox", "Efron",
}  # fmt: skip

_ENGLISH = re.compile(r"[A-Za-z]{3,}")
_CHINESE = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def _weekly(cut: workbench.Cut, lang: str) -> pd.DataFrame:
    """Calls a week, the reps of one region set apart, as the data-quality screen groups them."""
    call = pd.read_parquet(cut.file("call"), columns=["call_date", "rep_id"])
    week = pd.to_datetime(call["call_date"]).dt.to_period("W-SUN").dt.start_time.dt.date
    apart = call["rep_id"] % 5 == 0
    others, action = text("quality.chart.others", lang), text("quality.chart.action", lang)
    frame = pd.DataFrame({"week": week, "group": [action if a else others for a in apart]})
    counts = frame.value_counts().rename("calls").reset_index()
    return counts.sort_values(["group", "week"]).groupby("group").tail(12)


def _km_summary(pfs: tr.Survival, lang: str) -> str:
    """The medians and hazard ratio in the reader's language, as the trial monitor says them."""
    medians = [
        text("trial.km.median", lang, arm=r.arm, median=f"{r.median:g}")
        if pd.notna(r.median)
        else text("trial.km.not_reached", lang, arm=r.arm)
        for r in pfs.table.itertuples()
    ]
    assert pfs.hr is not None
    hr = text(
        "trial.km.hr", lang, hr=f"{pfs.hr.hr:.2f}", lower=f"{pfs.hr.lower:.2f}",
        upper=f"{pfs.hr.upper:.2f}",
    )  # fmt: skip
    return ("，" if lang == "zh" else ", ").join(medians) + ("；" if lang == "zh" else "; ") + hr


def _draw(cut: workbench.Cut, lang: str) -> dict[str, list[alt.TopLevelMixin]]:
    """Every public chart on the camp cut in ``lang``, each in the variants it draws."""
    hospitals = wa.concentration(cut, value="amount", by="hospital")
    doctors = wa.concentration(cut, value="calls", by="doctor", period=("2026-09-01", None))
    points = accounts.pareto(hospitals)
    volume = wa.deciles(cut, value="prescriptions", by="doctor", method="volume")
    count = wa.deciles(cut, value="calls", by="rep")
    matrix = wa.potential_adoption(cut)
    frequency = wa.call_frequency(cut, threshold=3)
    segments = wa.reach_frequency(cut, by="segment")
    reps = wa.reach_frequency(cut, by="rep")
    t = tr.trial(cut)
    pfs = tr.survival_table(t, "PFS")
    orr, hr = tr.forest(t), tr.forest(t, measure="hr")
    weekly = _weekly(cut, lang)
    weeks = f"{weekly['week'].min()} – {weekly['week'].max()}"

    def note(forest: tr.Forest) -> str:
        # a forest's note is the analysis's; a Chinese screen gives it in Chinese
        if lang == "en":
            return forest.note
        return f"{text(f'chart.forest.x.{forest.measure}', 'zh')}，Newcombe 95% CI；NE：无法估计"

    return {
        "pareto_chart": [
            charts.pareto_chart(
                c.table, value=c.value, by=c.by, source=c.source, period=c.period, gini=g,
                top=top, lang=lang,
            )
            for c, g, top in ((hospitals, hospitals.gini, 50), (doctors, None, 10))
        ],
        "pareto_curve_chart": [
            charts.pareto_curve_chart(
                points.table, n=points.n, entities=points.entities, source=points.source,
                period=hospitals.period, lang=lang,
            )
        ],
        "lorenz_chart": [
            charts.lorenz_chart(
                c.table, value=c.value, by=c.by, source=c.source, period=c.period, gini=g,
                lang=lang,
            )
            for c, g in ((hospitals, hospitals.gini), (doctors, None))
        ],
        "deciles_chart": [
            charts.deciles_chart(
                d.summary, method=d.method, source=d.source, period=d.period, lang=lang
            )
            for d in (volume, count)
        ] + [charts.deciles_chart(count.summary, lang=lang)],
        "segments_chart": [
            charts.segments_chart(
                matrix.cells, quarter=matrix.quarter, source=matrix.source, lang=lang
            )
        ],
        "calls_chart": [
            charts.calls_chart(
                frequency.distribution, threshold=frequency.threshold, source=frequency.source,
                period=frequency.period, lang=lang,
            )
        ],
        "reach_frequency_chart": [
            charts.reach_frequency_chart(r.table, source=r.source, period=r.period, lang=lang)
            for r in (segments, reps)
        ],
        "activity_chart": [
            charts.activity_chart(weekly, source=cut.label, period=weeks, lang=lang)
        ],
        "km_chart": [
            charts.km_chart(
                pfs.curves, param="PFS", source=pfs.source, period=pfs.period,
                summary=_km_summary(pfs, lang), lang=lang,
            )
        ],
        "forest_chart": [
            charts.forest_chart(
                f.table, measure=f.measure, source=f.source, period=f.period, note=note(f),
                lang=lang,
            )
            for f in (orr, hr)
        ],
    }  # fmt: skip


@pytest.fixture(scope="module")
def drawn(camp_cut: workbench.Cut) -> dict[str, dict[str, list[alt.TopLevelMixin]]]:
    return {lang: _draw(camp_cut, lang) for lang in LANGS}


@pytest.fixture(scope="module")
def names(camp_cut: workbench.Cut) -> set[str]:
    """Every name stored in the cut (hospitals, doctors, reps, places, products …)."""
    found: set[str] = set()
    for table in camp_cut.rows:
        frame = pd.read_parquet(camp_cut.file(table))
        for column in ("name", "verbatim"):
            if column in frame.columns:
                found |= set(frame[column].dropna().astype(str))
    return found


def _chart_functions() -> list[str]:
    return sorted(n for n in charts.__all__ if n.endswith("_chart"))


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of a spec, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _words(spec: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The chart's own words (titles, subtitles, text marks, legend labels) and the values
    of the fields it draws (its axes' categories, its tooltips' contents)."""
    own: list[str] = []
    fields: set[str] = set()
    for key, value in _walk(spec):
        if key in ("title", "subtitle", "text"):
            if isinstance(value, str):
                own.append(value)
            elif isinstance(value, list):
                own.extend(v for v in value if isinstance(v, str))
        if key == "text" and isinstance(value, dict) and isinstance(value.get("value"), str):
            own.append(value["value"])  # a text mark's constant
        if key == "labelExpr" and isinstance(value, str):
            own.extend(re.findall(r'"([^"]*)"', value))
        if key == "field" and isinstance(value, str):
            fields.add(value)
    drawn = [str(row[f]) for row in _rows(spec) for f in fields if isinstance(row.get(f), str)]
    return own, drawn


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row of every data set embedded in a spec."""
    rows: list[dict[str, Any]] = [
        row for key, value in _walk(spec) if key == "values" and isinstance(value, list)
        for row in value if isinstance(row, dict)
    ]  # fmt: skip
    return rows + [row for data in spec.get("datasets", {}).values() for row in data]


def _a_name(value: str, names: set[str]) -> bool:
    """Whether ``value`` is a stored name (or one made unique, ``name (2)``)."""
    return re.sub(r" \(\d+\)$", "", value) in names


def test_every_chart_function_takes_the_readers_language() -> None:
    for name in _chart_functions():
        parameter = inspect.signature(getattr(charts, name)).parameters.get("lang")
        assert parameter is not None and parameter.default == "en", name
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, name
        assert "lang\n" in (getattr(charts, name).__doc__ or ""), f"{name}: lang undocumented"


@pytest.mark.parametrize("name", _chart_functions())
def test_a_chinese_chart_draws_no_english_word(
    drawn: dict[str, dict[str, list[alt.TopLevelMixin]]], names: set[str], name: str
) -> None:
    assert name in drawn["zh"], f"{name} is not drawn here"
    for chart in drawn["zh"][name]:
        own, values = _words(chart.to_dict())
        assert own and any(_CHINESE.search(w) for w in own), name
        for word in own + [v for v in values if not _a_name(v, names)]:
            english = set(_ENGLISH.findall(word)) - ALLOWED
            assert not english, f"{name}: {word!r} has {sorted(english)}"


@pytest.mark.parametrize("name", _chart_functions())
def test_an_english_chart_draws_no_chinese_but_names(
    drawn: dict[str, dict[str, list[alt.TopLevelMixin]]], names: set[str], name: str
) -> None:
    assert name in drawn["en"], f"{name} is not drawn here"
    for zh, en in zip(drawn["zh"][name], drawn["en"][name], strict=True):
        own, values = _words(en.to_dict())
        for word in own + [v for v in values if not _a_name(v, names)]:
            assert not _CHINESE.search(word), f"{name}: {word!r}"
        assert zh.to_dict()["title"] != en.to_dict()["title"], name


def test_the_english_words_are_those_the_charts_always_drew(
    drawn: dict[str, dict[str, list[alt.TopLevelMixin]]], camp_cut: workbench.Cut
) -> None:
    pareto = drawn["en"]["pareto_chart"][0].to_dict()
    assert pareto["title"]["subtitle"][1] == camp_cut.label
    assert re.fullmatch(
        r"all dates: \d+ of \d+ hospitals carry 80%; top \d+ named; Gini 0\.\d\d",
        pareto["title"]["subtitle"][0],
    )
    parts = {v["part"] for v in pareto["layer"][0]["data"]["values"]}
    assert parts <= {"one hospital", "hospitals by rank", "all other hospitals"}
    curve = drawn["en"]["pareto_curve_chart"][0].to_dict()
    assert curve["title"]["text"] == "Pareto curve"
    assert {v["part"] for v in curve["layer"][0]["data"]["values"]} <= set(
        charts.PARETO_PARTS.values()
    )
    activity = drawn["en"]["activity_chart"][0].to_dict()
    assert activity["title"]["text"] == "Calls a week"
    assert (activity["encoding"]["x"]["title"], activity["encoding"]["y"]["title"]) == (
        "week",
        "calls",
    )
    km = drawn["en"]["km_chart"][0].to_dict()
    assert km["title"]["text"] == "Kaplan–Meier: PFS by arm"
    assert km["layer"][0]["encoding"]["x"]["title"] == "days since randomisation"
    assert km["title"]["subtitle"][0].startswith("data to ")


def test_a_chinese_chart_says_its_source_period_and_codes_in_chinese(
    drawn: dict[str, dict[str, list[alt.TopLevelMixin]]], camp_cut: workbench.Cut
) -> None:
    at = f"{camp_cut.created_at:%Y-%m-%d %H:%M:%S}"
    pareto = drawn["zh"]["pareto_chart"][0].to_dict()
    assert pareto["title"]["subtitle"][1] == f"数据截点 {at} UTC"
    assert pareto["title"]["subtitle"][0].startswith("全部日期：")
    assert "家医院中前" in pareto["title"]["subtitle"][0]
    assert "累计占比" in str(pareto) and "基尼系数" in str(pareto)
    segments = drawn["zh"]["segments_chart"][0].to_dict()
    assert segments["layer"][0]["encoding"]["y"]["sort"] == ["高", "中", "低"]
    shown = {v["segment"] for v in _rows(segments) if "segment" in v}
    assert shown <= {text(f"code.segment.{s}", "zh") for s in wa.DEFAULT_GOALS}
    km = drawn["zh"]["km_chart"][0].to_dict()
    cutoff = km["title"]["subtitle"][0].split("：")[0]
    assert re.fullmatch(r"数据截至 \d{4}-\d{2}-\d{2}", cutoff)
    forest = drawn["zh"]["forest_chart"][0].to_dict()
    rows = {v["row"] for v in _rows(forest) if "row" in v}
    assert {"全部受试者", "性别：女", "性别：男"} <= rows


def test_periods_sources_and_said_texts_read_in_the_readers_language() -> None:
    assert charts.period_label("2026-06-01 – 2026-07-31 (2 months)", "zh") == (
        "2026-06 – 2026-07（2 个月）"
    )
    assert charts.period_label("2026-06-03 – 2026-07-31 (2 months)", "zh") == (
        "2026-06-03 – 2026-07-31（2 个月）"
    )
    assert charts.period_label("2026-06-03 – 2026-07-31 (2 months)") == (
        "2026-06-03 – 2026-07-31 (2 months)"
    )
    assert charts.period_label("all dates", "zh") == "全部日期"
    assert charts.period_label("data to 2026-10-31", "zh") == "数据截至 2026-10-31"
    assert charts.period_label("2025-01-01 – 2025-12-31", "zh") == "2025"
    frame = pd.DataFrame({"week": [dt.date(2026, 10, 19)], "group": ["代表"], "calls": [3]})
    spec = charts.activity_chart(
        frame, source="data frame", period=said("chart.period.all"), lang="zh"
    ).to_dict()
    assert spec["title"]["subtitle"] == ["全部日期", "数据表"]
    assert spec["title"]["text"] == "每周拜访次数"
    with pytest.raises(workbench.ConfigError, match="zh, en"):
        charts.activity_chart(frame, lang="fr")
