"""Calls: how often each doctor is called, against goals and the over-visit rule.

How often each doctor is called, against the segment's goal and the market's over-visit rule,
and how far the calls reach. All over a data cut, pushed down to DuckDB.

>>> import workbench
>>> from workbench import analysis as wa
>>> cut = workbench.cut(workbench.connect("sqlite://"), out="cuts")   # doctest: +SKIP
>>> wa.call_frequency(cut, threshold=8).share_over                    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.analysis._source import Period, PeriodLike, period_of
from workbench.analysis.results import Table
from workbench.analysis.segments import (
    DEFAULT_GOALS,
    PotentialAdoption,
    doctor_goals,
    potential_adoption,
)
from workbench.config import Settings
from workbench.cuts import Cut
from workbench.errors import AnalysisError
from workbench.i18n import joined, said, said_code

__all__ = [
    "CallFrequency",
    "call_frequency",
    "calls_vs_goal",
    "reach_frequency",
    "under_served",
]


def _call_period(cut: Cut, period: PeriodLike) -> tuple[dt.date, dt.date]:
    """The period asked, narrowed to the days the cut has calls for.

    So a year asked of five months of data counts five months.
    """
    p = period_of(period)
    span = cut.sql("SELECT min(call_date) AS lo, max(call_date) AS hi FROM call")
    if pd.isna(span.lo[0]):
        raise AnalysisError(key="error.calls.none")
    first, last = pd.Timestamp(span.lo[0]).date(), pd.Timestamp(span.hi[0]).date()
    start = max(p.start, first) if p.start else first
    end = min(p.end, last) if p.end else last
    if end < start:
        raise AnalysisError(key="error.calls.outside", period=p, first=first, last=last)
    return start, end


def _months(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True)
class CallFrequency:
    """Calls per rep × doctor × month: the distribution, and the months over the threshold.

    ``distribution``: ``calls`` (in a month) → ``months`` (rep × doctor months with that many).
    ``flagged``: ``rep_id``, ``doctor_id``, ``month``, ``calls`` for months above the threshold.
    ``period``: the dates counted, narrowed to the days the cut has calls for.
    """

    distribution: pd.DataFrame
    flagged: pd.DataFrame
    threshold: int
    source: str
    period: str = said("period.all")

    @property
    def months(self) -> int:
        """Rep × doctor months with at least one call."""
        return int(self.distribution["months"].sum())

    @property
    def share_over(self) -> float:
        """Share of rep × doctor months over the threshold (0 when there are none)."""
        return len(self.flagged) / self.months if self.months else 0.0

    @property
    def note(self) -> str:
        """The rule, the months over it and the source, as printed under the table."""
        return said(
            "note.calls.frequency",
            threshold=self.threshold,
            flagged=len(self.flagged),
            months=self.months,
            share=self.share_over,
            source=self.source,
        )


def call_frequency(
    cut: Cut,
    *,
    threshold: int | None = None,
    period: PeriodLike = None,
    settings: Settings | None = None,
) -> CallFrequency:
    """Calls per rep × doctor × month; months with more than ``threshold`` calls are flagged.

    ``threshold`` defaults to the settings' over-visit rule (8 without settings). A month
    with exactly ``threshold`` calls is not flagged; one more is.

    Parameters
    ----------
    cut
        The data cut whose calls are counted.
    threshold
        The most calls a rep may make on one doctor in a calendar month.
    period
        The dates counted (see :func:`~workbench.analysis.period_of`); all by default.
    settings
        Where the default ``threshold`` comes from.

    Returns
    -------
    CallFrequency
        The distribution of calls a month and the months flagged.

    Raises
    ------
    AnalysisError
        ``threshold`` is negative, or the period is not understood.
    """
    if threshold is None:
        threshold = (settings if settings is not None else Settings()).over_visit_threshold
    if threshold < 0:
        raise AnalysisError(key="error.calls.threshold", threshold=threshold)
    within = period_of(period)
    con = cut.con.cursor()  # its own connection: the temporary table is private to it
    try:
        con.execute(
            f"""
            CREATE TEMP TABLE monthly AS
            SELECT rep_id, doctor_id, CAST(date_trunc('month', call_date) AS DATE) AS month,
                   count(*) AS calls
            FROM call WHERE {within.where("call_date")} GROUP BY ALL""",
            within.params(),
        )
        distribution = con.execute(
            "SELECT calls, count(*) AS months FROM monthly GROUP BY calls ORDER BY calls"
        ).df()
        flagged = con.execute(
            """
            SELECT m.rep_id, r.name AS rep, m.doctor_id, d.name AS doctor, m.month, m.calls
            FROM monthly m JOIN rep r USING (rep_id) JOIN doctor d USING (doctor_id)
            WHERE m.calls > $threshold
            ORDER BY m.calls DESC, m.month, m.rep_id, m.doctor_id
            """,
            {"threshold": int(threshold)},
        ).df()
        span = con.execute("SELECT min(month) AS lo, max(month) AS hi FROM monthly").df()
    finally:
        con.close()
    shown = within
    if not distribution.empty:  # the months with calls, within the period asked
        lo = pd.Timestamp(span.lo[0]).date()
        hi = (pd.Timestamp(span.hi[0]) + pd.offsets.MonthEnd(0)).date()
        shown = Period(max(within.start or lo, lo), min(within.end or hi, hi))
    return CallFrequency(
        distribution=distribution,
        flagged=flagged,
        threshold=int(threshold),
        source=cut.label,
        period=str(shown),
    )


# --- calls against goals -----------------------------------------------------------------------


def calls_vs_goal(
    cut: Cut,
    *,
    period: PeriodLike = None,
    goals: Mapping[str, float] = DEFAULT_GOALS,
    segmented: PotentialAdoption | None = None,
) -> Table:
    """Each segmented doctor's calls a month against the segment's goal.

    Per segmented doctor: goal (calls a month), calls in the period, calls a month, gap,
    status (``below`` / ``met`` / ``above``), and the owner on the period's last day.

    Segments come from :func:`~workbench.analysis.potential_adoption` on the cut's latest
    quarter unless ``segmented`` is given.

    Parameters
    ----------
    cut
        The data cut.
    period
        The dates counted, narrowed to the days the cut has calls for.
    goals
        Calls a month expected of each segment.
    segmented
        The segmentation to use, when already computed.

    Returns
    -------
    Table
        Columns ``doctor_id, doctor, segment, goal, calls, calls_per_month, owner_rep_id, gap,
        status``.

    Raises
    ------
    AnalysisError
        The cut holds no calls, or none in the period.
    """
    start, end = _call_period(cut, period)
    months = _months(start, end)
    segmented = segmented if segmented is not None else potential_adoption(cut)
    targets = doctor_goals(segmented, goals=goals)
    con = cut.con.cursor()
    con.register("targets", targets[["doctor_id"]])
    frame = con.execute(
        """
        WITH c AS (
            SELECT doctor_id, count(*) AS calls FROM call
            WHERE call_date BETWEEN $start AND $end GROUP BY 1),
        owner AS (
            SELECT doctor_id, min(rep_id) AS owner_rep_id FROM assignment
            WHERE start_on <= $end AND (end_on IS NULL OR end_on >= $end)
            GROUP BY 1)
        SELECT t.doctor_id, d.name AS doctor, coalesce(c.calls, 0) AS calls,
               coalesce(c.calls, 0) / $months::DOUBLE AS calls_per_month,
               o.owner_rep_id
        FROM targets t LEFT JOIN doctor d USING (doctor_id)
        LEFT JOIN c USING (doctor_id) LEFT JOIN owner o USING (doctor_id)
        ORDER BY t.doctor_id
        """,
        {"start": start, "end": end, "months": months},
    ).df()
    con.close()
    # targets are one row per doctor, ordered by doctor_id, as is the frame
    frame.insert(2, "segment", targets["segment"].to_numpy())
    frame.insert(3, "goal", targets["goal"].to_numpy())
    frame["gap"] = frame["calls_per_month"] - frame["goal"]
    frame["status"] = np.select(
        [frame["gap"] < -1e-9, frame["gap"] > 1e-9], ["below", "above"], default="met"
    )
    return Table(
        frame,
        note=said("note.calls.goal"),
        source=cut.label,
        period=said("period.months", start=start, end=end, months=months),
    )


def under_served(
    cut: Cut,
    *,
    period: PeriodLike = None,
    key_segments: Sequence[str] = ("develop", "grow", "defend"),
    goals: Mapping[str, float] = DEFAULT_GOALS,
) -> Table:
    """Key customers called less often than their goal, largest shortfall first.

    Key customers are the doctors in ``key_segments``; the table is that of
    :func:`calls_vs_goal` with a ``shortfall`` column (calls a month short of the goal).

    Raises
    ------
    AnalysisError
        The cut holds no calls, or none in the period.
    """
    goal = calls_vs_goal(cut, period=period, goals=goals)
    frame = goal.table
    under = frame[frame["segment"].isin(list(key_segments)) & (frame["status"] == "below")]
    under = under.assign(shortfall=-under["gap"]).sort_values(
        ["shortfall", "doctor_id"], ascending=[False, True]
    )
    return Table(
        under.reset_index(drop=True),
        note=said(
            "note.calls.under_served",
            segments=joined([said_code("segment", s) for s in key_segments], sep="items"),
        ),
        source=goal.source,
        period=goal.period,
    )


def reach_frequency(
    cut: Cut,
    *,
    by: str = "segment",
    period: PeriodLike = None,
    goals: Mapping[str, float] = DEFAULT_GOALS,
) -> Table:
    """Reach and frequency of calls, by ``"segment"`` or by ``"rep"``.

    Reach is the share of target doctors called at least once; frequency is calls per reached
    doctor.

    By segment, the targets are the segmented doctors and every rep's calls count. By rep,
    a rep's targets are the doctors assigned to them at any time in the period, and only
    their own calls on those doctors count.

    Parameters
    ----------
    cut
        The data cut.
    by
        ``"segment"`` or ``"rep"``.
    period
        The dates counted, narrowed to the days the cut has calls for.
    goals
        Calls a month expected of each segment (by segment only).

    Returns
    -------
    Table
        Per segment (with its ``goal``) or per rep: ``targets``, ``reached``, ``calls``,
        ``reach`` and ``frequency``.

    Raises
    ------
    AnalysisError
        ``by`` is neither ``"segment"`` nor ``"rep"``, or the cut holds no calls in the period.
    """
    start, end = _call_period(cut, period)
    in_period = "call_date BETWEEN $start AND $end"
    days = {"start": start, "end": end}
    if by == "segment":
        targets = doctor_goals(potential_adoption(cut), goals=goals)
        con = cut.con.cursor()
        con.register("targets", targets)
        frame = con.execute(
            f"""
            WITH c AS (SELECT doctor_id, count(*) AS calls FROM call WHERE {in_period} GROUP BY 1)
            SELECT t.segment, any_value(t.goal) AS goal, count(*) AS targets,
                   count(c.doctor_id) AS reached, coalesce(sum(c.calls), 0) AS calls
            FROM targets t LEFT JOIN c USING (doctor_id)
            GROUP BY t.segment ORDER BY goal DESC, t.segment
            """,
            days,
        ).df()
        con.close()
    elif by == "rep":
        frame = cut.sql(
            f"""
            WITH t AS (
                SELECT DISTINCT rep_id, doctor_id FROM assignment
                WHERE start_on <= $end AND (end_on IS NULL OR end_on >= $start)),
            c AS (
                SELECT rep_id, doctor_id, count(*) AS calls FROM call
                WHERE {in_period} GROUP BY ALL)
            SELECT t.rep_id, r.name AS rep, count(*) AS targets, count(c.calls) AS reached,
                   coalesce(sum(c.calls), 0) AS calls
            FROM t JOIN rep r USING (rep_id) LEFT JOIN c USING (rep_id, doctor_id)
            GROUP BY ALL ORDER BY t.rep_id
            """,
            days,
        )
    else:
        raise AnalysisError(key="error.calls.by", by=by)
    frame["reach"] = frame["reached"] / frame["targets"]
    frame["frequency"] = (frame["calls"] / frame["reached"]).where(frame["reached"] > 0, 0.0)
    return Table(
        frame,
        note=said(f"note.calls.reach_{by}"),
        source=cut.label,
        period=f"{start} – {end}",
    )
