"""Bad paths, URLs and databases given to the command line end in one line that says what to
do, exit 1, and leave nothing half-made; an export never overwrites files unless told to."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import main


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A camp world in an embedded database, shared by the tests that only read it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('world') / 'world.db'}"
    assert CliRunner().invoke(main, ["sample", "--database", url]).exit_code == 0
    return url


def _one_line(result: Result, *says: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is not None
    assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output
    for words in says:
        assert words in result.output, result.output


def _left(tmp_path: Path) -> list[str]:
    """What a failed command left in ``tmp_path``: nothing but what the test put there."""
    return sorted(p.name for p in tmp_path.iterdir())


def test_an_export_under_a_file_is_refused_and_makes_nothing(world: str, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = CliRunner().invoke(
        main, ["export", str(tmp_path / "a-file" / "out"), "--database", world]
    )
    _one_line(result, "cannot export into")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "a-file"), "--database", world])
    _one_line(result, "is a file, not a folder")
    assert _left(tmp_path) == ["a-file"]


def test_sample_to_csv_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = CliRunner().invoke(main, ["sample", "--to-csv", str(tmp_path / "a-file" / "world")])
    _one_line(result, "cannot export into")
    assert _left(tmp_path) == ["a-file"]


def test_an_export_into_a_folder_holding_files_needs_force(world: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "calls.csv").write_text("mine")
    (out / "notes.txt").write_text("mine too")
    refused = CliRunner().invoke(main, ["export", str(out), "--database", world])
    _one_line(refused, "already holds files", "--force")
    assert (out / "calls.csv").read_text() == "mine" and len(list(out.iterdir())) == 2
    forced = CliRunner().invoke(main, ["export", str(out), "--force", "--database", world])
    assert forced.exit_code == 0, forced.output
    assert (out / "calls.csv").read_text().startswith("call_id,")
    assert (out / "notes.txt").read_text() == "mine too"  # only files of the export's names
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_an_export_into_an_empty_folder_needs_no_force(world: str, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    result = CliRunner().invoke(main, ["export", str(out), "--database", world])
    assert result.exit_code == 0, result.output
    assert (out / "calls.csv").exists()


def test_a_workbook_already_there_needs_force(world: str, tmp_path: Path) -> None:
    book = tmp_path / "camp.xlsx"
    book.write_bytes(b"mine")
    args = ["export", str(book), "--excel", "--database", world]
    _one_line(CliRunner().invoke(main, args), "already exists", "--force")
    assert book.read_bytes() == b"mine"
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0
    assert book.read_bytes()[:2] == b"PK"  # an xlsx is a zip


@pytest.mark.parametrize(
    ("place", "says"),
    [
        (
            lambda tmp: ["--database", f"sqlite:///{tmp / 'a-file' / 'crm.db'}"],
            "cannot keep the database",
        ),
        (lambda tmp: ["--database", "postgresql://postgres@127.0.0.1:abc/crm"], "is not valid"),
    ],
    ids=["database under a file", "port that is no number"],
)
def test_a_database_that_cannot_be_placed_is_one_line(
    tmp_path: Path, place: Callable[[Path], list[str]], says: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    _one_line(CliRunner().invoke(main, ["info", *place(tmp_path)]), says)
    assert _left(tmp_path) == ["a-file"]


def test_a_data_folder_that_is_a_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "a-file"))
    _one_line(CliRunner().invoke(main, ["info"]), "cannot keep the database", "WORKBENCH_DATA_DIR")


@pytest.mark.parametrize(
    "command", [["info"], ["export", "OUT"], ["export", "OUT/w.xlsx", "--excel"]]
)
def test_a_database_missing_a_table_is_one_line_and_nothing_is_written(
    world: str, tmp_path: Path, command: list[str]
) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(Path(world.removeprefix("sqlite:///")).read_bytes())
    with sqlite3.connect(damaged) as conn:
        conn.execute("DROP TABLE sale")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    result = CliRunner().invoke(main, [*args, "--database", f"sqlite:///{damaged}"])
    _one_line(result, "missing a workbench table", "sale")
    # SQLite's own -wal and -shm files beside the database are not the export's
    assert [n for n in _left(tmp_path) if not n.endswith(("-wal", "-shm"))] == ["damaged.db"]


def test_a_folder_named_with_a_line_break_is_still_one_line(world: str, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = CliRunner().invoke(
        main, ["export", str(tmp_path / "a-file" / "two\nlines"), "--database", world]
    )
    _one_line(result, "two\\nlines")
