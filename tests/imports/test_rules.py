"""Each rule of an imported column at its edges; the whole-column check against the form's."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from workbench.db.models import Base
from workbench.entry._rules import Checker
from workbench.imports.checks import check_column
from workbench.imports.rows import Known, check_rows
from workbench.imports.specs import SOURCES, Field

BY_TABLE = {s.table: s for s in SOURCES}
TODAY = dt.date.today()


def _problem(table: str, column: str, value: str) -> str | None:
    checked = check_column(BY_TABLE[table].rule(column), pd.Series([value]))
    return checked.problems[0].code if checked.problems else None


# (table, column, the last good value, the first bad one, the problem)
EDGES = [
    ("hospital", "beds", "20000", "20001", "out_of_range"),
    ("hospital", "beds", "0", "-1", "out_of_range"),
    ("city", "tier", "4", "5", "out_of_range"),
    ("city", "tier", "1", "0", "out_of_range"),
    ("potential", "adoption", "5", "6", "out_of_range"),
    ("potential", "adoption", "1", "0", "out_of_range"),
    ("potential", "prescriptions", "0", "-1", "out_of_range"),
    ("sale", "quantity", "1", "0", "out_of_range"),
    ("subject", "ecog", "2", "3", "out_of_range"),
    ("submission", "version", "1", "0", "out_of_range"),
    ("adverse_event", "grade", "5", "6", "out_of_range"),
    ("adverse_event", "grade", "1", "0", "out_of_range"),
    ("study", "confirm_min_days", "1", "0", "out_of_range"),
    ("study", "teae_window_days", "0", "-1", "out_of_range"),
    ("call", "call_id", "2147483647", "2147483648", "out_of_range"),
    ("call", "call_id", "1", "0", "out_of_range"),
    ("doctor", "name", "王" * 40, "王" * 41, "too_long"),
    ("call", "next_step", "x" * 200, "x" * 201, "too_long"),
    ("call", "call_date", TODAY.isoformat(), (TODAY + dt.timedelta(days=1)).isoformat(),
     "in_future"),
    ("sale", "sale_date", TODAY.isoformat(), (TODAY + dt.timedelta(days=1)).isoformat(),
     "in_future"),
    ("call", "call_date", "1900-01-01", "1899-12-31", "out_of_range"),
    ("call", "entered_at", "2026-06-01T09:15:00", "2026-06-01T25:15:00", "not_a_time"),
    ("sale", "amount", "12.34", "12.345", "not_an_amount"),
    ("product", "unit_price", "0.00", "-0.01", "out_of_range"),
    ("doctor", "mobile", "13812345678", "1381234567", "bad_mobile"),
    ("call", "joint_visit", "false", "f", "not_yes_no"),
]  # fmt: skip


@pytest.mark.parametrize(("table", "column", "good", "bad", "code"), EDGES)
def test_a_rule_keeps_its_edge(table: str, column: str, good: str, bad: str, code: str) -> None:
    assert _problem(table, column, good) is None
    assert _problem(table, column, bad) == code


def test_a_day_may_be_ahead_where_a_plan_or_an_event_is() -> None:
    ahead = (TODAY + dt.timedelta(days=30)).isoformat()
    assert _problem("event", "held_on", ahead) is None
    assert _problem("plan", "week_start", ahead) is None


def _order(table: str, earlier: str, later: str, first: str, then: str) -> list[str]:
    """The problems of one row whose ``earlier`` day is ``first`` and ``later`` is ``then``."""
    source = BY_TABLE[table]
    row = {f.name: "" for f in source.fields}
    samples = {
        "rep": {"rep_id": "2", "name": "张伟", "name_pinyin": "Zhang Wei", "role": "rep",
                "region_id": "1", "city_id": "1"},
        "assignment": {"assignment_id": "1", "rep_id": "1", "doctor_id": "1"},
    }  # fmt: skip
    row |= samples[table] | {earlier: first, later: then}
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO region VALUES (1, '华东', 'East');"))
        conn.execute(text("INSERT INTO city VALUES (1, 1, '上海', 'Shanghai', 1)"))
        conn.execute(
            text(
                "INSERT INTO doctor VALUES (1, '王静', 'Wang Jing', 'F', 'attending', "
                "'cardiology', NULL)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO rep (rep_id, name, name_pinyin, role, region_id, city_id, hired_on) "
                "VALUES (1, '张伟', 'Zhang Wei', 'rep', 1, 1, '2020-01-01')"
            )
        )
        known = Known(conn)
        _good, problems = check_rows(source, pd.DataFrame([row]), known)
    return [p.code for _i, p in problems]


@pytest.mark.parametrize(
    ("table", "earlier", "later"),
    [("rep", "hired_on", "left_on"), ("assignment", "start_on", "end_on")],
)
def test_an_end_on_its_start_is_kept_and_a_day_before_is_refused(
    table: str, earlier: str, later: str
) -> None:
    assert _order(table, earlier, later, "2025-03-01", "2025-03-01") == []
    assert _order(table, earlier, later, "2025-03-01", "2025-02-28") == ["ends_before_start"]


_INTEGER = Field("beds", "integer", low=0, high=20_000)
_NUMBERISH = st.one_of(
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
    st.text(alphabet="0123456789-+ .\u0663\uff11x\u200b\t", max_size=14),
    st.integers(min_value=-5, max_value=25_000).map(lambda n: f" {n} "),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NUMBERISH, min_size=1, max_size=30))
def test_the_whole_column_check_agrees_with_the_form_on_every_value(values: list[str]) -> None:
    checked = check_column(_INTEGER, pd.Series(values))
    for i, value in enumerate(values):
        form = Checker({"beds": value})
        number = form.integer("beds", required=True, low=0, high=20_000)
        mine = checked.problems.get(i)
        assert (mine.code if mine else None) == (form.problems[0].code if form.problems else None)
        assert (mine.values if mine else None) == (
            form.problems[0].values if form.problems else None
        )
        got = checked.values.iat[i]
        assert (None if pd.isna(got) else int(got)) == number, value
