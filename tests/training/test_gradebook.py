"""The gradebook in the main store, grading with no screen, and an earlier journal carried
over once with nothing lost."""

from __future__ import annotations

import ast
import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

import workbench
from workbench import MissingEntry, Settings
from workbench.db.gradebook import GRADEBOOK_TABLES, Attempt
from workbench.training import (
    SELF_STUDY,
    Gradebook,
    grade,
    open_trainee,
)
from workbench.training.gradebook import self_study_id

TRAINING = Path(workbench.__file__).parent / "training"


def test_nothing_under_training_draws_a_widget() -> None:
    """Grading, the gradebook and the exercises import no widget library and no screen."""
    for path in TRAINING.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names] if isinstance(node, ast.Import) else
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            for name in names:
                assert not name.startswith(
                    ("ipywidgets", "workbench.forms", "workbench.apps", "workbench.widgets")
                ), f"{path.relative_to(TRAINING)} imports {name}"
    probe = "import sys, workbench.training; print('ipywidgets' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"


def test_grade_reads_the_sandbox_and_says_each_check(training_settings: Settings) -> None:
    trainee = open_trainee("评分 grade", settings=training_settings)
    starter = grade(trainee.db, "03.1", trainee=trainee.sandbox, submit=True)
    assert starter.score == 0 and not starter.ok
    assert {c.id for c, _ in starter.results} == {c.id for c in starter.exercise.checks}
    practice = trainee.exercise("03.1")
    practice.exercise.solve(practice.ctx)
    done = grade(trainee.db, "03.1", trainee=trainee.sandbox, submit=True, lang="en")
    assert done.ok and done.score == done.exercise.points
    visible = grade(trainee.db, "03.1", trainee=trainee.sandbox)
    assert {c.id for c, _ in visible.results} == {c.id for c in visible.exercise.visible}
    assert trainee.gradebook.history(trainee.id).empty  # grading alone keeps no attempt
    with pytest.raises(MissingEntry, match="exercises are"):
        grade(trainee.db, "9.9", trainee=trainee.sandbox)
    trainee.close()


def test_an_attempt_keeps_each_checks_outcome_code_and_messages(
    training_settings: Settings,
) -> None:
    trainee = open_trainee("记录 record", settings=training_settings)
    practice = trainee.exercise("01.1")
    practice.check()
    practice.check()
    with trainee.gradebook.db.begin() as conn:
        rows = conn.execute(
            select(Attempt.uuid, Attempt.checks).where(Attempt.trainee_id == trainee.id)
        ).all()
    assert len({r.uuid for r in rows}) == 2 and all(len(r.uuid) == 36 for r in rows)
    first, second = ({c["check"]: c["code"] for c in json.loads(r.checks)} for r in rows)
    assert first == second  # the same mistake has the same code for the board to count
    assert set(first) == {c.id for c in practice.exercise.visible}
    checks = [c for r in rows for c in json.loads(r.checks)]
    assert all(c["zh"] and c["en"] and c["zh"] != c["en"] for c in checks)
    assert all(0 <= c["score"] <= 1 for c in checks)
    trainee.close()


def test_scores_are_bounded_by_the_store(training_settings: Settings) -> None:
    """Nobody writes a trainee a score of 1,000,000: the schema refuses it."""
    trainee = open_trainee("上限 bounds", settings=training_settings)
    with pytest.raises(workbench.WorkbenchError), trainee.gradebook.db.begin() as conn:
        conn.execute(
            Attempt.__table__.insert().values(  # type: ignore[attr-defined]
                uuid="x" * 36, trainee_id=trainee.id, exercise_id="01.1", round=1,
                kind="submit", at=dt.datetime(2026, 1, 1), score=1_000_000, points=10,
                hints_used=0, checks="[]",
            )
        )  # fmt: skip
    assert trainee.gradebook.history(trainee.id).empty
    trainee.close()


def test_the_gradebook_is_not_part_of_the_crm_world(training_settings: Settings) -> None:
    trainee = open_trainee("世界 world", settings=training_settings)
    store = trainee.gradebook.db
    assert not set(GRADEBOOK_TABLES) & set(store.counts())  # not counted, cut or exported
    assert set(GRADEBOOK_TABLES) <= set(store.table_names())
    trainee.close()


def test_a_trainee_on_their_own_is_enrolled_in_self_study_once(
    training_settings: Settings,
) -> None:
    one = open_trainee("王小明", settings=training_settings)
    again = open_trainee("王小明", settings=training_settings)
    assert one.id == again.id and one.enrolment.camp == SELF_STUDY
    assert one.sandbox.startswith("wang-xiaoming-self-")
    assert one.enrolment.employee_id == self_study_id("王小明")
    roster = Gradebook(one.gradebook.db).roster(SELF_STUDY)
    assert [e.name for e in roster].count("王小明") == 1
    one.close()
    again.close()


def test_a_camps_trainee_is_found_by_camp_and_employee_id(training_settings: Settings) -> None:
    book = Gradebook(workbench.connect(settings=training_settings))
    book.open_camp("bj-2026-12", region="北京", trainer="李老师")
    book.enrol("bj-2026-12", "E0012", "王小明", sandbox="wang-xiaoming-E0012", phone="13800000000")
    me = open_trainee(settings=training_settings, camp="bj-2026-12", employee_id="E0012")
    assert me.name == "王小明" and me.sandbox == "wang-xiaoming-E0012"
    with pytest.raises(MissingEntry, match="E0012"):
        open_trainee(settings=training_settings, camp="bj-2026-12", employee_id="E9999")
    me.close()
    book.db.close()


def _old_journal(path: Path) -> None:
    """A training journal as earlier versions wrote it (its own SQLite file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE trainee (trainee_id INTEGER PRIMARY KEY, name VARCHAR(80), slug VARCHAR(60),
                              created_at DATETIME);
        CREATE TABLE attempt (attempt_id INTEGER PRIMARY KEY, trainee_id INTEGER,
            exercise_id VARCHAR(20), round INTEGER, kind VARCHAR(10), at DATETIME, score FLOAT,
            points INTEGER, hints_used INTEGER, results TEXT);
        CREATE TABLE hint (trainee_id INTEGER, exercise_id VARCHAR(20), round INTEGER,
                           number INTEGER, at DATETIME);
        CREATE TABLE reset (reset_id INTEGER PRIMARY KEY, trainee_id INTEGER,
            exercise_id VARCHAR(20), round INTEGER, at DATETIME, undone_through INTEGER);
        INSERT INTO trainee VALUES (1, '李雷', 't_5c8c492f', '2026-11-20 09:00:00');
        """
    )
    results = json.dumps({"city": [1.0, "ok"], "name": [0.0, "name must be Chinese"]})
    con.execute(
        "INSERT INTO attempt VALUES (1, 1, '01.1', 1, 'check', '2026-11-20 09:05:00', 5.0, 10,"
        " 0, ?)",
        (results,),
    )
    con.execute(
        "INSERT INTO attempt VALUES (2, 1, '01.1', 2, 'submit', '2026-11-20 09:20:00', 10.0, 10,"
        " 1, ?)",
        (json.dumps({"city": [1.0, "ok"]}),),
    )
    con.execute("INSERT INTO hint VALUES (1, '01.1', 1, 1, '2026-11-20 09:06:00')")
    con.execute("INSERT INTO reset VALUES (1, 1, '01.1', 2, '2026-11-20 09:10:00', 41)")
    con.commit()
    con.close()


def test_an_earlier_journal_is_carried_over_once_with_nothing_lost(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    journal = settings.data_dir / "training" / "journal.db"
    _old_journal(journal)
    trainee = open_trainee("李雷", settings=settings)
    assert trainee.sandbox == "t_5c8c492f"  # the sandbox they had is the one they keep
    history = trainee.gradebook.history(trainee.id)
    assert list(history["kind"]) == ["check", "submit"] and list(history["round"]) == [1, 2]
    assert history["results"][0] == {"city": [1.0, "ok"], "name": [0.0, "name must be Chinese"]}
    assert trainee.gradebook.round(trainee.id, "01.1") == (2, 41)
    assert trainee.gradebook.hints_used(trainee.id, "01.1", 1) == 1
    assert not journal.exists() and journal.with_name("journal.db.carried-over").exists()
    trainee.close()
    again = open_trainee("李雷", settings=settings)  # nothing is copied twice
    with again.gradebook.db.begin() as conn:
        assert conn.scalar(select(func.count()).select_from(Attempt)) == 2
    again.close()
    # a journal put back (say, restored from a backup) adds nothing either
    journal.with_name("journal.db.carried-over").rename(journal)
    third = open_trainee("李雷", settings=settings)
    assert len(third.gradebook.history(third.id)) == 2
    third.close()
