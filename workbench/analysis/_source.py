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
from workbench.i18n import said

__all__ = [
    "DIMENSIONS",
    "MEASURES",
    "Period",
    "Query",
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
            return said("period.all")
        return f"{self.start or '…'} – {self.end or '…'}"

    def where(self, column: str, name: str = "period") -> str:
        """SQL that keeps ``column`` within the period.

        The days are parameters ``$<name>_start`` and ``$<name>_end`` (give :meth:`params`
        with the query).
        """
        parts = []
        if self.start is not None:
            parts.append(f"{column} >= ${name}_start")
        if self.end is not None:
            parts.append(f"{column} <= ${name}_end")
        return " AND ".join(parts) or "TRUE"

    def params(self, name: str = "period") -> dict[str, dt.date]:
        """The parameters :meth:`where` refers to."""
        values = {f"{name}_start": self.start, f"{name}_end": self.end}
        return {k: v for k, v in values.items() if v is not None}


def _day(value: Any, *, end: bool) -> dt.date | None:
    """The day ``value`` names, or ``None``; ``end`` says it is the last day of a period."""
    if value is None:
        return None
    try:
        day: dt.date = pd.Timestamp(value).date()
    except (ValueError, TypeError):
        if end:
            raise AnalysisError(key="error.period.end_not_a_date", value=value) from None
        raise AnalysisError(key="error.period.start_not_a_date", value=value) from None
    return day


def period_of(period: PeriodLike) -> Period:
    """A :class:`Period` from a year, quarter, month or pair of days.

    Parameters
    ----------
    period
        ``None`` (all dates), a year (``2025``, ``"2025"``), a quarter (``"2025Q1"``), a month
        (``"2025-03"``), a ``(first, last)`` pair of days (either may be ``None``), or a
        :class:`Period`, returned as it is.

    Returns
    -------
    Period
        The inclusive first and last day.

    Raises
    ------
    AnalysisError
        The period is not understood, a day is not a date, or the period ends before it starts.
    """
    if period is None or isinstance(period, Period):
        return period or Period()
    if isinstance(period, tuple):
        if len(period) != 2:
            raise AnalysisError(key="error.period.not_a_pair")
        start, end = _day(period[0], end=False), _day(period[1], end=True)
        if start and end and end < start:
            raise AnalysisError(key="error.period.reversed", start=start, end=end)
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
    raise AnalysisError(key="error.period.malformed", value=period)


def label_of(source: Source) -> str:
    """What a result names as its source: the cut's label, or ``"data frame"``."""
    return source.label if isinstance(source, Cut) else said("source.frame")


@dataclass(frozen=True)
class Query:
    """SQL to run on ``con`` with its ``params``.

    Values are always parameters, never text in the SQL; only identifiers from the workbench's
    own lists are written into it.
    """

    con: duckdb.DuckDBPyConnection
    sql: str
    params: Mapping[str, Any]
    key: str

    def df(self) -> pd.DataFrame:
        """Run it; the (small) result as a frame."""
        return self.con.execute(self.sql, dict(self.params)).df()


def aggregate(source: Source, *, value: str, by: str, period: PeriodLike = None) -> Query:
    """``SELECT key, SUM(value) AS value ... GROUP BY key`` over a cut or a frame.

    ``key`` is the name of the key column in the result.

    Raises
    ------
    AnalysisError
        ``by`` is not a dimension or ``value`` not a measure of a cut (or not a column of the
        frame), the measure cannot be broken down by ``by``, the frame's value column does not
        hold numbers, or a period is given with a frame.
    """
    if isinstance(source, pd.DataFrame):
        return _frame_aggregate(source, value=value, by=by, period=period)
    if by not in DIMENSIONS:
        raise AnalysisError(key="error.aggregate.by", by=by, choices=", ".join(DIMENSIONS))
    if value not in MEASURES:
        raise AnalysisError(key="error.aggregate.value", value=value, choices=", ".join(MEASURES))
    table, expr = MEASURES[value]
    fact = _FACTS[table]
    key_name = DIMENSIONS[by][0]
    if by in _PERIODS:
        key = _PERIODS[by].format(d=fact.date)
    elif by in fact.dims:
        key = fact.dims[by]
    else:
        raise AnalysisError(
            key="error.aggregate.breakdown",
            value=value,
            by=by,
            table=table,
            dimensions=", ".join([*fact.dims, *_PERIODS]),
        )
    # the joins up to the customer hierarchy only when the key lives there
    joins = "" if key.startswith(("f.", "CAST(")) else fact.joins
    within = period_of(period)
    sql = (
        f"SELECT {key} AS {key_name}, SUM({expr}) AS value FROM {fact.table} f {joins}\n"
        f"WHERE {within.where(fact.date)} GROUP BY 1"
    )
    return Query(source.con, sql, within.params(), key_name)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _frame_aggregate(frame: pd.DataFrame, *, value: str, by: str, period: PeriodLike) -> Query:
    for column, what in ((value, "value"), (by, "by")):
        if column not in frame.columns:
            raise AnalysisError(
                key="error.aggregate.column",
                what=what,
                column=column,
                columns=", ".join(map(str, frame.columns)),
            )
    if not pd.api.types.is_numeric_dtype(frame[value]):
        raise AnalysisError(key="error.aggregate.not_numbers", value=value)
    if period is not None:
        raise AnalysisError(key="error.aggregate.frame_period")
    con = duckdb.connect(":memory:")
    con.register("frame", frame[[by, value]])
    key = _quoted(by)
    sql = f"SELECT {key} AS {key}, SUM({_quoted(value)}) AS value FROM frame GROUP BY 1"
    return Query(con, sql, {}, by)


def names(source: Source, by: str) -> pd.DataFrame | None:
    """Key and display name of a dimension's entities, or ``None`` where it has none."""
    if not isinstance(source, Cut) or by not in DIMENSIONS or DIMENSIONS[by][1] is None:
        return None
    key, table = DIMENSIONS[by]
    return source.sql(f"SELECT {key}, name FROM {table}")
