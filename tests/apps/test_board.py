"""The trainer's board as a widget: the grid, the stuck flag, the mistakes, a module filter,
both languages, the report link, and a refresh that shows new attempts."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import re
from pathlib import Path

import workbench
from workbench import Settings
from workbench.apps import board
from workbench.training import Gradebook, open_trainee
from workbench.training.board import read_board


def _camp(tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path / "data", stuck_attempts=2)
    book = Gradebook(workbench.connect(settings=settings))
    book.open_camp("gz-2026-12", region="广州")
    book.enrol("gz-2026-12", "E1", "王小明", sandbox="wang-xiaoming-E1")
    book.enrol("gz-2026-12", "E2", "李雷", sandbox="li-lei-E2")
    book.db.close()
    return settings


def test_the_board_shows_the_camp_and_refreshes_in_place(tmp_path: Path) -> None:
    settings = _camp(tmp_path)
    widget = board.build(settings)
    app: board.BoardApp = widget.board  # type: ignore[attr-defined]
    assert app.camp.value == "gz-2026-12"
    assert "王小明" in app.grid.value and "李雷" in app.grid.value
    assert "还没有未通过的检查" in app.mistakes.value
    me = open_trainee(settings=settings, camp="gz-2026-12", employee_id="E1")
    practice = me.exercise("02.1")
    practice.check()
    practice.check()
    app.refresh()
    assert "卡住了：02.1" in app.grid.value  # two failed attempts, stuck_attempts = 2
    assert "0/20" in app.grid.value and "2 次尝试" in app.grid.value
    assert "02.1" in app.mistakes.value and "<th>检查项</th>" in app.mistakes.value
    app.language.value = "en"
    assert "stuck: 02.1" in app.grid.value and "Common mistakes" in app.mistakes.value
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"王小明|李雷", "", app.header.value))
    app.module.value = "01"
    assert "<th>02.1</th>" not in app.grid.value and "<th>01.1</th>" in app.grid.value
    assert "No failed checks yet" in app.mistakes.value
    assert app.report.value == ""  # the report is made when asked for, not every 5 s
    app.report_button.click()
    link = re.search(r"href='data:text/html;base64,([^']+)'", app.report.value)
    assert link is not None
    assert "Camp completion report: gz-2026-12" in base64.b64decode(link.group(1)).decode()
    me.close()


def test_the_board_refreshes_itself_while_the_kernel_runs(tmp_path: Path) -> None:
    settings = _camp(tmp_path)
    app = board.BoardApp(settings, workbench.connect(settings=settings), interval=0.05)
    seen: list[str] = []

    async def run() -> None:
        app.start()
        me = open_trainee(settings=settings, camp="gz-2026-12", employee_id="E2")
        me.exercise("01.1").check()
        me.close()
        for _ in range(40):
            await asyncio.sleep(0.05)
            seen.append(app.grid.value)
            if "0/10" in app.grid.value:
                break

    asyncio.run(run())
    assert "0/10" in seen[-1]  # the new attempt appeared with no refresh() by hand


def test_an_idle_trainee_is_flagged_in_the_board_language(tmp_path: Path) -> None:
    settings = _camp(tmp_path)
    me = open_trainee(settings=settings, camp="gz-2026-12", employee_id="E1")
    me.exercise("01.1").check()
    me.close()
    app = board.BoardApp(settings, workbench.connect(settings=settings))
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=30)
    app.board = read_board(app.db, "gz-2026-12", now=later, stuck_minutes=20)
    app.show()
    assert "卡住了：30 分钟没有动静" in app.grid.value and "min" not in app.grid.value
    app.language.value = "en"
    assert "stuck: idle for 30 min" in app.grid.value


def test_with_no_camp_the_board_says_how_to_make_one(tmp_path: Path) -> None:
    widget = board.build(Settings(data_dir=tmp_path / "data", lang="en"))
    app: board.BoardApp = widget.board  # type: ignore[attr-defined]
    assert "workbench camp create" in app.header.value
