"""The board's reading of the gradebook: cells, who is stuck (pinned on both sides of each
threshold), and the common mistakes counted per trainee."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import workbench
from workbench import MissingEntry, Settings
from workbench.training import Gradebook, open_trainee
from workbench.training.board import read_board
from workbench.training.grading import Feedback, exercise, prepare, run_checks

CAMP = "board-camp"
T0 = dt.datetime(2026, 12, 7, 9, 0)


@pytest.fixture
def camp(tmp_path: Path) -> tuple[Settings, Gradebook]:
    settings = Settings(data_dir=tmp_path / "data")
    book = Gradebook(workbench.connect(settings=settings))
    book.open_camp(CAMP)
    for employee_id, name in (("E1", "王小明"), ("E2", "李雷"), ("E3", "韩梅梅")):
        book.enrol(CAMP, employee_id, name, sandbox=f"s-{employee_id}")
    return settings, book


def _attempt(settings: Settings, book: Gradebook, who: str, exercise_id: str, *,
             at: dt.datetime, solved: bool = False, submit: bool = False) -> None:  # fmt: skip
    """An attempt graded for real on the trainee's sandbox, kept at time ``at``."""
    me = open_trainee(settings=settings, camp=CAMP, employee_id=who)
    spec = exercise(exercise_id)
    ctx = prepare(me.db, spec, trainee=me.sandbox, rep_id=me.rep_id)
    if solved:
        spec.solve(ctx)
    feedback = Feedback(spec, run_checks(ctx, spec, hidden=submit), submit)
    book.record(me.id, feedback, round=1, hints_used=0, at=at)
    me.close()


def test_stuck_after_n_failed_attempts_not_before(camp: tuple[Settings, Gradebook]) -> None:
    settings, book = camp
    for n in range(4):
        _attempt(settings, book, "E1", "01.1", at=T0 + dt.timedelta(minutes=n))
    now = T0 + dt.timedelta(minutes=5)
    board = read_board(book.db, CAMP, now=now, stuck_attempts=5, stuck_minutes=60)
    assert not board.trainees.set_index("employee_id").loc["E1", "stuck"]  # 4 < 5
    _attempt(settings, book, "E1", "01.1", at=T0 + dt.timedelta(minutes=4))
    board = read_board(book.db, CAMP, now=now, stuck_attempts=5, stuck_minutes=60)
    row = board.trainees.set_index("employee_id").loc["E1"]
    assert row["stuck"] and row["why"] == "01.1"  # 5 = 5
    cell = board.cells.set_index(["employee_id", "exercise_id"]).loc[("E1", "01.1")]
    assert cell["attempts"] == 5 and cell["minutes"] == 4 and not cell["passed"]


def test_stuck_after_m_idle_minutes_not_before(camp: tuple[Settings, Gradebook]) -> None:
    settings, book = camp
    _attempt(settings, book, "E2", "01.1", at=T0)
    just_before = read_board(book.db, CAMP, now=T0 + dt.timedelta(minutes=19, seconds=59),
                             stuck_minutes=20)  # fmt: skip
    assert not just_before.trainees.set_index("employee_id").loc["E2", "stuck"]
    at_limit = read_board(book.db, CAMP, now=T0 + dt.timedelta(minutes=20), stuck_minutes=20)
    row = at_limit.trainees.set_index("employee_id").loc["E2"]
    assert row["stuck"] and row["why"] == "20 min"
    # someone who has not started is not flagged as idle
    assert not at_limit.trainees.set_index("employee_id").loc["E3", "stuck"]


def test_a_passed_exercise_counts_and_is_not_stuck(camp: tuple[Settings, Gradebook]) -> None:
    settings, book = camp
    for n in range(5):
        _attempt(settings, book, "E3", "03.1", at=T0 + dt.timedelta(minutes=n))
    _attempt(settings, book, "E3", "03.1", at=T0 + dt.timedelta(minutes=6), solved=True,
             submit=True)  # fmt: skip
    board = read_board(book.db, CAMP, now=T0 + dt.timedelta(minutes=7), stuck_attempts=5)
    row = board.trainees.set_index("employee_id").loc["E3"]
    assert row["done"] == 1 and row["score"] == exercise("03.1").points and not row["stuck"]


def test_common_mistakes_count_trainees_not_attempts(camp: tuple[Settings, Gradebook]) -> None:
    settings, book = camp
    for who in ("E1", "E2"):
        _attempt(settings, book, who, "01.1", at=T0)
    _attempt(settings, book, "E1", "01.1", at=T0 + dt.timedelta(minutes=1))
    board = read_board(book.db, CAMP, now=T0)
    top = board.mistakes.iloc[0]
    assert top["exercise_id"] == "01.1" and top["trainees"] == 2 and top["times"] == 3
    assert top["message_zh"] and top["message_en"] and top["message_zh"] != top["message_en"]
    assert (board.mistakes["trainees"].diff().dropna() <= 0).all()  # most trainees first


def test_an_unknown_camp_says_so(camp: tuple[Settings, Gradebook]) -> None:
    with pytest.raises(MissingEntry, match="no camp 'x'"):
        read_board(camp[1].db, "x")
