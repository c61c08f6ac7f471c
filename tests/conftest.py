"""Shared fixtures: a fresh database per backend, the camp world, the national world."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

import workbench
from workbench import Database, Settings
from workbench.sample import World, build_world, load_sample

PG_SERVER = os.environ.get("WORKBENCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
IN_CI = os.environ.get("CI", "").lower() == "true"
ROOT = Path(__file__).resolve().parents[1]


def _pg_admin() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL is not reachable at {PG_SERVER}: {exc}"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: a missing server is a failure)")
        pytest.skip(message)


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the developer's own database, data folder or settings."""
    for name in list(os.environ):
        if name.startswith("WORKBENCH_") and name != "WORKBENCH_TEST_PG":
            monkeypatch.delenv(name)
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    # Settings() without the environment: the platform's user data folder, kept in tmp too
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    # the terminal speaks English whatever the machine's locale; a test wanting Chinese sets
    # WORKBENCH_LANG, which comes first
    monkeypatch.setenv("LANGUAGE", "en")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def make_pg_url() -> Iterator[Callable[[], str]]:
    """Creates empty PostgreSQL databases on demand; drops them all at the end."""
    created: list[str] = []

    def make() -> str:
        name = f"wb_test_{uuid.uuid4().hex[:12]}"
        with _pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return f"{PG_SERVER}/{name}"

    yield make
    if created:
        with _pg_admin() as admin:
            for name in created:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A new, migrated, empty database on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'workbench.db'}"
    else:
        url = request.getfixturevalue("make_pg_url")()
    db = workbench.connect(url)
    yield db
    db.close()


@pytest.fixture(scope="session")
def camp_world() -> World:
    return build_world("camp", seed=0)


def _loaded(factory: pytest.TempPathFactory, scale: str) -> Iterator[Database]:
    db = workbench.connect(f"sqlite:///{factory.mktemp(scale) / f'{scale}.db'}")
    load_sample(db, scale, seed=0)
    yield db
    db.close()


@pytest.fixture(scope="session")
def camp_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The camp world (seed 0) in SQLite, shared read-only by the session."""
    yield from _loaded(tmp_path_factory, "camp")


@pytest.fixture
def camp_copy(camp_db: Database, tmp_path: Path) -> Iterator[Database]:
    """A writable copy of the camp world (SQLite), one per test."""
    import sqlite3

    assert camp_db.path is not None
    target = tmp_path / "camp-copy.db"
    with sqlite3.connect(camp_db.path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    db = workbench.connect(f"sqlite:///{target}")
    yield db
    db.close()


@pytest.fixture(scope="session")
def national_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The national world (seed 0) in SQLite: built once per test session."""
    yield from _loaded(tmp_path_factory, "national")


@pytest.fixture(scope="session")
def camp_cut(camp_db: Database, tmp_path_factory: pytest.TempPathFactory) -> workbench.Cut:
    """A data cut of the camp world, shared read-only by the session."""
    return workbench.cut(camp_db, out=tmp_path_factory.mktemp("camp-cuts"))


@pytest.fixture(scope="session")
def national_cut(national_db: Database, tmp_path_factory: pytest.TempPathFactory) -> workbench.Cut:
    """A data cut of the national world, shared read-only by the session."""
    return workbench.cut(national_db, out=tmp_path_factory.mktemp("national-cuts"))


def pytest_configure(config: pytest.Config) -> None:
    """A parallel run hands out its work in the order :func:`pytest_collection_modifyitems`
    leaves it (slowest first), not pytest-xdist's by the number of tests in a group."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def _unit(item: pytest.Item) -> str:
    """What a parallel run hands to one worker at once: the test's xdist group, else the test."""
    group = item.get_closest_marker("xdist_group")
    return f"group:{group.args[0]}" if group and group.args else item.nodeid


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups from the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the national world is marked ``national`` (deselect with
    ``-m "not national"`` for a quick run) and runs on one worker of a parallel run, so
    the world is built once.

    Then the slowest work comes first, so that no worker is left with a long test at the
    end while the other has nothing to do: the national world's group (it is built before
    its first test), then each group or test with tests marked ``slow``, most such tests
    first; the rest keep their order, and so does each group inside.
    """
    for item in items:
        if {"national_db", "national_cut"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.national)
            item.add_marker(pytest.mark.xdist_group("national"))
    slow: dict[str, int] = {}
    for item in items:
        slow[_unit(item)] = slow.get(_unit(item), 0) + (item.get_closest_marker("slow") is not None)
    slow["group:national"] = len(items) + 1  # before everything
    items.sort(key=lambda item: -slow[_unit(item)])  # stable: the rest keep their order
