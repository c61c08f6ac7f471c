"""Guided entry forms (ipywidgets) over :mod:`workbench.entry`: one per entry kind.

Each form validates as it is filled in, lists every problem under the fields in Chinese or
English, keeps what was typed when saving fails (and as a draft on disk), and offers
"save anyway" only when what remains are warnings the person entering may accept.

>>> import workbench
>>> from workbench import forms
>>> db = workbench.connect("sqlite://")
>>> form = forms.hospital_form(db, lang="en")
>>> form.fields["name"].value = "Ruijin"
>>> form.save_button.click()
>>> form.saved_id is None, "Chinese characters" in form.problems.value
(True, True)
"""

from __future__ import annotations

from workbench.forms.base import EntryForm
from workbench.forms.card import ExerciseCard, exercise_card
from workbench.forms.helpdesk import help_request_form
from workbench.forms.kinds import (
    adverse_event_form,
    assessment_form,
    call_form,
    department_form,
    doctor_form,
    hospital_form,
    invitation_form,
    plan_form,
)
from workbench.forms.pickers import CustomerPicker

__all__ = [
    "CustomerPicker",
    "EntryForm",
    "ExerciseCard",
    "adverse_event_form",
    "assessment_form",
    "call_form",
    "department_form",
    "doctor_form",
    "exercise_card",
    "help_request_form",
    "hospital_form",
    "invitation_form",
    "plan_form",
]
