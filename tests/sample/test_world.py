"""The sample world: deterministic, internally consistent, loaded all or nothing."""

from __future__ import annotations

import filecmp
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench import Database
from workbench.db import bulk
from workbench.errors import ConfigError, RuleViolation, StoreNotEmpty
from workbench.sample import World, build_world, load_sample, write_sample_csv

ROOT = Path(__file__).resolve().parents[2]


def test_same_seed_same_rows(camp_world: World) -> None:
    again = build_world("camp", seed=0)
    assert list(again) == list(camp_world)
    for name, frame in camp_world.items():
        pd.testing.assert_frame_equal(again[name], frame, obj=name)


def test_another_seed_another_world(camp_world: World) -> None:
    other = build_world("camp", seed=1)
    assert not other["doctor"]["name"].equals(camp_world["doctor"]["name"])
    assert len(other["call"]) != len(camp_world["call"])


def test_committed_sample_data_is_a_fresh_generation(tmp_path: Path) -> None:
    fresh = tmp_path / "sample_data"
    write_sample_csv(fresh, "camp", seed=0)
    committed = ROOT / "sample_data"
    names = sorted(p.name for p in fresh.iterdir())
    assert names == sorted(p.name for p in committed.glob("*.csv"))
    _match, mismatch, errors = filecmp.cmpfiles(committed, fresh, names, shallow=False)
    assert (mismatch, errors) == ([], []), (
        "sample_data/ differs from a fresh generation; regenerate it with "
        "`workbench sample --scale camp --seed 0 --to-csv sample_data`"
    )


def test_camp_is_one_region_two_cities_twenty_reps(camp_world: World) -> None:
    assert len(camp_world["region"]) == 1
    assert len(camp_world["city"]) == 2
    assert len(camp_world["hospital"]) == 20
    assert 300 <= len(camp_world["doctor"]) <= 900
    reps = camp_world["rep"]
    start = np.datetime64("2026-06-01")
    at_start = reps[(reps["role"] == "rep") & (reps["hired_on"] <= start)]
    assert len(at_start) == 20


def test_unknown_scale_is_refused() -> None:
    with pytest.raises(ConfigError, match="camp, region, national"):
        build_world("galaxy", seed=0)


def test_every_doctor_has_exactly_one_primary_affiliation(camp_world: World) -> None:
    primary = camp_world["affiliation"].groupby("doctor_id")["is_primary"].sum()
    assert primary.index.tolist() == camp_world["doctor"]["doctor_id"].tolist()
    assert (primary == 1).all()


def test_secondary_affiliations_are_in_another_hospital_of_the_same_city(
    camp_world: World,
) -> None:
    a = camp_world["affiliation"].merge(camp_world["department"], on="department_id")
    a = a.merge(camp_world["hospital"][["hospital_id", "city_id"]], on="hospital_id")
    primary = a[a["is_primary"]].set_index("doctor_id")
    second = a[~a["is_primary"]].set_index("doctor_id")
    assert len(second) > 0
    assert (second["hospital_id"] != primary.loc[second.index, "hospital_id"]).all()
    assert (second["city_id"] == primary.loc[second.index, "city_id"]).all()


def test_calls_fall_within_the_reps_tenure_and_territory(camp_world: World) -> None:
    calls = camp_world["call"].merge(camp_world["rep"], on="rep_id")
    assert (calls["call_date"] >= calls["hired_on"]).all()
    assert (calls["left_on"].isna() | (calls["call_date"] <= calls["left_on"])).all()
    assert (pd.to_datetime(calls["call_date"]).dt.dayofweek < 5).all()
    # Every call is to a doctor assigned to that rep on that day.
    a = camp_world["assignment"]
    merged = camp_world["call"].merge(a, on=["rep_id", "doctor_id"])
    inside = (merged["call_date"] >= merged["start_on"]) & (
        merged["end_on"].isna() | (merged["call_date"] <= merged["end_on"])
    )
    assert inside.groupby(merged["call_id"]).any().reindex(camp_world["call"]["call_id"]).all()


def test_nothing_happens_after_the_world_ends(camp_world: World) -> None:
    end = np.datetime64("2026-10-31")
    assert (camp_world["call"]["call_date"] <= end).all()
    assert (camp_world["sale"]["sale_date"] <= end).all()
    assert (camp_world["plan_item"]["planned_on"] <= end).all()


def test_plans_start_on_mondays_and_items_fall_in_their_week(camp_world: World) -> None:
    plans = camp_world["plan"]
    assert (pd.to_datetime(plans["week_start"]).dt.dayofweek == 0).all()
    items = camp_world["plan_item"].merge(plans, on="plan_id")
    offset = (items["planned_on"] - items["week_start"]).dt.days
    assert offset.between(0, 6).all()
    returned = plans[plans["status"] == "returned"]
    assert returned["manager_comment"].notna().all()
    assert plans.loc[plans["status"] == "draft", "submitted_at"].isna().all()


def test_sales_amounts_are_quantity_times_price(camp_world: World) -> None:
    sales = camp_world["sale"].merge(camp_world["product"], on="product_id")
    assert np.allclose(sales["amount"], sales["quantity"] * sales["unit_price"])
    assert (sales["quantity"] > 0).all()


def test_names_have_pinyin_and_are_not_empty(camp_world: World) -> None:
    doctors = camp_world["doctor"]
    assert doctors["name"].str.len().between(2, 4).all()
    assert doctors["name_pinyin"].str.fullmatch(r"[A-Z][a-zü]+ [A-Z][a-zü]+").all()


def test_loading_refuses_a_database_that_holds_data(empty_db: Database) -> None:
    load_sample(empty_db, "camp", seed=0)
    before = empty_db.counts()
    with pytest.raises(StoreNotEmpty, match="--replace"):
        load_sample(empty_db, "camp", seed=1)
    assert empty_db.counts() == before


def test_replace_swaps_the_whole_world(empty_db: Database, camp_world: World) -> None:
    load_sample(empty_db, "camp", seed=1)
    load_sample(empty_db, "camp", seed=0, replace=True)
    counts = empty_db.counts()
    for name, frame in camp_world.items():
        assert counts[name] == len(frame), name


def test_an_interrupted_load_leaves_nothing(
    empty_db: Database, camp_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_insert = bulk._insert
    calls = {"n": 0}

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt
        yield from real_insert(*args, **kwargs)

    monkeypatch.setattr(bulk, "_insert", interrupted)
    with pytest.raises(KeyboardInterrupt):
        bulk.load_tables(empty_db, camp_world)
    assert empty_db.is_empty()
    assert empty_db.counts()["audit"] == 0


def test_rows_that_break_foreign_keys_load_nothing(empty_db: Database, camp_world: World) -> None:
    broken = dict(camp_world)
    broken["call"] = camp_world["call"].assign(doctor_id=camp_world["call"]["doctor_id"] + 10**6)
    with pytest.raises(RuleViolation, match="foreign key"):
        bulk.load_tables(empty_db, broken)
    assert empty_db.is_empty()
    # The connection's foreign keys are on again afterwards.
    with pytest.raises(RuleViolation), empty_db.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO city (city_id, region_id, name, name_en, tier) VALUES (1, 99, 'x', 'x', 1)"
        )


@pytest.mark.postgres
def test_postgres_ids_continue_after_a_load(make_pg_url) -> None:  # type: ignore[no-untyped-def]
    from workbench.db.models import Region

    db = workbench.connect(make_pg_url())
    try:
        load_sample(db, "camp", seed=0)
        with db.session() as s:
            region = Region(name="新大区", name_en="New")
            s.add(region)
        assert region.region_id == 2
    finally:
        db.close()


def test_region_scale_is_one_region_six_cities_two_years() -> None:
    world = build_world("region", seed=0)
    assert len(world["region"]) == 1
    assert len(world["city"]) == 6
    assert len(world["hospital"]) == 300
    assert 9_000 <= len(world["doctor"]) <= 11_000
    reps = world["rep"]
    mid = np.datetime64("2025-01-01")
    employed = reps[
        (reps["role"] == "rep")
        & (reps["hired_on"] <= mid)
        & (reps["left_on"].isna() | (reps["left_on"] > mid))
    ]
    assert 40 <= len(employed) <= 45
    days = world["call"]["call_date"]
    assert days.min() < np.datetime64("2024-01-15") and days.max() > np.datetime64("2025-12-15")


def test_multiply_scales_the_world() -> None:
    one = build_world("camp", seed=0)
    two = build_world("camp", seed=0, multiply=2)
    assert len(two["hospital"]) == 2 * len(one["hospital"])
    assert len(two["doctor"]) == 2 * len(one["doctor"])
    assert 1.6 < len(two["call"]) / len(one["call"]) < 2.4


def test_sqlite_settings_are_restored_after_a_load(tmp_path: Path) -> None:
    db = workbench.connect(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        load_sample(db, "camp", seed=0)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_sqlite_load_works_while_another_program_reads(tmp_path: Path, camp_world: World) -> None:
    import sqlite3

    path = tmp_path / "shared.db"
    db = workbench.connect(f"sqlite:///{path}")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM region").fetchall()  # holds a read transaction
    try:
        load_sample(db, "camp", seed=0)
    finally:
        reader.execute("COMMIT")
        reader.close()
    try:
        assert db.counts()["call"] == len(camp_world["call"])
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.close()
