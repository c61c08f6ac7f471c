"""Key accounts over a cut, cross-checked against plain pandas on the cut's files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench import analysis as wa
from workbench.analysis import Period, accounts
from workbench.errors import AnalysisError

from .conftest import primary_place

Tables = Callable[[str], pd.DataFrame]


def _sales_cut(tmp_path: Path, first: str, last: str) -> workbench.Cut:
    """A cut holding only sales: one line a day from ``first`` to ``last``."""
    days = pd.date_range(first, last, freq="D").date
    sale = pd.DataFrame({"hospital_id": 1, "sale_date": days, "amount": 1.0})
    tmp_path.mkdir(parents=True, exist_ok=True)
    sale.to_parquet(tmp_path / "sale.parquet")
    manifest = {"created_at": "2026-01-01T00:00:00+00:00", "source": "test",
                "schema_version": None, "rows": {"sale": len(sale)}}  # fmt: skip
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    return workbench.Cut(tmp_path)


def _full_months(sales: pd.DataFrame) -> list[pd.Period]:
    lo, hi = sales["sale_date"].min(), sales["sale_date"].max()
    months = pd.period_range(lo, hi, freq="M")
    return [m for m in months if m.start_time >= lo and m.end_time.normalize() <= hi]


def test_the_camp_compares_its_latest_full_months_with_as_many_before(
    camp_cut: workbench.Cut, camp_tables: Tables
) -> None:
    months = _full_months(camp_tables("sale"))
    k = len(months) // 2
    got = accounts.compared_periods(camp_cut)
    assert got.unit == "months" and got.months == k == 2
    assert got.after == Period(months[-k].start_time.date(), months[-1].end_time.date())
    assert got.before == Period(months[-2 * k].start_time.date(), months[-k - 1].end_time.date())


def test_two_full_years_compare_years_one_day_less_compares_months(tmp_path: Path) -> None:
    years = accounts.compared_periods(_sales_cut(tmp_path / "a", "2024-01-01", "2025-12-31"))
    assert years.unit == "year"
    assert years.before == Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert years.after == Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    short = accounts.compared_periods(_sales_cut(tmp_path / "b", "2024-01-01", "2025-12-30"))
    assert (short.unit, short.months) == ("months", 11)  # 23 full months: Jan 2024 – Nov 2025
    assert short.after == Period(dt.date(2025, 1, 1), dt.date(2025, 11, 30))
    assert short.before == Period(dt.date(2024, 2, 1), dt.date(2024, 12, 31))


def test_fewer_than_two_full_months_is_refused(tmp_path: Path) -> None:
    two = accounts.compared_periods(_sales_cut(tmp_path / "a", "2026-05-01", "2026-06-30"))
    assert (two.months, str(two.after)) == (1, "2026-06-01 – 2026-06-30")
    with pytest.raises(AnalysisError, match="fewer than two full months"):
        accounts.compared_periods(_sales_cut(tmp_path / "b", "2026-05-02", "2026-06-30"))


@pytest.mark.parametrize(("each", "groups"), [(25, 40), (3, 2), (1, 1)])
def test_the_pareto_curve_runs_through_80_percent_to_the_end(
    camp_cut: workbench.Cut, camp_tables: Tables, each: int, groups: int
) -> None:
    result = wa.concentration(camp_cut, value="amount", by="hospital")
    got = accounts.pareto(result, each=each, groups=groups)
    totals = camp_tables("sale").groupby("hospital_id")["amount"].sum().sort_values(ascending=False)
    cum = totals.cumsum() / totals.sum()
    n = int(np.argmax(cum.to_numpy() >= 0.8 - 1e-9)) + 1  # the hospital that reaches 80%
    table = got.table
    assert got.n == n and got.entities == len(totals)
    assert table.loc[table["marked"], "last_rank"].tolist() == [n]
    assert table.loc[table["marked"], "cum_share"].iloc[0] == pytest.approx(cum.iloc[n - 1])
    assert table["cum_share"].iloc[-1] == pytest.approx(1.0)
    assert table["first_rank"].tolist() == [1, *(table["last_rank"].iloc[:-1] + 1)]
    assert table["entities"].sum() == len(totals)
    assert table["value"].sum() == pytest.approx(totals.sum())
    assert len(table) <= each + groups + 1
    singles = table[table["part"] == "entity"]
    assert singles["hospital_id"].tolist() == totals.index[singles["last_rank"] - 1].tolist()
    assert (table["part"] == "tail").sum() == (n < len(totals))


def test_a_hospitals_departments_doctors_calls_and_products_match_pandas(
    camp_cut: workbench.Cut, camp_tables: Tables
) -> None:
    hospital = 2
    period = Period(dt.date(2026, 9, 1), dt.date(2026, 10, 31))
    before = Period(dt.date(2026, 7, 1), dt.date(2026, 8, 31))
    place = primary_place(camp_tables)
    here = place[place["hospital_id"] == hospital]
    calls = camp_tables("call")
    in_period = calls[calls["call_date"].between("2026-09-01", "2026-10-31")]
    called = in_period[in_period["doctor_id"].isin(here["doctor_id"])]

    departments = accounts.departments(camp_cut, hospital, period=period).table
    expected = camp_tables("department").query("hospital_id == @hospital")
    assert set(departments["department_id"]) == set(expected["department_id"])
    per_department = called.merge(here, on="doctor_id").groupby("department_id").size()
    got = departments.set_index("department_id")
    assert got["calls"].sum() == len(called)
    for department_id, n in per_department.items():
        assert got.at[department_id, "calls"] == n
    assert got["doctors"].sum() == len(here)

    doctors = accounts.doctors(camp_cut, hospital, period=period).table
    assert set(doctors["doctor_id"]) == set(here["doctor_id"])
    per_doctor = called.groupby("doctor_id").size()
    got = doctors.set_index("doctor_id")
    assert (got.loc[per_doctor.index, "calls"] == per_doctor).all()
    assert doctors["calls"].is_monotonic_decreasing
    titles = camp_tables("doctor").set_index("doctor_id")["title"]
    assert (got["title"] == titles.loc[got.index]).all()

    recent = accounts.recent_calls(camp_cut, hospital, limit=7).table
    mine = calls[calls["doctor_id"].isin(here["doctor_id"])]
    newest = mine.sort_values(["call_date", "call_id"], ascending=False).head(7)
    assert recent["call_id"].tolist() == newest["call_id"].tolist()
    discussed = camp_tables("call_product").merge(camp_tables("product"), on="product_id")
    first = discussed[discussed["call_id"] == newest["call_id"].iloc[0]].sort_values("product_id")
    assert recent["products"].iloc[0] == ", ".join(first["name"])

    products = accounts.product_sales(camp_cut, hospital, before=before, after=period).table
    sales = camp_tables("sale").query("hospital_id == @hospital")
    after_sum = (
        sales[sales["sale_date"].between("2026-09-01", "2026-10-31")]
        .groupby("product_id")["amount"]
        .sum()
    )
    before_sum = (
        sales[sales["sale_date"].between("2026-07-01", "2026-08-31")]
        .groupby("product_id")["amount"]
        .sum()
    )
    got = products.set_index("product_id")
    np.testing.assert_allclose(got.loc[after_sum.index, "after"], after_sum)
    np.testing.assert_allclose(
        got.loc[after_sum.index, "growth"], after_sum / before_sum.reindex(after_sum.index) - 1
    )
    assert got["share"].sum() == pytest.approx(1.0)


def test_places_name_every_hospital_in_both_languages(
    camp_cut: workbench.Cut, camp_tables: Tables
) -> None:
    places = accounts.places(camp_cut).table
    hospitals = camp_tables("hospital").merge(camp_tables("city"), on="city_id",
                                              suffixes=("", "_city"))  # fmt: skip
    assert places["hospital_id"].tolist() == sorted(hospitals["hospital_id"])
    joined = places.merge(hospitals, on="hospital_id", suffixes=("", "_pd"))
    assert (joined["city_en"] == joined["name_en_city"]).all()
    assert places["name_en"].notna().all() and places["region_en"].notna().all()


def test_bad_options_say_what_to_give(camp_cut: workbench.Cut) -> None:
    result = wa.concentration(camp_cut, value="amount", by="hospital")
    with pytest.raises(AnalysisError, match="rule"):
        accounts.pareto(result, rule=0)
    with pytest.raises(AnalysisError, match="1 or more"):
        accounts.pareto(result, groups=0)
    with pytest.raises(AnalysisError, match="limit"):
        accounts.recent_calls(camp_cut, 1, limit=0)
    with pytest.raises(AnalysisError, match="first and a last day"):
        accounts.doctors(camp_cut, 1, period=Period(None, dt.date(2026, 1, 1)))
