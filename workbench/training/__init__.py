"""Graded exercises on a trainee's own sandbox, with hints, history and reset.

>>> from workbench import training
>>> list(training.EXERCISES)
['01.1', '02.1', '02.2', '03.1', '04.1', '05.1', '06.1', '07.1']

In a module notebook::

    me = training.open_trainee()          # your sandbox (the camp world) and your history
    ex = me.exercise("02.1")              # the scenario card, its form, check and submit
    ex                                    # display: fill in the form, press Check
    ex.check(); ex.submit(); ex.hint(); ex.reset()
    me.progress()                         # your exercises: attempts, best score, done
"""

from workbench.training.exercises import EXERCISES, MODULES
from workbench.training.journal import Journal
from workbench.training.practice import Feedback, Practice, Trainee, open_trainee
from workbench.training.sandbox import drop_sandbox, open_sandbox, undo
from workbench.training.spec import Check, Exercise, Hint, Mistake, Result, T
from workbench.training.workspace import prepare_workspace, restore_cells

__all__ = [
    "EXERCISES",
    "MODULES",
    "Check",
    "Exercise",
    "Feedback",
    "Hint",
    "Journal",
    "Mistake",
    "Practice",
    "Result",
    "T",
    "Trainee",
    "drop_sandbox",
    "open_sandbox",
    "open_trainee",
    "prepare_workspace",
    "restore_cells",
    "undo",
]
