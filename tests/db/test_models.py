"""The model's own promises: table order, names, one primary affiliation per doctor."""

from __future__ import annotations

import pytest

from workbench import Database
from workbench.db.models import (
    TABLE_ORDER,
    Affiliation,
    Base,
    City,
    Department,
    Doctor,
    Hospital,
    Region,
)
from workbench.errors import RuleViolation


def test_table_order_lists_every_table_parents_first() -> None:
    """The CRM world's tables in ``TABLE_ORDER``, the gradebook's in ``GRADEBOOK_TABLES``:
    together every table, each after its parents."""
    from workbench.db.gradebook import GRADEBOOK_TABLES
    from workbench.db.identity import META_TABLES
    from workbench.db.stewardship import STEWARDSHIP_TABLES

    every = TABLE_ORDER + GRADEBOOK_TABLES + META_TABLES + STEWARDSHIP_TABLES
    assert sorted(every) == sorted(Base.metadata.tables)
    assert len(set(every)) == len(every)
    position = {name: i for i, name in enumerate(every)}
    for table in Base.metadata.tables.values():
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            if parent != table.name:
                assert position[parent] < position[table.name], (table.name, parent)


def test_table_names_are_singular_snake_case() -> None:
    for name in TABLE_ORDER:
        assert name == name.lower()
        assert not name.endswith("s"), name


def test_a_doctor_cannot_have_two_primary_affiliations(empty_db: Database) -> None:
    with empty_db.session() as s:
        region = Region(name="华东大区", name_en="East")
        s.add(region)
        s.flush()
        city = City(region_id=region.region_id, name="上海", name_en="Shanghai", tier=1)
        s.add(city)
        s.flush()
        hospital = Hospital(
            city_id=city.city_id,
            name="上海市第一人民医院",
            name_en="Shanghai No.1 People's Hospital",
            grade="3A",
            beds=1500,
        )
        s.add(hospital)
        s.flush()
        depts = [
            Department(hospital_id=hospital.hospital_id, name=n, name_en=n, specialty=n)
            for n in ("心内科", "肾内科")
        ]
        doctor = Doctor(
            name="王伟", name_pinyin="Wang Wei", gender="M", title="chief", specialty="cardiology"
        )
        s.add_all([*depts, doctor])
        s.flush()
        s.add(
            Affiliation(
                doctor_id=doctor.doctor_id, department_id=depts[0].department_id, is_primary=True
            )
        )
    with pytest.raises(RuleViolation), empty_db.session() as s:
        s.add(
            Affiliation(
                doctor_id=doctor.doctor_id, department_id=depts[1].department_id, is_primary=True
            )
        )
    with empty_db.session() as s:
        s.add(
            Affiliation(
                doctor_id=doctor.doctor_id, department_id=depts[1].department_id, is_primary=False
            )
        )
    assert empty_db.counts()["affiliation"] == 2
