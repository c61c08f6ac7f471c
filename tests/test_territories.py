"""Territories: a plan previewed, its workloads worked out again, applied with history kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update

import workbench
from workbench import Database
from workbench.cli import main
from workbench.db.models import Audit, Rep
from workbench.errors import InvalidEntry, NotPermitted
from workbench.sample import load_sample
from workbench.territories import (
    apply_moves,
    customers_of,
    handover_files,
    hire,
    leave,
    plan_moves,
    workloads,
)

DAY = dt.date(2026, 12, 7)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[Database]:
    db = workbench.connect(f"sqlite:///{tmp_path / 'w.db'}")
    load_sample(db, "camp", seed=0)
    yield db
    db.close()


def _table(db: Database, name: str) -> pd.DataFrame:
    with db.begin() as conn:
        return pd.read_sql_table(name, conn)


def _owners(db: Database, on: dt.date) -> dict[int, set[int]]:
    """Each rep's doctors on ``on``, worked out with pandas from the assignment table."""
    a = _table(db, "assignment")
    start = pd.to_datetime(a.start_on).dt.date
    end = pd.to_datetime(a.end_on).dt.date
    now = a[(start <= on) & (a.end_on.isna() | (end >= on))]
    return {int(r): set(map(int, g.doctor_id)) for r, g in now.groupby("rep_id")}


def test_the_preview_s_workloads_are_the_tables_worked_out_again(world: Database) -> None:
    moves = plan_moves(world, from_rep=5, to_reps=[6, 7], on=DAY)
    owners = _owners(world, DAY)
    assert set(moves.doctor_id) == owners[5] and set(moves.to_rep_id) <= {6, 7}
    pot = _table(world, "potential")
    latest = pot[pot.period_start == pot.period_start.max()].groupby("doctor_id").potential.sum()
    shown = workloads(world, moves, on=DAY).set_index("rep_id")
    for rep in (5, 6, 7):
        after = (owners.get(rep, set()) - set(moves[moves.from_rep_id == rep].doctor_id)) | set(
            moves[moves.to_rep_id == rep].doctor_id
        )
        assert shown.loc[rep, "customers"] == len(owners.get(rep, set()))
        assert shown.loc[rep, "customers_after"] == len(after)
        assert shown.loc[rep, "potential_after"] == int(latest.reindex(list(after)).sum())
    assert shown.customers.sum() == shown.customers_after.sum()


def test_a_hospital_s_doctors_go_to_one_rep_and_the_loads_end_even(world: Database) -> None:
    moves = plan_moves(world, from_rep=5, to_reps=[6, 7], on=DAY)
    theirs = customers_of(world, 5, on=DAY).merge(moves, on="doctor_id")
    assert (theirs.groupby("hospital_id").to_rep_id.nunique() == 1).all()
    loads = workloads(world, moves, on=DAY).set_index("rep_id").customers_after
    biggest = theirs.groupby("hospital_id").size().max()
    assert abs(int(loads[6]) - int(loads[7])) <= biggest


def test_applying_hands_each_doctor_over_from_the_day_and_keeps_the_history(
    world: Database, tmp_path: Path
) -> None:
    before = _table(world, "assignment")
    moves = plan_moves(world, from_rep=5, to_reps=[6, 7], on=DAY)
    assert apply_moves(world, moves, on=DAY) == len(moves)
    owners = _owners(world, DAY)
    assert 5 not in owners
    for row in moves.itertuples():
        assert row.doctor_id in owners[row.to_rep_id]
    day_before = _owners(world, DAY - dt.timedelta(days=1))
    assert day_before[5] == set(moves.doctor_id)  # the old owner until the day before
    after = _table(world, "assignment")
    assert len(after) == len(before) + len(moves)
    with world.session() as s:
        audited = s.scalar(select(func.count()).where(Audit.table_name == "assignment"))
        assert audited == 2 * len(moves)  # an end and a start for each doctor
    files = handover_files(world, moves, tmp_path / "handover")
    assert [f.name for f in files] == sorted(
        f"handover-to-rep-{r}.csv" for r in set(moves.to_rep_id)
    )
    with pytest.raises(InvalidEntry) as again:  # the same plan again: no longer theirs
        apply_moves(world, moves, on=DAY)
    assert {p.code for p in again.value.problems} == {"not_theirs"}
    assert len(_table(world, "assignment")) == len(after)


@pytest.mark.parametrize(
    ("hired", "left", "ok"),
    [
        (DAY, None, True),  # hired on the day: takes over that day
        (DAY + dt.timedelta(days=1), None, False),  # hired the day after: not yet
        (dt.date(2020, 1, 1), DAY, True),  # leaves on the day: still there
        (dt.date(2020, 1, 1), DAY - dt.timedelta(days=1), False),  # left the day before
    ],
)
def test_the_receiving_rep_must_be_employed_on_the_day(
    world: Database, hired: dt.date, left: dt.date | None, ok: bool
) -> None:
    with world.session() as s:
        s.execute(update(Rep).where(Rep.rep_id == 6).values(hired_on=hired, left_on=left))
        s.commit()
    moves = plan_moves(world, from_rep=5, to_reps=[6], on=DAY)
    rows = len(_table(world, "assignment"))
    if ok:
        assert apply_moves(world, moves, on=DAY) == len(moves)
    else:
        with pytest.raises(InvalidEntry) as refused:
            apply_moves(world, moves, on=DAY)
        assert {p.code for p in refused.value.problems} == {"not_employed"}
        assert len(_table(world, "assignment")) == rows  # nothing written


def test_one_bad_row_writes_nothing(world: Database) -> None:
    moves = plan_moves(world, from_rep=5, to_reps=[6], on=DAY)
    moves.loc[len(moves) - 1, "to_rep_id"] = 99_999
    rows = _table(world, "assignment")
    with pytest.raises(InvalidEntry) as refused:
        apply_moves(world, moves, on=DAY)
    assert [p.code for p in refused.value.problems] == ["unknown"]
    pd.testing.assert_frame_equal(_table(world, "assignment"), rows)


def test_a_rep_hired_and_leaving(world: Database) -> None:
    rep = hire(
        world,
        name="张新",
        name_pinyin="Zhang Xin",
        region_id=1,
        city_id=1,
        hired_on=DAY,
        manager_id=1,
        employee_id="E9001",
    )
    with world.session() as s:
        assert s.get(Rep, rep).hired_on == DAY
    with pytest.raises(InvalidEntry) as refused:
        hire(world, name="Zhang", name_pinyin="张", region_id=1, city_id=999, hired_on=DAY)
    assert [p.field for p in refused.value.problems] == ["name", "name_pinyin", "city_id"]
    with pytest.raises(InvalidEntry):
        leave(world, rep, on=DAY - dt.timedelta(days=1))  # before they were hired
    orphans = leave(world, 5, on=DAY)
    assert set(orphans.doctor_id) == _owners(world, DAY)[5]
    viewer = workbench.connect(world.url, viewer="analyst")
    with pytest.raises(NotPermitted):
        leave(viewer, 6, on=DAY)
    viewer.close()


def test_the_territory_commands_plan_then_apply(world: Database, tmp_path: Path) -> None:
    url = ["--database", world.url]
    runner = CliRunner()
    plan = tmp_path / "plan.csv"
    shown = runner.invoke(
        main,
        [
            "territory",
            "plan",
            "--from",
            "5",
            "--to",
            "6",
            "--to",
            "7",
            "--on",
            DAY.isoformat(),
            "--out",
            str(plan),
            *url,
        ],
    )
    assert shown.exit_code == 0, shown.output
    assert "rep 5 " in shown.output and "→ 0" in shown.output
    edited = pd.read_csv(plan)
    edited["to_rep_id"] = 6  # a manager may change the plan before applying it
    edited.to_csv(plan, index=False)
    done = runner.invoke(
        main,
        [
            "territory",
            "apply",
            str(plan),
            "--on",
            DAY.isoformat(),
            "--handover",
            str(tmp_path / "hand"),
            *url,
        ],
    )
    assert done.exit_code == 0, done.output
    assert _owners(world, DAY)[6] >= set(edited.doctor_id)
    assert (tmp_path / "hand" / "handover-to-rep-6.csv").is_file()
    again = runner.invoke(main, ["territory", "apply", str(plan), "--on", DAY.isoformat(), *url])
    assert again.exit_code == 1 and "nothing was changed" in again.output
