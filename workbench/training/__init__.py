"""Graded exercises on a trainee's own sandbox, with hints, history and reset.

>>> from workbench import training
>>> list(training.EXERCISES)
['01.1', '02.1', '02.2', '03.1', '04.1', '05.1', '06.1', '07.1']

In a module notebook::

    me = training.open_trainee(settings=Settings.from_env())   # your sandbox and history
    ex = me.exercise("02.1")              # the exercise: check, submit, hint, reset
    exercise_card(ex)                     # its card and form (workbench.forms), to display
    ex.check(); ex.submit(); ex.hint(); ex.reset()
    me.progress()                         # your exercises: attempts, best score, done

Grading has no screen: ``grade(sandbox, "02.1", trainee=...)`` returns the feedback, and the
gradebook (``Gradebook``) keeps every attempt in the main store.
"""

from workbench.training.exercises import EXERCISES, MODULES
from workbench.training.gradebook import SELF_STUDY, Enrolment, Gradebook
from workbench.training.grading import Feedback, grade
from workbench.training.practice import Practice, Trainee, open_trainee
from workbench.training.roster import Roster, RosterEntry, read_roster, roster_report, sandbox_name
from workbench.training.sandbox import drop_sandbox, open_sandbox, undo
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T
from workbench.training.workspace import prepare_workspace, restore_cells

__all__ = [
    "EXERCISES",
    "MODULES",
    "SELF_STUDY",
    "Check",
    "Enrolment",
    "Exercise",
    "Feedback",
    "Gradebook",
    "Hint",
    "Mistake",
    "Practice",
    "Result",
    "Roster",
    "RosterEntry",
    "T",
    "Trainee",
    "drop_sandbox",
    "grade",
    "open_sandbox",
    "open_trainee",
    "prepare_workspace",
    "read_roster",
    "restore_cells",
    "roster_report",
    "sandbox_name",
    "undo",
]
