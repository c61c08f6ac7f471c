"""Data cuts and analyses at scale: time and peak memory, against hand-written DuckDB.

For each size of the world this measures, in one run:

- ``cut``: ``workbench.cut`` of the SQLite store (every table to Parquet, one snapshot),
  against the floor of fetching the same rows through the raw ``sqlite3`` driver;
- each analysis of :mod:`workbench.analysis`, against a hand-written DuckDB query over the
  same cut that gives the same answer (checked here before timing). Each side runs in its
  own fresh process: one warm-up, then the median of three runs; peak RSS is that
  process's own high-water mark.

Targets: analysis ≤ 1.5× the hand-written query and ≤ 1 s at national scale, ≤ 2× at ×7,
peak RSS ≤ 1 GB.

    python benchmarks/bench_analysis.py --scale national --multiply 1 7 \\
        --out benchmarks/results/analysis.json
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import workbench
from workbench import analysis as wa
from workbench.cuts import CUT_TABLES


def _between(year: int) -> str:
    return f"DATE '{year}-01-01' AND DATE '{year}-12-31'"


def _last_year(cut: workbench.Cut) -> int:
    """The latest year with sales: 2025 in the national world."""
    return int(cut.sql("SELECT year(max(sale_date)) AS y FROM sale").y[0])


def _rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the analyses and their hand-written twins --------------------------------------------------


def _pareto_sql(agg: str, key: str) -> str:
    return f"""
        WITH agg AS ({agg}),
        r AS (
            SELECT {key}, v, row_number() OVER w AS rank,
                   sum(v) OVER (w ROWS UNBOUNDED PRECEDING) AS cum, sum(v) OVER () AS total,
                   count(*) OVER () AS n
            FROM agg WINDOW w AS (ORDER BY v DESC, {key}))
        SELECT {key}, v, v / total AS share, cum / total AS cum_share, rank,
               CASE WHEN (cum - v) / total < 0.8 - 1e-9 THEN 'A'
                    WHEN (cum - v) / total < 0.95 - 1e-9 THEN 'B' ELSE 'C' END AS abc,
               2 * sum((n - rank + 1) * v) OVER () / (n * total) - (n + 1) / n AS gini
        FROM r ORDER BY rank"""


def _hand_concentration_hospital(cut: workbench.Cut, y: int) -> Any:
    agg = (
        "SELECT hospital_id, sum(amount) AS v FROM sale "
        f"WHERE sale_date BETWEEN {_between(y)} GROUP BY 1"
    )
    return cut.con.execute(
        f"SELECT p.*, h.name FROM ({_pareto_sql(agg, 'hospital_id')}) p "
        "JOIN hospital h USING (hospital_id) ORDER BY rank"
    ).df()


def _hand_concentration_doctor(cut: workbench.Cut, y: int) -> Any:
    agg = (
        "SELECT doctor_id, sum(prescriptions) AS v FROM potential "
        f"WHERE period_start BETWEEN {_between(y)} GROUP BY 1"
    )
    return cut.con.execute(
        f"SELECT p.*, d.name FROM ({_pareto_sql(agg, 'doctor_id')}) p "
        "JOIN doctor d USING (doctor_id) ORDER BY rank"
    ).df()


def _hand_deciles(cut: workbench.Cut, y: int) -> Any:
    ranked = cut.con.execute(
        f"""
        WITH agg AS (SELECT doctor_id, sum(prescriptions) AS v FROM potential
                     WHERE period_start BETWEEN {_between(y)} GROUP BY 1),
        r AS (SELECT doctor_id, v,
                     (sum(v) OVER (ORDER BY v DESC, doctor_id ROWS UNBOUNDED PRECEDING) - v)
                       / sum(v) OVER () AS before FROM agg)
        SELECT doctor_id, d.name, v,
               CASE WHEN v > 0 THEN 10 - least(floor(before * 10 + 1e-9), 9) ELSE 0 END AS decile
        FROM r JOIN doctor d USING (doctor_id) ORDER BY v DESC, doctor_id"""
    ).df()
    con = cut.con.cursor()
    con.register("ranked", ranked)
    summary = con.execute(
        """
        SELECT decile, count(*) AS count, sum(v) AS total, sum(v) / sum(sum(v)) OVER () AS share,
               min(v) AS min, max(v) AS max
        FROM ranked GROUP BY decile ORDER BY decile DESC"""
    ).df()
    con.close()
    return ranked, summary


_SEGMENT_SQL = """
    WITH latest AS (SELECT doctor_id, product_id, potential, prescriptions, adoption
                    FROM potential
                    WHERE period_start = (SELECT max(period_start) FROM potential)),
    cuts AS (SELECT quantile_cont(potential, 0.5) AS lo, quantile_cont(potential, 0.8) AS hi
             FROM latest),
    placed AS (
        SELECT l.*,
               CASE WHEN potential >= hi THEN 'high' WHEN potential >= lo THEN 'medium'
                    ELSE 'low' END AS tier,
               CASE WHEN adoption >= 4 THEN 'high' WHEN adoption >= 3 THEN 'mid'
                    ELSE 'low' END AS level
        FROM latest l, cuts),
    seg AS (
        SELECT *, CASE
            WHEN tier <> 'low' AND level = 'low' THEN 'develop'
            WHEN tier <> 'low' AND level = 'mid' THEN 'grow'
            WHEN tier = 'high' AND level = 'high' THEN 'defend'
            WHEN level = 'high' THEN 'maintain' ELSE 'monitor' END AS segment
        FROM placed)"""


def _hand_potential_adoption(cut: workbench.Cut, y: int) -> Any:
    placed = cut.con.execute(
        _SEGMENT_SQL + " SELECT * FROM seg ORDER BY doctor_id, product_id"
    ).df()
    con = cut.con.cursor()
    con.register("placed", placed)
    matrix = con.execute(
        "SELECT tier, level, count(*) AS doctors FROM placed GROUP BY ALL ORDER BY ALL"
    ).df()
    con.close()
    return placed, matrix


def _hand_calls_vs_goal(cut: workbench.Cut, y: int) -> Any:
    return cut.con.execute(
        _SEGMENT_SQL
        + f""",
        goals AS (
            SELECT doctor_id,
                   arg_max(segment, CASE segment WHEN 'develop' THEN 4 WHEN 'grow' THEN 3
                           WHEN 'defend' THEN 2 WHEN 'maintain' THEN 1 ELSE 0 END) AS segment,
                   max(CASE segment WHEN 'develop' THEN 4 WHEN 'grow' THEN 3
                       WHEN 'defend' THEN 2 WHEN 'maintain' THEN 1 ELSE 0 END) AS goal
            FROM seg GROUP BY 1),
        c AS (SELECT doctor_id, count(*) AS calls FROM call
              WHERE call_date BETWEEN {_between(y)} GROUP BY 1),
        owner AS (SELECT doctor_id, min(rep_id) AS owner_rep_id FROM assignment
                  WHERE start_on <= DATE '{y}-12-31'
                    AND (end_on IS NULL OR end_on >= DATE '{y}-12-31') GROUP BY 1)
        SELECT g.doctor_id, d.name, g.segment, g.goal, coalesce(c.calls, 0) AS calls,
               coalesce(c.calls, 0) / {_months(cut, y)}.0 AS calls_per_month, o.owner_rep_id,
               calls_per_month - g.goal AS gap,
               CASE WHEN gap < -1e-9 THEN 'below' WHEN gap > 1e-9 THEN 'above'
                    ELSE 'met' END AS status
        FROM goals g JOIN doctor d USING (doctor_id) LEFT JOIN c USING (doctor_id)
        LEFT JOIN owner o USING (doctor_id) ORDER BY g.doctor_id"""
    ).df()


def _hand_call_frequency(cut: workbench.Cut, y: int) -> Any:
    cut.con.execute(
        """
        CREATE OR REPLACE TEMP TABLE m AS
        SELECT rep_id, doctor_id, date_trunc('month', call_date) AS month, count(*) AS calls
        FROM call GROUP BY ALL"""
    )
    distribution = cut.con.execute(
        "SELECT calls, count(*) AS months FROM m GROUP BY 1 ORDER BY 1"
    ).df()
    flagged = cut.con.execute(
        """
        SELECT m.rep_id, r.name, m.doctor_id, d.name, m.month, m.calls
        FROM m JOIN rep r USING (rep_id) JOIN doctor d USING (doctor_id) WHERE m.calls > 8
        ORDER BY m.calls DESC, m.month, m.rep_id, m.doctor_id"""
    ).df()
    return distribution, flagged


def _hand_reach_by_rep(cut: workbench.Cut, y: int) -> Any:
    return cut.con.execute(
        f"""
        WITH t AS (SELECT DISTINCT rep_id, doctor_id FROM assignment
                   WHERE start_on <= DATE '{y}-12-31'
                     AND (end_on IS NULL OR end_on >= DATE '{y}-01-01')),
        c AS (SELECT rep_id, doctor_id, count(*) AS calls FROM call
              WHERE call_date BETWEEN {_between(y)} GROUP BY ALL)
        SELECT *, reached / targets AS reach,
               CASE WHEN reached > 0 THEN calls / reached ELSE 0 END AS frequency
        FROM (SELECT t.rep_id, r.name, count(*) AS targets, count(c.calls) AS reached,
                     coalesce(sum(c.calls), 0) AS calls
              FROM t JOIN rep r USING (rep_id) LEFT JOIN c USING (rep_id, doctor_id)
              GROUP BY ALL) ORDER BY 1"""
    ).df()


def _hand_plan_conflicts(cut: workbench.Cut, y: int) -> Any:
    return cut.con.execute(
        """
        SELECT p.week_start, i.doctor_id, d.name, count(DISTINCT p.rep_id) AS reps,
               array_to_string(list_sort(list(DISTINCT p.rep_id)), ', ') AS rep_ids
        FROM plan_item i JOIN plan p USING (plan_id) JOIN doctor d USING (doctor_id)
        GROUP BY ALL HAVING count(DISTINCT p.rep_id) >= 2 ORDER BY 1, 2"""
    ).df()


def _hand_invitation_conflicts(cut: workbench.Cut, y: int) -> Any:
    several = cut.con.execute(
        """
        SELECT i.event_id, e.name, i.doctor_id, d.name, count(DISTINCT i.rep_id) AS reps,
               array_to_string(list_sort(list(DISTINCT i.rep_id)), ', ') AS rep_ids
        FROM invitation i JOIN event e USING (event_id) JOIN doctor d USING (doctor_id)
        GROUP BY ALL HAVING count(DISTINCT i.rep_id) >= 2 ORDER BY 1, 3"""
    ).df()
    repeated = cut.con.execute(
        """
        SELECT * FROM (
            SELECT i.doctor_id, d.name,
                   lag(invitation_id) OVER w AS previous_invitation_id,
                   lag(invited_on) OVER w AS previous_invited_on,
                   invitation_id, invited_on, event_id, rep_id,
                   invited_on - lag(invited_on) OVER w AS days
            FROM invitation i JOIN doctor d USING (doctor_id)
            WINDOW w AS (PARTITION BY i.doctor_id ORDER BY invited_on, invitation_id))
        WHERE days <= 30 ORDER BY doctor_id, invited_on, invitation_id"""
    ).df()
    return several, repeated


def _hand_turnover(cut: workbench.Cut, y: int) -> Any:
    cut.con.execute(
        """
        CREATE OR REPLACE TEMP TABLE per AS
        WITH leaving AS (
            SELECT a.rep_id, a.doctor_id, r.left_on FROM assignment a JOIN rep r USING (rep_id)
            WHERE r.left_on IS NOT NULL AND a.start_on <= r.left_on
              AND (a.end_on IS NULL OR a.end_on >= r.left_on)),
        nxt AS (
            SELECT l.rep_id, l.doctor_id, min(a.start_on) AS reassigned_on,
                   arg_min(a.rep_id, (a.start_on, a.rep_id)) AS new_rep_id
            FROM leaving l JOIN assignment a ON a.doctor_id = l.doctor_id
             AND a.rep_id <> l.rep_id AND a.start_on >= l.left_on GROUP BY ALL),
        c AS (SELECT c.rep_id, c.doctor_id, count(*) AS calls
              FROM call c JOIN leaving USING (rep_id, doctor_id) GROUP BY ALL)
        SELECT l.rep_id, l.doctor_id, l.left_on, n.reassigned_on,
               date_diff('day', l.left_on, n.reassigned_on) AS days, n.new_rep_id,
               coalesce(c.calls, 0) AS calls, coalesce(days <= 90, false) AS kept
        FROM leaving l LEFT JOIN nxt n USING (rep_id, doctor_id)
        LEFT JOIN c USING (rep_id, doctor_id)"""
    )
    customers = cut.con.execute("SELECT * FROM per ORDER BY left_on, rep_id, doctor_id").df()
    reps = cut.con.execute(
        """
        SELECT *, calls_kept / nullif(calls, 0) AS history_kept FROM (
            SELECT p.rep_id, p.left_on, count(*) AS customers,
                   count(*) FILTER (kept) AS reassigned, median(days) AS median_days,
                   count(*) FILTER (days IS NULL) AS never, sum(calls) AS calls,
                   coalesce(sum(calls) FILTER (kept), 0) AS calls_kept, any_value(r.name) AS rep
            FROM per p JOIN rep r USING (rep_id) GROUP BY ALL)
        ORDER BY left_on, rep_id"""
    ).df()
    attrition = cut.con.execute(
        """
        WITH years AS (SELECT DISTINCT year(call_date) AS year FROM call),
        spans AS (
            SELECT y.year, r.left_on,
                   greatest(r.hired_on, make_date(y.year, 1, 1)) AS first,
                   least(coalesce(r.left_on, make_date(y.year, 12, 31)),
                         make_date(y.year, 12, 31)) AS last
            FROM years y CROSS JOIN rep r WHERE r.role = 'rep')
        SELECT *, leavers / hc AS attrition FROM (
            SELECT year, count(*) FILTER (year(left_on) = year) AS leavers,
                   sum(greatest(date_diff('day', first, last) + 1, 0))
                     / (date_diff('day', make_date(year, 1, 1), make_date(year, 12, 31)) + 1)
                     AS hc
            FROM spans GROUP BY year) ORDER BY year"""
    ).df()
    return customers, reps, attrition


def _hand_growth(cut: workbench.Cut, y: int) -> Any:
    return cut.con.execute(
        f"""
        WITH g AS (
            SELECT hospital_id,
                   coalesce(sum(amount) FILTER (sale_date BETWEEN {_between(y - 1)}), 0) AS before,
                   coalesce(sum(amount) FILTER (sale_date BETWEEN {_between(y)}), 0) AS after
            FROM sale WHERE sale_date BETWEEN DATE '{y - 1}-01-01' AND DATE '{y}-12-31'
            GROUP BY 1)
        SELECT hospital_id, h.name, before, after,
               CASE WHEN before > 0 THEN after / before - 1 END AS growth,
               after / sum(after) OVER () AS share
        FROM g JOIN hospital h USING (hospital_id) ORDER BY after DESC, before DESC"""
    ).df()


def _months(cut: workbench.Cut, y: int) -> int:
    """Months of year ``y`` between the first and last call (12 for a whole year)."""
    span = cut.sql(
        f"SELECT month(min(call_date)) AS lo, month(max(call_date)) AS hi FROM call "
        f"WHERE call_date BETWEEN {_between(y)}"
    )
    return int(span.hi[0] - span.lo[0] + 1)


Run = Callable[[workbench.Cut, int], Any]
Pair = tuple[Run, Run]

ANALYSES: dict[str, Pair] = {
    "concentration, sales by hospital": (
        lambda c, y: wa.concentration(c, value="amount", by="hospital", period=y),
        _hand_concentration_hospital,
    ),
    "concentration, prescriptions by doctor": (
        lambda c, y: wa.concentration(c, value="prescriptions", by="doctor", period=y),
        _hand_concentration_doctor,
    ),
    "deciles, prescriptions by doctor": (
        lambda c, y: wa.deciles(c, value="prescriptions", by="doctor", period=y, method="volume"),
        _hand_deciles,
    ),
    "potential × adoption": (lambda c, y: wa.potential_adoption(c), _hand_potential_adoption),
    "calls vs goal": (lambda c, y: wa.calls_vs_goal(c, period=y), _hand_calls_vs_goal),
    "call frequency, over-visits": (
        lambda c, y: wa.call_frequency(c, threshold=8),
        _hand_call_frequency,
    ),
    "reach by rep": (
        lambda c, y: wa.reach_frequency(c, by="rep", period=y),
        _hand_reach_by_rep,
    ),
    "plan conflicts": (lambda c, y: wa.plan_conflicts(c), _hand_plan_conflicts),
    "invitation conflicts": (
        lambda c, y: wa.invitation_conflicts(c, within_days=30),
        _hand_invitation_conflicts,
    ),
    "turnover": (lambda c, y: wa.turnover(c), _hand_turnover),
    "growth by hospital": (
        lambda c, y: wa.growth(c, by="hospital", before=y - 1, after=y),
        _hand_growth,
    ),
}


def _same_answer(name: str, ours: Any, hand: Any) -> None:
    """The hand-written query must give the same answer, or the ratio means nothing."""
    checks: dict[str, Callable[[], bool]] = {
        "concentration, sales by hospital": lambda: bool(
            (ours.table["hospital_id"].to_numpy() == hand["hospital_id"].to_numpy()).all()
            and (ours.table["abc"].to_numpy() == hand["abc"].to_numpy()).all()
            and np.isclose(ours.gini, hand["gini"].iloc[0])
        ),
        "concentration, prescriptions by doctor": lambda: bool(
            (ours.table["doctor_id"].to_numpy() == hand["doctor_id"].to_numpy()).all()
            and np.isclose(ours.gini, hand["gini"].iloc[0])
        ),
        "deciles, prescriptions by doctor": lambda: bool(
            (ours.table["decile"].to_numpy() == hand[0]["decile"].to_numpy()).all()
            and ours.summary.query("count > 0")["count"].tolist() == hand[1]["count"].tolist()
        ),
        "potential × adoption": lambda: (
            ours.doctors["segment"].tolist() == hand[0]["segment"].tolist()
            and int(ours.matrix.loc["high", "low"])
            == int(hand[1].query("tier == 'high' and level == 'low'")["doctors"].sum())
        ),
        "calls vs goal": lambda: bool(
            np.allclose(
                ours.table["calls_per_month"].to_numpy(), hand["calls_per_month"].to_numpy()
            )
            and np.allclose(ours.table["goal"].to_numpy(), hand["goal"].to_numpy())
            and ours.table["status"].tolist() == hand["status"].tolist()
        ),
        "call frequency, over-visits": lambda: (
            len(ours.flagged) == len(hand[1]) and ours.months == int(hand[0]["months"].sum())
        ),
        "reach by rep": lambda: ours.table["reached"].tolist() == hand["reached"].tolist(),
        "plan conflicts": lambda: ours.table["rep_ids"].tolist() == hand["rep_ids"].tolist(),
        "invitation conflicts": lambda: (
            (len(ours.several_reps), len(ours.repeated)) == (len(hand[0]), len(hand[1]))
        ),
        "turnover": lambda: (
            ours.reps["customers"].tolist() == hand[1]["customers"].tolist()
            and np.allclose(
                ours.reps["history_kept"].astype(float),
                hand[1]["history_kept"].astype(float),
                equal_nan=True,
            )
            and len(ours.customers) == len(hand[0])
            and np.allclose(ours.attrition["attrition"], hand[2]["attrition"])
        ),
        "growth by hospital": lambda: (
            ours.table["hospital_id"].tolist() == hand["hospital_id"].tolist()
            and np.allclose(
                ours.table["growth"].astype(float), hand["growth"].astype(float), equal_nan=True
            )
        ),
    }
    if not checks[name]():
        raise SystemExit(f"{name}: the hand-written query does not give the same answer")


def _worker(cut_path: str, name: str, side: str) -> None:
    cut = workbench.open_cut(cut_path)
    y = _last_year(cut)
    if side == "check":
        _same_answer(name, ANALYSES[name][0](cut, y), ANALYSES[name][1](cut, y))
        print(json.dumps({"ok": True}))
        return
    run = ANALYSES[name][0 if side == "ours" else 1]
    result = run(cut, y)  # warm-up
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = run(cut, y)
        times.append(time.perf_counter() - started)
    del result
    print(json.dumps({"s": statistics.median(times), "rss_mib": _rss_mib()}))


def _cut_worker(url: str, out: str) -> None:
    db = workbench.connect(url)
    started = time.perf_counter()
    cut = workbench.cut(db, out=out)
    seconds = time.perf_counter() - started
    print(json.dumps({"s": seconds, "rss_mib": _rss_mib(), "path": str(cut.path)}))


def _in_fresh_process(*args: str) -> dict[str, Any]:
    name = " ".join(args[1:])
    done = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


# --- cutting ---------------------------------------------------------------------------------


def _fetch_floor(path: Path) -> float:
    """Seconds to fetch every row of the cut's tables through the raw sqlite3 driver."""
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    for table in CUT_TABLES:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        while cursor.fetchmany(250_000):
            pass
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _prepare(scale: str, multiply: int, folder: Path, database: str | None) -> workbench.Database:
    if database:
        return workbench.connect(database)
    from workbench.sample import load_sample

    db = workbench.connect(f"sqlite:///{folder / f'{scale}-x{multiply}.db'}")
    if not db.is_empty():
        print(f"reusing {db.path}", flush=True)
        return db
    started = time.perf_counter()
    load_sample(db, scale, seed=0, multiply=multiply)
    print(f"loaded {scale} ×{multiply} in {time.perf_counter() - started:.0f} s", flush=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="national", choices=["camp", "region", "national"])
    parser.add_argument("--multiply", type=int, nargs="+", default=[1])
    parser.add_argument("--database", help="measure an existing store instead of a fresh one")
    parser.add_argument("--only", nargs="*", help="analyses to run (default: all)")
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--keep", type=Path, help="keep the stores in this folder, and reuse them when run again"
    )
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--cut-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(*args.worker)
        return
    if args.cut_worker:
        _cut_worker(*args.cut_worker)
        return
    rows: list[dict[str, Any]] = []
    for multiply in args.multiply:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if args.keep:
                folder = args.keep
                folder.mkdir(parents=True, exist_ok=True)
            db = _prepare(args.scale, multiply, folder, args.database)
            size = f"{args.scale} ×{multiply}"
            url, path = db.url, db.path
            db.close()
            made = _in_fresh_process("--cut-worker", url, str(folder / "cuts"))
            cut, cut_s = workbench.open_cut(made["path"]), made["s"]
            floor = _fetch_floor(path) if path else float("nan")
            total = sum(cut.rows.values())
            calls = cut.rows["call"]
            rows.append(
                {
                    "size": size,
                    "analysis": "cut (whole store → Parquet)",
                    "rows": total,
                    "calls": calls,
                    "ours_s": cut_s,
                    "hand_s": floor,
                    "ratio": cut_s / floor,
                    "rss_mib": made["rss_mib"],
                }
            )
            print(f"{size}: cut of {total:,} rows in {cut_s:.1f} s (fetch floor {floor:.1f} s)")
            for name in args.only or ANALYSES:
                _in_fresh_process("--worker", str(cut.path), name, "check")
                ours = _in_fresh_process("--worker", str(cut.path), name, "ours")
                hand = _in_fresh_process("--worker", str(cut.path), name, "hand")
                rows.append(
                    {
                        "size": size,
                        "analysis": name,
                        "rows": total,
                        "calls": calls,
                        "ours_s": ours["s"],
                        "hand_s": hand["s"],
                        "ratio": ours["s"] / hand["s"],
                        "rss_mib": ours["rss_mib"],
                        "hand_rss_mib": hand["rss_mib"],
                    }
                )
                print(
                    f"{size}: {name}: {ours['s']:.3f} s vs {hand['s']:.3f} s "
                    f"(×{ours['s'] / hand['s']:.2f}), {ours['rss_mib']:.0f} MiB",
                    flush=True,
                )
    print()
    print("| size | analysis | workbench s | hand-written s | ratio | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['size']} | {row['analysis']} | {row['ours_s']:.3f} | {row['hand_s']:.3f} | "
            f"{row['ratio']:.2f} | {row['rss_mib']:,.0f} |"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    pd.set_option("mode.copy_on_write", True)
    main()
