"""The exercise engine: attempts and hints in the gradebook, reset by undo with history kept,
starter cells restored, sandboxes apart per trainee."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from sqlalchemy import func, select

from workbench import ConfigError, MissingEntry, Settings, connect
from workbench.config import ENV_VARS
from workbench.db.gradebook import TRAINEE_NAME_LENGTH
from workbench.db.models import Doctor, Plan, PlanItem
from workbench.training import (
    EXERCISES,
    open_trainee,
    prepare_workspace,
    undo,
)
from workbench.training.exercises._world import next_monday
from workbench.training.gradebook import SELF_STUDY, Gradebook


def test_hints_unlock_after_attempts_and_are_recorded(training_settings: Settings) -> None:
    practice = open_trainee("提示 hints", settings=training_settings).exercise("01.1")
    first, second = practice.exercise.hints
    assert first.after == 1
    assert "1" in practice.hint() and practice.hints_used == 0  # locked: attempts needed
    practice.check()
    message = practice.hint()
    assert practice.hints_used == 1 and first.text("zh", **practice.facts) in message
    assert "再尝试" in practice.hint()  # the second needs another attempt
    practice.check()
    assert second.text("zh", **practice.facts) in practice.hint()
    assert practice.hints_used == 2
    assert "no more hints" in practice.hint("en")
    history = practice.gradebook.history(practice.trainee.id)
    assert list(history["hints_used"]) == [0, 1]  # hints used when each attempt was made
    practice.trainee.close()


def test_every_attempt_is_in_the_history_with_its_checks(training_settings: Settings) -> None:
    practice = open_trainee("历史 history", settings=training_settings).exercise("03.1")
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1)
    practice.check()
    practice.exercise.solve(practice.ctx)
    practice.submit()
    history = practice.gradebook.history(practice.trainee.id)
    assert list(history["kind"]) == ["check", "submit"]
    assert list(history["score"]) == [0.0, 15.0] and set(history["points"]) == {15}
    assert (history["at"] >= before).all() and history["at"].is_monotonic_increasing
    visible = {c.id for c in practice.exercise.visible}
    assert set(history["results"][0]) == visible  # a check runs the visible checks only
    assert set(history["results"][1]) == {c.id for c in practice.exercise.checks}
    assert all(score == 1.0 for score, _message in history["results"][1].values())
    progress = practice.trainee.progress().set_index("exercise")
    assert progress.loc["03.1", "done"] and progress.loc["03.1", "attempts"] == 2
    assert not progress.drop("03.1")["done"].any()
    practice.trainee.close()


def test_reset_undoes_the_entries_keeps_history_and_restores_the_cells(
    training_settings: Settings,
) -> None:
    trainee = open_trainee("重做 reset", settings=training_settings)
    folder = prepare_workspace(training_settings, trainee.sandbox)
    notebook = folder / "02_customer_master_data.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if "exercise-02.1" in cell.metadata.get("tags", []):
            cell.source = "# my own attempt"
    nb.cells.append(nbformat.v4.new_code_cell("# my notes, kept"))
    nbformat.write(nb, notebook)

    practice = trainee.exercise("02.1")
    doctors = trainee.db.counts()["doctor"]
    practice.exercise.solve(practice.ctx)
    assert practice.submit().ok and trainee.db.counts()["doctor"] == doctors + 1
    message = practice.reset()
    assert "第 2 轮" in message and "重新加载" in message  # the cells were restored
    assert trainee.db.counts()["doctor"] == doctors  # the entry is undone, the set-up stays
    assert practice.round == 2 and practice.attempts == 0
    assert practice.submit().score == 0

    again = trainee.exercise("02.1")  # reopened later: still round 2
    assert again.round == 2
    history = trainee.gradebook.history(trainee.id)
    assert list(zip(history["round"], history["score"], strict=True)) == [(1, 20.0), (2, 0.0)]

    sources = [c.source for c in nbformat.read(notebook, as_version=4).cells]
    assert "# my own attempt" not in sources and "# my notes, kept" in sources
    assert 'ex1 = me.exercise("02.1")\ncard1 = exercise_card(ex1)\ncard1' in sources
    trainee.close()


def test_undo_restores_updated_and_deleted_rows(training_settings: Settings) -> None:
    """A plan saved, then saved again (its items deleted and replaced), then undone."""
    trainee = open_trainee("撤销 undo", settings=training_settings)
    practice = trainee.exercise("04.1")
    ctx = practice.ctx
    week = next_monday(dt.date.today(), 3)
    doctors = ctx.facts["key_ids"]
    plans, items = trainee.db.counts()["plan"], trainee.db.counts()["plan_item"]
    first = [{"doctor_id": doctors[0], "planned_on": week}]
    ctx.save("plan", {"rep_id": trainee.rep_id, "week_start": week, "items": first})
    second = [{"doctor_id": d, "planned_on": week + dt.timedelta(days=1)} for d in doctors]
    ctx.save("plan", {"rep_id": trainee.rep_id, "week_start": week, "items": second})
    with trainee.db.session() as session:
        assert session.scalar(select(func.count()).select_from(PlanItem)) == items + 2
    through = undo(trainee.db, ctx.actor)
    assert through > 0 and undo(trainee.db, ctx.actor, after=through) == through
    counts = trainee.db.counts()
    assert (counts["plan"], counts["plan_item"]) == (plans, items)
    with trainee.db.session() as session:
        assert session.scalar(select(Plan).where(Plan.week_start == week)) is None
    trainee.close()


def test_each_trainee_has_a_sandbox_of_their_own(training_settings: Settings) -> None:
    one = open_trainee("学员甲", settings=training_settings)
    two = open_trainee("学员乙", settings=training_settings)
    assert one.db.url != two.db.url and one.sandbox != two.sandbox
    named = select(func.count()).where(Doctor.name == "王静")
    with one.db.session() as a, two.db.session() as b:
        before = (a.scalar(named), b.scalar(named))
    practice = one.exercise("02.1")
    practice.exercise.solve(practice.ctx)
    with one.db.session() as a, two.db.session() as b:
        assert (a.scalar(named), b.scalar(named)) == (before[0] + 1, before[1])  # type: ignore[operator]
    assert one.rep_id == two.rep_id  # both play the same rep, each in their own world
    one.close()
    two.close()


def test_an_unknown_exercise_names_the_ones_there_are(training_settings: Settings) -> None:
    trainee = open_trainee("找练习 lookup", settings=training_settings)
    with pytest.raises(MissingEntry, match=r"01\.1, 02\.1"):
        trainee.exercise("9.9")
    trainee.close()


def test_solution_mode_solves_each_exercise_when_opened(training_settings: Settings) -> None:
    trainee = open_trainee("示范 demo", settings=training_settings, solutions=True)
    assert trainee.exercise("05.1").submit().ok
    trainee.close()
    plain = open_trainee("示范 demo", settings=training_settings)
    assert not plain.solutions
    plain.close()


def test_solution_mode_is_not_a_setting_a_served_notebook_reads() -> None:
    assert "WORKBENCH_TRAINING_SOLUTIONS" not in ENV_VARS.values()
    assert Settings.from_env({"WORKBENCH_TRAINEE": "张三"}).trainee == "张三"


def test_workbench_train_prepares_the_sandbox_and_notebooks(tmp_path: Path) -> None:
    env = {"WORKBENCH_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "train", "王小明", "--no-lab"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "王小明" in result.stdout and "notebooks:" in result.stdout
    folder = Path(result.stdout.split("notebooks:")[1].split()[0])
    assert (folder / "00_index.ipynb").exists() and len(list(folder.glob("*.ipynb"))) == 8
    assert len(EXERCISES) == 8
    folders = json.dumps(sorted(p.name for p in (tmp_path / "training").iterdir()))
    assert "wang-xiaoming-self-" in folders  # the sandbox is named after its trainee
    assert (tmp_path / "workbench.db").exists()  # the gradebook lives in the main store


def test_the_worked_examples_helpers_agree_with_the_sandbox(training_settings: Settings) -> None:
    trainee = open_trainee("示例 examples", settings=training_settings)
    from workbench.db.models import Department, Invitation

    with trainee.db.session() as session:
        names = session.scalars(
            select(Department.name)
            .where(Department.hospital_id == 2)
            .order_by(Department.department_id)
        ).all()
        invited = session.scalar(select(func.count()).select_from(Invitation))
        mine = [int(i) for i in trainee.territory().index]
        missing = session.scalar(
            select(func.count()).where(Doctor.doctor_id.in_(mine), Doctor.mobile.is_(None))
        )
    assert list(trainee.departments(2)["name"]) == names
    assert trainee.departments(10**6).empty
    latest = trainee.invitations(limit=5)
    assert len(latest) == min(5, invited) and latest["held_on"].is_monotonic_decreasing
    assert trainee.completeness().to_dict() == {"doctors": len(mine), "no_mobile": missing}
    practice = trainee.exercise("07.1")  # its set-up removes two mobiles
    with trainee.db.session() as session:
        after = session.scalar(
            select(func.count()).where(Doctor.doctor_id.in_(mine), Doctor.mobile.is_(None))
        )
    assert after > missing and trainee.completeness()["no_mobile"] == after
    assert {practice.facts["first_id"], practice.facts["second_id"]} <= set(mine)
    trainee.close()


def test_a_blank_trainee_name_is_one_clear_line(tmp_path: Path) -> None:
    env = {"WORKBENCH_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "train", "   ", "--no-lab"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: a trainee needs a name")
    assert "Traceback" not in result.stderr and not (tmp_path / "training").exists()


def test_a_name_the_gradebook_keeps_is_taken_and_one_longer_refused_with_nothing_made(
    training_settings: Settings,
) -> None:
    if training_settings.database_url is None:
        # (on the server the longest name's sandbox database would outgrow the test's long
        # database names: PostgreSQL's own 63-byte limit, refused by its own test)
        longest = "王" * TRAINEE_NAME_LENGTH
        trainee = open_trainee(longest, settings=training_settings)
        assert trainee.enrolment.name == longest
        trainee.close()
    too_long = "李" * (TRAINEE_NAME_LENGTH + 1)
    with pytest.raises(ConfigError, match=f"at most {TRAINEE_NAME_LENGTH} characters, not 81"):
        open_trainee(too_long, settings=training_settings)
    store = connect(settings=training_settings)
    try:
        names = Gradebook(store).roster(SELF_STUDY)
        assert too_long not in {t.name for t in names}
    finally:
        store.close()
