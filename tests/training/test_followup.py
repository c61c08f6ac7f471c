"""Two weeks after a camp: the sample story tells the seeds' story, the follow-up matches
plain pandas on the store's own rows, and each goal is pinned at its boundaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import workbench
from workbench import ConfigError, Settings, StoreNotEmpty
from workbench.sample import load_sample
from workbench.sample.camp_story import load_camp_story
from workbench.training import Gradebook
from workbench.training.followup import DEFAULT_GOALS, Goal, follow_up, read_goals

from .conftest import run_workbench

CAMP = "bj-2026-12"
START = dt.date(2026, 11, 2)  # a Monday, after the camp
NAMES = ["王小明", "李雷", "韩梅梅", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰"]


@pytest.fixture(scope="module")
def told(tmp_path_factory: pytest.TempPathFactory) -> tuple[workbench.Database, dict[str, str]]:
    """The camp world with a camp of ten and its six weeks' story, in one store."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("story"))
    db = workbench.connect(settings=settings)
    load_sample(db, "camp", seed=0)
    book = Gradebook(db)
    book.open_camp(CAMP, starts_on=START - dt.timedelta(days=7))
    trainees = [(f"E{n:04d}", name) for n, name in enumerate(NAMES, 1)]
    for employee_id, name in trainees:
        book.enrol(CAMP, employee_id, name, sandbox=f"s-{employee_id}")
    profiles = load_camp_story(db, trainees, starts_on=START, seed=0)
    return db, profiles


def _plain(db: workbench.Database) -> pd.DataFrame:
    """The trainees' calls and when each was entered, read with plain SQL and pandas."""
    with db.engine.connect() as conn:
        calls = pd.read_sql(
            "SELECT c.call_id, r.employee_id, c.call_date, c.next_step, cp.key_message "
            "FROM call c JOIN rep r ON r.rep_id = c.rep_id "
            "JOIN call_product cp ON cp.call_id = c.call_id WHERE r.employee_id LIKE 'E%'",
            conn,
        )
        audit = pd.read_sql(
            "SELECT row_key, at FROM audit WHERE table_name = 'call' AND action = 'insert'", conn
        )
    audit["call_id"] = audit["row_key"].astype(int)
    calls = calls.merge(audit[["call_id", "at"]], on="call_id")
    calls["entered"] = pd.to_datetime(calls["at"]).dt.normalize()
    calls["days"] = (calls["entered"] - pd.to_datetime(calls["call_date"])).dt.days
    calls["week"] = (calls["entered"] - pd.Timestamp(START)).dt.days // 7 + 1
    calls["complete"] = calls["next_step"].fillna("").ne("") & calls["key_message"].ne("")
    return calls


def test_the_follow_up_matches_plain_pandas(
    told: tuple[workbench.Database, dict[str, str]],
) -> None:
    db, _profiles = told
    result = follow_up(db, db, CAMP, starts_on=START, today=START + dt.timedelta(weeks=6))
    plain = _plain(db)
    got = result.weeks.set_index(["employee_id", "week"])
    for (employee_id, week), part in plain.groupby(["employee_id", "week"]):
        if week > 6:
            continue
        goal = DEFAULT_GOALS[week - 1]
        row = got.loc[(employee_id, week)]
        assert row["calls"] == len(part)
        assert row["late"] == int((part["days"] > goal.max_days).sum())
        assert row["incomplete"] == int((~part["complete"]).sum())
        assert row["median_days"] == pytest.approx(part["days"].median())
        met = (len(part) >= goal.min_calls and row["late"] == 0
               and (not goal.complete or row["incomplete"] == 0))  # fmt: skip
        assert row["met"] == met


def test_the_story_shows_on_track_late_incomplete_and_one_who_stops(
    told: tuple[workbench.Database, dict[str, str]],
) -> None:
    db, profiles = told
    result = follow_up(db, db, CAMP, starts_on=START, today=START + dt.timedelta(weeks=2))
    reps = result.reps.set_index("employee_id")
    assert result.reps["weeks_finished"].eq(2).all()
    on_track = [e for e, p in profiles.items() if p == "on track"]
    assert len(on_track) >= 5 and not reps.loc[on_track, "needs_call"].any()
    for profile in ("late", "incomplete"):
        who = [e for e, p in profiles.items() if p == profile]
        assert who and reps.loc[who, "needs_call"].all(), profile
        assert reps.loc[who, "manager"].notna().all()  # with their manager
    later = follow_up(db, db, CAMP, starts_on=START, today=START + dt.timedelta(weeks=4))
    stopped = [e for e, p in profiles.items() if p == "stops"]
    row = later.reps.set_index("employee_id").loc[stopped[0]]
    assert row["needs_call"] and row["why"] == "missed week 4"
    weeks = later.weeks.set_index(["employee_id", "week"])
    assert weeks.loc[(stopped[0], 3), "calls"] == 0 and weeks.loc[(stopped[0], 5), "met"] is None


def test_a_trainee_not_in_the_production_store_needs_a_call(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    db = workbench.connect(settings=settings)
    book = Gradebook(db)
    book.enrol(CAMP, "E9999", "王小明", sandbox="s")
    result = follow_up(db, db, CAMP, starts_on=START, today=START + dt.timedelta(weeks=1))
    row = result.reps.iloc[0]
    assert row["needs_call"] and "no rep with this employee id" in row["why"]


def test_each_goal_is_pinned_at_its_boundaries(
    told: tuple[workbench.Database, dict[str, str]],
) -> None:
    """An on-track rep's first week, judged against goals just met and just missed."""
    db, profiles = told
    who = next(e for e, p in profiles.items() if p == "on track")
    week1 = _plain(db).query("employee_id == @who and week == 1")
    calls, slowest = len(week1), int(week1["days"].max())

    def met(goal: Goal) -> bool:
        result = follow_up(db, db, CAMP, starts_on=START, goals=(goal,),
                           today=START + dt.timedelta(weeks=1))  # fmt: skip
        return bool(result.weeks.set_index("employee_id").loc[who, "met"])

    assert met(Goal(1, calls, slowest))  # exactly the calls, exactly the slowest entry
    assert not met(Goal(1, calls + 1, slowest))  # one call more than entered
    if slowest > 0:
        assert not met(Goal(1, calls, slowest - 1))  # a day less than the slowest took


def test_the_story_is_told_once(told: tuple[workbench.Database, dict[str, str]]) -> None:
    db, _profiles = told
    with pytest.raises(StoreNotEmpty, match="already in the store"):
        load_camp_story(db, [("E0001", "王小明")], starts_on=START)


def test_goals_from_a_file(tmp_path: Path) -> None:
    good = tmp_path / "goals.csv"
    good.write_text("week,min_calls,max_days,complete\n1,8,3,no\n2,15,2,yes\n", encoding="utf-8")
    assert read_goals(good) == (Goal(1, 8, 3, False), Goal(2, 15, 2, True))
    bad = tmp_path / "bad.csv"
    bad.write_text("week,min_calls,max_days\n1,many,3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2"):
        read_goals(bad)
    gap = tmp_path / "gap.csv"
    gap.write_text("week,min_calls,max_days\n2,10,3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="from week 1"):
        read_goals(gap)


def test_the_follow_up_commands_on_a_fresh_install(tmp_path: Path) -> None:
    """The trainer's path: a camp from a roster, the story, then the follow-up."""
    roster = tmp_path / "roster.csv"
    roster.write_text("name,employee_id,phone,email\n" + "".join(
        f"{name},E{n:04d},1380000{n:04d},\n" for n, name in enumerate(NAMES[:6], 1)
    ), encoding="utf-8")  # fmt: skip

    def run(*args: str) -> SimpleNamespace:
        return run_workbench(*args, data=tmp_path / "data")

    assert run("sample").returncode == 0
    made = run("camp", "create", CAMP, "--roster", str(roster), "--starts", "2026-10-26")
    assert made.returncode == 0, made.stderr
    told = run("camp", "story", CAMP)
    assert told.returncode == 0 and "from 2026-11-02" in told.stdout, told.stderr
    assert "questions to the help desk" in told.stdout
    desk = run("helpdesk", "summary", CAMP)
    assert desk.returncode == 0 and "median wait" in desk.stdout and "most asked: " in desk.stdout
    checked = run("camp", "followup", CAMP, "--today", "2026-11-16")
    assert checked.returncode == 0, checked.stderr
    assert "met 2/2" in checked.stdout and "CALL (" in checked.stdout
    assert "missed week 2" in checked.stdout or "missed week 1" in checked.stdout
