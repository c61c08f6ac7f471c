"""Rep turnover: orphaned customers, time to reassignment, history kept, the handover pack.

Customers left without an owner when a rep leaves, how long until someone takes them over,
how much call history the new owner keeps, and the handover pack.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench.analysis._source import names
from workbench.config import Settings
from workbench.cuts import Cut
from workbench.errors import AnalysisError

__all__ = ["HandoverPack", "Turnover", "handover_pack", "turnover"]


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
    """Orphaned customers, days until reassigned, history kept, and yearly rep attrition.

    Parameters
    ----------
    cut
        The data cut whose reps, assignments and calls are read.
    within_days
        Days after a rep leaves within which a reassignment keeps the customer's history.

    Returns
    -------
    Turnover
        ``customers``, ``reps`` and ``attrition`` (see :class:`Turnover`).
    """
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
        """The files written into ``folder``, sorted."""
        return sorted(self.folder.iterdir())


def handover_pack(
    cut: Cut,
    rep_id: int,
    *,
    out: Path | str | None = None,
    settings: Settings | None = None,
) -> HandoverPack:
    """The handover pack of a rep: accounts, last calls, open next steps, affiliations.

    Their accounts (on their last day, or on the cut's last day of calls if they stay), each
    account's last call, the open next steps, and where each doctor works.

    Writes ``handover-rep-<id>/`` into ``out`` (default: ``handover/`` in the settings' data
    folder): one CSV per part and ``index.html`` to print or mail.

    Parameters
    ----------
    cut
        The data cut.
    rep_id
        The rep whose accounts are handed over.
    out
        The folder the pack's folder is written into.
    settings
        Where the default folder comes from (the data folder).

    Returns
    -------
    HandoverPack
        The four parts as frames, and the folder they were written to.

    Raises
    ------
    AnalysisError
        ``rep_id`` is not in the cut.
    """
    who = {"rep": int(rep_id)}
    rep = cut.sql("SELECT rep_id, name, left_on FROM rep WHERE rep_id = $rep", who)
    if rep.empty:
        raise AnalysisError(key="error.turnover.rep", rep_id=rep_id)
    day = rep.left_on[0]
    # their last day, or the cut's last day of calls if they stay
    on = {**who, "as_of": None if pd.isna(day) else pd.Timestamp(day).date()}
    accounts = cut.sql(
        """
        WITH as_of_day AS (SELECT coalesce($as_of, (SELECT max(call_date) FROM call)) AS day)
        SELECT a.doctor_id, d.name AS doctor, d.title, d.specialty, d.mobile,
               h.name AS hospital, dep.name AS department, a.start_on AS owned_since
        FROM assignment a JOIN doctor d USING (doctor_id)
        JOIN affiliation af ON af.doctor_id = a.doctor_id AND af.is_primary
        JOIN department dep ON dep.department_id = af.department_id
        JOIN hospital h ON h.hospital_id = dep.hospital_id
        CROSS JOIN as_of_day
        WHERE a.rep_id = $rep AND a.start_on <= as_of_day.day
          AND (a.end_on IS NULL OR a.end_on >= as_of_day.day)
        ORDER BY h.name, dep.name, a.doctor_id
        """,
        on,
    )
    ids = {**who, "ids": [int(i) for i in accounts["doctor_id"]]}
    last_calls = cut.sql(
        """
        WITH last AS (
            SELECT doctor_id, arg_max(call_id, (call_date, call_id)) AS call_id
            FROM call WHERE rep_id = $rep AND list_contains($ids, doctor_id) GROUP BY 1)
        SELECT c.doctor_id, d.name AS doctor, c.call_date, c.joint_visit, c.next_step,
               string_agg(p.name || ': ' || cp.key_message, '; ' ORDER BY p.name) AS discussed
        FROM last JOIN call c USING (call_id) JOIN doctor d ON d.doctor_id = c.doctor_id
        LEFT JOIN call_product cp ON cp.call_id = c.call_id
        LEFT JOIN product p ON p.product_id = cp.product_id
        GROUP BY ALL ORDER BY c.call_date DESC, c.doctor_id
        """,
        ids,
    )
    next_steps = last_calls[last_calls["next_step"].notna() & (last_calls["next_step"] != "")]
    next_steps = next_steps[["doctor_id", "doctor", "call_date", "next_step"]].reset_index(
        drop=True
    )
    affiliations = cut.sql(
        """
        SELECT af.doctor_id, d.name AS doctor, h.name AS hospital, dep.name AS department,
               af.is_primary
        FROM affiliation af JOIN doctor d USING (doctor_id)
        JOIN department dep USING (department_id) JOIN hospital h USING (hospital_id)
        WHERE list_contains($ids, af.doctor_id)
        ORDER BY af.doctor_id, NOT af.is_primary, h.name, dep.name
        """,
        {"ids": ids["ids"]},
    )
    parts = {
        "accounts": accounts,
        "last_calls": last_calls,
        "next_steps": next_steps,
        "affiliations": affiliations,
    }
    root = Path(out) if out is not None else (settings or Settings()).data_dir / "handover"
    folder = root / f"handover-rep-{int(rep_id)}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in parts.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8")
    title = f"Handover: {rep.name[0]} (rep {int(rep_id)})"
    if not pd.isna(day):
        title += f", left {pd.Timestamp(day).date()}"
    (folder / "index.html").write_text(_handover_html(title, parts, cut.label), encoding="utf-8")
    return HandoverPack(
        rep_id=int(rep_id),
        accounts=accounts,
        last_calls=last_calls,
        next_steps=next_steps,
        affiliations=affiliations,
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
