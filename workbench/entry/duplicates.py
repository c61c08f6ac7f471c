"""Whether a new doctor or hospital looks like one already in the database.

Candidates come with their reasons: same hospital and department, a name similar in
characters or in pinyin, the same phone. The person entering picks the existing record or
confirms a new one (``save(..., accept_warnings=True)``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import Affiliation, City, Department, Doctor, Hospital
from workbench.entry._rules import INTEGER_HIGH
from workbench.i18n import text

__all__ = [
    "NAME_SIMILARITY",
    "PINYIN_SIMILARITY",
    "Candidate",
    "doctor_candidates",
    "hospital_candidates",
    "likely_same_doctor",
]

#: rapidfuzz ratio (0-100) from which two Chinese names count as similar: one character
#: differs in a three-character name (67) is not enough, a two-character name inside a
#: three-character one (80) is.
NAME_SIMILARITY = 80
#: ratio from which two pinyin spellings count as similar (tones and spaces ignored).
PINYIN_SIMILARITY = 90


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An existing record that may be the one being entered, and why."""

    kind: str
    id: int
    name: str
    place: str
    reasons: tuple[str, ...]
    score: float

    def message(self, lang: str = "zh") -> str:
        """The candidate and the reasons it may be the one, said in ``lang`` (zh or en)."""
        why = text("dup.and", lang).join(text(f"dup.{r}", lang) for r in self.reasons)
        return text(f"dup.{self.kind}", lang, name=self.name, id=self.id, place=self.place, why=why)


def _plain(pinyin: str) -> str:
    return "".join(ch for ch in pinyin.lower() if ch.isalpha())


def likely_same_doctor(
    name: str,
    pinyin: str,
    mobile: str | None,
    their_name: str,
    their_pinyin: str,
    their_mobile: str | None,
) -> tuple[str, ...]:
    """Why two doctors may be one person; empty when nothing says so.

    The rule entry warns by, and the data quality app counts by: the names similar in
    characters (:data:`NAME_SIMILARITY`) or else in pinyin (:data:`PINYIN_SIMILARITY`), or the
    same mobile number.

    Parameters
    ----------
    name, pinyin, mobile
        One doctor's name, its pinyin and mobile number (empty when not known).
    their_name, their_pinyin, their_mobile
        The other doctor's.

    Returns
    -------
    tuple of str
        The reasons, from ``name_same``, ``name_similar``, ``pinyin_similar`` and
        ``same_mobile``.

    Examples
    --------
    >>> likely_same_doctor("王伟", "Wang Wei", None, "王伟", "wáng wěi", "13800000000")
    ('name_same',)
    >>> likely_same_doctor("王伟", "Wang Wei", None, "李娜", "Li Na", None)
    ()
    """
    by_name = fuzz.ratio(name, their_name) if name else 0.0
    plain = _plain(pinyin or "")
    by_pinyin = fuzz.ratio(plain, _plain(their_pinyin or "")) if plain else 0.0
    reasons: list[str] = []
    if by_name >= NAME_SIMILARITY:
        reasons.append("name_same" if by_name == 100 else "name_similar")
    elif by_pinyin >= PINYIN_SIMILARITY:
        reasons.append("pinyin_similar")
    if mobile and their_mobile == mobile:
        reasons.append("same_mobile")
    return tuple(reasons)


def doctor_candidates(session: Session, data: Mapping[str, Any]) -> list[Candidate]:
    """Doctors who may be the one in ``data``: best match first."""
    name = str(data.get("name") or "").strip()
    pinyin = _plain(str(data.get("name_pinyin") or ""))
    mobile = str(data.get("mobile") or "").replace(" ", "")
    hospital_id, department_id = data.get("hospital_id"), data.get("department_id")
    rows = session.execute(
        select(
            Doctor.doctor_id,
            Doctor.name,
            Doctor.name_pinyin,
            Doctor.mobile,
            Department.department_id,
            Department.name,
            Hospital.name,
        )
        .join(Affiliation, Affiliation.doctor_id == Doctor.doctor_id)
        .join(Department, Department.department_id == Affiliation.department_id)
        .join(Hospital, Hospital.hospital_id == Department.hospital_id)
        .where((Department.hospital_id == _int(hospital_id)) | (Doctor.mobile == (mobile or None)))
    ).all()
    found: dict[int, Candidate] = {}
    for doctor_id, their_name, their_pinyin, their_mobile, dept_id, dept, hospital in rows:
        reasons: list[str] = []
        same_place = _int(department_id) == dept_id
        by_name = fuzz.ratio(name, their_name) if name else 0.0
        by_pinyin = fuzz.ratio(pinyin, _plain(their_pinyin)) if pinyin else 0.0
        alike = likely_same_doctor(name, pinyin, mobile, their_name, their_pinyin, their_mobile)
        if same_place and any(r != "same_mobile" for r in alike):
            reasons.append("same_department")
        reasons.extend(alike)
        if not reasons:
            continue
        score = (
            max(by_name, by_pinyin)
            + (20 if same_place else 0)
            + (50 if "same_mobile" in reasons else 0)
        )
        previous = found.get(doctor_id)
        if previous is None or previous.score < score:
            found[doctor_id] = Candidate(
                "doctor", doctor_id, their_name, f"{hospital} {dept}", tuple(reasons), score
            )
    return sorted(found.values(), key=lambda c: (-c.score, c.id))


def hospital_candidates(session: Session, data: Mapping[str, Any]) -> list[Candidate]:
    """Hospitals in the same city with a similar name, or with the same phone."""
    name = str(data.get("name") or "").strip()
    phone = str(data.get("phone") or "").replace(" ", "")
    rows = session.execute(
        select(Hospital.hospital_id, Hospital.name, Hospital.phone, City.name)
        .join(City, City.city_id == Hospital.city_id)
        .where(
            (Hospital.city_id == _int(data.get("city_id"))) | (Hospital.phone == (phone or None))
        )
    ).all()
    found: list[Candidate] = []
    for hospital_id, their_name, their_phone, city in rows:
        reasons: list[str] = []
        by_name = fuzz.ratio(name, their_name) if name else 0.0
        if by_name >= NAME_SIMILARITY and by_name < 100:
            reasons.append("name_similar")
        if phone and their_phone == phone:
            reasons.append("same_phone")
        if reasons:
            score = by_name + (50 if "same_phone" in reasons else 0)
            found.append(
                Candidate("hospital", hospital_id, their_name, city, tuple(reasons), score)
            )
    return sorted(found, key=lambda c: (-c.score, c.id))


def _int(value: Any) -> int | None:
    """An id to look for, or None for anything that cannot be one (text, infinity, 2**63)."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 1 <= number <= INTEGER_HIGH else None
