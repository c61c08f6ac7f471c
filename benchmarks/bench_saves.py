"""Saves under load: twenty processes saving at once, none lost, none doubled, and how long each
save takes next to a bare insert under the same concurrency.

Every worker is a process of its own with its own connection, as twenty trainees' laptops
or twenty reps on one server are. They start together and each makes ``--saves`` saves
through :func:`workbench.entry.save`, mixed as a rep's week is: calls most of all, a new
doctor, a weekly plan, and an invitation that every worker tries at the same moment for the
same doctor, event and rep (exactly one may be written). Afterwards the store is read back:

- **lost**: a save that returned an id whose row is not there;
- **doubled**: a row written twice (two rows for one save, or one invitation twice);
- **refused**: a save answered with :class:`~workbench.InvalidEntry` (the invitation race's
  losers are refused as "invited twice", never written);
- **other**: any other exception (must be 0).

The baseline is a bare insert: each worker, the same number of times and under the same
concurrency, inserts one audit row in its own transaction through the same engine, with no
validation: the cost of a committed write on that store. The latency ratio at p50, p95 and
p99 is what validation, the rules and the audit trail add when twenty write at once.

Target: none lost, none doubled, no other exception, and the slowest save well inside the
stores' 5 s busy timeout. The ratios are reported, not held to a bound: a save is six to
eight statements (the reads that validate it, its rows, their audit) against the bare
insert's one.

    python benchmarks/bench_saves.py --out benchmarks/results/saves-sqlite.json
    python benchmarks/bench_saves.py --database-url postgresql://postgres@127.0.0.1:5432/EMPTY_DB
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import statistics
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from pypinyin import lazy_pinyin
from sqlalchemy import func, insert, select

import workbench
from workbench import entry
from workbench.db.models import (
    Assignment,
    Audit,
    Call,
    Department,
    Doctor,
    Event,
    Invitation,
    Plan,
    Rep,
)
from workbench.errors import InvalidEntry
from workbench.sample import load_sample

#: the calls are dated from LAST_CALL back; every worker's rep has had its doctors since
#: FIRST_CALL, far enough back for the longest run
LAST_CALL = dt.date(2026, 11, 27)
FIRST_CALL = LAST_CALL - dt.timedelta(days=60)

#: a rep's week, one save after another: calls most of all
MIX = ("call", "call", "call", "doctor", "call", "plan", "call", "invitation")


def _plan_of_work(url: str, workers: int) -> dict[str, Any]:
    """What each worker saves: its own rep and doctor, and the invitations they all race for."""
    db = workbench.connect(url)
    try:
        with db.session() as session:
            pairs = session.execute(
                select(Assignment.rep_id, Assignment.doctor_id)
                .join(Rep, Rep.rep_id == Assignment.rep_id)
                .where(
                    Assignment.end_on.is_(None),
                    Assignment.start_on <= FIRST_CALL,
                    Rep.hired_on <= FIRST_CALL,
                    Rep.left_on.is_(None),
                )
                .order_by(Assignment.rep_id, Assignment.doctor_id)
            ).all()
            # each worker a rep of its own where there are enough, with that rep's doctors
            by_rep: dict[int, list[int]] = {}
            for rep_id, doctor_id in pairs:
                by_rep.setdefault(rep_id, []).append(doctor_id)
            own = _cycle(sorted(by_rep.items()), workers)
            department = session.scalars(select(Department).order_by(Department.department_id))
            dept = department.first()
            assert dept is not None
            event = session.scalars(select(Event).order_by(Event.held_on.desc())).first()
            assert event is not None
            invited = select(Invitation.doctor_id).where(Invitation.event_id == event.event_id)
            day = event.held_on - dt.timedelta(days=10)
            racer = session.scalars(
                select(Rep.rep_id)
                .where(Rep.hired_on <= day, Rep.left_on.is_(None))
                .order_by(Rep.rep_id)
            ).first()
            uninvited = session.scalars(
                select(Doctor.doctor_id)
                .where(Doctor.doctor_id.not_in(invited))
                .order_by(Doctor.doctor_id)
            ).all()
            return {
                "own": own,
                "department": (dept.hospital_id, dept.department_id, dept.specialty),
                "event": (event.event_id, day.isoformat()),
                "racer": racer,
                "uninvited": list(uninvited),
            }
    finally:
        db.close()


def _cycle(items: list[Any], n: int) -> list[Any]:
    return [items[i % len(items)] for i in range(n)]


def _payload(kind: str, worker: int, i: int, work: dict[str, Any]) -> dict[str, Any]:
    rep_id, doctors = work["own"][worker]
    doctor_id = doctors[i % len(doctors)]
    if kind == "call":
        # the rep's doctors in turn, a day further back each round: one call a doctor a day
        day = LAST_CALL - dt.timedelta(days=i // len(doctors))
        return {
            "rep_id": rep_id,
            "doctor_id": doctor_id,
            "call_date": day.isoformat(),
            "products": [{"product_id": 1, "key_message": "疗效数据"}],
            "next_step": "约科室会",
        }
    if kind == "doctor":
        hospital_id, department_id, specialty = work["department"]
        name = "测试" + "甲乙丙丁戊己庚辛壬癸"[worker % 10] + "一二三四五六七八九十"[i % 10]
        return {
            "hospital_id": hospital_id,
            "department_id": department_id,
            "name": name,
            "name_pinyin": " ".join(lazy_pinyin(name)),
            "gender": "F",
            "title": "attending",
            "specialty": specialty,
            "mobile": f"139{worker:04d}{i:04d}",
        }
    if kind == "plan":
        week = dt.date(2027, 1, 4) + dt.timedelta(weeks=worker * 60 + i)
        return {
            "rep_id": rep_id,
            "week_start": week.isoformat(),
            "items": [{"doctor_id": doctor_id, "planned_on": week.isoformat()}],
        }
    event_id, day = work["event"]
    return {
        "event_id": event_id,
        "doctor_id": work["uninvited"][i % len(work["uninvited"])],
        "rep_id": work["racer"],
        "invited_on": day,
    }


def _worker(url: str, worker: int, saves: int, work: dict[str, Any], start: Any, out: Any) -> None:
    times: dict[str, list[float]] = {"save": [], "bare": []}
    outcomes: list[tuple[str, int | str]] = []

    db: Any = None

    def save(i: int) -> None:
        kind = MIX[i % len(MIX)]
        try:
            data = _payload(kind, worker, i, work)
            saved = entry.save(db, kind, data, accept_warnings=True, actor=f"w{worker}")
            outcomes.append((kind, saved))
        except InvalidEntry as exc:
            outcomes.append(("refused", ",".join(sorted({p.code for p in exc.problems}))))
        except Exception:  # counted, and shown: there must be none
            outcomes.append(("other", traceback.format_exc(limit=3)))

    def bare(i: int) -> None:
        with db.begin() as conn:
            conn.execute(insert(Audit), _audit_row(worker, i))

    try:
        db = workbench.connect(url)
        start.wait(timeout=300)
        for i in range(saves):
            # bare, save, save, bare, ...: a change in the machine's load falls on both
            for name in ("bare", "save") if i % 2 == 0 else ("save", "bare"):
                began = time.perf_counter()
                (save if name == "save" else bare)(i)
                times[name].append((time.perf_counter() - began) * 1000)
    except Exception:  # said in the figures: a worker that could not work is "other"
        outcomes.append(("other", traceback.format_exc(limit=3)))
    finally:
        if db is not None:
            db.close()
        out.put((worker, times, outcomes))


def _audit_row(worker: int, i: int) -> dict[str, Any]:
    return {
        "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "actor": f"bare{worker}",
        "action": "insert",
        "table_name": "bare",
        "row_key": f"{worker}-{i}",
        "detail": None,
    }


def _run(url: str, workers: int, saves: int, work: dict[str, Any]) -> list[Any]:
    ctx = mp.get_context("fork")  # each worker opens its own connection after the fork
    start, out = ctx.Barrier(workers), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(url, w, saves, work, start, out)) for w in range(workers)
    ]
    for proc in procs:
        proc.start()
    results = [out.get(timeout=1800) for _ in procs]
    for proc in procs:
        proc.join()
    return sorted(results, key=lambda r: r[0])


#: each kind's table and id column, to read back what the saves said they wrote
TABLES = {"call": Call.call_id, "doctor": Doctor.doctor_id, "plan": Plan.plan_id}


def _check(url: str, results: list[Any]) -> dict[str, int]:
    """Read the store back: what was lost, doubled, refused, or failed otherwise."""
    said = [o for _w, _t, outcomes in results for o in outcomes]
    db = workbench.connect(url)
    try:
        with db.session() as session:
            lost = 0
            for kind, column in TABLES.items():
                ids = [v for k, v in said if k == kind]
                found = session.scalar(select(func.count()).where(column.in_(ids))) if ids else 0
                lost += len(ids) - int(found or 0)
            invited = [v for k, v in said if k == "invitation"]
            found = session.scalar(
                select(func.count()).where(Invitation.invitation_id.in_(invited))
            )
            lost += len(invited) - int(found or 0)
            twice = session.execute(
                select(Invitation.event_id, Invitation.doctor_id, Invitation.rep_id)
                .group_by(Invitation.event_id, Invitation.doctor_id, Invitation.rep_id)
                .having(func.count() > 1)
            ).all()
            # the audit trail holds one insert for every row written, by the worker's name
            doubled = len(twice)
            for kind in (*TABLES, "invitation"):
                written = session.scalar(
                    select(func.count()).where(
                        Audit.actor.like("w%"), Audit.table_name == kind, Audit.action == "insert"
                    )
                )
                doubled += max(0, int(written or 0) - sum(1 for k, _v in said if k == kind))
    finally:
        db.close()
    return {
        "saved": sum(1 for k, _v in said if k in TABLES or k == "invitation"),
        "refused": sum(1 for k, _v in said if k == "refused"),
        "refused_as": dict(Counter(str(v) for k, v in said if k == "refused")),
        "other": sum(1 for k, _v in said if k == "other"),
        "lost": lost,
        "doubled": doubled,
    }


def _percentiles(results: list[Any], name: str) -> dict[str, float]:
    times = [t for _w, ts, _o in results for t in ts[name]]
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50": statistics.median(times), "p95": cuts[94], "p99": cuts[98], "max": max(times)}


def measure(url: str, workers: int, saves: int) -> dict[str, Any]:
    """Load the camp world into the empty store at ``url``, run the workers; the figures."""
    db = workbench.connect(url)
    load_sample(db, "camp", seed=0)
    store = db.dialect
    db.close()
    work = _plan_of_work(url, workers)
    results = _run(url, workers, saves, work)
    figures: dict[str, Any] = {
        "store": store,
        "workers": workers,
        "saves_each": saves,
        **_check(url, results),
        "save_ms": _percentiles(results, "save"),
        "bare_ms": _percentiles(results, "bare"),
    }
    figures["ratio"] = {
        q: figures["save_ms"][q] / figures["bare_ms"][q] for q in ("p50", "p95", "p99")
    }
    others = [v for _w, _t, o in results for k, v in o if k == "other"]
    if others:
        figures["first_other"] = others[0]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=20, help="workers saving at once")
    parser.add_argument("--saves", type=int, default=200, help="saves by each worker")
    parser.add_argument(
        "--database-url", help="an empty database to use (default: a new embedded SQLite file)"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'saves.db'}"
        row = measure(url, args.processes, args.saves)
    print("| store | processes × saves | lost | doubled | refused | other |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| {row['store']} | {row['workers']} × {row['saves_each']} | {row['lost']} | "
        f"{row['doubled']} | {row['refused']} | {row['other']} |"
    )
    print()
    print("| store | timed | p50 ms | p95 ms | p99 ms | slowest ms |")
    print("|---|---|---:|---:|---:|---:|")
    for name in ("save", "bare"):
        ms = row[f"{name}_ms"]
        print(
            f"| {row['store']} | {name} | {ms['p50']:,.1f} | {ms['p95']:,.1f} | "
            f"{ms['p99']:,.1f} | {ms['max']:,.0f} |"
        )
    ratio = row["ratio"]
    print(
        f"| {row['store']} | save ÷ bare | {ratio['p50']:.2f}× | {ratio['p95']:.2f}× | "
        f"{ratio['p99']:.2f}× | |"
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps([row], indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
