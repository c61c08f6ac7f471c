"""Every earlier schema, holding data, upgrades to the newest with every row kept, on both
stores; every revision downgrades one step to exactly the schema before it.

A database at an earlier revision is made the way one was made then: by that revision's own
migrations, then filled with the camp world and a camp's gradebook (each table's columns of
that revision only). ``workbench.connect`` (what ``workbench init`` runs) must bring it to
the newest revision with every value it held unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, create_engine, inspect

import workbench
from workbench.db.gradebook import (
    Attempt,
    Camp,
    ExerciseReset,
    HelpRequest,
    HintShown,
    Trainee,
)
from workbench.db.migrate import alembic_config, head_revision, upgrade
from workbench.db.models import Base
from workbench.sample import World

#: every revision, oldest first
REVISIONS = [s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()][
    ::-1
]
#: the rows a leaf table (one no other table refers to) keeps in a fixture: enough to
#: see every kind of value, few enough to build a store per revision quickly
LEAF_ROWS = 300

STORES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=STORES)
def new_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes empty databases on the store under test."""
    if request.param == "postgresql":
        yield request.getfixturevalue("make_pg_url")
        return
    made = iter(range(100))
    yield lambda: f"sqlite:///{tmp_path / f'db{next(made)}.db'}"


def _gradebook() -> dict[str, pd.DataFrame]:
    at = dt.datetime(2026, 11, 2, 9, 30)
    rows: dict[str, list[dict[str, object]]] = {
        Camp.__tablename__: [
            {"camp_id": 1, "code": "hz-2026-11", "region": "华东", "starts_on": at.date(),
             "trainer": "王老师", "status": "closed", "created_at": at, "closed_at": at},
        ],
        Trainee.__tablename__: [
            {"trainee_id": i, "camp_id": 1, "employee_id": f"E{i:03}", "name": f"学员{i}",
             "phone": "13800000000", "email": None, "sandbox": f"e{i:03}", "created_at": at}
            for i in (1, 2)
        ],
        Attempt.__tablename__: [
            {"attempt_id": 1, "uuid": "00000000-0000-4000-8000-000000000001", "trainee_id": 1,
             "exercise_id": "02.1", "round": 1, "kind": "submit", "at": at, "score": 7.5,
             "points": 10, "hints_used": 1, "checks": '[{"id": "name", "score": 1}]'},
        ],
        HintShown.__tablename__: [
            {"trainee_id": 1, "exercise_id": "02.1", "round": 1, "number": 1, "at": at},
        ],
        ExerciseReset.__tablename__: [
            {"trainee_id": 2, "exercise_id": "03.1", "round": 1, "at": at, "undone_through": 4},
        ],
        HelpRequest.__tablename__: [
            {"request_id": 1, "uuid": "00000000-0000-4000-8000-000000000002", "camp_id": 1,
             "trainee_id": 2, "received_at": at, "channel": "wechat", "question": "怎么提交？",
             "category": "plans", "answered_by": "王老师", "answered_at": at, "resolved": True},
        ],
    }  # fmt: skip
    return {name: pd.DataFrame(r) for name, r in rows.items()}


@pytest.fixture(scope="module")
def donor(camp_world: World) -> dict[str, pd.DataFrame]:
    """The rows every fixture takes its data from: the camp world, leaves cut short, and a
    closed camp's gradebook."""
    tables = Base.metadata.tables.values()
    referred = {fk.column.table.name for table in tables for fk in table.foreign_keys}
    world = {
        name: frame if name in referred else frame.head(LEAF_ROWS)
        for name, frame in camp_world.items()
    }
    return {**world, **_gradebook()}


def _fill(engine: Engine, donor: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Fill every table the schema has with the donor's rows, in its columns; what it holds."""
    schema = MetaData()
    schema.reflect(engine)
    with engine.begin() as conn:
        for table in schema.sorted_tables:
            frame = donor.get(table.name)
            if frame is None or frame.empty:
                continue
            columns = [c.name for c in table.columns if c.name in frame.columns]
            records = frame[columns].astype(object).where(frame[columns].notna(), None)
            conn.execute(table.insert(), records.to_dict("records"))
    return _held(engine)


def _held(engine: Engine, columns: dict[str, list[str]] | None = None) -> dict[str, pd.DataFrame]:
    """Every table's rows (``columns`` of each, by default all), in key order."""
    inspector = inspect(engine)
    held = {}
    with engine.connect() as conn:
        for name in sorted(columns or inspector.get_table_names()):
            if name == "alembic_version":
                continue
            keys = inspector.get_pk_constraint(name)["constrained_columns"]
            chosen = (columns or {}).get(name) or [c["name"] for c in inspector.get_columns(name)]
            query = f"SELECT {', '.join(chosen)} FROM {name} ORDER BY {', '.join(keys)}"
            held[name] = pd.read_sql_query(query, conn)
    return held


@pytest.mark.parametrize("revision", REVISIONS[:-1])
def test_a_database_of_each_earlier_schema_upgrades_keeping_every_row(
    revision: str, new_url: Callable[[], str], donor: dict[str, pd.DataFrame]
) -> None:
    url = new_url()
    engine = create_engine(url)
    try:
        upgrade(engine, revision)
        before = _fill(engine, donor)
    finally:
        engine.dispose()
    assert sum(len(f) for f in before.values()) > 5_000

    db = workbench.connect(url)  # what `workbench init` does
    try:
        assert db.schema_version() == head_revision()
        after = _held(db.engine, {name: list(frame.columns) for name, frame in before.items()})
    finally:
        db.close()
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=f"table {name}")


def _schema(engine: Engine) -> dict[str, object]:
    """What a revision made: each table's columns (name, type, nullable), keys and indexes."""
    inspector = inspect(engine)
    shape: dict[str, object] = {}
    for name in sorted(inspector.get_table_names()):
        if name == "alembic_version":
            continue
        shape[name] = {
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)
            ),
            "key": inspector.get_pk_constraint(name)["constrained_columns"],
            "foreign": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(name)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(name)
            ),
        }
    return shape


def test_each_revision_downgrades_one_step_to_the_schema_before_it(
    new_url: Callable[[], str],
) -> None:
    engine = create_engine(new_url())
    try:
        made = {}
        for revision in REVISIONS:  # up one revision at a time, as each was released
            upgrade(engine, revision)
            made[revision] = _schema(engine)
        for newer, older in zip(REVISIONS[::-1], REVISIONS[-2::-1], strict=False):
            with engine.begin() as conn:
                command.downgrade(alembic_config(conn), "-1")
            assert _schema(engine) == made[older], f"{newer} down to {older}"
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        assert _schema(engine) == {}
        upgrade(engine)  # and up again, whole
        assert _schema(engine) == made[REVISIONS[-1]]
    finally:
        engine.dispose()
