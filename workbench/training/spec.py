"""What an exercise is: a scenario in two languages, points, hints, and checks.

The scenario is in Chinese and English (the catalogue's, by key); the checks read what the
trainee entered.

An exercise is data plus three functions over a :class:`Context` (the trainee's sandbox):
``facts`` names the scenario's people and places in this world, ``setup`` plants what the
scenario starts from, ``solve`` enters the reference answer. Each :class:`Check` returns a
:class:`Result`: a score from 0 to 1 and a message naming what is wrong and how to fix it.

Exercises and their checks are written in the package, never read from what a user enters,
so a malformed one raises :class:`ValueError` at import: a programming error, not a
workbench error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from workbench.i18n import MESSAGES, text

if TYPE_CHECKING:
    from workbench.training.context import Context

__all__ = ["Check", "Exercise", "Hint", "Mistake", "Result", "T", "failed", "passed"]


@dataclasses.dataclass(frozen=True)
class T:
    """A text of the message catalogue, by its key, with ``{placeholders}`` filled when shown.

    The exercises' texts live in the catalogue (``workbench/locale``) with every other text,
    under ``exercise.<module or exercise>.<name>``.
    """

    key: str

    def __post_init__(self) -> None:
        if self.key not in MESSAGES:
            raise ValueError(f"no message {self.key!r} in the catalogue")

    def __call__(self, lang: str, **values: Any) -> str:
        """The text in ``lang`` (English for any other language), ``values`` filled in."""
        return text(self.key, lang, **values)

    @property
    def zh(self) -> str:
        """The Chinese, its placeholders unfilled."""
        return MESSAGES[self.key].get("zh", self.en)

    @property
    def en(self) -> str:
        """The English, its placeholders unfilled."""
        return MESSAGES[self.key]["en"]


@dataclasses.dataclass(frozen=True)
class Result:
    """One check's verdict: ``score`` from 0 to 1 and what to tell the trainee."""

    score: float
    message: T
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.score <= 1:
            raise ValueError(f"a check's score is from 0 to 1, not {self.score}")

    @property
    def ok(self) -> bool:
        """Whether the check passed in full (a score of 1)."""
        return self.score == 1

    def text(self, lang: str) -> str:
        """The message in ``lang``, with its values (texts among them) filled in."""
        values = {k: v(lang) if isinstance(v, T) else v for k, v in self.values.items()}
        return self.message(lang, **values)


def passed(message: T, **values: Any) -> Result:
    """A full score, with ``message`` and its ``values``."""
    return Result(1.0, message, values)


def failed(message: T, score: float = 0.0, **values: Any) -> Result:
    """A failed check: ``score`` (0 unless partly right), with ``message`` and its ``values``."""
    return Result(score, message, values)


@dataclasses.dataclass(frozen=True)
class Check:
    """One thing the exercise asks for. ``hidden`` checks run only on submission."""

    id: str
    about: T
    run: Callable[[Context], Result]
    hidden: bool = False
    weight: float = 1.0


@dataclasses.dataclass(frozen=True)
class Hint:
    """A hint that unlocks after ``after`` attempts at the exercise."""

    text: T
    after: int = 1


@dataclasses.dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the check and message that must catch it.

    ``make`` enters the wrong answer; the tests hold every exercise to at least three.
    """

    about: str
    make: Callable[[Context], None]
    check: str
    says: T


Facts = Callable[["Context"], dict[str, Any]]
Step = Callable[["Context"], None]


def _no_setup(_ctx: Context) -> None:
    return None


@dataclasses.dataclass(frozen=True)
class Exercise:
    """A graded exercise. ``form`` is the entry kind whose form the trainee fills in."""

    id: str
    title: T
    scenario: T
    points: int
    checks: tuple[Check, ...]
    facts: Facts
    solve: Step
    setup: Step = _no_setup
    hints: tuple[Hint, ...] = ()
    form: str | None = None
    #: the fact naming the record the form opens on for correction (else a blank form)
    edits: str | None = None
    mistakes: tuple[Mistake, ...] = ()

    def __post_init__(self) -> None:
        if not self.checks:
            raise ValueError(f"exercise {self.id} has no checks")
        if len({c.id for c in self.checks}) != len(self.checks):
            raise ValueError(f"exercise {self.id} has two checks with one id")
        if [h.after for h in self.hints] != sorted(h.after for h in self.hints):
            raise ValueError(f"exercise {self.id}: hints must unlock in order")

    @property
    def module(self) -> str:
        """The module the exercise belongs to: the part of its id before the dot."""
        return self.id.split(".")[0]

    @property
    def visible(self) -> tuple[Check, ...]:
        """The checks that run on every check and submission."""
        return tuple(c for c in self.checks if not c.hidden)

    @property
    def hidden(self) -> tuple[Check, ...]:
        """The checks that run only on submission."""
        return tuple(c for c in self.checks if c.hidden)
