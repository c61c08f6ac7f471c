"""Key accounts: the periods a review compares, the Pareto curve to 80%, one hospital's detail.

The key-account review compares the latest full year with the one before (or, in a cut
with less than two full years of sales, the latest full months with as many before them),
draws the whole cumulative curve of sales over hospitals through the 80% point, and opens
one hospital: its departments, doctors, recent calls and sales by product. Every query runs
on DuckDB over the cut, with values as parameters.

>>> import pandas as pd
>>> from workbench.analysis import concentration
>>> c = concentration(pd.DataFrame({"h": list("abcdef"), "v": [50, 20, 10, 10, 6, 4]}),
...                   value="v", by="h")
>>> p = pareto(c, each=1, groups=1)
>>> p.n, p.table.part.tolist(), p.table.last_rank.tolist()
(3, ['entity', 'group', 'tail'], [1, 3, 6])
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.analysis._source import Period
from workbench.analysis.concentration import EPS, Concentration
from workbench.analysis.results import Table
from workbench.cuts import Cut
from workbench.errors import AnalysisError
from workbench.i18n import said

__all__ = [
    "Comparison",
    "Pareto",
    "compared_periods",
    "departments",
    "doctors",
    "pareto",
    "places",
    "product_sales",
    "recent_calls",
]


@dataclass(frozen=True)
class Comparison:
    """Two periods of equal length, the later one ending at the cut's last full month.

    ``unit`` is ``"year"`` (the latest full year against the one before) or ``"months"``
    (the latest ``months`` full months against as many before them).
    """

    before: Period
    after: Period
    unit: str
    months: int

    @property
    def note(self) -> str:
        """The two periods and how they were chosen."""
        periods = {"before": str(self.before), "after": str(self.after)}
        if self.unit == "year":
            return said("note.accounts.compared_years", **periods)
        return said("note.accounts.compared_months", months=self.months, **periods)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def compared_periods(cut: Cut) -> Comparison:
    """The periods a key-account review compares, from the days the cut has sales for.

    A month (or year) counts when the sales start on or before its first day and end on or
    after its last. With two full calendar years, the latest against the one before; else
    the latest half of the full months (at most 12) against as many months before them.

    Parameters
    ----------
    cut
        The data cut whose sales are compared.

    Returns
    -------
    Comparison
        The earlier and the later period.

    Raises
    ------
    AnalysisError
        The cut holds no sales, or fewer than two full months of them.
    """
    span = cut.sql("SELECT min(sale_date) AS lo, max(sale_date) AS hi FROM sale")
    if pd.isna(span.lo[0]):
        raise AnalysisError(key="error.sales.none")
    lo, hi = pd.Timestamp(span.lo[0]).date(), pd.Timestamp(span.hi[0]).date()
    first_year = lo.year if (lo.month, lo.day) == (1, 1) else lo.year + 1
    last_year = hi.year if (hi.month, hi.day) == (12, 31) else hi.year - 1
    if last_year - first_year >= 1:
        return Comparison(
            before=Period(dt.date(last_year - 1, 1, 1), dt.date(last_year - 1, 12, 31)),
            after=Period(dt.date(last_year, 1, 1), dt.date(last_year, 12, 31)),
            unit="year",
            months=12,
        )
    first = lo.replace(day=1) if lo.day == 1 else _add_months(lo, 1)
    end = _add_months(hi, 1)  # the first day of the month after the last sale
    if hi != end - dt.timedelta(days=1):
        end = hi.replace(day=1)  # the last month is not over
    full = (end.year - first.year) * 12 + end.month - first.month
    if full < 2:
        raise AnalysisError(key="error.sales.too_short", first=lo, last=hi)
    k = min(12, full // 2)
    middle = _add_months(end, -k)
    day = dt.timedelta(days=1)
    return Comparison(
        before=Period(_add_months(middle, -k), middle - day),
        after=Period(middle, end - day),
        unit="months",
        months=k,
    )


@dataclass(frozen=True)
class Pareto:
    """The whole cumulative curve of a value over entities, through the ``rule`` point.

    ``table`` has one row per point of the curve, in rank order: ``first_rank``,
    ``last_rank``, ``entities``, ``value`` (their sum), ``per_entity`` (their mean),
    ``share``, ``cum_share`` (at the row's last entity), ``part`` (``"entity"``: one of the
    largest or any run of one, ``"group"``: consecutive ranks up to the ``rule`` point,
    ``"tail"``: all the entities after it), the key and ``name`` (of single entities only)
    and ``marked`` (the row whose last entity brings the cumulative share to ``rule``:
    entity number ``n``).
    """

    table: pd.DataFrame
    rule: float
    n: int
    entities: int
    gini: float
    total: float
    source: str
    period: str

    @property
    def note(self) -> str:
        """How many entities carry the ``rule`` share, and the Gini coefficient."""
        return said(
            "note.accounts.pareto",
            n=self.n,
            entities=self.entities,
            rule=self.rule,
            gini=self.gini,
            source=self.source,
        )


def pareto(result: Concentration, *, rule: float = 0.8, each: int = 25, groups: int = 40) -> Pareto:
    """The cumulative curve of a concentration through ``rule``, in a few dozen points.

    The ``each`` largest entities are points of their own; the rest up to the entity that
    brings the cumulative share to ``rule`` fall in at most ``groups`` runs of consecutive
    ranks (the last one ending at that entity); every entity after it is one ``"tail"``
    point, so the curve reaches 100%.

    Parameters
    ----------
    result
        A concentration (its table ranked largest first).
    rule
        The cumulative share marked, 0.8 for 80%.
    each
        How many of the largest entities are points of their own.
    groups
        How many runs of ranks at most between them and the marked point.

    Returns
    -------
    Pareto
        The points, and ``n``: how many entities carry ``rule``.

    Raises
    ------
    AnalysisError
        ``rule`` is not a share above 0, or ``each`` or ``groups`` is less than 1.
    """
    if not 0 < rule <= 1:
        raise AnalysisError(key="error.accounts.rule", rule=rule)
    if each < 1 or groups < 1:
        raise AnalysisError(key="error.accounts.groups", each=each, groups=groups)
    ranked = result.table
    entities = len(ranked)
    n = result.n_for_share(rule)
    key = str(ranked.columns[0])
    single = min(each, n)
    # runs of ranks single+1 .. n, split as evenly as the count allows
    edges = np.unique(np.linspace(single, n, min(groups, n - single) + 1).round().astype(int))
    bounds = [(r, r) for r in range(1, single + 1)]
    bounds += [(int(a) + 1, int(b)) for a, b in itertools.pairwise(edges)]
    if n < entities:
        bounds.append((n + 1, entities))
    values = ranked["value"].to_numpy(dtype=float)
    cum = np.cumsum(values)
    total = float(cum[-1]) if entities else 0.0
    rows = []
    for first, last in bounds:
        part_sum = float(values[first - 1 : last].sum())
        part = "tail" if first > n else ("entity" if first == last else "group")
        rows.append(
            {
                "first_rank": first,
                "last_rank": last,
                "entities": last - first + 1,
                "value": part_sum,
                "per_entity": part_sum / (last - first + 1),
                "share": part_sum / total if total else np.nan,
                "cum_share": float(cum[last - 1]) / total if total else np.nan,
                "part": part,
                key: ranked[key].iloc[first - 1] if part == "entity" else None,
                "name": (
                    ranked["name"].iloc[first - 1]
                    if part == "entity" and "name" in ranked.columns
                    else None
                ),
                "marked": last == n,
            }
        )
    columns = ["first_rank", "last_rank", "entities", "value", "per_entity", "share",
               "cum_share", "part", key, "name", "marked"]  # fmt: skip
    table = pd.DataFrame(rows, columns=columns)
    if pd.api.types.is_integer_dtype(ranked[key]):
        table[key] = table[key].astype("Int64")
    if "name" not in ranked.columns:
        table = table.drop(columns="name")
    return Pareto(
        table=table,
        rule=rule,
        n=n,
        entities=entities,
        gini=result.gini,
        total=result.total,
        source=result.source,
        period=result.period,
    )


def places(cut: Cut) -> Table:
    """Every hospital with its city and region, each named in Chinese and in English.

    Parameters
    ----------
    cut
        The data cut.

    Returns
    -------
    Table
        ``hospital_id``, ``name``, ``name_en``, ``grade``, ``city_id``, ``city``,
        ``city_en``, ``region_id``, ``region``, ``region_en``; by ``hospital_id``.
    """
    frame = cut.sql(
        """
        SELECT h.hospital_id, h.name, h.name_en, h.grade,
               h.city_id, ci.name AS city, ci.name_en AS city_en,
               ci.region_id, r.name AS region, r.name_en AS region_en
        FROM hospital h JOIN city ci USING (city_id) JOIN region r USING (region_id)
        ORDER BY h.hospital_id
        """
    )
    return Table(frame, note=said("note.accounts.places"), source=cut.label)


def _span(period: Period) -> dict[str, dt.date]:
    if period.start is None or period.end is None:
        raise AnalysisError(key="error.accounts.open_period", period=period)
    return {"start": period.start, "end": period.end}


def departments(cut: Cut, hospital_id: int, *, period: Period) -> Table:
    """One hospital's departments: their doctors and the calls made on them in ``period``.

    Doctors count in the department of their primary affiliation.

    Parameters
    ----------
    cut
        The data cut.
    hospital_id
        The hospital.
    period
        The days whose calls count (first and last day given).

    Returns
    -------
    Table
        ``department_id``, ``name``, ``name_en``, ``specialty``, ``doctors``, ``calls``;
        most calls first.

    Raises
    ------
    AnalysisError
        The period is open on one side.
    """
    frame = cut.sql(
        """
        WITH docs AS (
            SELECT a.department_id, a.doctor_id FROM affiliation a
            JOIN department d USING (department_id)
            WHERE a.is_primary AND d.hospital_id = $hospital),
        calls AS (
            SELECT docs.department_id, count(*) AS calls FROM call c
            JOIN docs USING (doctor_id)
            WHERE c.call_date BETWEEN $start AND $end GROUP BY 1)
        SELECT d.department_id, d.name, d.name_en, d.specialty,
               (SELECT count(*) FROM docs WHERE docs.department_id = d.department_id)
                   AS doctors,
               coalesce(calls.calls, 0) AS calls
        FROM department d LEFT JOIN calls USING (department_id)
        WHERE d.hospital_id = $hospital
        ORDER BY calls DESC, doctors DESC, d.department_id
        """,
        {"hospital": int(hospital_id), **_span(period)},
    )
    frame[["doctors", "calls"]] = frame[["doctors", "calls"]].astype(int)
    return Table(
        frame,
        note=said("note.accounts.departments"),
        source=cut.label,
        period=str(period),
    )


def doctors(cut: Cut, hospital_id: int, *, period: Period) -> Table:
    """One hospital's doctors (by primary affiliation) with their calls in ``period``.

    Parameters
    ----------
    cut
        The data cut.
    hospital_id
        The hospital.
    period
        The days whose calls count (first and last day given).

    Returns
    -------
    Table
        ``doctor_id``, ``name``, ``name_pinyin``, ``title``, ``specialty`` (codes, as
        stored), ``department``, ``department_en``, ``calls``, ``last_call`` (in the whole
        cut); most calls first.

    Raises
    ------
    AnalysisError
        The period is open on one side.
    """
    frame = cut.sql(
        """
        WITH docs AS (
            SELECT a.doctor_id, d.name AS department, d.name_en AS department_en
            FROM affiliation a JOIN department d USING (department_id)
            WHERE a.is_primary AND d.hospital_id = $hospital),
        calls AS (
            SELECT doctor_id,
                   count(*) FILTER (WHERE call_date BETWEEN $start AND $end) AS calls,
                   max(call_date) AS last_call
            FROM call JOIN docs USING (doctor_id) GROUP BY 1)
        SELECT doc.doctor_id, doc.name, doc.name_pinyin, doc.title, doc.specialty,
               docs.department, docs.department_en,
               coalesce(calls.calls, 0) AS calls, calls.last_call
        FROM docs JOIN doctor doc USING (doctor_id) LEFT JOIN calls USING (doctor_id)
        ORDER BY calls DESC, doc.doctor_id
        """,
        {"hospital": int(hospital_id), **_span(period)},
    )
    frame["calls"] = frame["calls"].astype(int)
    return Table(
        frame,
        note=said("note.accounts.doctors"),
        source=cut.label,
        period=str(period),
    )


def recent_calls(cut: Cut, hospital_id: int, *, limit: int = 15) -> Table:
    """The latest ``limit`` calls on one hospital's doctors, newest first.

    Parameters
    ----------
    cut
        The data cut.
    hospital_id
        The hospital.
    limit
        How many calls at most.

    Returns
    -------
    Table
        ``call_id``, ``call_date``, ``doctor``, ``doctor_pinyin``, ``rep``, ``rep_pinyin``,
        ``joint_visit``, ``products`` and ``products_en`` (the products discussed, joined
        with ", ").

    Raises
    ------
    AnalysisError
        ``limit`` is less than 1.
    """
    if limit < 1:
        raise AnalysisError(key="error.accounts.limit", limit=limit)
    frame = cut.sql(
        """
        WITH docs AS (
            SELECT a.doctor_id FROM affiliation a JOIN department d USING (department_id)
            WHERE a.is_primary AND d.hospital_id = $hospital),
        latest AS (
            SELECT c.* FROM call c JOIN docs USING (doctor_id)
            ORDER BY c.call_date DESC, c.call_id DESC LIMIT $limit)
        SELECT l.call_id, l.call_date, doc.name AS doctor, doc.name_pinyin AS doctor_pinyin,
               r.name AS rep, r.name_pinyin AS rep_pinyin, l.joint_visit,
               coalesce(string_agg(p.name, ', ' ORDER BY p.product_id), '') AS products,
               coalesce(string_agg(p.name_en, ', ' ORDER BY p.product_id), '') AS products_en
        FROM latest l JOIN doctor doc USING (doctor_id) JOIN rep r USING (rep_id)
        LEFT JOIN call_product cp USING (call_id) LEFT JOIN product p USING (product_id)
        GROUP BY ALL ORDER BY l.call_date DESC, l.call_id DESC
        """,
        {"hospital": int(hospital_id), "limit": int(limit)},
    )
    return Table(frame, note=said("note.accounts.recent_calls", limit=limit), source=cut.label)


def product_sales(cut: Cut, hospital_id: int, *, before: Period, after: Period) -> Table:
    """One hospital's sales by product in two periods, and the growth between them.

    Parameters
    ----------
    cut
        The data cut.
    hospital_id
        The hospital.
    before, after
        The two periods (first and last day given).

    Returns
    -------
    Table
        ``product_id``, ``name``, ``name_en``, ``before``, ``after``, ``growth`` (after /
        before − 1; empty where before is 0) and ``share`` (of the hospital's later total);
        largest later sales first, products never sold there left out.

    Raises
    ------
    AnalysisError
        A period is open on one side.
    """
    b, a = _span(before), _span(after)
    frame = cut.sql(
        """
        SELECT p.product_id, p.name, p.name_en,
               coalesce(sum(s.amount) FILTER (WHERE s.sale_date BETWEEN $b0 AND $b1), 0)
                   AS before,
               coalesce(sum(s.amount) FILTER (WHERE s.sale_date BETWEEN $a0 AND $a1), 0)
                   AS after
        FROM sale s JOIN product p USING (product_id)
        WHERE s.hospital_id = $hospital
        GROUP BY ALL HAVING before > 0 OR after > 0
        ORDER BY after DESC, before DESC, p.product_id
        """,
        {"hospital": int(hospital_id), "b0": b["start"], "b1": b["end"],
         "a0": a["start"], "a1": a["end"]},
    )  # fmt: skip
    frame[["before", "after"]] = frame[["before", "after"]].astype(float)
    frame["growth"] = (frame["after"] / frame["before"] - 1).where(frame["before"] > 0)
    total = frame["after"].sum()
    frame["share"] = frame["after"] / total if total > EPS else np.nan
    return Table(
        frame,
        note=said("note.accounts.product_sales"),
        source=cut.label,
        period=f"{before} → {after}",
    )
