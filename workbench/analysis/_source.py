"""What an analysis reads: a data cut (SQL on DuckDB) or a pandas frame, and the period asked.

Over a cut the analyst names business measures and dimensions, not tables: ``value="amount"``
(sales), ``"quantity"``, ``"calls"``, ``"prescriptions"`` or ``"potential"``, and ``by`` one of
:data:`DIMENSIONS`. Every call is one aggregation pushed down to DuckDB; only the aggregate
comes back to pandas.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

import duckdb
import pandas as pd

from workbench.cuts import Cut
from workbench.errors import AnalysisError

__all__ = [
    "DIMENSIONS",
    "MEASURES",
    "Period",
    "Source",
    "aggregate",
    "label_of",
    "names",
    "period_of",
]

Source: TypeAlias = Cut | pd.DataFrame
PeriodLike: TypeAlias = "int | str | tuple[Any, Any] | Period | None"

_GEO = """
    JOIN hospital h ON h.hospital_id = f.hospital_id
    JOIN city ci ON ci.city_id = h.city_id"""
_DOCTOR = """
    JOIN affiliation a ON a.doctor_id = f.doctor_id AND a.is_primary
    JOIN department d ON d.department_id = a.department_id
    JOIN hospital h ON h.hospital_id = d.hospital_id
    JOIN city ci ON ci.city_id = h.city_id"""


@dataclass(frozen=True)
class _Fact:
    table: str
    date: str
    dims: Mapping[str, str]
    joins: str


_FACTS: dict[str, _Fact] = {
    "sale": _Fact(
        "sale",
        "f.sale_date",
        {
            "hospital": "f.hospital_id",
            "city": "h.city_id",
            "region": "ci.region_id",
            "product": "f.product_id",
            "dealer": "f.dealer_id",
        },
        _GEO,
    ),
    "call": _Fact(
        "call",
        "f.call_date",
        {
            "doctor": "f.doctor_id",
            "department": "d.department_id",
            "hospital": "h.hospital_id",
            "city": "h.city_id",
            "region": "ci.region_id",
            "rep": "f.rep_id",
        },
        _DOCTOR,
    ),
    "potential": _Fact(
        "potential",
        "f.period_start",
        {
            "doctor": "f.doctor_id",
            "department": "d.department_id",
            "hospital": "h.hospital_id",
            "city": "h.city_id",
            "region": "ci.region_id",
            "product": "f.product_id",
        },
        _DOCTOR,
    ),
}

#: measure -> (fact table, SQL of the value summed)
MEASURES: dict[str, tuple[str, str]] = {
    "amount": ("sale", "f.amount"),
    "quantity": ("sale", "f.quantity"),
    "calls": ("call", "1"),
    "prescriptions": ("potential", "f.prescriptions"),
    "potential": ("potential", "f.potential"),
}

_PERIODS = {
    "month": "CAST(date_trunc('month', {d}) AS DATE)",
    "quarter": "CAST(date_trunc('quarter', {d}) AS DATE)",
    "year": "CAST(year({d}) AS INTEGER)",
}

#: dimension -> (key column in results, table holding its name)
DIMENSIONS: dict[str, tuple[str, str | None]] = {
    "region": ("region_id", "region"),
    "city": ("city_id", "city"),
    "hospital": ("hospital_id", "hospital"),
    "department": ("department_id", "department"),
    "doctor": ("doctor_id", "doctor"),
    "product": ("product_id", "product"),
    "rep": ("rep_id", "rep"),
    "dealer": ("dealer_id", "dealer"),
    "month": ("month", None),
    "quarter": ("quarter", None),
    "year": ("year", None),
}


@dataclass(frozen=True)
class Period:
    """Inclusive first and last day; ``None`` leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __str__(self) -> str:
        if self.start is None and self.end is None:
            return "all dates"
        return f"{self.start or '…'} – {self.end or '…'}"

    def where(self, column: str) -> str:
        parts = []
        if self.start is not None:
            parts.append(f"{column} >= DATE '{self.start.isoformat()}'")
        if self.end is not None:
            parts.append(f"{column} <= DATE '{self.end.isoformat()}'")
        return " AND ".join(parts) or "TRUE"


def _day(value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        day: dt.date = pd.Timestamp(value).date()
    except (ValueError, TypeError):
        raise AnalysisError(f"{what} {value!r} is not a date; use e.g. '2025-01-01'") from None
    return day


def period_of(period: PeriodLike) -> Period:
    """A :class:`Period` from ``None``, a year (``2025``, ``"2025"``), a quarter
    (``"2025Q1"``), a month (``"2025-03"``) or a ``(first, last)`` pair of days."""
    if period is None or isinstance(period, Period):
        return period or Period()
    if isinstance(period, tuple):
        if len(period) != 2:
            raise AnalysisError("period must be (first day, last day), e.g. ('2025-01-01', None)")
        start, end = _day(period[0], "period start"), _day(period[1], "period end")
        if start and end and end < start:
            raise AnalysisError(f"period ends ({end}) before it starts ({start}); swap them")
        return Period(start, end)
    text = str(period).strip()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if m := re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.I):
        first = pd.Period(f"{m[1]}Q{m[2]}", freq="Q")
        return Period(first.start_time.date(), first.end_time.date())
    if re.fullmatch(r"\d{4}-\d{2}", text):
        month = pd.Period(text, freq="M")
        return Period(month.start_time.date(), month.end_time.date())
    raise AnalysisError(
        f"period {period!r} is not understood; use a year (2025), a quarter ('2025Q1'), "
        "a month ('2025-03') or a pair of days ('2025-01-01', '2025-06-30')"
    )


def label_of(source: Source) -> str:
    """What a result names as its source: the cut's label, or ``"data frame"``."""
    return str(source.label) if isinstance(source, Cut) else "data frame"


def aggregate(
    source: Source, *, value: str, by: str, period: PeriodLike = None
) -> tuple[duckdb.DuckDBPyConnection, str, str]:
    """The connection and SQL of ``SELECT key, SUM(value) AS value ... GROUP BY key``.

    Returns the connection, the SQL, and the name of the key column in the result.
    """
    if isinstance(source, pd.DataFrame):
        return _frame_aggregate(source, value=value, by=by, period=period)
    if by not in DIMENSIONS:
        raise AnalysisError(f"by={by!r} is not a dimension; choose one of {', '.join(DIMENSIONS)}")
    if value not in MEASURES:
        raise AnalysisError(
            f"value={value!r} is not a measure of a cut; choose one of {', '.join(MEASURES)}"
        )
    table, expr = MEASURES[value]
    fact = _FACTS[table]
    key_name = DIMENSIONS[by][0]
    if by in _PERIODS:
        key = _PERIODS[by].format(d=fact.date)
    elif by in fact.dims:
        key = fact.dims[by]
    else:
        raise AnalysisError(
            f"{value} cannot be broken down by {by}: {table} rows carry "
            f"{', '.join([*fact.dims, *_PERIODS])}"
        )
    # the joins up to the customer hierarchy only when the key lives there
    joins = "" if key.startswith(("f.", "CAST(")) else fact.joins
    sql = (
        f"SELECT {key} AS {key_name}, SUM({expr}) AS value FROM {fact.table} f {joins}\n"
        f"WHERE {period_of(period).where(fact.date)} GROUP BY 1"
    )
    return source.con, sql, key_name


def _frame_aggregate(
    frame: pd.DataFrame, *, value: str, by: str, period: PeriodLike
) -> tuple[duckdb.DuckDBPyConnection, str, str]:
    for column, what in ((value, "value"), (by, "by")):
        if column not in frame.columns:
            raise AnalysisError(
                f"{what}={column!r} is not a column of the frame; "
                f"its columns are {', '.join(map(str, frame.columns))}"
            )
    if not pd.api.types.is_numeric_dtype(frame[value]):
        raise AnalysisError(f"column {value!r} must hold numbers to be summed")
    if period is not None:
        raise AnalysisError("filter a data frame by period before the call; period= is for cuts")
    con = duckdb.connect(":memory:")
    con.register("frame", frame[[by, value]])
    sql = f'SELECT "{by}" AS "{by}", SUM("{value}") AS value FROM frame GROUP BY 1'
    return con, sql, by


def names(source: Source, by: str) -> pd.DataFrame | None:
    """Key and display name of a dimension's entities, or ``None`` where it has none."""
    if not isinstance(source, Cut) or by not in DIMENSIONS or DIMENSIONS[by][1] is None:
        return None
    key, table = DIMENSIONS[by]
    return source.sql(f"SELECT {key}, name FROM {table}")
