"""Long steps show progress where someone watches, and stay quiet where no one does."""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path

import pytest
from tqdm import tqdm

import workbench
from workbench import Database
from workbench.db.export import export_tables
from workbench.progress import bar, watched

size = tqdm.format_sizeof


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_someone_watches_a_terminal_but_not_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert watched()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not watched()


def test_a_notebook_gets_the_notebook_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from tqdm.notebook import tqdm as notebook_bar

    shell = type("ZMQInteractiveShell", (), {})()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    assert watched()
    with bar(10, "cutting") as shown:
        assert isinstance(shown, notebook_bar)
        shown.update(10)


def test_a_cut_counts_every_row_it_writes_when_watched(
    camp_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = workbench.cut(camp_db, out=tmp_path, progress=True)
    shown = capsys.readouterr().err
    total = sum(made.rows.values())
    assert "cutting" in shown and "100%" in shown
    assert f"{size(total)}/{size(total)}" in shown  # the bar's total: every row


def test_a_cut_says_nothing_when_not_watched(
    camp_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbench.cut(camp_db, out=tmp_path, progress=False)
    workbench.cut(camp_db, out=tmp_path)  # under pytest stderr is no terminal
    assert capsys.readouterr().err == ""


def test_an_export_counts_every_row_it_writes_when_watched(
    camp_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = export_tables(camp_db, tmp_path, progress=True)
    shown = capsys.readouterr().err
    total = sum(files.values())
    assert "exporting" in shown and "100%" in shown
    assert f"{size(total)}/{size(total)}" in shown
    export_tables(camp_db, tmp_path / "quiet", progress=False)
    assert capsys.readouterr().err == ""
