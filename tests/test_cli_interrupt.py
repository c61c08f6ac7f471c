"""Ctrl-C stops a command with one line that says what it left, never a traceback, exit 130.

A sample load is one transaction: interrupted, it either left the database as it was and says
so, or had already finished and says that (with its rows), so the next run is not surprised
by a database that "is not empty".
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench.sample
from workbench import connect
from workbench.cli import main
from workbench.command import INTERRUPTED
from workbench.db import bulk


def _doctors(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM doctor").fetchone()[0])


def _interrupt_after(calls: int, real):  # type: ignore[no-untyped-def]
    seen = {"n": 0}

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["n"] += 1
        if seen["n"] == calls:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    return interrupted


def test_an_interrupted_load_says_nothing_was_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crm.db"
    connect(f"sqlite:///{path}").close()
    real = bulk._insert

    def insert(*args, **kwargs):  # type: ignore[no-untyped-def]
        if args[1].name == "call":
            raise KeyboardInterrupt
        yield from real(*args, **kwargs)

    monkeypatch.setattr(bulk, "_insert", insert)
    result = CliRunner().invoke(main, ["sample", "--database", f"sqlite:///{path}"])
    assert result.exit_code == INTERRUPTED
    assert result.output.strip() == (
        "interrupted (Ctrl-C): nothing was loaded; the database is as it was"
    )
    assert _doctors(path) == 0


def test_a_load_interrupted_after_its_commit_says_it_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crm.db"
    real = workbench.sample.load_sample

    def loaded_then_interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)
        raise KeyboardInterrupt  # after the commit, before the command could say so

    monkeypatch.setattr(workbench.sample, "load_sample", loaded_then_interrupted)
    result = CliRunner().invoke(main, ["sample", "--database", f"sqlite:///{path}"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "interrupted (Ctrl-C) after the load had finished:"
    assert lines[1].startswith("loaded the camp world (seed 0)") and "16,775 rows" in lines[1]
    assert _doctors(path) == 600


def test_a_replace_interrupted_keeps_the_old_world_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crm.db"
    url = f"sqlite:///{path}"
    assert CliRunner().invoke(main, ["sample", "--database", url]).exit_code == 0
    monkeypatch.setattr(bulk, "_insert", _interrupt_after(3, bulk._insert))
    result = CliRunner().invoke(main, ["sample", "--database", url, "--seed", "1", "--replace"])
    assert result.exit_code == INTERRUPTED, result.output
    assert "nothing was loaded" in result.output
    assert _doctors(path) == 600
    with sqlite3.connect(path) as conn:
        notes = [r[0] for r in conn.execute("SELECT detail FROM audit WHERE action = 'load'")]
    assert len(notes) == 1 and "seed=0" in notes[0]


def test_any_other_command_interrupted_is_one_line_in_the_terminal_s_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.cli as cli

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "open_database", interrupted)
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    result = CliRunner().invoke(main, ["info"])
    assert result.exit_code == INTERRUPTED
    assert result.output.strip() == "已中断（Ctrl-C）"


@pytest.mark.parametrize("after", [0.6, 1.2, 2.0, 3.0])
def test_ctrl_c_at_any_moment_of_a_real_load_is_one_line(after: float, tmp_path: Path) -> None:
    """A real SIGINT, while the command imports, builds the world or loads it: one line, and
    what it says is what the database holds."""
    path = tmp_path / "crm.db"
    env = {**os.environ, "WORKBENCH_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "workbench", "sample", "--database", f"sqlite:///{path}"]
    connect(f"sqlite:///{path}").close()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    out, err = (s.decode() for s in process.communicate(timeout=120))
    assert "Traceback" not in err, err
    if "16,775 rows" in out:  # the load finished (the signal may have met the exit itself)
        assert process.returncode in (0, -signal.SIGINT) and _doctors(path) == 600
    elif process.returncode == -signal.SIGINT:
        # the signal came before Python had started (a loaded machine): nothing ran at all
        assert not out and not err and _doctors(path) == 0
    else:
        assert process.returncode == INTERRUPTED, err
        assert err.strip().startswith("interrupted (Ctrl-C)") and err.count("\n") <= 2, err
        assert _doctors(path) == 0
