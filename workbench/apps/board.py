"""The trainer's live board: who is where, who is stuck, and the camp's common mistakes.

It reads the gradebook (:func:`~workbench.training.board.read_board`) and refreshes in place
every few seconds without reloading the page, whether twenty trainees write to one camp
server or the trainer imported their laptops' results. Chinese or English, offline.
"""

from __future__ import annotations

import asyncio
import base64
import html
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from workbench.config import Settings
from workbench.db.engine import Database, connect
from workbench.i18n import text
from workbench.training.board import Board, read_board
from workbench.training.camps import list_camps
from workbench.training.exercises import EXERCISES, MODULES
from workbench.training.report import write_report
from workbench.widgets import language_switch

__all__ = ["REFRESH_SECONDS", "BoardApp", "build"]

#: How often the board reads the gradebook again.
REFRESH_SECONDS = 5.0

_PASSED, _TRYING, _STUCK = "#d4edda", "#fff3cd", "#f8d7da"
#: The tables' spacing: without it names, scores and headings run into each other.
_STYLE = (
    "<style>.workbench-board, .workbench-mistakes { border-collapse: collapse; }"
    " .workbench-board :is(th, td), .workbench-mistakes :is(th, td)"
    " { padding: 4px 8px; border: 1px solid #fff; text-align: left; vertical-align: middle; }"
    "</style>"
)


class BoardApp:
    """The board's state: the camp shown, the module filter, and the last reading."""

    def __init__(self, settings: Settings, db: Database, *, interval: float = REFRESH_SECONDS):
        self.settings, self.db, self.interval = settings, db, interval
        self.language = language_switch(settings.lang)
        camps = list_camps(db)
        open_camps = list(camps.loc[camps["status"] == "open", "code"]) or list(camps["code"])
        chosen = settings.camp if settings.camp in open_camps else None
        self.camp = widgets.Dropdown(
            options=open_camps, value=chosen or (open_camps[-1] if open_camps else None)
        )
        self.module = widgets.Dropdown(options=[("", "")], value="")
        self.header, self.grid, self.mistakes = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.report = widgets.HTML()
        self.report_button = widgets.Button()
        self._report_lang = ""
        self.report_button.on_click(lambda _b: self.make_report())
        self.board: Board | None = None
        self._task: asyncio.Task[None] | None = None
        for control in (self.language, self.camp, self.module):
            control.observe(lambda _c: self.show(), "value")
        self.widget = widgets.VBox(
            [
                self.language,
                widgets.HBox([self.camp, self.module]),
                self.header,
                self.grid,
                self.mistakes,
                widgets.HBox([self.report_button, self.report]),
            ],
            layout=widgets.Layout(max_width="1200px"),
        )
        self.refresh()

    @property
    def lang(self) -> str:
        """The language the board shows."""
        return str(self.language.value)

    def refresh(self) -> None:
        """Read the gradebook again and show it."""
        if self.camp.value:
            self.board = read_board(
                self.db,
                str(self.camp.value),
                stuck_attempts=self.settings.stuck_attempts,
                stuck_minutes=self.settings.stuck_minutes,
            )
        self.show()

    def start(self) -> None:
        """Refresh every ``interval`` seconds while the kernel runs (in Voila, JupyterLab)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a test, a script): refresh() by hand
            return
        if self._task is None:
            self._task = loop.create_task(self._tick())

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            self.refresh()

    # --- display -------------------------------------------------------------------------

    def show(self) -> None:
        """Render the last reading in the chosen language and module."""
        lang = self.lang
        self.camp.description = text("board.camp", lang)
        self.module.description = text("board.module", lang)
        modules = [(text("board.all_modules", lang), "")] + [
            (f"{m} {title(lang)}", m) for m, (title, _f) in MODULES.items()
        ]
        if list(self.module.options) != modules:
            keep = self.module.value
            self.module.options = modules
            self.module.value = keep if keep in dict(modules).values() else ""
        if self.board is None:
            self.header.value = f"<p>{html.escape(text('board.no_camp', lang))}</p>"
            self.grid.value = self.mistakes.value = self.report.value = ""
            return
        board, module = self.board, str(self.module.value or "")
        stuck = board.trainees[board.trainees["stuck"]]
        self.header.value = (
            f"<h2>{html.escape(text('board.title', lang, camp=board.camp))}</h2>"
            f"<p>{html.escape(text('board.summary', lang, trainees=len(board.trainees), stuck=len(stuck), at=f'{board.at:%H:%M:%S}'))}</p>"  # noqa: E501
        )
        self.grid.value = _STYLE + _grid(board, module, lang)
        self.mistakes.value = _mistakes(board, module, lang)
        self.report_button.description = text("board.make_report", lang)
        if self.report.value and self._report_lang != lang:
            self.make_report()

    def make_report(self) -> None:
        """Make the completion report now and offer it as a download."""
        self.report.value = self._report_link(self.lang)
        self._report_lang = self.lang

    def _report_link(self, lang: str) -> str:
        """A link that downloads the completion report (made now, carried in the page)."""
        with tempfile.TemporaryDirectory() as tmp:
            page, _csv = write_report(self.db, str(self.camp.value), Path(tmp))
            data = base64.b64encode(page.read_bytes()).decode("ascii")
        label = html.escape(text("board.report", lang))
        return (
            f"<p><a download='report-{html.escape(str(self.camp.value))}.html' "
            f"href='data:text/html;base64,{data}'>{label}</a></p>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]


def _exercises(module: str) -> list[str]:
    return [e for e in EXERCISES if not module or e.startswith(module + ".")]


def _grid(board: Board, module: str, lang: str) -> str:
    shown = _exercises(module)
    head = "".join(f"<th>{html.escape(e)}</th>" for e in shown)
    cells = board.cells.set_index(["employee_id", "exercise_id"])
    rows = []
    for person in board.trainees.itertuples():
        tds = []
        for exercise_id in shown:
            key = (person.employee_id, exercise_id)
            if key not in cells.index:
                tds.append("<td style='color:#999'>–</td>")
                continue
            c = cells.loc[key]
            colour = _PASSED if c["passed"] else _TRYING
            tip = text(
                "board.cell", lang, attempts=int(c["attempts"]), minutes=f"{c['minutes']:.0f}",
                hints=int(c["hints"]),
            )  # fmt: skip
            tds.append(
                f"<td style='background:{colour}' title='{html.escape(tip)}'>"
                f"{c['best']:g}/{int(c['points'])}<br><small>{html.escape(tip)}</small></td>"
            )
        last = "" if pd.isna(person.last) else f"{person.last:%H:%M}"
        flag = (
            f"<b>{html.escape(text('board.stuck', lang, why=_why(board, person, lang)))}</b>"
            if person.stuck
            else ""
        )
        style = f" style='background:{_STUCK}'" if person.stuck else ""
        rows.append(
            f"<tr{style}><td>{html.escape(person.employee_id)}</td><td>{html.escape(person.name)}</td>"
            + "".join(tds)
            + f"<td>{person.done}/{len(EXERCISES)}</td><td>{person.score:g}</td><td>{last}</td>"
            f"<td>{flag}</td></tr>"
        )
    headings = [text(f"board.{k}", lang) for k in ("employee_id", "name")]
    tail = [text(f"board.{k}", lang) for k in ("done", "score", "last", "flag")]
    return (
        "<table class='workbench-board'><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in headings)
        + head
        + "".join(f"<th>{html.escape(h)}</th>" for h in tail)
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )


def _why(board: Board, person: Any, lang: str) -> str:
    """Why a trainee is flagged: the exercise they are stuck at, or how long they are idle."""
    if person.why in EXERCISES or pd.isna(person.last):
        return str(person.why)
    idle = (board.at - person.last).total_seconds() / 60
    return text("board.idle", lang, minutes=f"{idle:.0f}")


def _check(exercise_id: str, check_id: str, lang: str) -> str:
    """What a check looks at (``医院名称``, ``hospital name``), else its id."""
    spec = EXERCISES.get(exercise_id)
    about = {c.id: c.about(lang) for c in spec.checks} if spec is not None else {}
    return about.get(check_id, check_id)


def _mistakes(board: Board, module: str, lang: str) -> str:
    table = board.mistakes
    if module:
        table = table[table["exercise_id"].str.startswith(module + ".")]
    title = f"<h3>{html.escape(text('board.mistakes', lang))}</h3>"
    if table.empty:
        return title + f"<p>{html.escape(text('board.no_mistakes', lang))}</p>"
    message = "message_zh" if lang == "zh" else "message_en"
    rows = "".join(
        f"<tr><td>{html.escape(r.exercise_id)}</td>"
        f"<td>{html.escape(_check(r.exercise_id, r.check_id, lang))}</td>"
        f"<td>{html.escape(getattr(r, message))}</td>"
        f"<td>{r.trainees}</td><td>{r.times}</td></tr>"
        for r in table.head(12).itertuples()
    )
    heads = [
        text(f"board.{k}", lang) for k in ("exercise", "check", "message", "trainees", "times")
    ]
    return (
        title
        + "<table class='workbench-mistakes'><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in heads)
        + f"</tr>{rows}</table>"
    )


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The trainer's board over the camps in the main store, refreshing itself."""
    app = BoardApp(settings, db if db is not None else connect(settings=settings))
    app.start()
    app.widget.board = app
    return app.widget
