"""Coded values in the forms read as labels in the form's language; the stored code is kept."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from workbench import Database, Settings, forms
from workbench.entry.trials import RESPONSES
from workbench.forms.base import EntryForm
from workbench.i18n import coded
from workbench.reference import GENDERS, SPECIALTIES, TITLES

FORMS = {
    "department": forms.department_form,
    "doctor": forms.doctor_form,
    "assessment": forms.assessment_form,
}


def _coded_choices(form: EntryForm) -> dict[str, widgets.Dropdown]:
    return {k: w for k, w in form.fields.items() if getattr(w, "coded", None) is not None}


def test_the_doctor_form_offers_titles_genders_and_specialties_by_their_labels(
    store: Database, settings: Settings
) -> None:
    form = forms.doctor_form(store, settings=settings)
    choices = _coded_choices(form)
    assert set(choices) == {"gender", "title", "specialty"}
    for field, codes in (("gender", GENDERS), ("title", TITLES), ("specialty", SPECIALTIES)):
        assert choices[field].options[1:] == tuple((coded(field, c, "zh"), c) for c in codes)
    assert ("主治医师", "attending") in choices["title"].options
    assert ("女", "F") in choices["gender"].options


def test_switching_language_relabels_the_choices_and_keeps_what_is_chosen(
    store: Database, settings: Settings
) -> None:
    form = forms.doctor_form(store, settings=settings)
    form.fields["title"].value = "attending"
    form.fields["gender"].value = "F"
    form.language.value = "en"
    assert ("attending physician", "attending") in form.fields["title"].options
    assert ("female", "F") in form.fields["gender"].options
    assert form.fields["title"].value == "attending" and form.fields["gender"].value == "F"
    assert form.data()["title"] == "attending"  # what is stored stays the code
    form.language.value = "zh"
    assert form.fields["title"].label == "主治医师"


@pytest.mark.parametrize("kind", list(FORMS))
def test_no_coded_choice_shows_a_stored_code_in_chinese(
    store: Database, settings: Settings, kind: str
) -> None:
    form = FORMS[kind](store, settings=settings)
    choices = _coded_choices(form)
    assert choices, f"the {kind} form has no coded choice"
    for field, choice in choices.items():
        for shown, code in choice.options[1:]:
            assert shown != code, f"{kind}.{field} shows the code {code!r} as it is stored"


def test_the_assessment_form_offers_every_response_by_its_label(
    store: Database, settings: Settings
) -> None:
    form = forms.assessment_form(store, settings=settings, lang="en")
    assert form.fields["overall"].options[1:] == tuple(
        (coded("overall", r, "en"), r) for r in RESPONSES
    )
