"""A camp world per backend for the entry tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

import workbench
from workbench import Database
from workbench.sample import load_sample


def camp_world(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The camp world in a database of its own on ``backend``, dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('entry') / 'entry.db'}"
        db = workbench.connect(url)
        load_sample(db, "camp", seed=0)
        yield db
        db.close()
        return
    from tests.conftest import PG_SERVER, _pg_admin

    name = f"wb_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    db = workbench.connect(f"{PG_SERVER}/{name}")
    load_sample(db, "camp", seed=0)
    yield db
    db.close()
    with _pg_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(
    scope="package", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The camp world on each backend, shared by this package's tests."""
    yield from camp_world(request.param, tmp_path_factory)
