"""Call activity: calls against goals, over-visits, reach and frequency, plan and invitation
conflicts, rep turnover and handover, key-account growth. All over a data cut.

Every function pushes its aggregation down to DuckDB and returns small frames that carry the
cut's label in ``.attrs["source"]``.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.analysis._source import PeriodLike, Source, aggregate, label_of, names, period_of
from workbench.analysis.segments import (
    DEFAULT_GOALS,
    PotentialAdoption,
    doctor_goals,
    potential_adoption,
)
from workbench.config import Settings
from workbench.cuts import Cut
from workbench.errors import AnalysisError

__all__ = [
    "CallFrequency",
    "HandoverPack",
    "InvitationConflicts",
    "Turnover",
    "call_frequency",
    "calls_vs_goal",
    "growth",
    "handover_pack",
    "invitation_conflicts",
    "plan_conflicts",
    "reach_frequency",
    "turnover",
    "under_served",
]


def _tag(frame: pd.DataFrame, cut: Cut) -> pd.DataFrame:
    frame.attrs["source"] = cut.label
    return frame


def _call_period(cut: Cut, period: PeriodLike) -> tuple[dt.date, dt.date]:
    """The period asked, narrowed to the days the cut has calls for (so that a year asked of
    five months of data counts five months)."""
    p = period_of(period)
    span = cut.sql("SELECT min(call_date) AS lo, max(call_date) AS hi FROM call")
    if pd.isna(span.lo[0]):
        raise AnalysisError("the cut holds no calls; enter call reports or load a sample world")
    first, last = pd.Timestamp(span.lo[0]).date(), pd.Timestamp(span.hi[0]).date()
    start = max(p.start, first) if p.start else first
    end = min(p.end, last) if p.end else last
    if end < start:
        raise AnalysisError(f"the cut has no calls in {p}; its calls run from {first} to {last}")
    return start, end


def _months(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


# --- call frequency and over-visits ------------------------------------------------------------


@dataclass(frozen=True)
class CallFrequency:
    """Calls per rep × doctor × month: the distribution, and the months over the threshold.

    ``distribution``: ``calls`` (in a month) → ``months`` (rep × doctor months with that many).
    ``flagged``: ``rep_id``, ``doctor_id``, ``month``, ``calls`` for months above the threshold.
    """

    distribution: pd.DataFrame
    flagged: pd.DataFrame
    threshold: int
    source: str

    @property
    def months(self) -> int:
        return int(self.distribution["months"].sum())

    @property
    def share_over(self) -> float:
        return len(self.flagged) / self.months if self.months else 0.0

    @property
    def note(self) -> str:
        return (
            f"over-visit: more than {self.threshold} calls by one rep on one doctor in a calendar "
            f"month; {len(self.flagged):,} of {self.months:,} rep × doctor months "
            f"({self.share_over:.2%}); source: {self.source}"
        )


def call_frequency(
    cut: Cut,
    *,
    threshold: int | None = None,
    period: PeriodLike = None,
    settings: Settings | None = None,
) -> CallFrequency:
    """Calls per rep × doctor × month; months with more than ``threshold`` calls are flagged.

    ``threshold`` defaults to the market's setting (``WORKBENCH_OVER_VISIT_THRESHOLD``, 8).
    """
    if threshold is None:
        threshold = (settings or Settings.from_env()).over_visit_threshold
    if threshold < 0:
        raise AnalysisError(f"threshold {threshold} must be 0 or more calls a month")
    where = period_of(period).where("call_date")
    con = cut.con.cursor()  # its own connection: the temporary table is private to it
    try:
        con.execute(
            f"""
            CREATE TEMP TABLE monthly AS
            SELECT rep_id, doctor_id, CAST(date_trunc('month', call_date) AS DATE) AS month,
                   count(*) AS calls
            FROM call WHERE {where} GROUP BY ALL"""
        )
        distribution = con.execute(
            "SELECT calls, count(*) AS months FROM monthly GROUP BY calls ORDER BY calls"
        ).df()
        flagged = con.execute(
            f"""
            SELECT m.rep_id, r.name AS rep, m.doctor_id, d.name AS doctor, m.month, m.calls
            FROM monthly m JOIN rep r USING (rep_id) JOIN doctor d USING (doctor_id)
            WHERE m.calls > {int(threshold)}
            ORDER BY m.calls DESC, m.month, m.rep_id, m.doctor_id
            """
        ).df()
    finally:
        con.close()
    return CallFrequency(
        distribution=_tag(distribution, cut),
        flagged=_tag(flagged, cut),
        threshold=int(threshold),
        source=cut.label,
    )


# --- calls against goals -----------------------------------------------------------------------


def calls_vs_goal(
    cut: Cut,
    *,
    period: PeriodLike = None,
    goals: Mapping[str, float] = DEFAULT_GOALS,
    segmented: PotentialAdoption | None = None,
) -> pd.DataFrame:
    """Per segmented doctor: goal (calls a month), calls in the period, calls a month, gap,
    status (``below`` / ``met`` / ``above``), and the owner on the period's last day.

    Segments come from :func:`~workbench.analysis.potential_adoption` on the cut's latest
    quarter unless ``segmented`` is given.
    """
    start, end = _call_period(cut, period)
    months = _months(start, end)
    segmented = segmented if segmented is not None else potential_adoption(cut)
    targets = doctor_goals(segmented, goals=goals)
    con = cut.con.cursor()
    con.register("targets", targets[["doctor_id"]])
    frame = con.execute(
        f"""
        WITH c AS (
            SELECT doctor_id, count(*) AS calls FROM call
            WHERE call_date BETWEEN DATE '{start}' AND DATE '{end}' GROUP BY 1),
        owner AS (
            SELECT doctor_id, min(rep_id) AS owner_rep_id FROM assignment
            WHERE start_on <= DATE '{end}' AND (end_on IS NULL OR end_on >= DATE '{end}')
            GROUP BY 1)
        SELECT t.doctor_id, d.name AS doctor, coalesce(c.calls, 0) AS calls,
               coalesce(c.calls, 0) / {months}::DOUBLE AS calls_per_month,
               o.owner_rep_id
        FROM targets t LEFT JOIN doctor d USING (doctor_id)
        LEFT JOIN c USING (doctor_id) LEFT JOIN owner o USING (doctor_id)
        ORDER BY t.doctor_id
        """
    ).df()
    con.close()
    # targets are one row per doctor, ordered by doctor_id, as is the frame
    frame.insert(2, "segment", targets["segment"].to_numpy())
    frame.insert(3, "goal", targets["goal"].to_numpy())
    frame["gap"] = frame["calls_per_month"] - frame["goal"]
    frame["status"] = np.select(
        [frame["gap"] < -1e-9, frame["gap"] > 1e-9], ["below", "above"], default="met"
    )
    frame.attrs["period"] = f"{start} – {end} ({months} months)"
    return _tag(frame, cut)


def under_served(
    cut: Cut,
    *,
    period: PeriodLike = None,
    key_segments: Sequence[str] = ("develop", "grow", "defend"),
    goals: Mapping[str, float] = DEFAULT_GOALS,
) -> pd.DataFrame:
    """Key customers (doctors in ``key_segments``) called less often than their goal,
    largest shortfall first."""
    frame = calls_vs_goal(cut, period=period, goals=goals)
    under = frame[frame["segment"].isin(list(key_segments)) & (frame["status"] == "below")]
    under = under.assign(shortfall=-under["gap"]).sort_values(
        ["shortfall", "doctor_id"], ascending=[False, True]
    )
    return _tag(under.reset_index(drop=True), cut)


def reach_frequency(
    cut: Cut,
    *,
    by: str = "segment",
    period: PeriodLike = None,
    goals: Mapping[str, float] = DEFAULT_GOALS,
) -> pd.DataFrame:
    """Reach (share of target doctors called at least once) and frequency (calls per reached
    doctor) by ``"segment"`` or by ``"rep"``.

    By segment, the targets are the segmented doctors and every rep's calls count. By rep,
    a rep's targets are the doctors assigned to them at any time in the period, and only
    their own calls on those doctors count.
    """
    start, end = _call_period(cut, period)
    in_period = f"call_date BETWEEN DATE '{start}' AND DATE '{end}'"
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
            """
        ).df()
        con.close()
    elif by == "rep":
        frame = cut.sql(
            f"""
            WITH t AS (
                SELECT DISTINCT rep_id, doctor_id FROM assignment
                WHERE start_on <= DATE '{end}' AND (end_on IS NULL OR end_on >= DATE '{start}')),
            c AS (
                SELECT rep_id, doctor_id, count(*) AS calls FROM call
                WHERE {in_period} GROUP BY ALL)
            SELECT t.rep_id, r.name AS rep, count(*) AS targets, count(c.calls) AS reached,
                   coalesce(sum(c.calls), 0) AS calls
            FROM t JOIN rep r USING (rep_id) LEFT JOIN c USING (rep_id, doctor_id)
            GROUP BY ALL ORDER BY t.rep_id
            """
        )
    else:
        raise AnalysisError(f"by={by!r} is not supported; choose 'segment' or 'rep'")
    frame["reach"] = frame["reached"] / frame["targets"]
    frame["frequency"] = (frame["calls"] / frame["reached"]).where(frame["reached"] > 0, 0.0)
    frame.attrs["period"] = f"{start} – {end}"
    return _tag(frame, cut)


# --- conflicts ---------------------------------------------------------------------------------


def plan_conflicts(cut: Cut, *, period: PeriodLike = None) -> pd.DataFrame:
    """Doctors planned by two or more reps in the same week: ``week_start``, ``doctor_id``,
    ``doctor``, ``reps`` (how many) and ``rep_ids`` (which, ascending)."""
    where = period_of(period).where("p.week_start")
    # who planned whom each week, once per rep; lists are built only for the conflicts
    return cut.sql(
        f"""
        WITH planned AS (
            SELECT DISTINCT p.week_start, i.doctor_id, p.rep_id
            FROM plan_item i JOIN plan p USING (plan_id) WHERE {where}),
        shared AS (
            SELECT week_start, doctor_id FROM planned GROUP BY ALL HAVING count(*) >= 2)
        SELECT s.week_start, s.doctor_id, d.name AS doctor, count(*) AS reps,
               array_to_string(list(pl.rep_id ORDER BY pl.rep_id), ', ') AS rep_ids
        FROM shared s JOIN planned pl USING (week_start, doctor_id)
        JOIN doctor d ON d.doctor_id = s.doctor_id
        GROUP BY ALL ORDER BY s.week_start, s.doctor_id
        """
    )


@dataclass(frozen=True)
class InvitationConflicts:
    """``several_reps``: a doctor invited to one event by more than one rep.
    ``repeated``: a doctor invited again within ``within_days`` of their previous invitation.
    """

    several_reps: pd.DataFrame
    repeated: pd.DataFrame
    within_days: int
    source: str


def invitation_conflicts(cut: Cut, *, within_days: int = 30) -> InvitationConflicts:
    """Invitations that annoy doctors: several reps for one event, or again too soon."""
    if within_days < 0:
        raise AnalysisError(f"within_days {within_days} must be 0 or more")
    several = cut.sql(
        """
        SELECT i.event_id, e.name AS event, i.doctor_id, d.name AS doctor,
               count(DISTINCT i.rep_id) AS reps,
               array_to_string(list_sort(list(DISTINCT i.rep_id)), ', ') AS rep_ids
        FROM invitation i JOIN event e USING (event_id) JOIN doctor d USING (doctor_id)
        GROUP BY ALL HAVING count(DISTINCT i.rep_id) >= 2
        ORDER BY i.event_id, i.doctor_id
        """
    )
    repeated = cut.sql(
        f"""
        WITH ordered AS (
            SELECT doctor_id, invitation_id, event_id, rep_id, invited_on,
                   lag(invitation_id) OVER w AS previous_invitation_id,
                   lag(invited_on) OVER w AS previous_invited_on
            FROM invitation WINDOW w AS (PARTITION BY doctor_id ORDER BY invited_on, invitation_id))
        SELECT o.doctor_id, d.name AS doctor, o.previous_invitation_id, o.previous_invited_on,
               o.invitation_id, o.invited_on, o.event_id, o.rep_id,
               date_diff('day', o.previous_invited_on, o.invited_on) AS days
        FROM ordered o JOIN doctor d USING (doctor_id)
        WHERE o.previous_invited_on IS NOT NULL
          AND date_diff('day', o.previous_invited_on, o.invited_on) <= {int(within_days)}
        ORDER BY o.doctor_id, o.invited_on, o.invitation_id
        """
    )
    return InvitationConflicts(
        several_reps=several, repeated=repeated, within_days=within_days, source=cut.label
    )


# --- turnover and handover ---------------------------------------------------------------------


@dataclass(frozen=True)
class Turnover:
    """Customers left without an owner when reps leave.

    ``customers``: one row per leaving rep and customer: ``left_on``, ``reassigned_on``,
    ``days`` to reassignment (empty if never), the ``new_rep_id``, and the leaving rep's
    ``calls`` on that customer. ``reps``: per leaving rep, ``customers``, ``reassigned``
    (within ``within_days``), ``median_days``, ``never`` (not reassigned by the cut) and
    ``history_kept`` (share of the rep's calls on customers reassigned within
    ``within_days``, whose history a new owner took over). ``attrition``: per year, reps who
    left over the average head count.
    """

    customers: pd.DataFrame
    reps: pd.DataFrame
    attrition: pd.DataFrame
    within_days: int
    source: str


def turnover(cut: Cut, *, within_days: int = 90) -> Turnover:
    """Orphaned customers, days until reassigned, history kept, and yearly rep attrition."""
    customers = cut.sql(
        """
        WITH leaving AS (
            SELECT a.rep_id, a.doctor_id, r.left_on
            FROM assignment a JOIN rep r USING (rep_id)
            WHERE r.left_on IS NOT NULL AND a.start_on <= r.left_on
              AND (a.end_on IS NULL OR a.end_on >= r.left_on)),
        next_owner AS (
            SELECT l.rep_id, l.doctor_id,
                   arg_min(a.start_on, a.start_on) AS reassigned_on,
                   arg_min(a.rep_id, (a.start_on, a.rep_id)) AS new_rep_id
            FROM leaving l JOIN assignment a
              ON a.doctor_id = l.doctor_id AND a.rep_id <> l.rep_id AND a.start_on >= l.left_on
            GROUP BY ALL),
        calls AS (
            SELECT c.rep_id, c.doctor_id, count(*) AS calls
            FROM call c JOIN leaving l USING (rep_id, doctor_id) GROUP BY ALL)
        SELECT l.rep_id, l.doctor_id, l.left_on, n.reassigned_on,
               date_diff('day', l.left_on, n.reassigned_on) AS days, n.new_rep_id,
               coalesce(c.calls, 0) AS calls
        FROM leaving l
        LEFT JOIN next_owner n USING (rep_id, doctor_id)
        LEFT JOIN calls c USING (rep_id, doctor_id)
        ORDER BY l.left_on, l.rep_id, l.doctor_id
        """
    )
    kept = customers["days"].le(within_days).fillna(False).astype(bool)
    customers["kept"] = kept
    parts = customers.assign(
        never=customers["days"].isna(), calls_kept=customers["calls"].where(kept, 0)
    )
    grouped = parts.groupby(["rep_id", "left_on"], sort=False)
    reps = grouped.agg(
        customers=("doctor_id", "size"),
        reassigned=("kept", "sum"),
        median_days=("days", "median"),
        never=("never", "sum"),
        calls=("calls", "sum"),
        calls_kept=("calls_kept", "sum"),
    ).reset_index()
    reps["history_kept"] = (reps["calls_kept"] / reps["calls"]).where(reps["calls"] > 0)
    reps = reps.merge(names(cut, "rep"), on="rep_id", how="left").rename(columns={"name": "rep"})
    attrition = cut.sql(
        """
        WITH years AS (
            SELECT DISTINCT year(d) AS year FROM (
                SELECT call_date AS d FROM call UNION ALL SELECT left_on FROM rep
                WHERE left_on IS NOT NULL)),
        spans AS (
            SELECT y.year, r.rep_id, r.left_on,
                   greatest(r.hired_on, make_date(y.year, 1, 1)) AS first,
                   least(coalesce(r.left_on, make_date(y.year, 12, 31)),
                         make_date(y.year, 12, 31)) AS last
            FROM years y CROSS JOIN rep r WHERE r.role = 'rep')
        SELECT year,
               count(*) FILTER (WHERE year(left_on) = year) AS leavers,
               sum(greatest(date_diff('day', first, last) + 1, 0))
                 / (date_diff('day', make_date(year, 1, 1), make_date(year, 12, 31)) + 1)
                 AS average_headcount
        FROM spans GROUP BY year ORDER BY year
        """
    )
    attrition["attrition"] = attrition["leavers"] / attrition["average_headcount"]
    for frame in (customers, reps, attrition):
        _tag(frame, cut)
    return Turnover(
        customers=customers,
        reps=reps,
        attrition=attrition,
        within_days=within_days,
        source=cut.label,
    )


@dataclass(frozen=True)
class HandoverPack:
    """What a new owner needs when ``rep_id`` leaves, as frames and as files in ``folder``."""

    rep_id: int
    accounts: pd.DataFrame
    last_calls: pd.DataFrame
    next_steps: pd.DataFrame
    affiliations: pd.DataFrame
    folder: Path
    source: str

    @property
    def files(self) -> list[Path]:
        return sorted(self.folder.iterdir())


def handover_pack(
    cut: Cut,
    rep_id: int,
    *,
    out: Path | str | None = None,
    settings: Settings | None = None,
) -> HandoverPack:
    """The handover pack of a rep: their accounts (on their last day, or today's if they
    stay), each account's last call, the open next steps, and where each doctor works.

    Writes ``handover-rep-<id>/`` into ``out`` (default ``<data_dir>/handover``): one CSV per
    part and ``index.html`` to print or mail.
    """
    rep = cut.sql(f"SELECT rep_id, name, left_on FROM rep WHERE rep_id = {int(rep_id)}")
    if rep.empty:
        raise AnalysisError(f"rep {rep_id} is not in the cut; pick a rep_id from the rep table")
    day = rep.left_on[0]
    on = (
        f"DATE '{pd.Timestamp(day).date()}'"
        if not pd.isna(day)
        else "(SELECT max(call_date) FROM call)"
    )
    accounts = cut.sql(
        f"""
        SELECT a.doctor_id, d.name AS doctor, d.title, d.specialty, d.mobile,
               h.name AS hospital, dep.name AS department, a.start_on AS owned_since
        FROM assignment a JOIN doctor d USING (doctor_id)
        JOIN affiliation af ON af.doctor_id = a.doctor_id AND af.is_primary
        JOIN department dep ON dep.department_id = af.department_id
        JOIN hospital h ON h.hospital_id = dep.hospital_id
        WHERE a.rep_id = {int(rep_id)} AND a.start_on <= {on}
          AND (a.end_on IS NULL OR a.end_on >= {on})
        ORDER BY h.name, dep.name, a.doctor_id
        """
    )
    ids = ", ".join(str(int(i)) for i in accounts["doctor_id"]) or "NULL"
    last_calls = cut.sql(
        f"""
        WITH last AS (
            SELECT doctor_id, arg_max(call_id, (call_date, call_id)) AS call_id
            FROM call WHERE rep_id = {int(rep_id)} AND doctor_id IN ({ids}) GROUP BY 1)
        SELECT c.doctor_id, d.name AS doctor, c.call_date, c.joint_visit, c.next_step,
               string_agg(p.name || ': ' || cp.key_message, '; ' ORDER BY p.name) AS discussed
        FROM last JOIN call c USING (call_id) JOIN doctor d ON d.doctor_id = c.doctor_id
        LEFT JOIN call_product cp ON cp.call_id = c.call_id
        LEFT JOIN product p ON p.product_id = cp.product_id
        GROUP BY ALL ORDER BY c.call_date DESC, c.doctor_id
        """
    )
    next_steps = last_calls[last_calls["next_step"].notna() & (last_calls["next_step"] != "")]
    next_steps = next_steps[["doctor_id", "doctor", "call_date", "next_step"]].reset_index(
        drop=True
    )
    affiliations = cut.sql(
        f"""
        SELECT af.doctor_id, d.name AS doctor, h.name AS hospital, dep.name AS department,
               af.is_primary
        FROM affiliation af JOIN doctor d USING (doctor_id)
        JOIN department dep USING (department_id) JOIN hospital h USING (hospital_id)
        WHERE af.doctor_id IN ({ids})
        ORDER BY af.doctor_id, NOT af.is_primary, h.name, dep.name
        """
    )
    parts = {
        "accounts": accounts,
        "last_calls": last_calls,
        "next_steps": next_steps,
        "affiliations": affiliations,
    }
    root = Path(out) if out is not None else (settings or Settings.from_env()).data_dir
    folder = (root if out is not None else root / "handover") / f"handover-rep-{int(rep_id)}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in parts.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8")
    title = f"Handover: {rep.name[0]} (rep {int(rep_id)})"
    if not pd.isna(day):
        title += f", left {pd.Timestamp(day).date()}"
    (folder / "index.html").write_text(_handover_html(title, parts, cut.label), encoding="utf-8")
    return HandoverPack(
        rep_id=int(rep_id),
        accounts=_tag(accounts, cut),
        last_calls=_tag(last_calls, cut),
        next_steps=_tag(next_steps, cut),
        affiliations=_tag(affiliations, cut),
        folder=folder,
        source=cut.label,
    )


def _handover_html(title: str, parts: Mapping[str, pd.DataFrame], source: str) -> str:
    sections = "\n".join(
        f"<h2>{html.escape(name.replace('_', ' ').capitalize())} ({len(frame)})</h2>\n"
        + frame.to_html(index=False, na_rep="", border=0, escape=True)
        for name, frame in parts.items()
    )
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}</style>"
        f"</head><body><h1>{html.escape(title)}</h1>\n{sections}\n"
        f"<p><small>Source: {html.escape(source)}</small></p></body></html>\n"
    )


# --- growth ------------------------------------------------------------------------------------


def growth(
    source: Source,
    *,
    by: str,
    before: PeriodLike,
    after: PeriodLike,
    value: str = "amount",
) -> pd.DataFrame:
    """``value`` by ``by`` in two periods, the growth between them and each one's share of
    the later total, largest first (year over year with ``before=2024, after=2025``)."""
    if not isinstance(source, Cut):
        raise AnalysisError("growth needs a data cut: it reads two periods of the same data")
    frames = []
    for label, period in (("before", before), ("after", after)):
        con, sql, key = aggregate(source, value=value, by=by, period=period)
        part = con.execute(sql).df().rename(columns={"value": label}).set_index(key)
        frames.append(part)
    table = pd.concat(frames, axis=1).fillna(0.0).astype(float)
    table["growth"] = (table["after"] / table["before"] - 1).where(table["before"] > 0)
    total = table["after"].sum()
    table["share"] = table["after"] / total if total else np.nan
    table = table.sort_values(["after", "before"], ascending=False).reset_index()
    labels = names(source, by)
    if labels is not None:
        key = table.columns[0]
        table = table.merge(labels, on=key, how="left")
        table = table[[key, "name", "before", "after", "growth", "share"]]
    table.attrs["source"] = label_of(source)
    table.attrs["periods"] = f"{period_of(before)} → {period_of(after)}"
    return table
