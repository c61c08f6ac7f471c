"""Reference lists of the domain: what a hospital, department, doctor or adverse event may be.

Entry rules and forms check against these lists, and the sample world draws from them; they
depend on nothing else in the workbench. How often the sample world picks each item is the
sample world's own business (``workbench.sample.reference``).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ADVERSE_TERMS",
    "DEPARTMENTS",
    "GENDERS",
    "GRADES",
    "SPECIALTIES",
    "TITLES",
    "AdverseTerm",
    "DepartmentRef",
]

#: Hospital grades, highest first: 3A (三级甲等) down to 1 (一级).
GRADES: tuple[str, ...] = ("3A", "3B", "3C", "2A", "2B", "2C", "1")

#: Doctors' professional titles, most senior first.
TITLES: tuple[str, ...] = ("chief", "associate_chief", "attending", "resident")

#: Doctors' genders as stored: female, male.
GENDERS: tuple[str, ...] = ("F", "M")


class DepartmentRef(NamedTuple):
    """A kind of department: its Chinese and English names and the specialty it stands for."""

    name: str
    name_en: str
    specialty: str


DEPARTMENTS: tuple[DepartmentRef, ...] = (
    DepartmentRef("心内科", "Cardiology", "cardiology"),
    DepartmentRef("呼吸内科", "Respiratory Medicine", "respiratory"),
    DepartmentRef("消化内科", "Gastroenterology", "gastroenterology"),
    DepartmentRef("内分泌科", "Endocrinology", "endocrinology"),
    DepartmentRef("神经内科", "Neurology", "neurology"),
    DepartmentRef("普外科", "General Surgery", "general_surgery"),
    DepartmentRef("骨科", "Orthopaedics", "orthopaedics"),
    DepartmentRef("儿科", "Paediatrics", "paediatrics"),
    DepartmentRef("妇产科", "Obstetrics and Gynaecology", "obstetrics"),
    DepartmentRef("急诊科", "Emergency", "emergency"),
    DepartmentRef("肿瘤科", "Oncology", "oncology"),
    DepartmentRef("肾内科", "Nephrology", "nephrology"),
    DepartmentRef("全科医学科", "General Practice", "general_practice"),
    DepartmentRef("感染科", "Infectious Diseases", "infectious"),
    DepartmentRef("血液科", "Haematology", "haematology"),
    DepartmentRef("风湿免疫科", "Rheumatology and Immunology", "rheumatology"),
    DepartmentRef("老年病科", "Geriatrics", "geriatrics"),
    DepartmentRef("重症医学科", "Intensive Care", "intensive_care"),
    DepartmentRef("泌尿外科", "Urology", "urology"),
    DepartmentRef("胸外科", "Thoracic Surgery", "thoracic_surgery"),
    DepartmentRef("神经外科", "Neurosurgery", "neurosurgery"),
    DepartmentRef("心外科", "Cardiac Surgery", "cardiac_surgery"),
    DepartmentRef("皮肤科", "Dermatology", "dermatology"),
    DepartmentRef("眼科", "Ophthalmology", "ophthalmology"),
    DepartmentRef("耳鼻喉科", "Otorhinolaryngology", "ent"),
    DepartmentRef("中医科", "Traditional Chinese Medicine", "tcm"),
    DepartmentRef("麻醉科", "Anaesthesiology", "anaesthesiology"),
    DepartmentRef("康复医学科", "Rehabilitation", "rehabilitation"),
)

#: A department's or doctor's specialty, in the order of :data:`DEPARTMENTS`.
SPECIALTIES: tuple[str, ...] = tuple(dict.fromkeys(d.specialty for d in DEPARTMENTS))


class AdverseTerm(NamedTuple):
    """An adverse event term: what a site writes, its MedDRA preferred term, its organ class."""

    verbatim: str
    preferred_term: str
    soc: str


#: Adverse event terms: what a site writes, its MedDRA preferred term, its system organ class.
ADVERSE_TERMS: tuple[AdverseTerm, ...] = (
    AdverseTerm("恶心", "Nausea", "Gastrointestinal disorders"),
    AdverseTerm("腹泻", "Diarrhoea", "Gastrointestinal disorders"),
    AdverseTerm("皮疹", "Rash", "Skin and subcutaneous tissue disorders"),
    AdverseTerm("脱发", "Alopecia", "Skin and subcutaneous tissue disorders"),
    AdverseTerm("乏力", "Fatigue", "General disorders and administration site conditions"),
    AdverseTerm("中性粒细胞减少", "Neutropenia", "Blood and lymphatic system disorders"),
    AdverseTerm("转氨酶升高", "Alanine aminotransferase increased", "Investigations"),
    AdverseTerm(
        "间质性肺病", "Interstitial lung disease", "Respiratory, thoracic and mediastinal disorders"
    ),
)
