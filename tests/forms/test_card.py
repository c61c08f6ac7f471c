"""The exercise card: a screen over a practice, its form checked at each save, one language
switch for both, and "start again" that clears the form as well as the data."""

from __future__ import annotations

from tests.training.conftest import training_settings
from workbench import Settings
from workbench.forms import exercise_card
from workbench.training import open_trainee

__all__ = ["training_settings"]


def test_the_card_checks_each_form_save_and_switches_language(
    training_settings: Settings,
) -> None:
    practice = open_trainee("表单 form", settings=training_settings).exercise("02.2")
    card = exercise_card(practice)
    form = card.form
    assert form is card.form and form.language.layout.display == "none"  # one switch
    assert form.editing == practice.facts["doctor_id"]  # opened on the misplaced doctor
    assert form.picker.value["department_id"] == practice.facts["wrong_id"]  # type: ignore[union-attr]
    form.picker.select(department_id=practice.facts["department_id"])  # type: ignore[union-attr]
    form.save_button.click()
    if form.saved_id is None:  # a duplicate warning about a colleague: confirm
        form.anyway_button.click()
    assert form.saved_id == practice.facts["doctor_id"]
    assert practice.attempts == 1 and practice.last is not None
    assert "可见的 1 项检查都通过了" in card.panel.value
    card.language.value = "en"
    assert form.language.value == "en"
    assert "more checks run when you submit" in card.panel.value
    assert card.submit_button.description == "Submit"
    card.submit_button.click()
    assert practice.last.ok and practice.last.submitted
    card.reset_button.click()
    assert practice.round == 2 and "round 2" in card.status.value
    assert form.editing == practice.facts["doctor_id"] and form.saved_id is None  # reopened
    assert card.panel.value == "" and card.hint_box.value == ""
    practice.trainee.close()
