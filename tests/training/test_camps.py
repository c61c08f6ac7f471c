"""Camps from the command line: a bad roster creates nothing, a good one a camp with a
sandbox per trainee; status, list, close, and a camp's trainee opening their modules."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench import ConfigError, MissingEntry, Settings
from workbench.training import Gradebook, open_trainee, read_roster
from workbench.training.camps import camp_status, create_camp, list_camps
from workbench.training.report import write_report

from .conftest import run_workbench as _workbench

GOOD = (
    "name,employee_id,phone,email\n"
    "王小明,E0012,13800000001,\n"
    "李雷,E0013,,lilei@example.com\n"
    "韩梅梅,E0014,13800000003,hmm@example.com\n"
)
BAD = (
    "name,employee_id,phone,email\n"
    "王小明,E0012,13800000001,\n"
    "Li Lei,E0013,,lilei@example.com\n"  # line 3: not Chinese
    "韩梅梅,E0012,,\n"  # line 4: a duplicate id, and no phone or e-mail
)


def test_a_bad_roster_names_every_line_and_creates_nothing(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(BAD, encoding="utf-8")
    data = tmp_path / "data"
    done = _workbench("camp", "create", "bj-2026-12", "--roster", str(roster), data=data)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for line in ("3", "4"):
        assert f"line {line}" in done.stderr, done.stderr
    assert "line 2" in done.stderr  # the first E0012, named by its duplicate
    assert "nothing was created" in done.stderr
    zh = _workbench("camp", "create", "bj-2026-12", "--roster", str(roster), data=data, lang="zh")
    assert "第 3 行" in zh.stderr and "什么都没有创建" in zh.stderr
    listed = _workbench("camp", "list", data=data)
    assert "no camps yet" in listed.stdout
    assert not (data / "training").exists() or not any((data / "training").iterdir())


def test_a_good_roster_makes_a_camp_with_a_sandbox_each(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(GOOD, encoding="utf-8")
    data = tmp_path / "data"
    done = _workbench(
        "camp", "create", "bj-2026-12", "--roster", str(roster), "--region", "北京",
        "--starts", "2026-12-07", "--trainer", "李老师", data=data,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "3 trainees" in done.stdout and "[ 3/3]" in done.stderr
    sandboxes = sorted(p.name for p in (data / "training").iterdir())
    assert sandboxes == ["han-meimei-E0014", "li-lei-E0013", "wang-xiaoming-E0012"]
    listed = _workbench("camp", "list", data=data)
    assert "bj-2026-12" in listed.stdout and "3 trainees" in listed.stdout
    assert "2026-12-07" in listed.stdout and "李老师" in listed.stdout
    status = _workbench("camp", "status", "bj-2026-12", data=data)
    assert "E0013" in status.stdout and "modules 0/7" in status.stdout
    again = _workbench("camp", "create", "bj-2026-12", "--roster", str(roster), data=data)
    assert again.returncode == 1 and "exists already" in again.stderr
    trained = _workbench(
        "train", "--camp", "bj-2026-12", "--employee-id", "E0013", "--no-lab", data=data
    )
    assert trained.returncode == 0, trained.stderr
    assert "李雷" in trained.stdout and "li-lei-E0013" in trained.stdout
    reported = _workbench("camp", "report", "bj-2026-12", "--out", str(tmp_path / "out"), data=data)
    assert reported.returncode == 0 and (tmp_path / "out" / "report.html").exists()
    closed = _workbench("camp", "close", "bj-2026-12", data=data)
    assert closed.returncode == 0 and "closed" in _workbench("camp", "list", data=data).stdout


def test_status_counts_modules_done_from_best_submissions(training_settings: Settings,
                                                          tmp_path: Path) -> None:  # fmt: skip
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text(GOOD, encoding="utf-8")
    db = workbench.connect(settings=training_settings)
    code = f"camp-{training_settings.data_dir.name}"[:40]
    create_camp(db, training_settings, code, read_roster(roster_file))
    me = open_trainee(settings=training_settings, camp=code, employee_id="E0012")
    practice = me.exercise("01.1")
    practice.exercise.solve(practice.ctx)
    assert practice.submit().ok
    status = camp_status(db, code).table.set_index("employee_id")
    assert status.loc["E0012", "modules_done"] == 1  # module 01 has one exercise
    assert status.loc["E0012", "exercises_done"] == 1 and status.loc["E0013", "score"] == 0
    assert code in set(list_camps(db)["code"])
    with pytest.raises(ConfigError, match="exists already"):
        create_camp(db, training_settings, code, read_roster(roster_file))
    with pytest.raises(MissingEntry, match="no camp"):
        camp_status(db, "nowhere")
    assert [e.employee_id for e in Gradebook(db).roster(code)] == ["E0012", "E0013", "E0014"]
    page, csv = write_report(db, code, tmp_path / "report")
    report = pd.read_csv(csv, encoding="utf-8-sig", dtype={"module": str})
    assert len(report) == 3 * 7
    mine = report[report["employee_id"] == "E0012"].set_index("module")
    assert bool(mine.loc["01", "completed"]) and not mine.drop("01")["completed"].any()
    assert mine.loc["01", "score"] == mine.loc["01", "points"]
    printed = page.read_text(encoding="utf-8")
    assert "兹证明 王小明（E0012）" in printed and "This certifies that 王小明（E0012）" in printed
    assert "completed 1 of 7 modules" in printed and "完成 0/7 个模块" in printed
    assert printed.count("<section>") == 3 and "page-break-after" in printed
    me.close()
    db.close()


@pytest.mark.parametrize("code", ["", "a b", "x" * 41, "北京"])
def test_a_camp_name_must_be_typable(code: str, tmp_path: Path) -> None:
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text(GOOD, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    db = workbench.connect(settings=settings)
    with pytest.raises(ConfigError, match="camp name"):
        create_camp(db, settings, code, read_roster(roster_file))
    assert list_camps(db).empty
    db.close()


@pytest.mark.parametrize(
    "args",
    [
        ("camp", "status", "nowhere"),
        ("camp", "close", "nowhere"),
        ("camp", "report", "nowhere", "--out", "{tmp}/report"),
        ("camp", "export", "nowhere", "--out", "{tmp}/x.wbcamp"),
        ("camp", "followup", "nowhere", "--starts", "2026-11-02"),
        ("camp", "story", "nowhere", "--starts", "2026-11-02"),
        ("train", "--camp", "nowhere", "--employee-id", "E1", "--no-lab"),
        ("camp", "create", "bad name", "--roster", "{tmp}/missing.csv"),
    ],
)
def test_a_camp_that_is_not_there_is_one_line_and_changes_nothing(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    done = _workbench(*(a.format(tmp=tmp_path) for a in args), data=data)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and done.stderr.startswith("error: ")
    assert _workbench("camp", "list", data=data).stdout.startswith("no camps yet")
    assert not (tmp_path / "report").exists() and not (tmp_path / "x.wbcamp").exists()
