"""The forms, driven as a trainee would (set values, click), checked on the database."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import ipywidgets as widgets
from sqlalchemy import select

from tests.entry.test_activity import DAY, _owned, _stranger
from workbench import Database, Settings, forms
from workbench.db.models import Affiliation, City, Department, Doctor, Hospital
from workbench.widgets import language_switch


def _place_of(db: Database, doctor_id: int) -> dict[str, Any]:
    with db.session() as session:
        dept, hospital, city = session.execute(
            select(Department, Hospital, City)
            .join(Affiliation, Affiliation.department_id == Department.department_id)
            .join(Hospital, Hospital.hospital_id == Department.hospital_id)
            .join(City, City.city_id == Hospital.city_id)
            .where(Affiliation.doctor_id == doctor_id, Affiliation.is_primary)
        ).one()
        return {
            "region_id": city.region_id,
            "city_id": city.city_id,
            "hospital_id": hospital.hospital_id,
            "department_id": dept.department_id,
            "doctor_id": doctor_id,
            "specialty": dept.specialty,
        }


def _known_doctor(db: Database) -> Doctor:
    with db.session() as session:
        doctor = session.scalars(select(Doctor).order_by(Doctor.doctor_id).limit(1)).one()
        session.expunge(doctor)
        return doctor


def test_the_doctor_form_warns_of_a_duplicate_keeps_the_draft_and_saves_on_confirm(
    store: Database, settings: Settings
) -> None:
    known = _known_doctor(store)
    place = _place_of(store, known.doctor_id)
    form = forms.doctor_form(store, settings=settings)
    form.picker.select(**place)  # type: ignore[union-attr]
    assert form.picker.value["department_id"] == place["department_id"]  # type: ignore[union-attr]
    form.fields["name"].value = known.name
    form.fields["name_pinyin"].value = known.name_pinyin
    form.fields["gender"].value = "F"
    form.fields["title"].value = "attending"
    form.fields["specialty"].value = place["specialty"]
    before = store.counts()
    form.save_button.click()
    assert form.saved_id is None and store.counts() == before
    assert "同一医院同一科室" in form.problems.value and "姓名相同" in form.problems.value
    assert form.anyway_button.layout.display == ""
    assert form.fields["name"].value == known.name  # the draft stays in the form
    draft = json.loads(form.draft_path.read_text(encoding="utf-8"))
    assert draft["name"] == known.name and draft["department_id"] == place["department_id"]
    reopened = forms.doctor_form(store, settings=settings)  # e.g. the next day
    assert reopened.restore_button.layout.display == ""
    reopened.restore_button.click()
    assert reopened.fields["name"].value == known.name
    assert reopened.picker.value == form.picker.value  # type: ignore[union-attr]
    assert reopened.fields["title"].value == "attending"
    assert reopened.restore_button.layout.display == "none"
    form.language.value = "en"
    assert "same hospital and department" in form.problems.value
    assert form.save_button.description == "Save"
    form.anyway_button.click()
    assert form.saved_id is not None and store.counts()["doctor"] == before["doctor"] + 1
    assert "Saved" in form.status.value and not form.draft_path.exists()


def test_errors_are_listed_per_field_and_save_anyway_is_not_offered(
    store: Database, settings: Settings
) -> None:
    form = forms.hospital_form(store, lang="en", settings=settings)
    form.picker.select(region_id=1, city_id=1)  # type: ignore[union-attr]
    form.fields["name"].value = "Ruijin"
    form.fields["beds"].value = "many"
    form.save_button.click()
    text = form.problems.value
    assert "Chinese characters" in text and "whole number" in text and "grade" in text
    assert form.anyway_button.layout.display == "none"
    form.language.value = "zh"
    assert "中文汉字" in form.problems.value
    form.fields["name"].value = "闵行康复护理院"
    form.fields["name_en"].value = "Eleventh People's Hospital"
    form.fields["beds"].value = "600"
    form.fields["grade"].value = "2A"
    assert form.check() == []
    form.save_button.click()
    assert form.saved_id is not None and form.problems.value == ""


def test_the_call_form_reports_out_of_territory_then_saves_as_a_joint_visit(
    store: Database, settings: Settings
) -> None:
    rep_id, _mine = _owned(store)
    stranger = _stranger(store, rep_id)
    form = forms.call_form(store, lang="en", settings=settings)
    form.picker.select(**_place_of(store, stranger))  # type: ignore[union-attr]
    form.fields["rep_id"].value = rep_id
    form.fields["call_date"].value = DAY
    first = next(iter(form.product_ticks))  # type: ignore[attr-defined]
    form.product_ticks[first].value = True  # type: ignore[attr-defined]
    form.key_messages[first].value = "Efficacy data"  # type: ignore[attr-defined]
    before = store.counts()
    form.save_button.click()
    assert "not in your territory" in form.problems.value and store.counts() == before
    form.fields["joint_visit"].value = True
    form.save_button.click()
    assert form.saved_id is not None
    assert store.counts()["call_product"] == before["call_product"] + 1


def test_the_invitation_form_offers_save_anyway_for_another_reps_invitation(
    store: Database, settings: Settings
) -> None:
    from tests.entry.test_activity import _event_and_invitation, uninvolved_rep

    event, earlier = _event_and_invitation(store)
    form = forms.invitation_form(store, settings=settings)
    form.picker.select(**_place_of(store, earlier.doctor_id))  # type: ignore[union-attr]
    form.fields["event_id"].value = event.event_id
    day = event.held_on - dt.timedelta(days=5)
    other = uninvolved_rep(store, event, earlier.doctor_id, day)
    form.fields["rep_id"].value = other
    form.fields["invited_on"].value = day
    form.save_button.click()
    assert form.saved_id is None and form.anyway_button.layout.display == ""
    form.anyway_button.click()
    assert form.saved_id is not None


def test_the_plan_form_refuses_a_tuesday_then_submits_a_monday(
    store: Database, settings: Settings
) -> None:
    from tests.entry.test_activity import _free_week

    rep_id, doctor_id = _owned(store)
    week = _free_week(store, rep_id)
    form = forms.plan_form(store, lang="en", settings=settings)
    form.fields["rep_id"].value = rep_id
    doctor, day = form.plan_rows[0]  # type: ignore[attr-defined]
    assert doctor_id in [v for _label, v in doctor.options]  # only the rep's own doctors
    doctor.value, day.value = doctor_id, week + dt.timedelta(days=1)
    form.fields["week_start"].value = week + dt.timedelta(days=1)
    form.fields["submit"].value = True
    before = store.counts()
    form.save_button.click()
    assert "not a Monday" in form.problems.value and store.counts() == before
    form.fields["week_start"].value = week
    form.save_button.click()
    assert form.saved_id is not None
    assert store.counts()["plan_item"] == before["plan_item"] + 1


def test_the_doctor_form_corrects_the_record_just_saved(
    store: Database, settings: Settings
) -> None:
    known = _known_doctor(store)
    place = _place_of(store, known.doctor_id)
    form = forms.doctor_form(store, settings=settings)
    assert form.edit_button.layout.display == "none"
    form.picker.select(**place)  # type: ignore[union-attr]
    form.fields["name"].value = "上官婉清"
    form.fields["name_pinyin"].value = "Shangguan Wanqing"
    form.fields["gender"].value = "F"
    form.fields["title"].value = "resident"
    form.fields["specialty"].value = place["specialty"]
    form.save_button.click()
    first = form.saved_id
    assert first is not None and form.edit_button.layout.display == ""
    before = store.counts()
    form.edit_button.click()
    assert form.editing == first and "更正" in form.title.value
    assert form.fields["name"].value == "上官婉清"
    form.fields["title"].value = "attending"
    form.save_button.click()
    assert form.saved_id == first
    assert store.counts()["doctor"] == before["doctor"]
    with store.session() as session:
        assert session.get(Doctor, first).title == "attending"  # type: ignore[union-attr]
    form.new_button.click()
    assert form.editing is None and "更正" not in form.title.value


def test_a_form_can_follow_a_pages_switch_and_tell_the_page_of_each_save(
    store: Database, settings: Settings
) -> None:
    page_switch = language_switch("zh")
    form = forms.hospital_form(store, settings=settings, language=page_switch)
    assert form.language is page_switch and page_switch not in form.widget.children
    assert not [w for w in form.widget.children if isinstance(w, widgets.ToggleButtons)]
    saved: list[int] = []
    form.on_saved(saved.append)
    form.picker.select(region_id=1, city_id=1)  # type: ignore[union-attr]
    form.fields["name"].value = "Ruijin"
    form.save_button.click()
    assert saved == [] and "中文汉字" in form.problems.value
    page_switch.value = "en"
    assert "Chinese characters" in form.problems.value and "New hospital" in form.title.value
    form.fields["name"].value = "浦江康复医院"
    form.fields["name_en"].value = "Pujiang Rehabilitation Hospital"
    form.fields["beds"].value = "300"
    form.fields["grade"].value = "2B"
    form.save_button.click()
    assert form.saved_id is not None and saved == [form.saved_id]
    alone = forms.hospital_form(store, settings=settings)  # without a page: its own switch
    assert isinstance(alone.widget.children[0], widgets.ToggleButtons)
