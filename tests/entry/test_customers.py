"""Customer master data entry: every bad input is refused whole, naming the field and the fix."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from workbench import Database, InvalidEntry, MissingEntry, entry
from workbench.db.models import Affiliation, Department, Doctor, Hospital


def _first(db: Database, model: Any) -> Any:
    with db.session() as session:
        row = session.scalars(select(model).limit(1)).one()
        session.expunge(row)
        return row


def _good_hospital(db: Database) -> dict[str, Any]:
    city = _first(db, Hospital).city_id
    return {
        "city_id": city,
        "name": "测试第九人民医院",
        "name_en": "Ninth People's Hospital",
        "grade": "3A",
        "beds": "800",
        "phone": "021-64370045",
    }


def _good_doctor(db: Database) -> dict[str, Any]:
    dept = _first(db, Department)
    return {
        "hospital_id": dept.hospital_id,
        "department_id": dept.department_id,
        "name": "欧阳明华",
        "name_pinyin": "Ouyang Minghua",
        "gender": "F",
        "title": "attending",
        "specialty": dept.specialty,
        "mobile": "13812345678",
    }


BAD_HOSPITALS = [
    ("city_id", "required", {"city_id": ""}),
    ("city_id", "not_integer", {"city_id": "上海"}),
    ("city_id", "unknown", {"city_id": 99999}),
    ("name", "required", {"name": "   "}),
    ("name", "too_long", {"name": "医" * 81}),
    ("name", "not_chinese", {"name": "Ruijin Hospital"}),
    ("name", "not_chinese", {"name": "瑞金'; DROP TABLE hospital; --"}),
    ("name_en", "not_latin", {"name_en": "瑞金医院"}),
    ("grade", "not_a_choice", {"grade": "三甲"}),
    ("beds", "not_integer", {"beds": 12.5}),
    ("beds", "not_integer", {"beds": True}),
    ("beds", "out_of_range", {"beds": -3}),
    ("phone", "bad_phone", {"phone": "12345"}),
]


@pytest.mark.parametrize(("field", "code", "change"), BAD_HOSPITALS)
def test_bad_hospitals_are_refused_whole(
    store: Database, field: str, code: str, change: dict[str, Any]
) -> None:
    data = {**_good_hospital(store), **change}
    before = store.counts()
    with pytest.raises(InvalidEntry) as caught:
        entry.save(store, "hospital", data)
    assert (field, code) in [(p.field, p.code) for p in caught.value.problems]
    assert store.counts() == before
    problem = next(p for p in caught.value.problems if p.field == field)
    for lang in ("zh", "en"):
        assert problem.message(lang)
    assert entry.validate(store, "hospital", data) == caught.value.problems


def test_a_good_hospital_is_saved_and_audited(store: Database) -> None:
    data = _good_hospital(store) | {"name": "测试第十人民医院"}
    assert entry.validate(store, "hospital", data) == []
    before = store.counts()
    new_id = entry.save(store, "hospital", data, actor="rep-7")
    after = store.counts()
    assert after["hospital"] == before["hospital"] + 1
    with store.session() as session:
        saved = session.get(Hospital, new_id)
        assert saved is not None and saved.beds == 800 and saved.phone == "021-64370045"
    again = entry.validate(store, "hospital", data)
    assert [(p.field, p.code) for p in again] == [("name", "hospital_exists")]
    assert str(new_id) in again[0].message("en") and "已有" in again[0].message("zh")


BAD_DOCTORS = [
    ("name", "not_chinese", {"name": "Zhang Wei"}),
    ("name_pinyin", "not_pinyin", {"name_pinyin": "张伟"}),
    ("gender", "not_a_choice", {"gender": "X"}),
    ("title", "not_a_choice", {"title": "主任"}),
    ("mobile", "bad_mobile", {"mobile": "021-64370045"}),
    ("mobile", "bad_mobile", {"mobile": "2381234567"}),
    ("department_id", "unknown", {"department_id": 10**6}),
    ("hospital_id", "required", {"hospital_id": None}),
]


@pytest.mark.parametrize(("field", "code", "change"), BAD_DOCTORS)
def test_bad_doctors_are_refused_whole(
    store: Database, field: str, code: str, change: dict[str, Any]
) -> None:
    data = {**_good_doctor(store), **change}
    before = store.counts()
    with pytest.raises(InvalidEntry) as caught:
        entry.save(store, "doctor", data)
    assert (field, code) in [(p.field, p.code) for p in caught.value.problems]
    assert store.counts() == before


def test_a_department_of_another_hospital_names_the_right_ones(store: Database) -> None:
    data = _good_doctor(store)
    with store.session() as session:
        other = session.scalars(
            select(Department).where(Department.hospital_id != data["hospital_id"]).limit(1)
        ).one()
        theirs = session.scalars(
            select(Department.name).where(Department.hospital_id == data["hospital_id"])
        ).all()
        hospital = session.get(Hospital, data["hospital_id"])
        assert hospital is not None
        hospital_name, other_name = hospital.name, other.name
    problems = entry.validate(store, "doctor", data | {"department_id": other.department_id})
    (problem,) = problems
    assert (problem.field, problem.code) == ("department_id", "department_not_in_hospital")
    zh, en = problem.message("zh"), problem.message("en")
    assert f"科室「{other_name}」不属于「{hospital_name}」" in zh
    assert all(name in zh and name in en for name in theirs)


def test_a_good_doctor_gets_a_primary_affiliation(store: Database) -> None:
    data = _good_doctor(store)
    before = store.counts()
    doctor_id = entry.save(store, "doctor", data)
    after = store.counts()
    assert after["doctor"] == before["doctor"] + 1
    assert after["affiliation"] == before["affiliation"] + 1
    with store.session() as session:
        (aff,) = session.scalars(select(Affiliation).where(Affiliation.doctor_id == doctor_id))
        assert aff.department_id == data["department_id"] and aff.is_primary
        assert session.get(Doctor, doctor_id).name_pinyin == "Ouyang Minghua"  # type: ignore[union-attr]


def test_a_doctor_in_the_wrong_department_is_corrected_not_entered_again(
    store: Database,
) -> None:
    data = _good_doctor(store) | {
        "name": "司马晓东",
        "name_pinyin": "Sima Xiaodong",
        "mobile": "13900001111",
    }
    doctor_id = entry.save(store, "doctor", data)
    with store.session() as session:
        right = session.scalars(
            select(Department).where(
                Department.hospital_id == data["hospital_id"],
                Department.department_id != data["department_id"],
            )
        ).first()
        assert right is not None
        right_id = right.department_id
    before = store.counts()
    fixed = data | {"doctor_id": doctor_id, "department_id": right_id, "title": "chief"}
    assert entry.validate(store, "doctor", fixed) == []  # not a duplicate of itself
    assert entry.save(store, "doctor", fixed) == doctor_id
    assert store.counts() | {"audit": 0} == before | {"audit": 0}
    with store.session() as session:
        (aff,) = session.scalars(select(Affiliation).where(Affiliation.doctor_id == doctor_id))
        assert (aff.department_id, aff.is_primary) == (right_id, True)
        assert session.get(Doctor, doctor_id).title == "chief"  # type: ignore[union-attr]
    with pytest.raises(InvalidEntry) as caught:
        entry.save(store, "doctor", fixed | {"doctor_id": 10**7})
    assert [(p.field, p.code) for p in caught.value.problems] == [("doctor_id", "unknown")]


def test_departments_belong_to_a_known_hospital_once(store: Database) -> None:
    dept = _first(store, Department)
    same = {
        "hospital_id": dept.hospital_id,
        "name": dept.name,
        "name_en": "Cardiology",
        "specialty": dept.specialty,
    }
    assert [(p.field, p.code) for p in entry.validate(store, "department", same)] == [
        ("name", "department_exists")
    ]
    fresh = same | {"name": "疼痛科", "name_en": "Pain Medicine"}
    assert entry.save(store, "department", fresh) > 0
    with pytest.raises(InvalidEntry, match="hospital_id"):
        entry.save(store, "department", fresh | {"hospital_id": 424242})


def test_unknown_kinds_say_which_exist(store: Database) -> None:
    with pytest.raises(MissingEntry, match="hospital, department, doctor"):
        entry.validate(store, "pharmacy", {})
