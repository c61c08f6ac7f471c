"""Plain pandas views of a cut's tables: the independent side of every cross-check."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

import workbench

DATES = {
    "call": ["call_date"],
    "sale": ["sale_date"],
    "potential": ["period_start"],
    "plan": ["week_start"],
    "plan_item": ["planned_on"],
    "invitation": ["invited_on"],
    "assignment": ["start_on", "end_on"],
    "rep": ["hired_on", "left_on"],
    "event": ["held_on"],
}


def read(cut: workbench.Cut, table: str) -> pd.DataFrame:
    frame = pd.read_parquet(cut.file(table))
    for column in DATES.get(table, []):
        frame[column] = pd.to_datetime(frame[column])
    return frame


@pytest.fixture(scope="session")
def camp_tables(camp_cut: workbench.Cut) -> Callable[[str], pd.DataFrame]:
    cache: dict[str, pd.DataFrame] = {}

    def get(table: str) -> pd.DataFrame:
        if table not in cache:
            cache[table] = read(camp_cut, table)
        return cache[table].copy()

    return get


def primary_place(tables: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    """doctor_id → department_id, hospital_id, city_id, region_id through the primary
    affiliation, joined in pandas."""
    a = tables("affiliation")
    a = a[a["is_primary"]][["doctor_id", "department_id"]]
    a = a.merge(tables("department")[["department_id", "hospital_id"]], on="department_id")
    a = a.merge(tables("hospital")[["hospital_id", "city_id"]], on="hospital_id")
    return a.merge(tables("city")[["city_id", "region_id"]], on="city_id")
