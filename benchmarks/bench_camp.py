"""Submissions at camp concurrency: 20 trainees recording attempts in one store at once.

During a camp every trainee's Submit writes to the same main store. This measures, in one
run, with ``--processes`` OS processes writing at the same time (they start behind a
barrier):

- ``record``: ``Gradebook.record``, one attempt and its checks (exercise 01.1: five) in one
  transaction, each process as its own trainee of one camp, in the camp's main store;
- ``bare``: the floor. A single-row INSERT of the same data (the attempt's columns, its
  checks as one JSON text) in one transaction through SQLAlchemy Core, into a plain table
  with no keys, indexes or constraints, in a store of the same kind (a second SQLite file
  with the same settings, or a second database on the same server).

The two alternate (bare, record, record, bare; half the calls each) so that a change in the
machine's load falls on both. Each process's calls are timed one by one; p50, p95 and p99
are taken over all the processes' calls. The same two are timed in one process alone, and
so is grading alone (the checks of one submission, no write), to show where a submission's
time goes.

Target: record p95 ≤ 1.5× the bare insert's p95 at 20 concurrent trainees.

    python benchmarks/bench_camp.py --out benchmarks/results/camp.json
    python benchmarks/bench_camp.py --database-url postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import statistics
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _latency import p95, timed
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    select,
)

import workbench
from workbench import Settings
from workbench.db import stores
from workbench.db.gradebook import Attempt
from workbench.training import EXERCISES, Feedback, Gradebook, drop_sandbox, grade, open_sandbox
from workbench.training.grading import message_code, prepare
from workbench.training.sandbox import sandbox_url

CAMP, EXERCISE = "bench-camp", "01.1"
GRADER = "bench-grader"  # the sandbox every process grades, with the exercise solved in it
PHASES = ("bare", "record", "record", "bare")
WAIT_S = 300

BARE = Table(
    "bare_attempt",
    MetaData(),
    Column("uuid", String(36)),
    Column("trainee_id", Integer),
    Column("exercise_id", String(20)),
    Column("round", Integer),
    Column("kind", String(10)),
    Column("at", DateTime),
    Column("score", Float),
    Column("points", Integer),
    Column("hints_used", Integer),
    Column("checks", Text),
)


def p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[-1]


def _bare_insert(engine: Engine, trainee_id: int, feedback: Feedback) -> None:
    """The floor: the attempt and its checks as one row, one transaction, Core."""
    checks = [
        {
            "check_id": check.id,
            "score": result.score,
            "code": message_code(check, result),
            "message_zh": result.text("zh"),
            "message_en": result.text("en"),
        }
        for check, result in feedback.results
    ]
    with engine.begin() as conn:
        conn.execute(
            insert(BARE).values(
                uuid=str(uuid.uuid4()),
                trainee_id=trainee_id,
                exercise_id=feedback.exercise.id,
                round=1,
                kind="submit",
                at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                score=feedback.score,
                points=feedback.exercise.points,
                hints_used=0,
                checks=json.dumps(checks, ensure_ascii=False),
            )
        )


def _steps(
    settings: Settings, bare_url: str, trainee_id: int
) -> tuple[dict[str, Callable[[], object]], list[workbench.Database]]:
    """One trainee's two ways to write a graded submission, and the stores they use."""
    sandbox = workbench.connect(sandbox_url(settings, GRADER), migrate=False)
    feedback = grade(sandbox, EXERCISE, trainee=GRADER, submit=True)
    sandbox.close()
    store = workbench.connect(settings=settings, migrate=False)
    bare = workbench.connect(bare_url, migrate=False)
    book = Gradebook(store)
    steps: dict[str, Callable[[], object]] = {
        "record": lambda: book.record(trainee_id, feedback, round=1, hints_used=0),
        "bare": lambda: _bare_insert(bare.engine, trainee_id, feedback),
    }
    return steps, [store, bare]


def _worker(
    settings: Settings, bare_url: str, trainee_id: int, calls: int, go: Any, results: Any
) -> None:
    """One trainee's process: ready both steps, then each phase behind the barrier."""
    steps, dbs = _steps(settings, bare_url, trainee_id)
    times: dict[str, list[float]] = {name: [] for name in steps}
    for phase in PHASES:
        go.wait(timeout=WAIT_S)
        times[phase] += timed(steps[phase], calls // 2)  # one warm-up call, then timed
    go.wait(timeout=WAIT_S)
    for db in dbs:
        db.close()
    results.put(times)


def _stats(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": p95(times),
        "p99_ms": p99(times),
        "max_ms": max(times),
    }


def _concurrent(
    settings: Settings, bare_url: str, trainee_ids: list[int], calls: int
) -> dict[str, list[float]]:
    """Every process's timed calls per step, the processes writing at the same time."""
    mp = multiprocessing.get_context("forkserver")
    mp.set_forkserver_preload(["__main__"])
    go = mp.Barrier(len(trainee_ids) + 1)
    results = mp.Queue()
    workers = [
        mp.Process(target=_worker, args=(settings, bare_url, trainee_id, calls, go, results))
        for trainee_id in trainee_ids
    ]
    for worker in workers:
        worker.start()
    for _phase in (*PHASES, "end"):
        go.wait(timeout=WAIT_S)
    merged: dict[str, list[float]] = {"record": [], "bare": []}
    for _worker_done in workers:
        for name, times in results.get(timeout=WAIT_S).items():
            merged[name] += times
    for worker in workers:
        worker.join(timeout=WAIT_S)
        assert worker.exitcode == 0, f"a process failed with exit code {worker.exitcode}"
    return merged


def _sibling(url: str, suffix: str) -> str:
    return stores.sibling_url(url, suffix).render_as_string(hide_password=False)


def run(backend_url: str | None, processes: int, calls: int, tmp: Path) -> list[dict[str, Any]]:
    """Measure one backend; the stores are made for the run and removed after it."""
    if backend_url is None:
        backend, store_url, bare_url = "sqlite", None, f"sqlite:///{tmp / 'bare.db'}"
    else:
        backend, tag = "postgresql", uuid.uuid4().hex[:8]
        store_url = _sibling(backend_url, f"camp_{tag}")
        bare_url = _sibling(backend_url, f"bare_{tag}")
        stores.create_database(store_url)
        stores.create_database(bare_url)
    settings = Settings(data_dir=tmp / "data", database_url=store_url)
    try:
        store = workbench.connect(settings=settings)
        book = Gradebook(store)
        book.open_camp(CAMP)
        trainee_ids = [
            book.enrol(CAMP, f"E{n:04d}", f"学员{n}", sandbox=f"bench-{n}").trainee_id
            for n in range(processes + 1)
        ]
        bare = workbench.connect(bare_url, migrate=False)
        BARE.create(bare.engine)
        spec = EXERCISES[EXERCISE]
        sandbox = open_sandbox(settings, GRADER)
        spec.solve(prepare(sandbox, spec, trainee=GRADER))
        feedback = grade(sandbox, EXERCISE, trainee=GRADER, submit=True)
        assert feedback.ok, "the solved exercise passes before it is timed"

        # one process alone: grading, the record, the bare insert
        alone = trainee_ids.pop()
        grading = timed(lambda: grade(sandbox, EXERCISE, trainee=GRADER, submit=True), calls)
        one = {
            "record": timed(lambda: book.record(alone, feedback, round=1, hints_used=0), calls),
            "bare": timed(lambda: _bare_insert(bare.engine, alone, feedback), calls),
        }
        sandbox.close()
        many = _concurrent(settings, bare_url, trainee_ids, calls)

        # nothing lost: every record (warm-ups included) is in the store
        per_phase = calls // 2 + 1
        with store.begin() as conn:
            kept = conn.scalar(select(func.count()).select_from(Attempt))
        assert kept == (calls + 1) + processes * 2 * per_phase, kept
        with bare.engine.begin() as conn:
            kept = conn.scalar(select(func.count()).select_from(BARE))
        assert kept == (calls + 1) + processes * 2 * per_phase, kept
        store.close()
        bare.close()
    finally:
        if backend_url is not None and store_url is not None:
            drop_sandbox(settings, GRADER)
            stores.drop_database(store_url, main=backend_url)
            stores.drop_database(bare_url, main=backend_url)
    checks = len(spec.checks)
    rows: list[dict[str, Any]] = []
    for n, measured in ((processes, many), (1, one)):
        row: dict[str, Any] = {
            "backend": backend,
            "processes": n,
            "step": f"record (attempt + {checks} checks)",
            "calls": len(measured["record"]),
            **_stats(measured["record"]),
            **{f"bare_{k}": v for k, v in _stats(measured["bare"]).items()},
        }
        row["ratio"] = row["p95_ms"] / row["bare_p95_ms"]
        rows.append(row)
    rows.append(
        {
            "backend": backend,
            "processes": 1,
            "step": f"grading alone ({checks} checks, no write)",
            "calls": len(grading),
            **_stats(grading),
        }
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=20, help="trainees writing at once")
    parser.add_argument(
        "--repeat", type=int, default=50, help="submissions each process records per step"
    )
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database whose server gets the run's stores (default: SQLite files "
        "in a temporary folder)",
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(args.database_url, args.processes, args.repeat, Path(tmp))
    print(
        "| backend | processes | step | p50 ms | p95 ms | p99 ms | "
        "bare p50 ms | bare p95 ms | bare p99 ms | ratio p95 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        bare = (
            f"{row['bare_p50_ms']:.2f} | {row['bare_p95_ms']:.2f} | {row['bare_p99_ms']:.2f} | "
            f"{row['ratio']:.2f}"
            if "ratio" in row
            else "– | – | – | –"
        )
        print(
            f"| {row['backend']} | {row['processes']} | {row['step']} | {row['p50_ms']:.2f} | "
            f"{row['p95_ms']:.2f} | {row['p99_ms']:.2f} | {bare} |"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
