"""A trainee is never trapped: after a kernel restart the form still opens their own entries
to correct them, feedback names only controls on screen, "start again" clears the form, the
score line counts the lines marked wrong, and a correction's header says what it corrects."""

from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as widgets
import pytest
from sqlalchemy import select

from tests.training.conftest import training_settings
from workbench import Settings
from workbench.db.models import Doctor
from workbench.forms import EntryForm, ExerciseCard, exercise_card
from workbench.i18n import text
from workbench.training import EXERCISES, Practice, open_trainee
from workbench.training.exercises._world import place
from workbench.training.grading import FAILED_MARK

__all__ = ["training_settings"]


def _fill_card_doctor(practice: Practice, form: EntryForm, *, ward: str | None = None) -> None:
    """Enter the card's doctor in the form, in ``ward`` of the hospital (default the card's)."""
    f = practice.facts
    with practice.trainee.db.session() as session:
        where = place(session, f["lookalike_id"])  # the lookalike works in the card's ward
    department_id = f["department_id"]
    if ward is not None:
        wards = practice.trainee.departments(f["hospital_id"]).set_index("name")
        department_id = int(wards.loc[ward, "department_id"])
    assert form.picker is not None
    form.picker.select(
        region_id=where["region_id"],
        city_id=where["city_id"],
        hospital_id=f["hospital_id"],
        department_id=department_id,
    )
    for key in ("name", "name_pinyin", "gender", "title", "specialty", "mobile"):
        form.fields[key].value = f[key]


def _save(form: EntryForm) -> int:
    """Save, confirming past a duplicate warning (as the scenario asks once compared)."""
    form.save_button.click()
    if form.saved_id is None:
        assert form.anyway_button.layout.display == "", form.problems.value
        form.anyway_button.click()
    assert form.saved_id is not None, form.problems.value
    return form.saved_id


def _controls(widget: widgets.Widget, shown: bool = True) -> list[tuple[str, bool]]:
    """(label, on screen) of every button and dropdown under ``widget``."""
    shown = shown and getattr(widget.layout, "display", None) != "none"
    found = []
    if isinstance(widget, widgets.Button | widgets.Dropdown) and widget.description:
        found.append((widget.description, shown))
    for child in getattr(widget, "children", ()):
        found.extend(_controls(child, shown))
    return found


def _named_controls_are_on_screen(card: ExerciseCard, said: str, lang: str) -> list[str]:
    """The controls ``said`` names (quoted) that exist on the card but are not on screen."""
    card.language.value = lang  # the controls are labelled in the card's language
    controls = _controls(card.widget)
    labels = {label for label, _ in controls} | {
        text(key, lang) for key in ("form.correct", "form.new", "form.restore", "form.mine")
    }
    visible = {label for label, on in controls if on}
    quote = "“{}”" if lang == "zh" else '"{}"'
    return [label for label in labels if quote.format(label) in said and label not in visible]


def _entered_named(practice: Practice, name: str) -> int:
    with practice.trainee.db.session() as session:
        return len([d for d in practice.ctx.entered(session, Doctor) if d.name == name])


def test_after_a_restart_the_form_opens_the_trainees_own_entry_and_corrects_it(
    training_settings: Settings,
) -> None:
    who = "重启 restart"
    practice = open_trainee(who, settings=training_settings).exercise("02.1")
    card = exercise_card(practice)
    _fill_card_doctor(practice, card.form, ward="神经内科")  # the wrong department
    saved = _save(card.form)
    assert practice.last is not None and not practice.last.ok
    practice.trainee.close()  # the kernel restarts: nothing on screen survives

    again = open_trainee(who, settings=training_settings).exercise("02.1")
    card = exercise_card(again)
    form = card.form
    assert form.edit_button.layout.display == "none"  # "correct the record just saved" is gone
    assert form.mine in form.widget.children and form.mine.layout.display != "none"
    assert saved in [value for _label, value in form.mine.options]  # read from the sandbox
    card.check()
    for lang in ("zh", "en"):
        said = again.last.text(lang)  # type: ignore[union-attr]
        assert text("form.mine", lang) in said, said
        assert _named_controls_are_on_screen(card, said, lang) == []

    form.mine.value = saved  # open one of my records
    assert form.editing == saved and form.fields["name"].value == again.facts["name"]
    assert form.picker is not None
    form.picker.select(department_id=again.facts["department_id"])
    assert _save(form) == saved  # a correction, not a new doctor
    feedback = card.practice.submit()
    assert feedback.ok and feedback.score == again.exercise.points, feedback.text("en")
    assert _entered_named(again, again.facts["name"]) == 1  # no duplicate
    again.trainee.close()


FORM_EXERCISES = [e.id for e in EXERCISES.values() if e.form is not None]


@pytest.mark.parametrize("exercise_id", FORM_EXERCISES)
def test_feedback_names_only_controls_on_screen_after_a_restart(
    training_settings: Settings, exercise_id: str
) -> None:
    exercise = EXERCISES[exercise_id]
    trainee = open_trainee(f"屏幕 screen {exercise_id}", settings=training_settings)
    for mistake in exercise.mistakes:
        practice = trainee.exercise(exercise_id)
        mistake.make(practice.ctx)
        practice = trainee.exercise(exercise_id)  # as in a notebook opened again
        card = exercise_card(practice)
        card.submit()
        for lang in ("zh", "en"):
            said = practice.last.text(lang)  # type: ignore[union-attr]
            assert _named_controls_are_on_screen(card, said, lang) == [], (mistake.about, said)
        practice.reset()
    trainee.close()


def test_the_scenario_names_every_doctor_the_duplicate_warning_lists(
    training_settings: Settings,
) -> None:
    practice = open_trainee("提醒 warning", settings=training_settings).exercise("02.1")
    form = exercise_card(practice).form
    _fill_card_doctor(practice, form)
    form.save_button.click()
    assert form.saved_id is None  # the warning, before anything is written
    warned = [int(i) for i in re.findall(r"编号 (\d+)", form.problems.value)]
    assert practice.facts["lookalike_id"] in warned
    others = [i for i in warned if i != practice.facts["lookalike_id"]]
    assert others, "the camp world has a namesake in another department of the hospital"
    with practice.trainee.db.session() as session:
        names = {i: session.get(Doctor, i).name for i in others}  # type: ignore[union-attr]
    for lang, label in (("zh", "编号 {}"), ("en", "id {}")):
        scenario = practice.scenario(lang)
        assert practice.facts["lookalike"] in scenario
        for doctor_id, name in names.items():
            assert label.format(doctor_id) in scenario and name in scenario, scenario
    practice.trainee.close()


def _blank(form: EntryForm) -> dict[str, Any]:
    return {key: widget.value for key, widget in form.fields.items()}


def test_start_again_clears_the_form_and_its_saved_line(training_settings: Settings) -> None:
    practice = open_trainee("重做 again", settings=training_settings).exercise("02.1")
    card = exercise_card(practice)
    form = card.form
    blank = _blank(form)
    assert form.picker is not None
    empty_picker = dict(form.picker.value)
    _fill_card_doctor(practice, form)
    _save(form)
    assert "已保存" in form.status.value and form.mine.options[1:]
    card.reset_button.click()
    assert _blank(form) == blank and form.picker.value == empty_picker
    assert form.saved_id is None and form.editing is None
    assert form.status.value == "" and form.problems.value == ""
    assert form.edit_button.layout.display == "none"
    assert form.mine.options == (("—", None),)  # undone: nothing of mine is left

    _fill_card_doctor(practice, form)
    _save(form)
    practice.reset()  # started again in code, under the card: the card clears as well
    assert _blank(form) == blank and form.picker.value == empty_picker
    assert form.status.value == "" and card.panel.value == ""
    practice.trainee.close()


def test_the_score_line_counts_the_lines_marked_wrong_and_each_graded_save_is_an_attempt(
    training_settings: Settings,
) -> None:
    practice = open_trainee("计数 count", settings=training_settings).exercise("02.1")
    card = exercise_card(practice)
    card.check_button.click()  # nothing entered: three checks say the same thing
    feedback = practice.last
    assert feedback is not None
    for lang, said in (("zh", "{} 项还不对"), ("en", "{} not right yet")):
        shown = feedback.text(lang).count(FAILED_MARK)
        assert shown == 1 and said.format(shown) in feedback.summary(lang)
    assert card.panel.value.count(FAILED_MARK) == 1 and "1 项还不对" in card.panel.value
    assert practice.attempts == 1 and "本轮第 1 次尝试" in card.panel.value

    card.form.save_button.click()  # refused (nothing filled in): not graded, no attempt
    assert card.form.saved_id is None and practice.attempts == 1
    _fill_card_doctor(practice, card.form)
    _save(card.form)  # went through: graded at once, an attempt
    assert practice.attempts == 2 and "本轮第 2 次尝试" in card.panel.value
    history = practice.gradebook.history(practice.trainee.id)
    assert len(history) == practice.attempts
    card.language.value = "en"
    assert "Attempt 2 this round" in card.panel.value
    practice.trainee.close()


def test_correcting_a_doctor_says_so_in_the_header(training_settings: Settings) -> None:
    practice = open_trainee("更正 header", settings=training_settings).exercise("02.2")
    card = exercise_card(practice)
    f = practice.facts
    title = card.form.title.value
    assert "更正已有医生的记录" in title and f["name"] in title and str(f["doctor_id"]) in title
    assert text("form.doctor", "zh") not in title  # not "new doctor"
    card.language.value = "en"
    title = html.unescape(card.form.title.value)
    assert "Correcting an existing doctor's record" in title and "New doctor" not in title
    card.form.new_button.click()
    assert "New doctor" in card.form.title.value
    practice.trainee.close()


def test_the_form_lists_only_the_entries_of_whoever_it_saves_for(
    training_settings: Settings,
) -> None:
    practice = open_trainee("我的 mine", settings=training_settings).exercise("02.1")
    form = exercise_card(practice).form
    assert form.mine.options == (("—", None),)  # the lookalike was planted, not entered
    _fill_card_doctor(practice, form)
    saved = _save(form)
    assert [value for _label, value in form.mine.options] == [None, saved]
    assert form.mine.options[1][0] == f"{practice.facts['name']}（{saved}）"
    with practice.trainee.db.session() as session:
        other = session.scalars(select(Doctor.doctor_id).where(Doctor.doctor_id != saved)).first()
    assert other not in [value for _label, value in form.mine.options]
    practice.trainee.close()
