"""Customer master data: hospital → department → doctor (with the primary affiliation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import Affiliation, City, Department, Doctor, Hospital
from workbench.entry._rules import Checker
from workbench.entry.duplicates import doctor_candidates, hospital_candidates
from workbench.reference import GENDERS, GRADES, SPECIALTIES, TITLES

__all__ = ["department", "doctor", "hospital"]


def hospital(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A new hospital in a city; a similar existing hospital is a warning."""
    c = Checker(data)
    city = c.record(session, "city_id", City)
    city_id = city.city_id if city is not None else None
    name = c.text("name", max_length=80, script="zh")
    name_en = c.text("name_en", max_length=120, script="latin")
    grade = c.choice("grade", GRADES)
    beds = c.integer("beds", low=0, high=20_000)
    phone = c.phone("phone")
    if city is not None and name is not None:
        same = session.scalar(
            select(Hospital.hospital_id).where(Hospital.city_id == city_id, Hospital.name == name)
        )
        if same is not None:
            c.add("name", "hospital_exists", value=name, city=city.name, id=same)
    if not c.problems:
        similar = hospital_candidates(session, data)
        if similar:
            c.warn("name", "possible_duplicate", candidates=tuple(similar))
    row = Hospital(city_id=city_id, name=name, name_en=name_en, grade=grade, beds=beds, phone=phone)
    return c, [row]


def department(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A new department in a hospital, named once within that hospital."""
    c = Checker(data)
    found = c.record(session, "hospital_id", Hospital)
    hospital_id = found.hospital_id if found is not None else None
    name = c.text("name", max_length=40, script="zh")
    name_en = c.text("name_en", max_length=80, script="latin")
    specialty = c.choice("specialty", SPECIALTIES)
    if found is not None and name is not None:
        same = session.scalar(
            select(Department.department_id).where(
                Department.hospital_id == hospital_id, Department.name == name
            )
        )
        if same is not None:
            c.add("name", "department_exists", value=name, hospital=found.name, id=same)
    row = Department(hospital_id=hospital_id, name=name, name_en=name_en, specialty=specialty)
    return c, [row]


def doctor(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A new doctor in a department; with ``doctor_id``, a correction of that doctor."""
    c = Checker(data)
    existing = c.record(session, "doctor_id", Doctor) if data.get("doctor_id") is not None else None
    found = c.record(session, "hospital_id", Hospital)
    dept = c.record(session, "department_id", Department)
    department_id = dept.department_id if dept is not None else None
    values = {
        "name": c.text("name", max_length=40, script="zh"),
        "name_pinyin": c.text("name_pinyin", max_length=80, script="pinyin"),
        "gender": c.choice("gender", GENDERS),
        "title": c.choice("title", TITLES),
        "specialty": c.choice("specialty", SPECIALTIES),
        "mobile": c.phone("mobile", mobile_only=True),
    }
    if found is not None and dept is not None and dept.hospital_id != found.hospital_id:
        theirs = session.scalars(
            select(Department.name)
            .where(Department.hospital_id == found.hospital_id)
            .order_by(Department.name)
        ).all()
        c.add(
            "department_id",
            "department_not_in_hospital",
            department=dept.name,
            hospital=found.name,
            choices="、".join(theirs) or "—",
        )
    if not c.problems:
        similar = [
            d
            for d in doctor_candidates(session, data)
            if existing is None or d.id != existing.doctor_id
        ]
        if similar:
            c.warn("name", "possible_duplicate", candidates=tuple(similar))
    if existing is not None:
        return c, [_Correction(existing, values, department_id)]
    person = Doctor(**values)
    return c, [person, _Affiliate(person, department_id)]


class _Correction:
    """An existing doctor's record put right.

    Their primary department is moved too if it was wrong.
    """

    def __init__(self, person: Doctor, values: dict[str, Any], department_id: int | None) -> None:
        self.person, self.values, self.department_id = person, values, department_id

    def write(self, session: Session) -> Doctor:
        for key, value in self.values.items():
            setattr(self.person, key, value)
        doctor_id = self.person.doctor_id
        places = {
            a.department_id: a
            for a in session.scalars(select(Affiliation).where(Affiliation.doctor_id == doctor_id))
        }
        primary = next((a for a in places.values() if a.is_primary), None)
        if primary is None or primary.department_id != self.department_id:
            if primary is not None:
                session.delete(primary)
                session.flush()
            if self.department_id in places and places[self.department_id] is not primary:
                places[self.department_id].is_primary = True
            else:
                session.add(
                    Affiliation(
                        doctor_id=doctor_id, department_id=self.department_id, is_primary=True
                    )
                )
        session.flush()
        return self.person


class _Affiliate:
    """The primary affiliation, made once the doctor has an id."""

    def __init__(self, person: Doctor, department_id: int | None) -> None:
        self.person, self.department_id = person, department_id

    def row(self) -> Affiliation:
        assert self.department_id is not None
        return Affiliation(
            doctor_id=self.person.doctor_id, department_id=self.department_id, is_primary=True
        )
