"""Data cuts: a whole, consistent Parquet copy of every operational table, on both backends."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import workbench
from workbench import AnalysisError, Database, FileUnusable
from workbench import cuts as cuts_module
from workbench.cli import main
from workbench.cuts import CUT_TABLES
from workbench.sample import load_sample


def _frame(cut: workbench.Cut, table: str) -> pd.DataFrame:
    return pd.read_parquet(cut.file(table))


def test_a_cut_holds_every_operational_table_row_for_row(
    camp_db: Database, camp_cut: workbench.Cut
) -> None:
    counts = camp_db.counts()
    assert set(camp_cut.rows) == set(CUT_TABLES) == set(counts) - {"audit"}
    assert camp_cut.rows == {t: counts[t] for t in CUT_TABLES}
    with camp_db.engine.connect() as conn:
        calls = pd.read_sql("SELECT * FROM call ORDER BY call_id", conn, parse_dates=["call_date"])
    got = _frame(camp_cut, "call")
    assert list(got.columns) == list(calls.columns)
    assert (pd.to_datetime(got.call_date) == calls.call_date).all()
    assert got.joint_visit.dtype == bool
    assert (got.joint_visit == calls.joint_visit.astype(bool)).all()
    assert got.next_step.isna().sum() == calls.next_step.isna().sum() > 0


def test_duckdb_sees_the_tables_under_their_own_names(camp_cut: workbench.Cut) -> None:
    answer = camp_cut.sql(
        "SELECT count(*) AS n FROM call JOIN doctor USING (doctor_id) WHERE call_date >= $d",
        {"d": "2026-07-01"},
    )
    expected = pd.to_datetime(_frame(camp_cut, "call").call_date).ge("2026-07-01").sum()
    assert answer.n[0] == expected > 0
    assert answer.attrs == {}  # a query's result is a plain frame; results name their cut
    assert camp_cut.label.startswith("cut 20")


@pytest.mark.postgres
def test_postgresql_and_sqlite_cuts_hold_the_same_values(
    make_pg_url, camp_cut: workbench.Cut, tmp_path: Path
) -> None:
    pg = workbench.connect(make_pg_url())
    try:
        load_sample(pg, "camp", seed=0)
        pg_cut = workbench.cut(pg, out=tmp_path)
    finally:
        pg.close()
    assert pg_cut.rows == camp_cut.rows
    for table in CUT_TABLES:
        pd.testing.assert_frame_equal(_frame(pg_cut, table), _frame(camp_cut, table), obj=table)


def test_a_failed_cut_leaves_nothing_behind(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = cuts_module._write_sqlite

    def failing(cursor, table, where, folder, done):  # type: ignore[no-untyped-def]
        if table.name == "sale":
            raise KeyboardInterrupt
        return real(cursor, table, where, folder, done)

    monkeypatch.setattr(cuts_module, "_write_sqlite", failing)
    with pytest.raises(KeyboardInterrupt):
        workbench.cut(camp_db, out=tmp_path)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert workbench.cut(camp_db, out=tmp_path).rows["sale"] > 0


def test_cuts_are_listed_oldest_first_and_never_overwritten(
    camp_db: Database, tmp_path: Path
) -> None:
    first = workbench.cut(camp_db, out=tmp_path)
    second = workbench.cut(camp_db, out=tmp_path)
    assert first.path != second.path
    assert [c.path for c in workbench.list_cuts(tmp_path)] == [first.path, second.path]
    assert workbench.latest_cut(tmp_path).path == second.path
    assert workbench.open_cut(first.path).rows == first.rows


def test_no_cut_yet_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="workbench cut"):
        workbench.latest_cut(tmp_path)
    with pytest.raises(FileUnusable, match="not a data cut"):
        workbench.open_cut(tmp_path)


def test_bad_sql_and_unknown_tables_name_the_problem(camp_cut: workbench.Cut) -> None:
    with pytest.raises(AnalysisError, match="query on cut"):
        camp_cut.sql("SELECT nonsense FROM doctor")
    with pytest.raises(AnalysisError, match="its tables are region"):
        camp_cut.file("audit")


def test_cli_writes_and_lists_cuts(camp_db: Database, tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["cut", "--database", camp_db.url, "--out", str(tmp_path)])
    assert made.exit_code == 0, made.output
    assert made.output.startswith(f"wrote {tmp_path}/cut-")
    listed = runner.invoke(
        main, ["cut", "--list", "--database", camp_db.url, "--out", str(tmp_path)]
    )
    assert listed.exit_code == 0
    assert "cut-" in listed.output and camp_db.url in listed.output
    elsewhere = runner.invoke(main, ["cut", "--list", "--out", str(tmp_path)])  # another store
    assert elsewhere.exit_code == 0 and "cut-" not in elsewhere.output


def test_bad_places_and_databases_give_one_line_and_leave_nothing(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    made = runner.invoke(main, ["cut", "--database", camp_db.url, "--out", str(blocker)])
    assert made.exit_code == 2 and "Invalid value for '--out'" in made.output
    with pytest.raises(FileUnusable, match=r"cannot write a cut into .* choose another folder"):
        workbench.cut(camp_db, out=blocker / "cuts")
    missing = runner.invoke(main, ["cut", "--database", "nonsense://x", "--out", str(tmp_path)])
    assert missing.exit_code == 1 and missing.output.startswith("error: database URL")

    def disk_full(*_args):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cuts_module, "_write_sqlite", disk_full)
    with pytest.raises(FileUnusable, match=r"No space left on device.*nothing was kept"):
        workbench.cut(camp_db, out=tmp_path / "cuts")
    assert list((tmp_path / "cuts").iterdir()) == []


def test_cuts_belong_to_their_database(tmp_path: Path) -> None:
    """Two databases' cuts in one data folder: each database sees only its own, by the id
    stored in it, not by its URL; an app on one never lists the other's."""
    from workbench.apps import trial_monitor
    from workbench.sample import load_sample

    settings = workbench.Settings(data_dir=tmp_path)
    camp = workbench.connect(f"sqlite:///{tmp_path / 'camp.db'}")
    other = workbench.connect(f"sqlite:///{tmp_path / 'other.db'}")
    load_sample(camp, "camp", seed=0)
    assert camp.identity and other.identity and camp.identity != other.identity
    mine = workbench.cut(camp, settings=settings)
    theirs = workbench.cut(other, settings=settings)
    assert (mine.store_id, theirs.store_id) == (camp.identity, other.identity)
    assert [c.id for c in workbench.list_cuts(settings=settings, of=camp)] == [mine.id]
    assert [c.id for c in workbench.list_cuts(settings=settings, of=other)] == [theirs.id]
    assert len(workbench.list_cuts(settings=settings)) == 2  # the folder holds both
    assert workbench.latest_cut(settings=settings, of=camp).id == mine.id
    monitor = trial_monitor.Monitor(settings, camp)
    assert [c.id for c in monitor.cuts] == [mine.id]
    assert f"取自数据库 {camp.url}" in monitor.header.value  # the app names the cut's source
    reopened = workbench.connect(f"sqlite:///{tmp_path / 'camp.db'}")
    assert reopened.identity == camp.identity  # made once, kept
    for db in (camp, other, reopened):
        db.close()


def test_two_cuts_in_the_same_second_each_get_a_name(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two apps taking a cut at once: the second finds its name taken and takes the next."""
    import os

    from workbench import cuts

    real_rename = os.rename
    calls: list[str] = []

    def contested(src: str, dst: str) -> None:
        if not calls:  # another cut settles under the same name first
            Path(dst).mkdir()
            (Path(dst) / "manifest.json").write_text("{}")
        calls.append(str(dst))
        real_rename(src, dst)

    monkeypatch.setattr(cuts.os, "rename", contested)
    made = workbench.cut(camp_db, out=tmp_path)
    assert len(calls) == 2 and made.path.name.endswith("-2")
    assert made.rows["doctor"] > 0


def test_a_result_derived_from_a_cut_is_kept_with_it(camp_db: Database, tmp_path: Path) -> None:
    made = workbench.cut(camp_db, out=tmp_path / "cuts")
    calls: list[int] = []

    def derive() -> dict[str, int]:
        calls.append(1)
        return {"doctors": int(made.sql("SELECT count(*) AS n FROM doctor")["n"][0])}

    first = made.kept("doctors", derive)
    again = workbench.Cut(made.path).kept("doctors", derive)  # another kernel, say
    assert first == again == {"doctors": camp_db.counts()["doctor"]}
    assert calls == [1]
    (stored,) = (made.path / "derived").glob("doctors-*.pickle")
    stored.write_bytes(b"not a pickle")  # damaged: derived again, and kept again
    assert made.kept("doctors", derive) == first and calls == [1, 1]
    assert workbench.Cut(made.path).kept("doctors", derive) == first and calls == [1, 1]
    # a kept result may carry the cut itself: it travels without its connection
    carried = made.kept("cut", lambda: made)
    assert workbench.Cut(made.path).kept("cut", derive).sql("SELECT 1 AS one")["one"][0] == 1
    assert carried is made
