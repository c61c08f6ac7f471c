"""connect(): defaults, migrations, error translation, unit of work, audit trail."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc as sa_exc
from sqlalchemy import select, text

import workbench
from workbench import Database, Settings
from workbench.db import engine as engine_module
from workbench.db.engine import translate_error
from workbench.db.migrate import head_revision
from workbench.db.models import Audit, Base, Region
from workbench.errors import (
    ConfigError,
    ForeignStore,
    RuleViolation,
    StoreLocked,
    StoreRefused,
    StoreUnavailable,
    WorkbenchError,
)


def test_no_url_means_embedded_sqlite_in_the_data_dir(settings: Settings) -> None:
    db = workbench.connect(settings=settings)
    try:
        assert db.dialect == "sqlite"
        assert db.path == (settings.data_dir / "workbench.db").resolve()
        assert db.path.exists()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        db.close()


def test_the_url_comes_from_settings_never_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", f"sqlite:///{path}")
    db = workbench.connect(settings=Settings.from_env())  # an edge reads the environment
    try:
        assert db.path == path.resolve()
    finally:
        db.close()
    db = workbench.connect()  # the library alone: the defaults
    try:
        assert db.path == Settings().default_database_path.resolve() != path.resolve()
    finally:
        db.close()


def test_new_database_is_migrated_to_head(empty_db: Database) -> None:
    assert empty_db.schema_version() == head_revision()
    assert empty_db.is_empty()
    assert set(Base.metadata.tables) <= set(empty_db.table_names())


def test_migrations_build_exactly_the_models(empty_db: Database) -> None:
    with empty_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_connecting_again_keeps_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    first = workbench.connect(url)
    with first.session() as s:
        s.add(Region(name="华东大区", name_en="East"))
    first.close()
    second = workbench.connect(url)
    try:
        assert second.counts()["region"] == 1
    finally:
        second.close()


@pytest.mark.parametrize(
    "url",
    ["not a url", "nosuchdriver://somewhere/db", "postgresql+nosuchdriver://localhost/db"],
)
def test_bad_url_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError) as info:
        workbench.connect(url)
    assert "\n" not in str(info.value)


def test_unreachable_server_says_what_to_do() -> None:
    with pytest.raises(StoreUnavailable, match="cannot reach the database server") as info:
        workbench.connect("postgresql://postgres@127.0.0.1:1/crm")
    assert "start the server" in str(info.value)


@pytest.mark.postgres
def test_missing_postgres_database_names_it(make_pg_url) -> None:  # type: ignore[no-untyped-def]
    url = make_pg_url().rsplit("/", 1)[0] + "/wb_no_such_database"
    with pytest.raises(StoreUnavailable, match=r"wb_no_such_database.*does not exist"):
        workbench.connect(url)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 200)
    with pytest.raises(ForeignStore, match="not a workbench database"):
        workbench.connect(f"sqlite:///{path}")


def test_someone_elses_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(ForeignStore, match="invoices"):
        workbench.connect(f"sqlite:///{path}")


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    workbench.connect(url).close()
    with sqlite3.connect(tmp_path / "newer.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(ForeignStore, match="newer than this workbench"):
        workbench.connect(url)


def test_a_read_only_database_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "read-only.db"
    workbench.connect(f"sqlite:///{path}").close()
    monkeypatch.chdir(tmp_path)  # a URI name is a path, never a folder made where one stands
    db = workbench.connect(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert not (tmp_path / "file:").exists() and path.exists()
    try:
        with (
            pytest.raises(StoreRefused, match=r"is read-only.*Make it writable"),
            db.session() as s,
        ):
            s.add(Region(name="华东大区", name_en="East"))
        assert db.counts()["region"] == 0
    finally:
        db.close()


SERVER = "postgresql+psycopg://postgres@db:5432/crm"


@pytest.mark.parametrize(
    ("error", "expected", "says"),
    [
        (
            sa_exc.OperationalError("", {}, sqlite3.OperationalError("database or disk is full")),
            StoreRefused,
            "full.*Free some disk space",
        ),
        (
            sa_exc.OperationalError(
                "", {}, Exception('could not extend file "base/1/2": No space left on device')
            ),
            StoreRefused,
            "full.*Free some disk space",
        ),
        (
            sa_exc.InternalError(
                "", {}, Exception("cannot execute INSERT in a read-only transaction")
            ),
            StoreRefused,
            "is read-only",
        ),
        (
            sa_exc.ProgrammingError("", {}, Exception("permission denied for table doctor")),
            StoreRefused,
            "does not let this user.*connect as another user",
        ),
        (
            sa_exc.OperationalError("", {}, sqlite3.OperationalError("disk I/O error")),
            StoreRefused,
            "refused the operation: disk I/O error",
        ),
        (
            sa_exc.OperationalError("", {}, sqlite3.OperationalError("no such table: doctor")),
            ForeignStore,
            "is missing a workbench table \\(no such table: doctor\\)",
        ),
        (
            sa_exc.ProgrammingError("", {}, Exception('relation "doctor" does not exist')),
            ForeignStore,
            "is missing a workbench table",
        ),
        (
            sa_exc.OperationalError("", {}, Exception("server closed the connection")),
            StoreUnavailable,
            "cannot reach the database server",
        ),
        (
            sa_exc.IntegrityError("", {}, sqlite3.IntegrityError("UNIQUE constraint failed")),
            RuleViolation,
            "breaks a rule of the database.*nothing was written",
        ),
    ],
    ids=[
        "sqlite-disk-full",
        "postgresql-disk-full",
        "read-only",
        "permission",
        "sqlite-other",
        "sqlite-missing-table",
        "postgresql-missing-table",
        "server-gone",
        "unique",
    ],
)
def test_database_errors_become_the_leaf_that_says_what_happened(
    error: Exception, expected: type[WorkbenchError], says: str
) -> None:
    translated = translate_error(error, SERVER)
    assert type(translated) is expected
    assert re.search(says, str(translated)), str(translated)
    assert "\n" not in str(translated)


def test_a_locked_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.db"
    db = workbench.connect(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreLocked, match="locked by another program"), db.session() as s:
            s.add(Region(name="华东大区", name_en="East"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.close()
    check = workbench.connect(f"sqlite:///{path}")
    try:
        assert check.counts()["region"] == 0
    finally:
        check.close()


def test_a_failed_unit_of_work_leaves_nothing(empty_db: Database) -> None:
    with pytest.raises(RuleViolation, match="breaks a rule"), empty_db.session() as s:
        s.add(Region(name="华东大区", name_en="East"))
        s.flush()
        s.add(Region(name="华东大区", name_en="duplicate name"))  # unique name
    assert empty_db.counts()["region"] == 0
    assert empty_db.counts()["audit"] == 0


def test_changes_are_audited_with_actor(empty_db: Database) -> None:
    with empty_db.session(actor="trainee-07") as s:
        region = Region(name="华东大区", name_en="East")
        s.add(region)
    with empty_db.session(actor="manager-01") as s:
        s.get(Region, region.region_id).name_en = "East China"  # type: ignore[union-attr]
    with empty_db.session(actor="manager-01") as s:
        s.delete(s.get(Region, region.region_id))
    with empty_db.engine.connect() as conn:
        rows = conn.execute(select(Audit).order_by(Audit.audit_id)).all()
    assert [(r.actor, r.action, r.table_name) for r in rows] == [
        ("trainee-07", "insert", "region"),
        ("manager-01", "update", "region"),
        ("manager-01", "delete", "region"),
    ]
    assert json.loads(rows[0].detail)["name"] == "华东大区"
    assert json.loads(rows[1].detail) == {"name_en": ["East", "East China"]}
    assert all(r.row_key == str(region.region_id) for r in rows)


def test_the_audit_listener_is_the_databases_own(empty_db: Database) -> None:
    """Sessions the workbench did not make (another library's, in the same process) are
    not audited; the workbench's own always are."""
    from sqlalchemy.orm import Session

    with Session(empty_db.engine) as foreign:
        foreign.add(Region(name="华北大区", name_en="North"))
        foreign.commit()
    assert empty_db.counts()["audit"] == 0
    with empty_db.session(actor="a") as s:
        s.add(Region(name="华南大区", name_en="South"))
    assert empty_db.counts()["audit"] == 1


def test_foreign_keys_are_enforced(empty_db: Database) -> None:
    with pytest.raises(RuleViolation), empty_db.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO city (city_id, region_id, name, name_en, tier) "
                "VALUES (1, 99, 'x', 'x', 1)"
            )
        )
    assert empty_db.counts()["city"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://postgres@127.0.0.1:5432/template0",
        "postgresql://postgres@127.0.0.1:5432/template1",
        "postgresql://postgres@127.0.0.1:5432/?dbname=template1",
        "postgresql://template1@127.0.0.1:5432",  # libpq's database is then the user's name
    ],
)
def test_a_template_database_is_never_written(url: str) -> None:
    """Every database made later is a copy of a template: tables there would be in all."""
    with pytest.raises(ConfigError, match=r"template database template[01].*createdb"):
        workbench.connect(url)
