"""Any payload to any entry kind: accepted and valid, or refused with problems naming fields;
never another exception, and a refused save writes nothing.

CI tries 100 payloads a kind on each store; ``FUZZ_PROFILE=deep`` tries 1,500 (30,000 in
all), as the figures in the closing notes were taken.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.entry.conftest import camp_world
from workbench import Database, entry
from workbench.errors import InvalidEntry, WorkbenchError

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep", max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("FUZZ_PROFILE", "ci"))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def fuzzed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A camp world of its own: what the payloads that pass write stays here."""
    yield from camp_world(request.param, tmp_path_factory)


FIELDS = [
    "category",
    "channel",
    "decision",
    "gender",
    "grade",
    "overall",
    "preferred_term",
    "soc",
    "specialty",
    "title",
    "assessed_on",
    "call_date",
    "end_on",
    "invited_on",
    "start_on",
    "week_start",
    "joint_visit",
    "related",
    "serious",
    "submit",
    "beds",
    "visit",
    "mobile",
    "phone",
    "city_id",
    "department_id",
    "doctor_id",
    "event_id",
    "hospital_id",
    "joint_rep_id",
    "plan_id",
    "rep_id",
    "reviewer_id",
    "subject_id",
    "camp",
    "comment",
    "employee_id",
    "name",
    "name_en",
    "name_pinyin",
    "next_step",
    "question",
    "verbatim",
    "products",
    "items",
    "received_at",
    "answered_by",
]

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=0, max_value=50),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(
        [
            "1",
            "2026-06-01",
            "2026-W23-1",
            "9999-12-31",
            "0001-01-01",
            "",
            "  ",
            "\x00",
            "\ud800",
            "王伟",
            "attending",
            "SD",
            "Rash",
            "3A",
        ]
    ),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.lists(st.integers(min_value=-5, max_value=5), max_size=3),
    st.lists(
        st.dictionaries(
            st.sampled_from(["product_id", "key_message", "doctor_id", "planned_on"]),
            st.integers(0, 3) | st.text(max_size=5),
        ),
        max_size=3,
    ),
    st.binary(max_size=8),
)
PAYLOADS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=12)


@pytest.mark.parametrize("kind", sorted(entry.KINDS))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=PAYLOADS)
def test_any_payload_is_valid_or_refused_naming_fields(
    fuzzed: Database, kind: str, data: dict[str, Any]
) -> None:
    store = fuzzed
    try:
        problems = entry.validate(store, kind, data)
    except InvalidEntry as exc:
        problems = exc.problems
    assert all(isinstance(p.field, str) and p.message("zh") and p.message("en") for p in problems)
    before = store.counts()
    try:
        entry.save(store, kind, data, accept_warnings=True, actor="fuzz")
    except InvalidEntry as exc:
        assert exc.problems and store.counts() == before
    except WorkbenchError as exc:  # a store error would be a finding too
        raise AssertionError(f"{type(exc).__name__}: {exc}") from exc
