"""A trainee at work: their sandbox, their journal, and the exercise in front of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
from sqlalchemy import select

from workbench import forms
from workbench.config import Settings
from workbench.errors import MissingEntry, Unsupported
from workbench.forms.base import EntryForm
from workbench.i18n import text
from workbench.training.context import Context, persona
from workbench.training.exercises import EXERCISES, MODULES
from workbench.training.exercises._world import rep_name, territory
from workbench.training.journal import Journal
from workbench.training.sandbox import open_sandbox, slug, training_dir, undo
from workbench.training.spec import Check, Exercise, Result
from workbench.training.workspace import restore_cells, workspace_notebook
from workbench.widgets import language_switch

__all__ = ["Feedback", "Overview", "Practice", "Trainee", "open_trainee"]


def open_trainee(
    name: str | None = None, *, settings: Settings | None = None, solutions: bool = False
) -> Trainee:
    """The trainee ``name``, with their sandbox created from the camp world on first use.

    ``settings`` default to :class:`~workbench.Settings`' defaults; a module notebook's
    first cell passes ``Settings.from_env()``. ``solutions`` is for the harness that runs
    the modules (tests, a trainer's demonstration): every exercise opened enters its
    reference solution.

    Parameters
    ----------
    name
        The trainee's name; by default the ``trainee`` setting, else the computer's user.
    settings
        Where the sandbox and the journal live.
    solutions
        Enter each exercise's reference solution when it is opened.

    Returns
    -------
    Trainee
        The trainee, registered in the journal, with their sandbox open.

    Raises
    ------
    ConfigError
        The name is blank, or a setting (such as the database URL) is malformed.
    StoreUnavailable
        The sandbox's or journal's database cannot be reached or created.
    StoreRefused
        The sandbox's or journal's database refused to be created or written.
    """
    settings = settings if settings is not None else Settings()
    name = name or settings.trainee or getpass.getuser()
    return Trainee(name, settings=settings, solutions=solutions)


class Trainee:
    """One trainee: ``db`` is their sandbox, ``rep_id`` the rep they play in it.

    ``solutions``: every exercise opened enters its reference solution (the modules' test
    harness sets it; trainees never do).
    """

    def __init__(self, name: str, *, settings: Settings, solutions: bool = False) -> None:
        self.solutions = solutions
        self.name = name.strip()
        self.slug = slug(self.name)
        self.settings = settings
        self.lang = settings.lang
        self.db = open_sandbox(settings, self.slug)
        self.journal = Journal(settings)
        self.id = self.journal.trainee(self.name, self.slug)
        self.rep_id = persona(self.db)
        with self.db.session() as session:
            self.rep = rep_name(session, self.rep_id)

    def __repr__(self) -> str:
        return f"Trainee({self.name!r}, plays rep {self.rep_id}, sandbox={self.db.url})"

    def _repr_html_(self) -> str:
        return text(
            "train.trainee", self.lang, name=html.escape(self.name), rep=html.escape(self.rep)
        )

    def exercise(self, exercise_id: str) -> Practice:
        """Open an exercise: its scenario, form, checks and hints.

        Raises
        ------
        MissingEntry
            No exercise has the id ``exercise_id``.
        """
        if exercise_id not in EXERCISES:
            raise MissingEntry(
                f"exercise {exercise_id!r} does not exist; the exercises are {', '.join(EXERCISES)}"
            )
        return Practice(self, EXERCISES[exercise_id])

    def progress(self) -> pd.DataFrame:
        """The trainee's progress, one row per exercise.

        Each exercise: module, title, points, attempts, best submitted score, hints used,
        whether it is done (submitted with every check passing) and when it was last tried.
        """
        history = self.journal.history(self.id)
        rows = []
        for exercise in EXERCISES.values():
            mine = history[history["exercise_id"] == exercise.id]
            submitted = mine[mine["kind"] == "submit"]
            best = float(submitted["score"].max()) if len(submitted) else 0.0
            rows.append(
                {
                    "module": exercise.module,
                    "exercise": exercise.id,
                    "title": exercise.title(self.lang),
                    "points": exercise.points,
                    "attempts": len(mine),
                    "best": best,
                    "hints": int(mine["hints_used"].max()) if len(mine) else 0,
                    "done": bool(len(submitted)) and best >= exercise.points,
                    "last": mine["at"].max() if len(mine) else pd.NaT,
                }
            )
        return pd.DataFrame(rows)

    def overview(self, module: str | None = None) -> Overview:
        """Progress per module (or one module's exercises): done, points, attempts."""
        return Overview(self.progress(), module, self.lang, self.name)

    def territory(self, days: int = 90) -> pd.DataFrame:
        """The trainee's doctors, highest potential first.

        Each doctor's hospital, department, potential (and its rank), and their calls in the
        last ``days`` days.
        """
        with self.db.session() as session:
            rows = territory(session, self.rep_id, dt.date.today(), days)
        return pd.DataFrame(rows).set_index("doctor_id")

    def departments(self, hospital_id: int) -> pd.DataFrame:
        """A hospital's departments in the sandbox: id, name, specialty."""
        from workbench.db.models import Department

        with self.db.session() as session:
            rows = session.execute(
                select(Department.department_id, Department.name, Department.specialty)
                .where(Department.hospital_id == hospital_id)
                .order_by(Department.department_id)
            ).all()
        return pd.DataFrame(rows, columns=["department_id", "name", "specialty"])

    def invitations(self, limit: int = 8) -> pd.DataFrame:
        """The latest invitations in the sandbox: event, its day, doctor, inviting rep."""
        from workbench.db.models import Doctor, Event, Invitation, Rep

        with self.db.session() as session:
            rows = session.execute(
                select(Event.name, Event.held_on, Doctor.name, Rep.name)
                .join(Invitation, Invitation.event_id == Event.event_id)
                .join(Doctor, Doctor.doctor_id == Invitation.doctor_id)
                .join(Rep, Rep.rep_id == Invitation.rep_id)
                .order_by(Event.held_on.desc(), Doctor.name)
                .limit(limit)
            ).all()
        return pd.DataFrame(rows, columns=["event", "held_on", "doctor", "invited_by"])

    def completeness(self) -> pd.Series:
        """How many of the trainee's doctors there are, and how many lack a mobile."""
        from workbench.db.models import Doctor

        ids = [int(i) for i in self.territory().index]
        with self.db.session() as session:
            mobiles = session.scalars(select(Doctor.mobile).where(Doctor.doctor_id.in_(ids))).all()
        return pd.Series({"doctors": len(mobiles), "no_mobile": sum(1 for m in mobiles if not m)})

    def close(self) -> None:
        """Close the sandbox and the journal."""
        self.db.close()
        self.journal.close()


@dataclasses.dataclass(frozen=True)
class Feedback:
    """What one check or submission found."""

    exercise: Exercise
    results: Sequence[tuple[Check, Result]]
    submitted: bool
    lang: str = "zh"

    @property
    def fraction(self) -> float:
        """Share of the exercise's weight earned by the checks that ran."""
        total = sum(c.weight for c, _ in self.results)
        return sum(c.weight * r.score for c, r in self.results) / total

    @property
    def score(self) -> float:
        """Points earned; a check earns only the visible checks' share of the points."""
        total = sum(c.weight for c in self.exercise.checks)
        earned = sum(c.weight * r.score for c, r in self.results)
        return round(self.exercise.points * earned / total, 2)

    @property
    def hidden_remaining(self) -> int:
        """How many hidden checks are still to run: none once submitted."""
        return 0 if self.submitted else len(self.exercise.hidden)

    @property
    def ok(self) -> bool:
        """Whether every check that ran passed."""
        return all(r.ok for _, r in self.results)

    def summary(self, lang: str | None = None) -> str:
        """One line on the outcome: checks passed, or the score and how many went wrong."""
        lang = lang or self.lang
        points = self.exercise.points
        if self.hidden_remaining and self.ok:
            return text(
                "train.visible_pass", lang, n=len(self.results), hidden=self.hidden_remaining
            )
        if self.ok:
            return text("train.all_pass", lang, n=len(self.results), points=points)
        wrong = sum(not r.ok for _, r in self.results)
        key = "train.submitted" if self.submitted else "train.checked"
        return text(key, lang, score=f"{self.score:g}", points=points, wrong=wrong)

    def lines(self, lang: str | None = None) -> list[tuple[bool, str]]:
        """(passed, "what: message") per check; checks saying the same thing share a line."""
        lang = lang or self.lang
        merged: dict[tuple[bool, str], list[str]] = {}
        for check, result in self.results:
            merged.setdefault((result.ok, result.text(lang)), []).append(check.about(lang))
        sep = "、" if lang == "zh" else ", "
        return [(ok, f"{sep.join(abouts)}: {message}") for (ok, message), abouts in merged.items()]

    def text(self, lang: str | None = None) -> str:
        """The summary and a ✓ or ✗ line per check, as plain text."""
        marks = "\n".join(f"{'✓' if ok else '✗'} {line}" for ok, line in self.lines(lang))
        return f"{self.summary(lang)}\n{marks}"

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li style='color:{'#1e7e34' if ok else '#b00020'}'>{'✓' if ok else '✗'} "
            f"{html.escape(line)}</li>"
            for ok, line in self.lines()
        )
        return (
            f"<div class='workbench-feedback'><b>{html.escape(self.summary())}</b>"
            f"<ul>{items}</ul></div>"
        )


class Practice:
    """An exercise opened by a trainee.

    Display it in a notebook for the scenario card (check, submit, hint and reset buttons,
    a 中文 / English switch) with the exercise's form under it; or call ``check()``,
    ``submit()``, ``hint()`` and ``reset()`` directly. Every check and submission is an
    attempt in the journal; hints unlock after the number of attempts each names.
    """

    def __init__(self, trainee: Trainee, exercise: Exercise) -> None:
        self.trainee, self.exercise = trainee, exercise
        self.journal = trainee.journal
        self.ctx = Context(
            trainee.db, exercise_id=exercise.id, trainee=trainee.slug, rep_id=trainee.rep_id
        )
        self.round, self._undone_through = self.journal.round(trainee.id, exercise.id)
        exercise.setup(self.ctx)
        self.ctx.facts = exercise.facts(self.ctx)
        self.last: Feedback | None = None
        self._form: EntryForm | None = None
        if trainee.solutions and not all(r.ok for _, r in self._run(hidden=True)):
            exercise.solve(self.ctx)
        self._build_widgets()

    def __repr__(self) -> str:
        return f"Practice({self.exercise.id!r}, trainee={self.trainee.name!r})"

    @property
    def facts(self) -> dict[str, Any]:
        """The people and places the scenario names, in this sandbox's world."""
        return self.ctx.facts

    @property
    def lang(self) -> str:
        """The language chosen with the switch: ``"zh"`` or ``"en"``."""
        return str(self.language.value)

    @property
    def attempts(self) -> int:
        """Checks and submissions made in this round."""
        return self.journal.attempts(self.trainee.id, self.exercise.id, self.round)

    @property
    def hints_used(self) -> int:
        """Hints shown in this round."""
        return self.journal.hints_used(self.trainee.id, self.exercise.id, self.round)

    def scenario(self, lang: str | None = None) -> str:
        """The scenario card's text, with this sandbox's facts filled in."""
        return self.exercise.scenario(lang or self.lang, **self.facts)

    # --- entering ----------------------------------------------------------------------

    def form(self) -> EntryForm:
        """The exercise's entry form over the sandbox; each save is checked at once.

        Raises
        ------
        Unsupported
            The exercise has no form; it is done in its notebook.
        """
        if self.exercise.form is None:
            raise Unsupported(f"exercise {self.exercise.id} has no form; use its notebook")
        if self._form is None:
            settings = dataclasses.replace(
                self.trainee.settings,
                data_dir=training_dir(self.trainee.settings) / self.trainee.slug,
            )
            build = getattr(forms, f"{self.exercise.form}_form")
            form: EntryForm = build(
                self.trainee.db, lang=self.lang, actor=self.ctx.actor, settings=settings
            )
            if "rep_id" in form.fields:
                form.fields["rep_id"].value = self.trainee.rep_id
            if self.exercise.edits is not None:
                form.edit(int(self.facts[self.exercise.edits]))
            for button in (form.save_button, form.anyway_button):
                button.on_click(lambda _b: form.saved_id is not None and self.check())
            self.language.observe(
                lambda change: setattr(form.language, "value", change.new), "value"
            )
            self._form = form
        return self._form

    def save(self, kind: str, data: dict[str, Any], *, accept_warnings: bool = False) -> int:
        """Enter data in code rather than through the form."""
        return self.ctx.save(kind, data, accept_warnings=accept_warnings)

    # --- grading -----------------------------------------------------------------------

    def _run(self, *, hidden: bool) -> list[tuple[Check, Result]]:
        checks = self.exercise.checks if hidden else self.exercise.visible
        return [(check, check.run(self.ctx)) for check in checks]

    def _grade(self, *, submit: bool) -> Feedback:
        feedback = Feedback(self.exercise, self._run(hidden=submit), submit, self.lang)
        self.journal.record(
            self.trainee.id,
            self.exercise.id,
            round=self.round,
            kind="submit" if submit else "check",
            score=feedback.score,
            points=self.exercise.points,
            hints_used=self.hints_used,
            results={c.id: [r.score, r.text("en")] for c, r in feedback.results},
        )
        self.last = feedback
        self._show()
        return feedback

    def check(self) -> Feedback:
        """Run the visible checks on what is in the sandbox now (an attempt)."""
        return self._grade(submit=False)

    def submit(self) -> Feedback:
        """Run every check, hidden ones too (an attempt); the score that counts."""
        return self._grade(submit=True)

    def hint(self) -> str:
        """The next hint, once enough attempts have unlocked it."""
        used, attempts = self.hints_used, self.attempts
        hints = self.exercise.hints
        if used >= len(hints):
            message = text("train.no_more_hints", self.lang)
            if hints:
                message += " " + "  ".join(h.text(self.lang, **self.facts) for h in hints)
        elif attempts < hints[used].after:
            message = text("train.hint_locked", self.lang, n=hints[used].after - attempts)
        else:
            self.journal.use_hint(self.trainee.id, self.exercise.id, self.round, used + 1)
            message = text("train.hint", self.lang, n=used + 1, of=len(hints)) + hints[used].text(
                self.lang, **self.facts
            )
        self.hint_box.value = f"<p>💡 {html.escape(message)}</p>"
        return message

    def reset(self) -> str:
        """Undo what the trainee entered for this exercise and start a new round.

        The exercise's starter cells are restored in their notebook; earlier attempts stay
        in the history. Returns the message shown.
        """
        through = undo(self.trainee.db, self.ctx.actor, after=self._undone_through)
        self.round += 1
        self._undone_through = through
        self.journal.reset(
            self.trainee.id, self.exercise.id, round=self.round, undone_through=through
        )
        self.exercise.setup(self.ctx)
        notebook = workspace_notebook(self.trainee.settings, self.trainee.slug, self.exercise)
        restored = notebook is not None and restore_cells(notebook, self.exercise.id)
        self.last = None
        self._show()
        message = text("train.reset", self.lang, round=self.round)
        if restored:
            message += " " + text("train.reload", self.lang)
        self.status.value = f"<p>{html.escape(message)}</p>"
        return message

    # --- display -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.language = language_switch(self.trainee.lang)
        self.card = widgets.HTML()
        self.check_button = widgets.Button(button_style="info")
        self.submit_button = widgets.Button(button_style="success")
        self.hint_button = widgets.Button()
        self.reset_button = widgets.Button(button_style="danger")
        self.panel, self.hint_box, self.status = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.submit_button.on_click(lambda _b: self.submit())
        self.hint_button.on_click(lambda _b: self.hint())
        self.reset_button.on_click(lambda _b: self.reset())
        self.language.observe(lambda _c: self._show(), "value")
        buttons = widgets.HBox(
            [self.check_button, self.submit_button, self.hint_button, self.reset_button]
        )
        self.widget = widgets.VBox(
            [self.language, self.card, buttons, self.panel, self.hint_box, self.status],
            layout=widgets.Layout(
                max_width="760px", border="1px solid #ccc", padding="8px", margin="8px 0"
            ),
        )
        self._show()

    def _show(self) -> None:
        lang, ex = self.lang, self.exercise
        self.card.value = (
            f"<h3>{html.escape(ex.id)} {html.escape(ex.title(lang))} "
            f"<small>({text('train.points', lang, points=ex.points)})</small></h3>"
            f"<p>{html.escape(self.scenario(lang))}</p>"
        )
        for button, key in (
            (self.check_button, "train.check"),
            (self.submit_button, "train.submit"),
            (self.hint_button, "train.hint_button"),
            (self.reset_button, "train.reset_button"),
        ):
            button.description = text(key, lang)
        self.panel.value = (
            dataclasses.replace(self.last, lang=lang)._repr_html_() if self.last else ""
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        parts: list[widgets.Widget] = [self.widget]
        if self.exercise.form is not None:
            parts.append(self.form().widget)
        display(widgets.VBox(parts))  # type: ignore[no-untyped-call]


@dataclasses.dataclass(frozen=True)
class Overview:
    """A trainee's progress, per module or for one module's exercises."""

    progress: pd.DataFrame
    module: str | None
    lang: str
    name: str

    def table(self) -> pd.DataFrame:
        """One row per module, or per exercise of ``module``: done, points, attempts."""
        frame = self.progress
        if self.module is not None:
            return frame[frame["module"] == self.module].set_index("exercise")[
                ["title", "points", "best", "attempts", "hints", "done"]
            ]
        grouped = frame.groupby("module", sort=True)
        table = pd.DataFrame(
            {
                "title": [MODULES[m][0](self.lang) for m in grouped.groups],
                "exercises": grouped.size().to_numpy(),
                "done": grouped["done"].sum().to_numpy(),
                "points": grouped["points"].sum().to_numpy(),
                "best": grouped["best"].sum().to_numpy(),
                "attempts": grouped["attempts"].sum().to_numpy(),
            },
            index=pd.Index(list(grouped.groups), name="module"),
        )
        return table

    def __repr__(self) -> str:
        return str(self.table().to_string())

    def _repr_html_(self) -> str:
        table = self.table()
        earned, total = float(table["best"].sum()), int(table["points"].sum())
        share = earned / total if total else 0.0
        heading = text(
            "train.overview",
            self.lang,
            name=html.escape(self.name),
            earned=f"{earned:g}",
            total=total,
            share=f"{share:.0%}",
        )
        bar = (
            "<div style='background:#eee;width:420px;height:10px'>"
            f"<div style='background:#1e7e34;width:{share * 420:.0f}px;height:10px'></div></div>"
        )
        return f"<p><b>{heading}</b></p>{bar}{table.to_html()}"
