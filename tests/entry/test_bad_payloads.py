"""Whatever arrives as an entry, ``validate`` and ``save`` answer with problems naming the field,
in both languages, and nothing is written: never another exception, never a store error.

The payloads are those that once escaped as ``OverflowError``, ``ValueError``,
``UnicodeEncodeError``, ``AttributeError`` or ``TypeError``, on SQLite or PostgreSQL; each
threshold (the store's integer, the days an entry may name, the characters text may hold)
is pinned on both sides.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from workbench import Database, entry
from workbench.entry._rules import INTEGER_HIGH
from workbench.errors import InvalidEntry, MissingEntry

HAN = re.compile(r"[\u4e00-\u9fff]")

HOSPITAL = {"name": "测试医院", "city_id": 1, "grade": "3A", "beds": 500}


def _hospital(**changes: Any) -> dict[str, Any]:
    return {**HOSPITAL, **changes}


#: payload -> the field whose problem must be named
BAD: dict[str, tuple[str, Any, str]] = {
    "an id past the store's integer": ("hospital", _hospital(city_id=2**31), "city_id"),
    "an id past SQLite's integer": ("hospital", _hospital(city_id=2**63), "city_id"),
    "an id of 5,000 digits": ("hospital", _hospital(city_id="1" * 5000), "city_id"),
    "an id that is infinity": ("hospital", _hospital(city_id=float("inf")), "city_id"),
    "an id in Arabic-Indic digits": ("hospital", _hospital(city_id="١"), "city_id"),
    "an id of zero": ("hospital", _hospital(city_id=0), "city_id"),
    "beds past the store's integer": ("hospital", _hospital(beds=2**31), "beds"),
    "a lone surrogate": ("hospital", _hospital(name="测试\ud800医院"), "name"),
    "a NUL byte": ("hospital", _hospital(name="测试\x00医院"), "name"),
    "a bidi override": ("hospital", _hospital(name="测试\u202e医院"), "name"),
    "a zero-width space": ("hospital", _hospital(name="测试\u200b医院"), "name"),
    "a byte-order mark": ("hospital", _hospital(name="\ufeff测试医院"), "name"),
    "a week in year 9999": ("plan", {"rep_id": 1, "week_start": "9999-12-27"}, "week_start"),
    "a date as a number": ("plan", {"rep_id": 1, "week_start": 20260601}, "week_start"),
    "a date as an ISO week": ("plan", {"rep_id": 1, "week_start": "2026-W23-1"}, "week_start"),
    "a date without dashes": ("plan", {"rep_id": 1, "week_start": "20260601"}, "week_start"),
    "a mobile in full-width digits": (
        "doctor",
        {"name": "王伟", "mobile": "１３８００１３８０００"},
        "mobile",
    ),
    "no record, None": ("doctor", None, "data"),
    "no record, a list": ("doctor", ["王伟"], "data"),
    "no record, text": ("doctor", "王伟", "data"),
    "no record, bytes": ("doctor", b"\xe7\x8e\x8b", "data"),
}


def _counts(db: Database) -> dict[str, int]:
    return db.counts()


@pytest.mark.parametrize(("kind", "data", "field"), BAD.values(), ids=BAD.keys())
def test_a_bad_payload_is_a_problem_naming_its_field_and_nothing_is_written(
    store: Database, kind: str, data: Any, field: str
) -> None:
    before = _counts(store)
    with pytest.raises(InvalidEntry) as info:
        entry.save(store, kind, data, actor="bad-payloads")
    problems = [p for p in info.value.problems if p.field == field]
    assert problems, [(p.field, p.code) for p in info.value.problems]
    for problem in problems:
        assert HAN.search(problem.message("zh")) and not HAN.search(problem.message("en"))
    assert _counts(store) == before
    if isinstance(data, dict):  # validate says the same, without raising
        assert field in {p.field for p in entry.validate(store, kind, data)}


@pytest.mark.parametrize("kind", [["doctor"], None, 3, b"doctor"], ids=repr)
def test_a_kind_that_is_not_a_name_is_missing(store: Database, kind: Any) -> None:
    for call in (entry.validate, entry.save, entry.duplicates):
        with pytest.raises(MissingEntry, match="is not known"):
            call(store, kind, {})


@pytest.mark.parametrize("hospital_id", [float("inf"), float("nan"), 2**63, "1" * 5000, -1])
def test_duplicates_of_an_id_that_cannot_be_one_finds_by_the_rest(
    store: Database, hospital_id: Any
) -> None:
    found = entry.duplicates(store, "doctor", {"hospital_id": hospital_id, "name": "王伟"})
    assert isinstance(found, list)


def _city_id_problem(store: Database, city_id: Any) -> str | None:
    codes = [p.code for p in entry.validate(store, "hospital", _hospital(city_id=city_id))]
    return next((c for c in codes if c in ("out_of_range", "unknown", "not_integer")), None)


def test_an_id_is_checked_up_to_the_stores_integer_and_no_further(store: Database) -> None:
    assert _city_id_problem(store, INTEGER_HIGH) == "unknown"  # fits: looked up, not found
    assert _city_id_problem(store, INTEGER_HIGH + 1) == "out_of_range"
    assert _city_id_problem(store, str(INTEGER_HIGH)) == "unknown"
    assert _city_id_problem(store, str(INTEGER_HIGH + 1)) == "out_of_range"
    assert _city_id_problem(store, 1) is None
    assert _city_id_problem(store, 0) == "out_of_range"


@pytest.mark.parametrize(
    ("day", "refused"),
    [("1899-12-31", True), ("1900-01-01", False), ("2099-12-31", False), ("2100-01-01", True)],
)
def test_a_day_is_from_1900_to_2099(store: Database, day: str, refused: bool) -> None:
    problems = entry.validate(store, "plan", {"rep_id": 1, "week_start": day})
    ranged = [p for p in problems if p.field == "week_start" and p.code == "out_of_range"]
    assert bool(ranged) is refused


@pytest.mark.parametrize(
    ("char", "refused"),
    [
        ("\t", False),
        ("\n", False),
        ("\x08", True),
        ("\x0b", True),
        ("\x1f", True),
        ("\x7f", True),
        ("\u200b", True),
        ("\u200f", True),
        ("\u2010", False),
        ("\u2066", True),
        ("\u206a", False),
    ],
    ids=lambda c: f"U+{ord(c):04X}" if isinstance(c, str) else str(c),
)
def test_text_refuses_exactly_the_invisible_characters(
    store: Database, char: str, refused: bool
) -> None:
    data = {"camp": "x", "question": f"登录{char}失败"}  # free text that may run over lines
    problems = entry.validate(store, "help_request", data)
    unsafe = [p for p in problems if p.field == "question" and p.code == "unsafe_text"]
    assert bool(unsafe) is refused


@pytest.mark.parametrize(
    ("verbatim", "code"),
    [
        ("皮疹，联系 138 0013 8000", "verbatim_phone"),
        ("皮疹，电话 13800138000", "verbatim_phone"),
        ("皮疹 010-62751234", "verbatim_phone"),
        ("张伟 110101199003071234 皮疹", "verbatim_id_number"),
        ("皮疹，生于 1990年3月7日", "verbatim_date"),
        ("皮疹 DOB 1990-03-07", "verbatim_date"),
        ("皮疹，第 2 周期，3 级", None),  # numbers that identify no one
        ("皮疹 2 天", None),
    ],
)
def test_a_verbatim_term_that_identifies_a_patient_is_refused(
    store: Database, verbatim: str, code: str | None
) -> None:
    from tests.entry.test_trials import _on_treatment

    subject = _on_treatment(store)
    data = {
        "subject_id": subject.subject_id,
        "verbatim": verbatim,
        "preferred_term": "Rash",
        "soc": "Skin and subcutaneous tissue disorders",
        "grade": 2,
        "start_on": subject.first_dose_on,
    }
    codes = [p.code for p in entry.validate(store, "adverse_event", data) if p.field == "verbatim"]
    assert codes == ([code] if code else [])


@pytest.mark.parametrize(
    ("term", "soc", "codes"),
    [
        ("Rash", "Skin and subcutaneous tissue disorders", []),
        ("Rash", "Gastrointestinal disorders", [("soc", "soc_of_term")]),
        (
            "Itchy skin",
            "Skin and subcutaneous tissue disorders",
            [("preferred_term", "not_a_choice")],
        ),
        ("Rash", "Skin", [("soc", "not_a_choice")]),
    ],
)
def test_an_adverse_event_is_coded_from_the_studys_dictionary(
    store: Database, term: str, soc: str, codes: list[tuple[str, str]]
) -> None:
    from tests.entry.test_trials import _on_treatment

    subject = _on_treatment(store)
    data = {
        "subject_id": subject.subject_id,
        "verbatim": "皮疹",
        "preferred_term": term,
        "soc": soc,
        "grade": 2,
        "start_on": subject.first_dose_on,
    }
    found = [(p.field, p.code) for p in entry.validate(store, "adverse_event", data)]
    assert [f for f in found if f[0] in ("preferred_term", "soc")] == codes
