"""Twenty trainees submitting at once: 20 processes × 50 submissions against one camp's main
store, on SQLite (a file in WAL mode) and on PostgreSQL, lose and double nothing.

The camp is enrolled from a roster written here, through the gradebook calls
``create_camp`` makes (``open_camp``, then ``enrol`` per trainee). Loading a sandbox per
trainee takes about a second each and is not what is under test (``test_camps.py`` covers
it), so every process grades the same prepared sandbox, read-only, once, and then records
its trainee's 50 submissions back to back through ``Gradebook.record``: the write path of
``Practice.submit``, at its most crowded. The processes are real ones, forked from a server
that has imported the workbench once (``forkserver``), and they all wait at a barrier
before the first write, so their writes overlap.
"""

from __future__ import annotations

import collections
import json
import multiprocessing
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import workbench
from tests.conftest import PG_SERVER
from tests.training.conftest import _drop_all, _main_store
from workbench import Settings
from workbench.db.gradebook import Attempt, Camp, Trainee
from workbench.training import EXERCISES, Gradebook, grade, open_sandbox, read_roster
from workbench.training.grading import prepare
from workbench.training.sandbox import sandbox_url

PROCESSES, SUBMISSIONS = 20, 50
CAMP, EXERCISE = "hz-2026-12", "01.1"
GRADER = "shared-grader"  # the sandbox every process grades, with the exercise solved in it
#: how long a process may wait for the others at the start, or take for its submissions
WAIT_S = 120

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["小明", "雷", "梅梅", "伟", "芳", "娜", "敏", "静", "丽", "强"]


def _write_roster(path: Path) -> Path:
    lines = ["name,employee_id,phone,email"]
    for n in range(PROCESSES):
        lines.append(f"{SURNAMES[n]}{GIVEN[n % len(GIVEN)]},E{n + 1:04d},138{n + 1:08d},")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def camp_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """A fresh main store (and the shared sandbox beside it) on each backend."""
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path / "data")
        return
    base = _main_store()
    yield Settings(data_dir=tmp_path / "data", database_url=f"{PG_SERVER}/{base}")
    _drop_all(base)


def _submit(settings: Settings, trainee_id: int, go: Any, out: Path) -> None:
    """One trainee's process: grade once, wait for the others, record 50 submissions."""
    try:
        sandbox = workbench.connect(sandbox_url(settings, GRADER), migrate=False)
        feedback = grade(sandbox, EXERCISE, trainee=GRADER, submit=True)
        sandbox.close()
        book = Gradebook(workbench.connect(settings=settings))
        go.wait(timeout=WAIT_S)
        started = time.time()
        uuids = [
            book.record(trainee_id, feedback, round=1, hints_used=0) for _ in range(SUBMISSIONS)
        ]
        ended = time.time()
        book.db.close()
        out.write_text(json.dumps({"uuids": uuids, "started": started, "ended": ended}))
    except BaseException:
        out.with_suffix(".err").write_text(traceback.format_exc())
        raise


def test_twenty_processes_submitting_at_once_lose_and_double_nothing(
    camp_settings: Settings, tmp_path: Path
) -> None:
    settings = camp_settings
    roster = read_roster(_write_roster(tmp_path / "roster.csv"))
    store = workbench.connect(settings=settings)
    book = Gradebook(store)
    book.open_camp(CAMP, region="杭州", trainer="李老师")
    trainees = [
        book.enrol(CAMP, t.employee_id, t.name, sandbox=t.sandbox, phone=t.phone)
        for t in roster.trainees
    ]
    assert len({t.trainee_id for t in trainees}) == PROCESSES
    spec = EXERCISES[EXERCISE]
    sandbox = open_sandbox(settings, GRADER)
    spec.solve(prepare(sandbox, spec, trainee=GRADER))
    assert grade(sandbox, EXERCISE, trainee=GRADER, submit=True).ok  # a real, passing grade
    sandbox.close()

    mp = multiprocessing.get_context("forkserver")
    mp.set_forkserver_preload([__name__])
    go = mp.Barrier(PROCESSES + 1)
    outs = [tmp_path / f"process-{n:02d}.json" for n in range(PROCESSES)]
    workers = [
        mp.Process(target=_submit, args=(settings, t.trainee_id, go, out))
        for t, out in zip(trainees, outs, strict=True)
    ]
    for worker in workers:
        worker.start()
    try:
        go.wait(timeout=WAIT_S)  # every process has graded and connected: all write at once
    finally:
        for worker in workers:
            worker.join(timeout=WAIT_S)
            if worker.is_alive():
                worker.kill()
    errors = [o.with_suffix(".err").read_text() for o in outs if o.with_suffix(".err").exists()]
    assert not errors, errors[0]
    assert [w.exitcode for w in workers] == [0] * PROCESSES
    reports = [json.loads(o.read_text()) for o in outs]
    # the processes really wrote at the same time: at some moment most of them were writing
    moments = sorted(
        [(r["started"], 1) for r in reports] + [(r["ended"], -1) for r in reports],
        key=lambda m: (m[0], m[1]),
    )
    writing = most = 0
    for _when, step in moments:
        writing += step
        most = max(most, writing)
    assert most >= PROCESSES // 2, f"at most {most} processes wrote at once"

    checks = len(spec.checks)
    with store.begin() as conn:
        kept = collections.Counter(conn.scalars(select(Attempt.uuid)).all())
        per_trainee = dict(
            conn.execute(
                select(Trainee.employee_id, func.count(Attempt.attempt_id))
                .join(Camp, Camp.camp_id == Trainee.camp_id)
                .outerjoin(Attempt, Attempt.trainee_id == Trainee.trainee_id)
                .where(Camp.code == CAMP)
                .group_by(Trainee.employee_id)
            ).all()
        )
        kept_checks = [json.loads(t) for t in conn.scalars(select(Attempt.checks))]
    store.close()
    assert sum(kept.values()) == PROCESSES * SUBMISSIONS
    assert max(kept.values()) == 1  # no attempt twice
    for report in reports:
        assert len(set(report["uuids"])) == SUBMISSIONS
        assert set(report["uuids"]) <= kept.keys()  # every process's attempts, each once
    assert per_trainee == {t.employee_id: SUBMISSIONS for t in roster.trainees}
    assert len(kept_checks) == PROCESSES * SUBMISSIONS
    assert all(len({c["check"] for c in each}) == len(each) == checks for each in kept_checks)
