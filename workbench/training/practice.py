"""A trainee at work: their sandbox, their gradebook entry, and the exercise in front of them.

Nothing here draws a widget: the exercise card (:mod:`workbench.forms.card`) is the screen
over a :class:`Practice`, and every grade goes through :func:`~workbench.training.grade`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select

from workbench.config import Settings
from workbench.db.engine import connect
from workbench.db.gradebook import TRAINEE_NAME_LENGTH
from workbench.errors import ConfigError
from workbench.i18n import text
from workbench.training.carryover import carry_over_journal
from workbench.training.context import persona
from workbench.training.exercises import EXERCISES, MODULES
from workbench.training.exercises._world import rep_name, territory
from workbench.training.gradebook import SELF_STUDY, Enrolment, Gradebook, self_study_id
from workbench.training.grading import Feedback, exercise, prepare, run_checks
from workbench.training.roster import sandbox_name
from workbench.training.sandbox import open_sandbox, sandbox_dir, undo
from workbench.training.spec import Exercise
from workbench.training.workspace import restore_cells, workspace_notebook

__all__ = ["Overview", "Practice", "Trainee", "open_trainee"]


def open_trainee(
    name: str | None = None,
    *,
    settings: Settings | None = None,
    camp: str | None = None,
    employee_id: str | None = None,
    solutions: bool = False,
) -> Trainee:
    """A trainee with their sandbox open, created from the camp world on first use.

    In a camp, the trainee is the one with ``employee_id`` on the camp's roster. On their
    own, the trainee is ``name`` (default: the ``trainee`` setting, else the computer's
    user), enrolled in the self-study camp on first use. ``settings`` default to
    :class:`~workbench.Settings`' defaults; a module notebook's first cell passes
    ``Settings.from_env()``. ``solutions`` is for the harness that runs the modules (tests,
    a trainer's demonstration): every exercise opened enters its reference solution.

    Parameters
    ----------
    name
        The trainee's name, for a trainee outside a camp.
    settings
        Where the main store (and its gradebook) and the sandboxes live.
    camp, employee_id
        The camp and the trainee's employee id on its roster.
    solutions
        Enter each exercise's reference solution when it is opened.

    Returns
    -------
    Trainee
        The trainee, enrolled in the gradebook, with their sandbox open.

    Raises
    ------
    ConfigError
        The name is blank or longer than the gradebook keeps, only one of camp and
        employee id is given, or a setting (such as the database URL) is malformed.
    MissingEntry
        The camp has no trainee with that employee id.
    StoreUnavailable, StoreRefused
        The main store or the sandbox's database cannot be reached, created or written.
    """
    settings = settings if settings is not None else Settings()
    if camp is None and employee_id is None and name is None:
        camp, employee_id = settings.camp, settings.employee_id
    if (camp is None) != (employee_id is None):
        raise ConfigError(key="error.trainee.camp_and_id")
    who = ""
    if camp is None:  # on one's own: the name is checked before anything is opened
        who = (name or settings.trainee or getpass.getuser() or "").strip()
        if not who:
            raise ConfigError(key="error.trainee.no_name")
        if len(who) > TRAINEE_NAME_LENGTH:
            raise ConfigError(
                key="error.trainee.name_too_long", most=TRAINEE_NAME_LENGTH, length=len(who)
            )
    store = connect(settings=settings)
    try:
        gradebook = Gradebook(store)
        carry_over_journal(settings, gradebook)
        if camp is not None and employee_id is not None:
            enrolment = gradebook.trainee(camp, employee_id)
        else:
            found = gradebook.find(SELF_STUDY, self_study_id(who))
            enrolment = found or gradebook.enrol(
                SELF_STUDY,
                self_study_id(who),
                who,
                sandbox=sandbox_name(who, self_study_id(who)),
            )
        return Trainee(enrolment, gradebook, settings=settings, solutions=solutions)
    except BaseException:
        store.close()
        raise


class Trainee:
    """One trainee: ``db`` is their sandbox, ``rep_id`` the rep they play in it.

    ``gradebook`` keeps their attempts in the main store. ``solutions``: every exercise
    opened enters its reference solution (the modules' test harness sets it; trainees
    never do).
    """

    def __init__(
        self,
        enrolment: Enrolment,
        gradebook: Gradebook,
        *,
        settings: Settings,
        solutions: bool = False,
    ) -> None:
        self.enrolment = enrolment
        self.gradebook = gradebook
        self.solutions = solutions
        self.name = enrolment.name
        self.sandbox = enrolment.sandbox
        self.id = enrolment.trainee_id
        self.settings = settings
        self.lang = settings.lang
        self.db = open_sandbox(settings, self.sandbox)
        self.rep_id = persona(self.db)
        with self.db.session() as session:
            self.rep = rep_name(session, self.rep_id)

    @property
    def folder(self) -> Path:
        """The trainee's own folder: notebooks, drafts and (on a laptop) the sandbox."""
        return sandbox_dir(self.settings, self.sandbox)

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
        return Practice(self, exercise(exercise_id))

    def progress(self) -> pd.DataFrame:
        """The trainee's progress, one row per exercise.

        Each exercise: module, title, points, attempts, best submitted score, hints used,
        whether it is done (submitted with every check passing) and when it was last tried.
        """
        history = self.gradebook.history(self.id)
        rows = []
        for spec in EXERCISES.values():
            mine = history[history["exercise_id"] == spec.id]
            submitted = mine[mine["kind"] == "submit"]
            best = float(submitted["score"].max()) if len(submitted) else 0.0
            rows.append(
                {
                    "module": spec.module,
                    "exercise": spec.id,
                    "title": spec.title(self.lang),
                    "points": spec.points,
                    "attempts": len(mine),
                    "best": best,
                    "hints": int(mine["hints_used"].max()) if len(mine) else 0,
                    "done": bool(len(submitted)) and best >= spec.points,
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
        """Close the sandbox and the main store."""
        self.db.close()
        self.gradebook.db.close()


class Practice:
    """An exercise opened by a trainee: its scenario, and check, submit, hint and reset.

    Every check and submission is graded by :func:`~workbench.training.grade`'s parts and
    kept in the gradebook as an attempt; hints unlock after the number of attempts each
    names. The exercise card (:func:`workbench.forms.exercise_card`) is its screen.
    """

    def __init__(self, trainee: Trainee, spec: Exercise) -> None:
        self.trainee, self.exercise = trainee, spec
        self.gradebook = trainee.gradebook
        self.ctx = prepare(trainee.db, spec, trainee=trainee.sandbox, rep_id=trainee.rep_id)
        self.round, self._undone_through = self.gradebook.round(trainee.id, spec.id)
        self.last: Feedback | None = None
        self._reset_callbacks: list[Callable[[], None]] = []
        if trainee.solutions and not all(r.ok for _, r in run_checks(self.ctx, spec, hidden=True)):
            spec.solve(self.ctx)

    def __repr__(self) -> str:
        return f"Practice({self.exercise.id!r}, trainee={self.trainee.name!r})"

    @property
    def facts(self) -> dict[str, Any]:
        """The scenario's people and places in this trainee's world."""
        return self.ctx.facts

    @property
    def lang(self) -> str:
        """The language the trainee reads first."""
        return self.trainee.lang

    def on_reset(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` each time the exercise starts again (its screen clears itself)."""
        self._reset_callbacks.append(callback)

    @property
    def attempts(self) -> int:
        """Attempts in the current round: each time what was entered is graded.

        A check, a submission, and (on the exercise card) each save that goes through, since
        a save is checked at once. A save refused for its problems writes nothing and is not
        graded, so it is no attempt.
        """
        return self.gradebook.attempts(self.trainee.id, self.exercise.id, self.round)

    @property
    def hints_used(self) -> int:
        """Hints seen in the current round."""
        return self.gradebook.hints_used(self.trainee.id, self.exercise.id, self.round)

    @property
    def drafts(self) -> Path:
        """Where the exercise's form keeps an unsaved draft: the trainee's own folder."""
        return self.trainee.folder

    def scenario(self, lang: str | None = None) -> str:
        """The exercise's scenario, with this world's names filled in."""
        return self.exercise.scenario(lang or self.lang, **self.facts)

    def save(self, kind: str, data: dict[str, Any], *, accept_warnings: bool = False) -> int:
        """Enter data in code rather than through the form."""
        return self.ctx.save(kind, data, accept_warnings=accept_warnings)

    def _grade(self, *, submit: bool, lang: str | None) -> Feedback:
        results = run_checks(self.ctx, self.exercise, hidden=submit)
        feedback = Feedback(self.exercise, results, submit, lang or self.lang)
        self.gradebook.record(
            self.trainee.id, feedback, round=self.round, hints_used=self.hints_used
        )
        self.last = feedback
        return feedback

    def check(self, lang: str | None = None) -> Feedback:
        """Run the visible checks on what is in the sandbox now (an attempt)."""
        return self._grade(submit=False, lang=lang)

    def submit(self, lang: str | None = None) -> Feedback:
        """Run every check, hidden ones too (an attempt); the score that counts."""
        return self._grade(submit=True, lang=lang)

    def hint(self, lang: str | None = None) -> str:
        """The next hint, once enough attempts have unlocked it."""
        lang = lang or self.lang
        used, attempts = self.hints_used, self.attempts
        hints = self.exercise.hints
        if used >= len(hints):
            message = text("train.no_more_hints", lang)
            if hints:
                message += " " + "  ".join(h.text(lang, **self.facts) for h in hints)
        elif attempts < hints[used].after:
            message = text("train.hint_locked", lang, n=hints[used].after - attempts)
        else:
            self.gradebook.use_hint(self.trainee.id, self.exercise.id, self.round, used + 1)
            message = text("train.hint", lang, n=used + 1, of=len(hints)) + hints[used].text(
                lang, **self.facts
            )
        return message

    def reset(self, lang: str | None = None) -> str:
        """Start the exercise again.

        Undoes what the trainee entered for this exercise, restores its starter cells in
        their notebook, and starts a new round (earlier attempts stay in the gradebook).
        """
        lang = lang or self.lang
        through = undo(self.trainee.db, self.ctx.actor, after=self._undone_through)
        self.round += 1
        self._undone_through = through
        self.gradebook.reset(
            self.trainee.id, self.exercise.id, round=self.round, undone_through=through
        )
        self.exercise.setup(self.ctx)
        notebook = workspace_notebook(self.trainee.settings, self.trainee.sandbox, self.exercise)
        restored = notebook is not None and restore_cells(notebook, self.exercise.id)
        self.last = None
        for callback in self._reset_callbacks:
            callback()
        message = text("train.reset", lang, round=self.round)
        if restored:
            message += " " + text("train.reload", lang)
        return message


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
