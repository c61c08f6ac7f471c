"""Grading without a screen: an exercise's checks run on a trainee's sandbox.

:func:`grade` is the one way an exercise is graded: it takes the sandbox and the exercise,
and returns the :class:`Feedback` (the score, and each check's outcome with its message in
Chinese and English). The exercise card, the trainer's board, the camp bundles and the
completion report all grade through it; nothing here draws a widget.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
from collections.abc import Sequence

from workbench.db.engine import Database
from workbench.errors import MissingEntry
from workbench.i18n import text
from workbench.training.context import Context, persona
from workbench.training.exercises import EXERCISES
from workbench.training.spec import Check, Exercise, Result

__all__ = [
    "FAILED_MARK",
    "PASSED_MARK",
    "Feedback",
    "exercise",
    "grade",
    "message_code",
    "prepare",
    "run_checks",
]

#: The marks of a passed and a failed line: glyphs a CJK-only machine draws (WenQuanYi Micro
#: Hei has ✓ U+2713 and ✘ U+2718, not ✗ U+2717).
PASSED_MARK, FAILED_MARK = "✓", "✘"


def exercise(exercise_id: str) -> Exercise:
    """The exercise ``exercise_id`` (e.g. ``"02.1"``).

    Raises
    ------
    MissingEntry
        There is no such exercise; the message lists those there are.
    """
    if exercise_id not in EXERCISES:
        raise MissingEntry(
            key="error.exercise.missing", exercise_id=exercise_id, known=", ".join(EXERCISES)
        )
    return EXERCISES[exercise_id]


def prepare(
    sandbox: Database, spec: Exercise, *, trainee: str, rep_id: int | None = None
) -> Context:
    """The exercise's view of the sandbox, its scenario planted and its facts named.

    Parameters
    ----------
    sandbox
        The trainee's sandbox.
    spec
        The exercise.
    trainee
        The sandbox's name: the trainee's entries are audited under it.
    rep_id
        The rep the trainee plays; default the sandbox's persona.
    """
    ctx = Context(
        sandbox,
        exercise_id=spec.id,
        trainee=trainee,
        rep_id=rep_id if rep_id is not None else persona(sandbox),
    )
    spec.setup(ctx)
    ctx.facts = spec.facts(ctx)
    return ctx


def run_checks(ctx: Context, spec: Exercise, *, hidden: bool) -> list[tuple[Check, Result]]:
    """Each check's result on the sandbox now: the visible ones, or all with ``hidden``."""
    checks = spec.checks if hidden else spec.visible
    return [(check, check.run(ctx)) for check in checks]


def grade(
    sandbox: Database,
    exercise_id: str,
    *,
    trainee: str,
    rep_id: int | None = None,
    submit: bool = False,
    lang: str = "zh",
) -> Feedback:
    """Grade what the trainee entered in ``sandbox`` for one exercise.

    Parameters
    ----------
    sandbox
        The trainee's sandbox.
    exercise_id
        The exercise, e.g. ``"02.1"``.
    trainee
        The sandbox's name (whose entries count).
    rep_id
        The rep the trainee plays; default the sandbox's persona.
    submit
        Run the hidden checks too (a submission); otherwise the visible ones (a check).
    lang
        The language the feedback speaks first (both are kept).

    Returns
    -------
    Feedback
        The score and each check's outcome with its message.

    Raises
    ------
    MissingEntry
        There is no such exercise.
    """
    spec = exercise(exercise_id)
    ctx = prepare(sandbox, spec, trainee=trainee, rep_id=rep_id)
    return Feedback(spec, run_checks(ctx, spec, hidden=submit), submit, lang)


def message_code(check: Check, result: Result) -> str:
    """A short code for what a check said, the same for every trainee with the same mistake.

    It names the check and its message's template (not the values filled in), so the board
    can count how many trainees hit each mistake.
    """
    digest = hashlib.sha1(result.message.en.encode("utf-8")).hexdigest()[:8]
    return f"{check.id}:{digest}"[:40]


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
        """One line on the outcome: checks passed, or the score and how many went wrong.

        How many went wrong is the number of failed lines shown under it (checks that say
        the same thing share a line).
        """
        lang = lang or self.lang
        points = self.exercise.points
        if self.hidden_remaining and self.ok:
            return text(
                "train.visible_pass", lang, n=len(self.results), hidden=self.hidden_remaining
            )
        if self.ok:
            return text("train.all_pass", lang, n=len(self.results), points=points)
        wrong = sum(not ok for ok, _line in self.lines(lang))
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
        """The summary and a passed (✓) or failed (✘) line per check, as plain text."""
        marks = "\n".join(f"{_mark(ok)} {line}" for ok, line in self.lines(lang))
        return f"{self.summary(lang)}\n{marks}"

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li style='color:{'#1e7e34' if ok else '#b00020'}'>{_mark(ok)} "
            f"{html.escape(line)}</li>"
            for ok, line in self.lines()
        )
        return (
            f"<div class='workbench-feedback'><b>{html.escape(self.summary())}</b>"
            f"<ul>{items}</ul></div>"
        )


def _mark(ok: bool) -> str:
    return PASSED_MARK if ok else FAILED_MARK
