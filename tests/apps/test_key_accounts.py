"""The key accounts app without a browser: on the latest cut (taken on first open), the
Pareto curve through 80%, growth by level, the top customers and one account in detail, all
in the language the switch picks; numbers cross-checked against plain pandas on the cut."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench import Database, Settings
from workbench.apps import key_accounts
from workbench.cuts import list_cuts
from workbench.i18n import MESSAGES

from .language import OWN, assert_one_language

APP_MESSAGES = OWN["key-accounts"] | {
    k: MESSAGES[k] for k in ("app.key-accounts.title", "app.key-accounts.text")
}
BEFORE, AFTER = ("2026-07-01", "2026-08-31"), ("2026-09-01", "2026-10-31")


@pytest.fixture
def app(camp_db: Database, tmp_path: Path) -> key_accounts.KeyAccounts:
    widget = key_accounts.build(Settings(data_dir=tmp_path), db=camp_db)
    found: key_accounts.KeyAccounts = widget.app  # type: ignore[attr-defined]
    assert found.widget is widget
    return found


def _sales(cut: workbench.Cut) -> pd.DataFrame:
    """Sales with their hospital's city and region, joined in pandas."""
    sale = pd.read_parquet(cut.file("sale"))
    sale["sale_date"] = pd.to_datetime(sale["sale_date"])
    hospital = pd.read_parquet(cut.file("hospital"))[["hospital_id", "city_id"]]
    city = pd.read_parquet(cut.file("city"))[["city_id", "region_id"]]
    return sale.merge(hospital, on="hospital_id").merge(city, on="city_id")


def _within(sales: pd.DataFrame, period: tuple[str, str]) -> pd.DataFrame:
    return sales[sales["sale_date"].between(*period)]


def test_it_takes_a_cut_once_and_names_it_and_the_periods(
    app: key_accounts.KeyAccounts, camp_db: Database, tmp_path: Path
) -> None:
    cuts = list_cuts(settings=Settings(data_dir=tmp_path), of=camp_db)
    assert [c.id for c in cuts] == [app.cut.id]
    assert app.cut.id in app.header.value
    assert "2026-09 – 2026-10" in app.header.value and "2026-07 – 2026-08" in app.header.value
    again = key_accounts.build(Settings(data_dir=tmp_path), db=camp_db)
    assert again.app.cut.id == app.cut.id  # type: ignore[attr-defined]
    assert len(list_cuts(settings=Settings(data_dir=tmp_path), of=camp_db)) == 1


def test_the_pareto_curve_reaches_80_percent_where_pandas_says(
    app: key_accounts.KeyAccounts,
) -> None:
    totals = (
        _within(_sales(app.cut), AFTER).groupby("hospital_id")["amount"].sum()
        .sort_values(ascending=False)
    )  # fmt: skip
    cum = (totals.cumsum() / totals.sum()).to_numpy()
    n = int(np.argmax(cum >= 0.8)) + 1
    gini = app.derived.pareto.gini
    frame = app.derived.pareto.table
    assert frame["cum_share"].max() >= 0.8
    assert frame["cum_share"].iloc[-1] == pytest.approx(1.0)
    assert frame.loc[frame["marked"], "last_rank"].tolist() == [n]
    assert frame["entities"].sum() == len(totals)
    assert f"{len(totals)} 家医院中的 {n} 家贡献了 80% 的销售额" in app.summary.value
    assert f"基尼系数 {gini:.3f}" in app.summary.value
    spec = app.chart.to_dict()
    assert spec["title"]["text"] == "医院销售额帕累托曲线"
    assert len(app.chart_box.children) == 1
    app.language.value = "en"
    assert f"{n} of {len(totals)} hospitals carry 80% of sales" in app.summary.value
    assert app.chart.to_dict()["title"]["text"] == "Pareto curve of hospital sales"


def _money(value: float) -> str:
    return f"{value:,.0f}"


@pytest.mark.parametrize("level", ["region", "city", "hospital"])
def test_growth_by_each_level_matches_pandas(app: key_accounts.KeyAccounts, level: str) -> None:
    key = f"{level}_id"
    sales = _sales(app.cut)
    before = _within(sales, BEFORE).groupby(key)["amount"].sum()
    after = _within(sales, AFTER).groupby(key)["amount"].sum()
    app.level.value = level
    got = app.derived.growth_by(level).table.set_index(key)
    np.testing.assert_allclose(got.loc[after.index, "after"], after)
    np.testing.assert_allclose(got.loc[before.index, "before"], before)
    np.testing.assert_allclose(
        got.loc[after.index, "growth"], after / before.reindex(after.index) - 1
    )
    largest = after.idxmax()
    assert _money(after.max()) in app.growth.value
    assert f"{(after[largest] / before[largest] - 1):+.1%}" in app.growth.value
    fell = int((after / before.reindex(after.index) - 1 < 0).sum())
    assert app.growth.value.count("class='wb-fell'") == fell
    total = f"{_money(before.sum())} → {_money(after.sum())}"
    assert total in app.growth.value


def test_the_level_dropdown_changes_the_growth_table(app: key_accounts.KeyAccounts) -> None:
    shown = {}
    for level in ("city", "hospital", "region"):
        app.level.value = level
        shown[level] = app.growth.value
    assert len(set(shown.values())) == 3
    assert "<th>城市</th>" in shown["city"] and "<th>医院</th>" in shown["hospital"]
    assert "上海市第一人民医院" in shown["hospital"] and "上海市第一人民医院" not in shown["city"]


def test_the_top_customers_mark_the_key_hospitals_whose_sales_fell(
    app: key_accounts.KeyAccounts,
) -> None:
    sales = _sales(app.cut)
    before = _within(sales, BEFORE).groupby("hospital_id")["amount"].sum()
    after = (
        _within(sales, AFTER).groupby("hospital_id")["amount"].sum().sort_values(ascending=False)
    )
    held_before = (after.cumsum() - after) / after.sum()
    key = after[held_before < 0.8].index  # class A
    fell = [h for h in key if after[h] < before.get(h, 0)]
    rows = re.findall(r"<tr[^>]*>.*?</tr>", app.top.value.split("<tbody>")[1])
    assert len(rows) == min(key_accounts.TOP, len(after))
    names = pd.read_parquet(app.cut.file("hospital")).set_index("hospital_id")["name"]
    flagged = [r for r in rows if "wb-fell" in r]
    assert len(flagged) == len(fell) > 0
    for h in fell:
        assert any(names[h] in r for r in flagged)
    assert "background-color" in flagged[0] and "workbench-table" in app.top.value
    assert _money(after.iloc[0]) in rows[0]


def _doctor_names(cut: workbench.Cut, hospital_id: int) -> pd.DataFrame:
    a = pd.read_parquet(cut.file("affiliation"))
    d = pd.read_parquet(cut.file("department"))
    here = a[a["is_primary"]].merge(d, on="department_id").query("hospital_id == @hospital_id")
    return pd.read_parquet(cut.file("doctor")).merge(here[["doctor_id"]], on="doctor_id")


def test_picking_a_hospital_changes_the_drill_down(app: key_accounts.KeyAccounts) -> None:
    first, second = (v for _label, v in app.hospital.options[:2])
    assert app.hospital.value == first
    before = app.drill.value
    app.hospital.value = second
    assert app.drill.value != before
    names = pd.read_parquet(app.cut.file("hospital")).set_index("hospital_id")["name"]
    assert f"<h4>{names[second]}</h4>" in app.drill.value
    doctors = _doctor_names(app.cut, second)
    called = app.derived.account(second)["doctors"].table
    assert set(called["doctor_id"]) == set(doctors["doctor_id"])
    for name in called["name"].head(5):
        assert f"<td>{name}</td>" in app.drill.value
    assert len(app.derived.drill) == 2  # each account found once


def test_the_language_switch_relabels_everything(app: key_accounts.KeyAccounts) -> None:
    assert_one_language(app.widget, "zh", APP_MESSAGES)
    assert "主治医师" in app.drill.value and "attending physician" not in app.drill.value
    zh_options = [label for label, _v in app.hospital.options]
    app.level.value = "hospital"
    computed = dict(app.derived.growth)
    app.language.value = "en"
    assert app.level.value == "hospital"  # the language keeps what is picked
    assert app.derived.growth.keys() == computed.keys()
    assert all(app.derived.growth[k] is v for k, v in computed.items())  # nothing recomputed
    assert_one_language(app.widget, "en", APP_MESSAGES)
    assert "attending physician" in app.drill.value and "主治医师" not in app.drill.value
    assert "Key accounts" in app.header.value
    assert [label for label, _v in app.level.options] == ["region", "city", "hospital"]
    en_options = [label for label, _v in app.hospital.options]
    assert en_options[0] == "Shanghai No.1 People's Hospital" and zh_options[0] != en_options[0]
    pinyin = app.derived.account(app.hospital.value)["doctors"].table["name_pinyin"].iloc[0]
    assert f"<td>{pinyin}</td>" in app.drill.value
    app.language.value = "zh"
    assert_one_language(app.widget, "zh", APP_MESSAGES)
    assert [label for label, _v in app.hospital.options] == zh_options


def test_a_national_cut_builds_the_app_from_its_kept_derivations(
    national_cut: workbench.Cut, national_db: Database, tmp_path: Path
) -> None:
    """At national scale the app opens on the cut and tells its story; how fast it paints is
    measured against a bare page by ``benchmarks/bench_apps.py --scale national``, not here
    (the bounds below only catch a hang)."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cuts").symlink_to(national_cut.path.parent, target_is_directory=True)
    settings = Settings(data_dir=tmp_path / "data", lang="en")
    started = time.perf_counter()
    widget: Any = key_accounts.build(settings, db=national_db)
    seconds = time.perf_counter() - started
    app = widget.app
    assert app.cut.id == national_cut.id
    assert app.derived.comparison.unit == "year" and "2025" in app.header.value
    assert seconds < 120, f"build took {seconds:.1f} s"
    app.language.value = "zh"
    app.level.value = "hospital"
    app.hospital.value = app.hospital.options[-1][1]
    points = app.derived.pareto
    assert len(points.table) <= 66 and points.table["cum_share"].iloc[-1] == pytest.approx(1)
    assert points.n == pytest.approx(200, abs=15)  # the seeds' story: 80% in about 200


def test_a_database_without_sales_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    db = workbench.connect(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        app: Any = key_accounts.build(Settings(data_dir=tmp_path, lang="en"), db=db).app
        assert app.cut.id in app.header.value
        assert "nothing to compare" in app.summary.value and app.hospital.options == ()
        app.language.value = "zh"
        assert "无法比较" in app.summary.value
    finally:
        db.close()


def test_the_cuts_derivations_are_kept_for_the_next_page(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path)
    workbench.cut(camp_db, settings=settings)
    derived: list[str] = []
    real = key_accounts.Derived.of

    def counted(source: workbench.Cut) -> key_accounts.Derived:
        derived.append(source.id)
        return real(source)

    monkeypatch.setattr(key_accounts.Derived, "of", staticmethod(counted))
    first = key_accounts.build(settings, db=camp_db)
    second = key_accounts.build(settings, db=camp_db)  # the next page, another kernel
    assert len(derived) == 1
    assert second.app.top.value == first.app.top.value
