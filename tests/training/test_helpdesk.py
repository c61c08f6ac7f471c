"""The help desk: questions and answers checked like every entry, a summary cross-checked
against plain pandas, the service window pinned at its edges, a deterministic history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench import InvalidEntry, MissingEntry, Settings
from workbench.training import Gradebook
from workbench.training.helpdesk import answer, ask, requests, sample_help_desk, summarise

from .conftest import run_workbench

CAMP = "bj-2026-12"
DAY = dt.date(2026, 11, 2)  # a Monday


@pytest.fixture
def store(tmp_path: Path) -> workbench.Database:
    settings = Settings(data_dir=tmp_path / "data")
    book = Gradebook(workbench.connect(settings=settings))
    book.open_camp(CAMP)
    book.enrol(CAMP, "E0012", "王小明", sandbox="wang-xiaoming-E0012")
    book.enrol(CAMP, "E0013", "李雷", sandbox="li-lei-E0013")
    return book.db


def _at(hour: int, minute: int, days: int = 0) -> str:
    return dt.datetime.combine(DAY + dt.timedelta(days=days), dt.time(hour, minute)).isoformat()


def _ask(db: workbench.Database, **changes: object) -> int:
    data = {"employee_id": "E0012", "channel": "phone", "question": "周计划提交后还能改吗？",
            "category": "plans", "received_at": _at(9, 15)}  # fmt: skip
    data.update(changes)
    return ask(db, CAMP, data)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("employee_id", "E9999", "help_not_on_roster"),
        ("question", "周计划?", "help_too_short"),  # 4 characters: one short
        ("channel", "fax", "not_a_choice"),
        ("category", "sales", "not_a_choice"),
        ("received_at", "yesterday", "help_not_a_time"),
        ("received_at", "2999-01-01 09:00", "in_future"),
        ("question", "", "required"),
    ],
)
def test_a_bad_question_is_refused_whole_in_both_languages(
    store: workbench.Database, field: str, value: object, code: str
) -> None:
    with pytest.raises(InvalidEntry) as caught:
        _ask(store, **{field: value})
    assert [(p.field, p.code) for p in caught.value.problems] == [(field, code)]
    problem = caught.value.problems[0]
    assert problem.message("zh") != problem.message("en") and problem.message("en")
    assert requests(store, CAMP).empty


def test_a_question_of_five_characters_is_long_enough(store: workbench.Database) -> None:
    assert _ask(store, question="周计划改?") > 0


def test_an_answer_is_never_before_its_question(store: workbench.Database) -> None:
    asked = _ask(store)
    with pytest.raises(InvalidEntry) as caught:
        answer(store, asked, {"answered_by": "帮助台", "answered_at": _at(9, 14)})
    assert caught.value.problems[0].code == "help_before_question"
    answer(store, asked, {"answered_by": "帮助台", "answered_at": _at(9, 15)})  # the same minute
    row = requests(store, CAMP).iloc[0]
    assert row["resolved"] and row["answered_by"] == "帮助台"
    with pytest.raises(MissingEntry):
        answer(store, 999, {"answered_by": "x"})
    with pytest.raises(InvalidEntry) as unknown:
        ask(
            store,
            "nowhere",
            {"employee_id": "E0012", "channel": "phone", "question": "问题问题问题"},
        )
    assert [(p.field, p.code) for p in unknown.value.problems] == [("camp", "help_unknown_camp")]


def test_the_service_window_is_pinned_at_both_edges(store: workbench.Database) -> None:
    for hour, minute in ((8, 29), (8, 30), (21, 59), (22, 0)):
        _ask(store, received_at=_at(hour, minute))
    summary = summarise(store, CAMP)
    assert summary.outside_window == 2  # 08:29 and 22:00
    assert summary.by_hour.loc[0, 8] == 1 and summary.by_hour.loc[0, 21] == 1
    assert int(summary.by_hour.to_numpy().sum()) == 2
    assert list(summary.by_hour.columns) == list(range(8, 22))


def test_the_summary_matches_plain_pandas(store: workbench.Database) -> None:
    n = sample_help_desk(store, CAMP, starts_on=DAY, seed=3)
    frame = requests(store, CAMP)
    summary = summarise(store, CAMP)
    assert summary.total == n == len(frame) > 10
    waits = (frame["answered_at"] - frame["received_at"]).dt.total_seconds().dropna() / 60
    assert summary.median_minutes == pytest.approx(float(np.median(waits)))
    expected = frame["category"].value_counts()
    got = summary.categories.set_index("category")["questions"]
    assert got.to_dict() == expected.to_dict()
    assert got.is_monotonic_decreasing
    assert len(summary.open) == int((~frame["resolved"]).sum())
    received = frame["received_at"]
    inside = received[(received.dt.time >= dt.time(8, 30)) & (received.dt.time < dt.time(22))]
    by_hand = pd.crosstab(inside.dt.weekday, inside.dt.hour)
    for (weekday, hour), count in by_hand.stack().items():
        assert summary.by_hour.loc[weekday, hour] == count


def test_the_sample_history_tells_the_seeds_story(
    tmp_path: Path, store: workbench.Database
) -> None:
    sample_help_desk(store, CAMP, starts_on=DAY, seed=0)
    frame = requests(store, CAMP)
    assert frame["received_at"].min().date() >= DAY
    assert frame["received_at"].max().date() < DAY + dt.timedelta(weeks=6)
    first = (frame["received_at"].dt.date < DAY + dt.timedelta(weeks=1)).sum()
    last = (frame["received_at"].dt.date >= DAY + dt.timedelta(weeks=5)).sum()
    assert first > last  # fewer questions as the reps settle in
    top = summarise(store, CAMP).categories["category"].head(2).tolist()
    assert set(top) <= {"calls", "master_data", "plans"}
    late = frame[frame["answered_at"].dt.date > frame["received_at"].dt.date]
    assert (late["answered_at"].dt.time >= dt.time(8, 30)).all()  # answered after opening
    settings = Settings(data_dir=tmp_path / "again")
    again = Gradebook(workbench.connect(settings=settings))
    again.open_camp(CAMP)
    again.enrol(CAMP, "E0012", "王小明", sandbox="wang-xiaoming-E0012")
    again.enrol(CAMP, "E0013", "李雷", sandbox="li-lei-E0013")
    sample_help_desk(again.db, CAMP, starts_on=DAY, seed=0)
    same = requests(again.db, CAMP)
    columns = ["employee_id", "received_at", "question", "answered_at"]
    assert same[columns].equals(frame[columns])  # the same seed, the same history


def test_the_help_desk_commands(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    book = Gradebook(workbench.connect(settings=settings))
    book.open_camp(CAMP)
    book.enrol(CAMP, "E0012", "王小明", sandbox="wang-xiaoming-E0012")
    book.db.close()

    def run(*args: str, lang: str = "en") -> SimpleNamespace:
        return run_workbench("helpdesk", *args, data=settings.data_dir, lang=lang)

    asked = run("ask", CAMP, "--employee-id", "E0012", "--question", "医生换了科室怎么办？",
                "--category", "master_data", "--at", _at(9, 5))  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    request_id = asked.stdout.split()[1]
    assert run("answer", request_id, "--by", "帮助台", "--at", _at(9, 35)).returncode == 0
    summary = run("summary", CAMP)
    assert "1 questions, median wait 30 min, 0 open" in summary.stdout
    bad = run("ask", CAMP, "--employee-id", "E9", "--question", "短", lang="zh")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert "工号 E9 不在培训营" in bad.stderr and "「问题」" in bad.stderr


def test_the_help_desk_form_keeps_a_question_and_names_problems(
    store: workbench.Database, tmp_path: Path
) -> None:
    from workbench.forms import help_request_form

    form = help_request_form(store, camp=CAMP, lang="en", settings=Settings(data_dir=tmp_path))
    assert [o[1] for o in form.fields["employee_id"].options] == [None, "E0012", "E0013"]
    form.fields["employee_id"].value = "E0013"
    form.fields["question"].value = "短"
    form.save_button.click()
    assert form.saved_id is None and "too short" in form.problems.value
    assert form.draft_path.exists()  # what was typed is kept
    form.fields["question"].value = "拜访里要选几个产品？"
    form.fields["category"].value = "calls"
    form.save_button.click()
    assert form.saved_id is not None
    row = requests(store, CAMP).iloc[0]
    assert (row["employee_id"], row["category"]) == ("E0013", "calls")
