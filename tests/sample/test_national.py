"""The national world reproduces the Roche case's figures (checked in SQL on the loaded store).

Roche, 2001: 68% of business from 270 hospitals; next year +18%, 80% from 200 customers;
yearly rep attrition 22-27%; most doctors seen 1-4 times a month, a few over 8; each
Monday a handful of doctors planned by more than one rep.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench import Database

pytestmark = pytest.mark.national


def _frame(db: Database, sql: str) -> pd.DataFrame:
    with db.engine.connect() as conn:
        return pd.read_sql_query(sql, conn)


@pytest.fixture(scope="module")
def hospital_sales(national_db: Database) -> pd.DataFrame:
    return _frame(
        national_db,
        "SELECT hospital_id, substr(sale_date, 1, 4) AS year, SUM(amount) AS amount "
        "FROM sale GROUP BY hospital_id, year",
    )


def _top_share(sales: pd.DataFrame, year: str, top: int) -> float:
    amounts = sales.loc[sales["year"] == year, "amount"].sort_values(ascending=False)
    return float(amounts.iloc[:top].sum() / amounts.sum())


def test_size_of_the_national_world(national_db: Database) -> None:
    n = national_db.counts()
    assert n["region"] == 9
    assert n["city"] >= 50
    assert 2_900 <= n["hospital"] <= 3_100
    assert 27_000 <= n["department"] <= 33_000
    assert 95_000 <= n["doctor"] <= 105_000
    assert 1_300_000 <= n["call"] <= 1_700_000
    assert 1_300_000 <= n["sale"] <= 1_700_000
    active = _frame(
        national_db,
        "SELECT COUNT(*) AS n FROM rep WHERE role = 'rep' AND hired_on <= '2025-06-30' "
        "AND (left_on IS NULL OR left_on > '2025-06-30')",
    )["n"].item()
    assert 370 <= active <= 400


def test_first_year_top_270_hospitals_carry_68_percent(hospital_sales: pd.DataFrame) -> None:
    assert _top_share(hospital_sales, "2024", 270) == pytest.approx(0.68, abs=0.03)


def test_second_year_grows_18_percent(hospital_sales: pd.DataFrame) -> None:
    totals = hospital_sales.groupby("year")["amount"].sum()
    assert totals["2025"] / totals["2024"] - 1 == pytest.approx(0.18, abs=0.02)


def test_second_year_top_200_hospitals_carry_80_percent(hospital_sales: pd.DataFrame) -> None:
    assert _top_share(hospital_sales, "2025", 200) == pytest.approx(0.80, abs=0.03)


@pytest.mark.parametrize("year", [2024, 2025])
def test_yearly_rep_attrition_between_22_and_27_percent(national_db: Database, year: int) -> None:
    reps = _frame(national_db, "SELECT hired_on, left_on FROM rep WHERE role = 'rep'")
    start, end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
    hired = pd.to_datetime(reps["hired_on"])
    left = pd.to_datetime(reps["left_on"])
    leavers = int(left.between(start, end).sum())
    first = hired.clip(lower=start)
    last = left.fillna(end).clip(upper=end)
    person_days = (last - first).dt.days.add(1).clip(lower=0).sum()
    average_headcount = person_days / ((end - start).days + 1)
    assert 0.22 <= leavers / average_headcount <= 0.27


def test_leavers_customers_wait_unassigned_and_a_few_are_lost(national_db: Database) -> None:
    a = _frame(
        national_db,
        "SELECT a.doctor_id, a.start_on, a.end_on FROM assignment a "
        "JOIN rep r ON r.rep_id = a.rep_id WHERE r.role = 'rep'",
    )
    a["start_on"] = pd.to_datetime(a["start_on"])
    a["end_on"] = pd.to_datetime(a["end_on"])
    a = a.sort_values(["doctor_id", "start_on"])
    a["next_start"] = a.groupby("doctor_id")["start_on"].shift(-1)
    ended = a[a["end_on"].notna()]
    gap = (ended["next_start"] - ended["end_on"]).dt.days
    reassigned = gap.dropna()
    assert (reassigned > 0).all(), "no doctor is owned by two reps at once"
    assert 14 <= reassigned.median() <= 90
    # Left without an owner through the end of the data: a few percent, not none.
    never = ended["next_start"].isna() & (ended["end_on"] < pd.Timestamp("2025-09-01"))
    lost = never.sum() / ended[ended["end_on"] < pd.Timestamp("2025-09-01")].shape[0]
    assert 0.01 <= lost <= 0.10


def test_most_doctors_are_seen_one_to_four_times_a_month(national_db: Database) -> None:
    hist = _frame(
        national_db,
        "SELECT n, COUNT(*) AS doctor_months FROM ("
        " SELECT doctor_id, substr(call_date, 1, 7) AS month, COUNT(*) AS n"
        " FROM call GROUP BY doctor_id, month) GROUP BY n",
    ).set_index("n")["doctor_months"]
    total = hist.sum()
    assert hist[hist.index <= 4].sum() / total >= 0.90
    over = hist[hist.index > 8].sum() / total
    assert 0.0005 <= over <= 0.01, "a few doctor-months over 8 calls, not none, not many"


def test_some_key_customers_are_not_visited_at_all(national_db: Database) -> None:
    key = _frame(
        national_db,
        "SELECT p.doctor_id, EXISTS (SELECT 1 FROM call c WHERE c.doctor_id = p.doctor_id"
        " AND c.call_date >= '2025-01-01') AS visited FROM potential p"
        " WHERE p.period_start = '2025-10-01'"
        " ORDER BY p.potential DESC LIMIT 5000",
    )
    unvisited = 1 - key["visited"].mean()
    assert 0.02 <= unvisited <= 0.30


def test_every_week_a_handful_of_doctors_planned_by_several_reps(national_db: Database) -> None:
    weeks = _frame(national_db, "SELECT DISTINCT week_start FROM plan")["week_start"]
    conflicts = _frame(
        national_db,
        "SELECT week_start, COUNT(*) AS doctors FROM ("
        " SELECT p.week_start, i.doctor_id FROM plan_item i JOIN plan p ON p.plan_id = i.plan_id"
        " GROUP BY p.week_start, i.doctor_id HAVING COUNT(DISTINCT p.rep_id) >= 2)"
        " GROUP BY week_start",
    ).set_index("week_start")["doctors"]
    per_week = conflicts.reindex(weeks, fill_value=0)
    assert per_week.min() >= 1
    assert per_week.max() <= 20
    assert 2 <= float(np.median(per_week)) <= 10
