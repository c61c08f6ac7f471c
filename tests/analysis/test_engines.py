"""The same SQL on the store (SQLite) and on its cut (DuckDB) gives the same answer."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

import workbench
from workbench import Database

PORTABLE = {
    "sales by hospital": """
        SELECT hospital_id, SUM(amount) AS amount, SUM(quantity) AS quantity, COUNT(*) AS lines
        FROM sale GROUP BY hospital_id ORDER BY hospital_id""",
    "calls by primary hospital": """
        SELECT d.hospital_id, COUNT(*) AS calls, COUNT(DISTINCT c.doctor_id) AS doctors
        FROM call c JOIN affiliation a ON a.doctor_id = c.doctor_id AND a.is_primary
        JOIN department d ON d.department_id = a.department_id
        GROUP BY d.hospital_id ORDER BY d.hospital_id""",
    "doctors planned by several reps": """
        SELECT p.week_start, i.doctor_id, COUNT(DISTINCT p.rep_id) AS reps
        FROM plan_item i JOIN plan p ON p.plan_id = i.plan_id
        GROUP BY p.week_start, i.doctor_id HAVING COUNT(DISTINCT p.rep_id) >= 2
        ORDER BY p.week_start, i.doctor_id""",
    # FLOOR, not CAST: DuckDB's CAST rounds (2.7 -> 3) where SQLite's truncates (2.7 -> 2)
    "whole calls per doctor, floored": """
        SELECT rep_id, FLOOR(AVG(n)) AS whole, FLOOR(AVG(n) * 10) AS tenths FROM (
            SELECT rep_id, doctor_id, COUNT(*) AS n FROM call GROUP BY rep_id, doctor_id) t
        GROUP BY rep_id ORDER BY rep_id""",
}


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in frame.columns:
        if column.endswith(("_start", "_date", "_on")):
            frame[column] = pd.to_datetime(frame[column])
        elif pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].astype(float)
    return frame


@pytest.mark.parametrize("name", PORTABLE)
def test_portable_sql_agrees_on_both_engines(
    camp_db: Database, camp_cut: workbench.Cut, name: str
) -> None:
    query = PORTABLE[name]
    with camp_db.engine.connect() as conn:
        store = pd.read_sql(text(query), conn)
    cut = camp_cut.sql(query)
    assert len(store) > 0
    pd.testing.assert_frame_equal(
        _normalise(store), _normalise(cut), check_dtype=False, rtol=1e-9, obj=name
    )


def test_cast_rounds_on_duckdb_and_truncates_on_sqlite(
    camp_db: Database, camp_cut: workbench.Cut
) -> None:
    """Why the analyses use FLOOR: the engines disagree on CAST."""
    query = "SELECT CAST(2.7 AS INTEGER) AS c, FLOOR(2.7) AS f"
    with camp_db.engine.connect() as conn:
        sqlite = conn.execute(text(query)).one()
    duck = camp_cut.sql(query).iloc[0]
    assert (sqlite.c, duck.c) == (2, 3)
    assert sqlite.f == duck.f == 2
