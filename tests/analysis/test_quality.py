"""Data quality and adoption: each measure cross-checked against plain pandas on the cut's
files, and the laptop refund rule pinned on both sides of every threshold on a small world
made by hand."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rapidfuzz import fuzz
from sqlalchemy.orm import Session

import workbench
from workbench import AnalysisError, Database, Settings
from workbench.analysis import quality
from workbench.db.models import (
    Affiliation,
    Assignment,
    Call,
    City,
    Department,
    Doctor,
    Hospital,
    Region,
    Rep,
)
from workbench.entry.duplicates import NAME_SIMILARITY, PINYIN_SIMILARITY

Tables = Callable[[str], pd.DataFrame]


def _in_field(tables: Tables, as_of: pd.Timestamp) -> pd.DataFrame:
    rep = tables("rep")
    keep = (rep["role"] == "rep") & (rep["hired_on"] <= as_of)
    keep &= rep["left_on"].isna() | (rep["left_on"] > as_of)
    return rep[keep]


def _as_of(tables: Tables) -> pd.Timestamp:
    return tables("call")["call_date"].max()


def _territory(tables: Tables, as_of: pd.Timestamp) -> pd.DataFrame:
    a = tables("assignment")
    now = (a["start_on"] <= as_of) & (a["end_on"].isna() | (a["end_on"] >= as_of))
    return a[now][["rep_id", "doctor_id"]].drop_duplicates()


def _filled(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip().ne("")


def test_completeness_matches_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    as_of = _as_of(camp_tables)
    reps = _in_field(camp_tables, as_of)
    doctors = _territory(camp_tables, as_of).merge(camp_tables("doctor"), on="doctor_id")
    filled_doctor = sum(
        _filled(doctors[f]) for f in ("mobile", "title", "specialty", "name_pinyin")
    )
    doctors = (
        doctors.assign(filled=filled_doctor)
        .groupby("rep_id")
        .agg(doctors=("doctor_id", "size"), filled=("filled", "sum"))
    )
    calls = camp_tables("call")
    calls = (
        calls.assign(filled=_filled(calls["next_step"]))
        .groupby("rep_id")
        .agg(calls=("call_id", "size"), filled=("filled", "sum"))
    )
    want = (doctors["filled"] + calls["filled"]) / (4 * doctors["doctors"] + calls["calls"])
    got = quality.completeness(camp_cut).table.set_index("rep_id")
    assert list(got.index) == sorted(reps["rep_id"])
    np.testing.assert_allclose(got["completeness"], want.reindex(got.index))
    assert (got["doctors"] == doctors["doctors"].reindex(got.index)).all()
    assert 0.5 < got["completeness"].min() < got["completeness"].max() < 1


@pytest.mark.parametrize("days", [0, 3, 7])
def test_entry_delay_matches_pandas(
    camp_cut: workbench.Cut, camp_tables: Tables, days: int
) -> None:
    calls = camp_tables("call")
    lag = (pd.to_datetime(calls["entered_at"]).dt.normalize() - calls["call_date"]).dt.days
    by_rep = calls.assign(lag=lag).groupby("rep_id")["lag"]
    got = quality.entry_delay(camp_cut, days=days).table.set_index("rep_id")
    np.testing.assert_allclose(got["median_days"], by_rep.median().reindex(got.index))
    on_time = by_rep.apply(lambda s: (s <= days).mean())
    np.testing.assert_allclose(got["on_time"], on_time.reindex(got.index))
    assert (got["entered"] == by_rep.size().reindex(got.index)).all()


def test_the_sample_world_has_reps_who_enter_late_and_most_who_do_not(
    camp_cut: workbench.Cut,
) -> None:
    got = quality.entry_delay(camp_cut).table
    late = got[got["median_days"] >= 7]
    assert 1 <= len(late) <= len(got) // 4
    assert (got.drop(late.index)["median_days"] <= 1).all()


def test_weekly_calls_match_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    as_of = _as_of(camp_tables)
    calls = camp_tables("call")
    week = calls["call_date"] - pd.to_timedelta(calls["call_date"].dt.weekday, unit="D")
    last = as_of - pd.Timedelta(days=as_of.weekday())
    weeks = pd.date_range(last - pd.Timedelta(weeks=11), last, freq="7D")
    counted = calls[week >= weeks[0]].groupby([calls["rep_id"], week]).size()
    got = quality.weekly_calls(camp_cut, weeks=12).table
    reps = sorted(_in_field(camp_tables, as_of)["rep_id"])
    assert len(got) == 12 * len(reps)
    index = pd.MultiIndex.from_product([reps, weeks])
    want = counted.reindex(index, fill_value=0).to_numpy()
    assert (got["calls"].to_numpy() == want).all()
    assert got["week"].iloc[-1] == last.date() and got["week"].iloc[0] == weeks[0].date()
    with pytest.raises(AnalysisError, match="weeks 0 must be 1 or more"):
        quality.weekly_calls(camp_cut, weeks=0)


def _alike(a: pd.Series, b: pd.Series) -> bool:
    """The duplicate rule, written out again from the entry module's thresholds."""
    plain = [
        ("".join(c for c in str(p).lower() if c.isalpha())) for p in (a.name_pinyin, b.name_pinyin)
    ]
    by_name = fuzz.ratio(a["name"], b["name"])
    by_pinyin = fuzz.ratio(*plain)
    same_mobile = isinstance(a.mobile, str) and a.mobile != "" and a.mobile == b.mobile
    return by_name >= NAME_SIMILARITY or by_pinyin >= PINYIN_SIMILARITY or same_mobile


def test_suspected_duplicates_match_a_pairwise_check(
    camp_cut: workbench.Cut, camp_tables: Tables
) -> None:
    as_of = _as_of(camp_tables)
    place = camp_tables("affiliation").merge(camp_tables("department"), on="department_id")
    place = place[["doctor_id", "hospital_id"]].drop_duplicates()
    doctors = place.merge(camp_tables("doctor"), on="doctor_id")
    flagged: set[tuple[int, int]] = set()
    for _h, group in doctors.groupby("hospital_id"):
        rows = [r for _i, r in group.iterrows()]
        for a, b in itertools.combinations(rows, 2):
            if _alike(a, b):
                flagged |= {(a.doctor_id, b.doctor_id), (b.doctor_id, a.doctor_id)}
    territory = _territory(camp_tables, as_of)
    territory = territory[territory["rep_id"].isin(_in_field(camp_tables, as_of)["rep_id"])]
    want = {(r, d, o) for r, d in territory.itertuples(index=False) for dd, o in flagged if dd == d}
    got = quality.suspected_duplicates(camp_cut).table
    assert set(got[["rep_id", "doctor_id", "other_id"]].itertuples(index=False, name=None)) == want
    assert len(want) > 0


def test_refund_eligibility_gathers_the_measures_in_the_sample_world(
    camp_cut: workbench.Cut,
) -> None:
    got = quality.refund_eligibility(camp_cut).table
    assert got["eligible"].any() and not got["eligible"].all()
    assert set(" ".join(got["blocked_by"]).split()) == {"service", "completeness", "late_entry"}
    late = got[got["blocked_by"].str.contains("late_entry")]
    assert (late["on_time"] < 0.8).all() and (late["median_days"] >= 7).all()


# --- the refund rule at its boundaries, on a world made by hand ------------------------------

AS_OF = dt.date(2026, 10, 30)


def _rep(
    session: Session, rep_id: int, hired: dt.date, *, next_steps: int, late: int, late_by: int = 4
) -> None:
    """A rep with ten complete doctors and ten calls, ``next_steps`` of them with a next step
    and ``late`` entered ``late_by`` days after the visit (the others 3 days after)."""
    session.add(
        Rep(
            rep_id=rep_id,
            name=f"代表{rep_id}",
            name_pinyin=f"Daibiao {'vwxyz'[rep_id - 1]}",
            role="rep",
            region_id=1,
            city_id=1,
            hired_on=hired,
        )
    )
    ids = [rep_id * 100 + k for k in range(10)]
    for k, doctor_id in enumerate(ids):
        session.add(
            Doctor(
                doctor_id=doctor_id,
                name=f"医{rep_id}{'甲乙丙丁戊己庚辛壬癸'[k]}",
                name_pinyin=f"Yi {'abcdefghij'[k]}{'vwxyz'[rep_id - 1]}",
                gender="F",
                title="attending",
                specialty="cardiology",
                mobile=f"139{doctor_id:08d}",
            )
        )
    session.flush()
    for k, doctor_id in enumerate(ids):
        day = AS_OF - dt.timedelta(days=k)
        lag = late_by if k < late else 3
        entered = dt.datetime.combine(day + dt.timedelta(days=lag), dt.time(23, 59))
        session.add(Affiliation(doctor_id=doctor_id, department_id=rep_id, is_primary=True))
        session.add(Assignment(rep_id=rep_id, doctor_id=doctor_id, start_on=hired))
        step = "约科室会" if k < next_steps else None
        session.add(
            Call(
                rep_id=rep_id,
                doctor_id=doctor_id,
                call_date=day,
                joint_visit=False,
                next_step=step,
                entered_at=entered,
            )
        )
    session.flush()


@pytest.fixture(scope="module")
def small_cut(tmp_path_factory: pytest.TempPathFactory) -> Iterator[workbench.Cut]:
    """Reps 1-5 at and just past each threshold of the default rule (24 months, 80 % complete,
    80 % on time within 3 days)."""
    folder = tmp_path_factory.mktemp("refund")
    db: Database = workbench.connect(f"sqlite:///{folder / 'refund.db'}")
    with db.session() as session:
        session.add(Region(region_id=1, name="华东大区", name_en="East"))
        session.flush()
        session.add(City(city_id=1, region_id=1, name="上海", name_en="Shanghai", tier=1))
        session.flush()
        session.add(
            Hospital(hospital_id=1, city_id=1, name="一院", name_en="First", grade="3A", beds=9)
        )
        session.flush()
        for rep_id in range(1, 6):
            session.add(
                Department(
                    department_id=rep_id,
                    hospital_id=1,
                    name=f"科{rep_id}",
                    name_en=f"D{rep_id}",
                    specialty="cardiology",
                )
            )
        session.flush()
        exactly = dt.date(2024, 10, 30)  # 24 months to the day before AS_OF
        # 40 doctor fields + 10 calls: 0 next steps = 40/50 = 0.8 exactly
        _rep(session, 1, exactly, next_steps=0, late=2)  # at every threshold: eligible
        _rep(session, 2, exactly + dt.timedelta(days=1), next_steps=0, late=2)  # 23 months
        _rep(session, 3, exactly, next_steps=0, late=3)  # 70 % on time
        _rep(session, 4, exactly, next_steps=10, late=2, late_by=3)  # all on time at 3 days
        _rep(session, 5, exactly, next_steps=0, late=2)
    with db.session() as session:  # rep 5: one doctor without a mobile, 39/50 = 0.78
        doctor = session.get(Doctor, 500)
        assert doctor is not None
        doctor.mobile = None
    made = workbench.cut(db, out=folder / "cuts")
    db.close()
    yield made
    made.close()


def _row(table: pd.DataFrame, rep_id: int) -> pd.Series:
    return table.set_index("rep_id").loc[rep_id]


def test_a_rep_exactly_at_every_threshold_is_eligible(small_cut: workbench.Cut) -> None:
    got = quality.refund_eligibility(small_cut).table
    rep = _row(got, 1)
    assert (rep["months"], rep["completeness"], rep["on_time"]) == (24, 0.8, 0.8)
    assert rep["eligible"] and rep["blocked_by"] == ""


def test_a_rep_a_day_short_of_the_months_is_not(small_cut: workbench.Cut) -> None:
    rep = _row(quality.refund_eligibility(small_cut).table, 2)
    assert rep["months"] == 23 and not rep["eligible"] and rep["blocked_by"] == "service"
    assert _row(quality.refund_eligibility(small_cut, settings=Settings(refund_months=23)).table,
                2)["eligible"]  # fmt: skip


def test_a_rep_just_below_completeness_is_not(small_cut: workbench.Cut) -> None:
    rep = _row(quality.refund_eligibility(small_cut).table, 5)
    assert rep["completeness"] == pytest.approx(0.78)
    assert not rep["eligible"] and rep["blocked_by"] == "completeness"
    stricter = Settings(refund_completeness=0.8001)
    rep1 = _row(quality.refund_eligibility(small_cut, settings=stricter).table, 1)
    assert not rep1["eligible"] and rep1["blocked_by"] == "completeness"


def test_a_rep_just_below_the_on_time_share_is_not(small_cut: workbench.Cut) -> None:
    rep = _row(quality.refund_eligibility(small_cut).table, 3)
    assert rep["on_time"] == 0.7 and not rep["eligible"] and rep["blocked_by"] == "late_entry"
    stricter = Settings(refund_on_time=0.8001)
    assert not _row(quality.refund_eligibility(small_cut, settings=stricter).table, 1)["eligible"]
    assert _row(quality.refund_eligibility(small_cut, settings=Settings(refund_on_time=0.7)).table,
                3)["eligible"]  # fmt: skip


def test_a_call_entered_exactly_the_allowed_days_late_is_on_time(
    small_cut: workbench.Cut,
) -> None:
    at_three = _row(quality.entry_delay(small_cut).table, 4)
    assert at_three["on_time"] == 1.0 and at_three["median_days"] == 3.0
    at_two = _row(quality.entry_delay(small_cut, settings=Settings(refund_entry_days=2)).table, 4)
    assert at_two["on_time"] == 0.0
    rep4 = _row(quality.refund_eligibility(small_cut).table, 4)
    assert rep4["completeness"] == 1.0 and rep4["eligible"]
    with pytest.raises(AnalysisError, match="days allowed -1"):
        quality.entry_delay(small_cut, days=-1)


def test_the_rule_is_measured_on_the_day_asked(small_cut: workbench.Cut) -> None:
    earlier = quality.refund_eligibility(small_cut, as_of=AS_OF - dt.timedelta(days=1)).table
    assert _row(earlier, 1)["months"] == 23 and not _row(earlier, 1)["eligible"]


def test_an_empty_cut_says_how_to_get_calls(tmp_path: Path) -> None:
    db = workbench.connect(f"sqlite:///{tmp_path / 'empty.db'}")
    empty = workbench.cut(db, out=tmp_path / "cuts")
    db.close()
    with pytest.raises(AnalysisError, match="holds no calls"):
        quality.refund_eligibility(empty)
