"""The match run against every pair judged one by one; merge and unmerge, exactly undone."""

from __future__ import annotations

import filecmp
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

import workbench
from workbench import Database
from workbench.db.export import EXPORTS, export_tables
from workbench.db.models import Affiliation, Call, Department, Doctor, Potential
from workbench.db.stewardship import DoctorMerge
from workbench.entry.duplicates import likely_same_doctor
from workbench.errors import ConfigError, MissingEntry, NotPermitted, RuleViolation
from workbench.sample import load_sample
from workbench.stewardship import doctor_matches, merge_doctors, merges, unmerge


def _one_by_one(db: Database) -> dict[tuple[int, int], set[str]]:
    """Every pair of doctors sharing a hospital or a mobile, judged by entry's rule alone."""
    with db.session() as s:
        doctors = {d.doctor_id: d for d in s.scalars(select(Doctor))}
        places: dict[int, set[tuple[int, int]]] = {}
        for doctor_id, department_id, hospital_id in s.execute(
            select(Affiliation.doctor_id, Department.department_id, Department.hospital_id).join(
                Department, Department.department_id == Affiliation.department_id
            )
        ):
            places.setdefault(doctor_id, set()).add((hospital_id, department_id))
        s.expunge_all()
    found = {}
    for a, b in itertools.combinations(sorted(doctors), 2):
        x, y = doctors[a], doctors[b]
        hospitals = {h for h, _d in places.get(a, ())} & {h for h, _d in places.get(b, ())}
        if not hospitals and not (x.mobile and x.mobile == y.mobile):
            continue
        reasons = set(
            likely_same_doctor(x.name, x.name_pinyin, x.mobile, y.name, y.name_pinyin, y.mobile)
        )
        if not hospitals:
            reasons &= {"same_mobile"}
        if reasons - {"same_mobile"} and places.get(a, set()) & places.get(b, set()):
            reasons.add("same_department")
        if reasons:
            found[(a, b)] = reasons
    return found


def _add_doctor(db: Database, department_id: int, **fields: object) -> int:
    with db.session() as s:
        person = Doctor(
            **{
                "gender": "F",
                "title": "attending",
                "specialty": "cardiology",
                "mobile": None,
                **fields,
            }
        )
        s.add(person)
        s.flush()
        s.add(Affiliation(doctor_id=person.doctor_id, department_id=department_id, is_primary=True))
        s.commit()
        return int(person.doctor_id)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[Database]:
    db = workbench.connect(f"sqlite:///{tmp_path / 'w.db'}")
    load_sample(db, "camp", seed=0)
    yield db
    db.close()


def test_the_match_run_finds_exactly_the_pairs_the_rule_finds_one_by_one(world: Database) -> None:
    # planted: the same mobile in two hospitals, and a copy in the same department
    with world.session() as s:
        far = s.scalar(select(Department.department_id).where(Department.hospital_id == 20))
        near, mobile = s.execute(
            select(Affiliation.department_id, Doctor.mobile)
            .join(Doctor, Doctor.doctor_id == Affiliation.doctor_id)
            .where(Doctor.mobile.is_not(None))
            .limit(1)
        ).one()
    _add_doctor(world, far, name="欧阳明", name_pinyin="Ouyang Ming", mobile=mobile)
    _add_doctor(world, near, name="欧阳明", name_pinyin="Ouyang Ming")
    matches = doctor_matches(world)
    found = {
        (int(r.doctor_id), int(r.other_id)): set(r.reasons.split(",")) for r in matches.itertuples()
    }
    assert found == _one_by_one(world)
    assert any("same_mobile" in r for r in found.values())
    assert any("same_department" in r for r in found.values())
    assert list(matches["score"]) == sorted(matches["score"], reverse=True)


@pytest.mark.parametrize(
    ("name", "pinyin", "other", "other_pinyin", "alike"),
    [
        ("王伟", "Wang Wei", "王伟明", "Zhao Qiang", True),  # names 80: similar
        ("王伟明", "Wang Weiming", "王伟强", "Zhao Qiang", False),  # names 67: not
        ("甲乙", "abcdefghij", "丙丁", "abcdefghik", True),  # pinyin 90: similar
        ("甲乙", "abcdefghi", "丙丁", "abcdefghk", False),  # pinyin 88.9: not
    ],
)
def test_the_thresholds_hold_at_their_edges(
    world: Database, name: str, pinyin: str, other: str, other_pinyin: str, alike: bool
) -> None:
    place = _departments(world)[0]
    a = _add_doctor(world, place, name=name, name_pinyin=pinyin)
    b = _add_doctor(world, place, name=other, name_pinyin=other_pinyin)
    pairs = doctor_matches(world)
    assert bool(((pairs.doctor_id == a) & (pairs.other_id == b)).any()) is alike


def _departments(db: Database) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(Department.department_id).where(Department.hospital_id == 20)))


def _busy_pair(db: Database) -> tuple[int, int]:
    """Two doctors with calls, a shared department and a shared product and quarter."""
    with db.session() as s:
        pair = s.execute(
            select(Potential.doctor_id, Potential.product_id)
            .group_by(Potential.doctor_id, Potential.product_id)
            .order_by(Potential.doctor_id)
        ).all()
        by_product: dict[int, list[int]] = {}
        for doctor_id, product_id in pair:
            by_product.setdefault(product_id, []).append(doctor_id)
        callers = set(s.scalars(select(Call.doctor_id)))
        for doctors in by_product.values():
            both = [d for d in doctors if d in callers]
            if len(both) >= 2:
                return both[0], both[1]
    raise AssertionError("the camp world has no two doctors sharing a product")


def _store(db: Database, folder: Path) -> Path:
    export_tables(db, folder, progress=False)
    return folder


def _merge_and_unmerge(db: Database, tmp_path: Path) -> None:
    keep, drop = _busy_pair(db)
    with db.session() as s:  # the kept doctor shares a department, and has no mobile
        place = s.scalar(select(Affiliation.department_id).where(Affiliation.doctor_id == drop))
        if s.get(Affiliation, (keep, place)) is None:
            s.add(Affiliation(doctor_id=keep, department_id=place, is_primary=False))
        s.execute(update(Doctor).where(Doctor.doctor_id == keep).values(mobile=None))
        s.commit()
        calls = {d: s.scalar(select(func.count()).where(Call.doctor_id == d)) for d in (keep, drop)}
        mobile = s.get(Doctor, drop).mobile
    before = _store(db, tmp_path / "before")
    merge_id = merge_doctors(db, keep=keep, drop=drop, reasons="name_similar")
    with db.session() as s:
        assert s.get(Doctor, drop) is None
        assert s.get(Doctor, keep).mobile == mobile  # an empty field takes the other's
        assert s.scalar(select(func.count()).where(Call.doctor_id == keep)) == sum(calls.values())
        primaries = s.scalar(
            select(func.count()).where(Affiliation.doctor_id == keep, Affiliation.is_primary)
        )
        assert primaries == 1
    log = merges(db)
    assert list(log.merge_id) == [merge_id] and log.undone_at.isna().all()
    unmerge(db, merge_id)
    after = _store(db, tmp_path / "after")
    for spec in EXPORTS:  # table by table, byte for byte
        assert filecmp.cmp(before / spec.file, after / spec.file, shallow=False), spec.file
    with pytest.raises(RuleViolation, match="undone already"):
        unmerge(db, merge_id)


def test_unmerge_gives_back_exactly_the_store_before_the_merge(
    world: Database, tmp_path: Path
) -> None:
    _merge_and_unmerge(world, tmp_path)


@pytest.mark.postgres
def test_unmerge_gives_back_exactly_the_store_before_the_merge_on_postgresql(
    make_pg_url: object, tmp_path: Path
) -> None:
    db = workbench.connect(make_pg_url())  # type: ignore[operator]
    try:
        load_sample(db, "camp", seed=0)
        _merge_and_unmerge(db, tmp_path)
    finally:
        db.close()


def test_a_later_merge_of_the_same_doctor_is_undone_first(world: Database) -> None:
    pairs = doctor_matches(world)
    a, b = int(pairs.doctor_id[0]), int(pairs.other_id[0])
    first = merge_doctors(world, keep=a, drop=b)
    c = next(int(d) for d in pairs.other_id if int(d) not in (a, b))
    second = merge_doctors(world, keep=c, drop=a)
    with pytest.raises(RuleViolation, match=f"undo merge {second} first"):
        unmerge(world, first)
    unmerge(world, second)
    unmerge(world, first)
    with world.session() as s:
        assert s.scalar(select(func.count()).select_from(DoctorMerge)) == 2


def test_merging_asks_for_two_doctors_that_exist_and_the_owner(
    world: Database, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError):
        merge_doctors(world, keep=5, drop=5)
    with pytest.raises(MissingEntry, match="no doctor 99999"):
        merge_doctors(world, keep=5, drop=99999)
    with pytest.raises(MissingEntry):
        unmerge(world, 12345)
    viewer = workbench.connect(world.url, viewer="analyst")
    with pytest.raises(NotPermitted):
        merge_doctors(viewer, keep=5, drop=6)
    viewer.close()
    with world.session() as s:
        assert s.scalar(select(func.count()).select_from(DoctorMerge)) == 0


def test_the_steward_s_commands_find_merge_list_and_unmerge(
    world: Database, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from workbench.cli import main

    url = ["--database", world.url]
    runner = CliRunner()
    found = runner.invoke(
        main, ["steward", "matches", "--top", "1", "--out", str(tmp_path / "pairs.csv"), *url]
    )
    assert found.exit_code == 0, found.output
    pairs = doctor_matches(world)
    keep, drop = int(pairs.doctor_id[0]), int(pairs.other_id[0])
    assert f"{keep} {pairs.name[0]} ~ {drop} {pairs.other_name[0]}" in found.output
    assert f"{len(pairs)} pairs" in found.output
    assert (tmp_path / "pairs.csv").read_text(encoding="utf-8-sig").count("\n") == len(pairs) + 1
    merged = runner.invoke(main, ["steward", "merge", str(keep), str(drop), *url])
    assert merged.exit_code == 0 and "merge 1" in merged.output, merged.output
    listed = runner.invoke(main, ["steward", "log", *url])
    assert f"merge 1: doctor {drop} into {keep}" in listed.output and "undone: —" in listed.output
    assert runner.invoke(main, ["steward", "unmerge", "1", *url]).exit_code == 0
    again = runner.invoke(main, ["steward", "unmerge", "1", *url])
    assert again.exit_code == 1 and "undone already" in again.output


def test_a_rep_s_match_run_compares_only_the_doctors_they_see(world: Database) -> None:
    rep = workbench.connect(world.url, viewer="rep:" + _employee(world, 5))
    try:
        with rep.session() as s:
            theirs = set(s.scalars(select(Doctor.doctor_id)))
        pairs = doctor_matches(rep)
    finally:
        rep.close()
    assert theirs and theirs < set(_ids(world))
    assert set(pairs.doctor_id) | set(pairs.other_id) <= theirs


def _employee(db: Database, rep_id: int) -> str:
    from workbench.db.models import Rep

    with db.session() as s:
        rep = s.get(Rep, rep_id)
        assert rep is not None and rep.employee_id
        return str(rep.employee_id)


def _ids(db: Database) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(Doctor.doctor_id)))
