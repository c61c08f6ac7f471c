"""Duplicate warnings: a doctor or hospital that looks like one already entered, with why."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from workbench import Database, InvalidEntry, entry
from workbench.db.models import Affiliation, Department, Doctor, Hospital


def _existing_doctor(db: Database) -> dict[str, Any]:
    with db.session() as session:
        doctor, dept = session.execute(
            select(Doctor, Department)
            .join(Affiliation, Affiliation.doctor_id == Doctor.doctor_id)
            .join(Department, Department.department_id == Affiliation.department_id)
            .where(Affiliation.is_primary, Doctor.mobile.is_not(None))
            .order_by(Doctor.doctor_id)
            .limit(1)
        ).one()
        return {
            "doctor_id": doctor.doctor_id,
            "name": doctor.name,
            "name_pinyin": doctor.name_pinyin,
            "mobile": doctor.mobile,
            "hospital_id": dept.hospital_id,
            "department_id": dept.department_id,
            "specialty": dept.specialty,
        }


def _entry(known: dict[str, Any], **change: Any) -> dict[str, Any]:
    data = {
        "hospital_id": known["hospital_id"],
        "department_id": known["department_id"],
        "name": known["name"],
        "name_pinyin": known["name_pinyin"],
        "gender": "M",
        "title": "resident",
        "specialty": known["specialty"],
        "mobile": "",
    }
    return data | change


def test_the_same_doctor_again_is_warned_with_the_reason(store: Database) -> None:
    known = _existing_doctor(store)
    data = _entry(known)
    (problem,) = entry.validate(store, "doctor", data)
    assert (problem.field, problem.code, problem.severity) == (
        "name",
        "possible_duplicate",
        "warning",
    )
    (best, *_) = entry.duplicates(store, "doctor", data)
    assert best.id == known["doctor_id"]
    assert best.reasons[:2] == ("same_department", "name_same")
    zh, en = problem.message("zh"), problem.message("en")
    assert f"编号 {known['doctor_id']}" in zh and "同一医院同一科室" in zh and "姓名相同" in zh
    assert f"id {known['doctor_id']}" in en and "same hospital and department" in en
    before = store.counts()
    with pytest.raises(InvalidEntry):
        entry.save(store, "doctor", data)
    assert store.counts() == before


def test_a_confirmed_new_doctor_is_saved(store: Database) -> None:
    known = _existing_doctor(store)
    before = store.counts()["doctor"]
    assert entry.save(store, "doctor", _entry(known), accept_warnings=True) > 0
    assert store.counts()["doctor"] == before + 1


def test_similar_pinyin_and_the_same_mobile_are_reasons(store: Database) -> None:
    known = _existing_doctor(store)
    other_chars = "".join(chr(ord(ch) + 1) for ch in known["name"])  # other characters
    by_pinyin = entry.duplicates(store, "doctor", _entry(known, name=other_chars))
    assert by_pinyin and by_pinyin[0].id == known["doctor_id"]
    assert "pinyin_similar" in by_pinyin[0].reasons
    elsewhere = _entry(
        known,
        name="司马光明",
        name_pinyin="Sima Guangming",
        mobile=known["mobile"],
        hospital_id=None,
        department_id=None,
    )
    (same_phone,) = [c for c in entry.duplicates(store, "doctor", elsewhere)]
    assert same_phone.id == known["doctor_id"] and same_phone.reasons == ("same_mobile",)


def test_an_unrelated_doctor_has_no_candidates(store: Database) -> None:
    known = _existing_doctor(store)
    data = _entry(known, name="司马光明", name_pinyin="Sima Guangming")
    assert entry.duplicates(store, "doctor", data) == []
    assert entry.validate(store, "doctor", data) == []


def test_a_hospital_with_a_similar_name_in_the_city_is_warned(store: Database) -> None:
    with store.session() as session:
        known = session.scalars(select(Hospital).order_by(Hospital.hospital_id).limit(1)).one()
        city_id, name, phone = known.city_id, known.name, known.phone
    data = {
        "city_id": city_id,
        "name": name.replace("市", "", 1) if "市" in name else name + "分院",
        "name_en": "Similar Hospital",
        "grade": "3A",
        "beds": 500,
        "phone": "",
    }
    (warning,) = entry.validate(store, "hospital", data)
    assert warning.code == "possible_duplicate" and name in warning.message("zh")
    if phone:
        same = entry.duplicates(store, "hospital", data | {"name": "完全不同医院", "phone": phone})
        assert [c.reasons for c in same] == [("same_phone",)]
