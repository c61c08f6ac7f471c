"""Training settings per backend: the main store (with its gradebook) and the sandboxes in a
temporary folder, or on the PostgreSQL server under a fresh main database (it and every
database made beside it are dropped at the end)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from tests.conftest import PG_SERVER, _pg_admin
from workbench import Settings
from workbench.cli import main


def _drop_all(prefix: str) -> None:
    with _pg_admin() as admin:
        names = [
            row[0]
            for row in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{prefix}%",)
            )
        ]
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _main_store() -> str:
    """A fresh, empty main database on the server (the camp server's store)."""
    base = f"wb_test_{uuid.uuid4().hex[:10]}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{base}"')
    return base


@pytest.fixture
def pg_training_settings(tmp_path: Path) -> Iterator[Settings]:
    """Training on the PostgreSQL server under a fresh base name."""
    base = _main_store()
    yield Settings(data_dir=tmp_path / "data", database_url=f"{PG_SERVER}/{base}")
    _drop_all(base)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def training_settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    data_dir: Path = tmp_path_factory.mktemp("training")
    if request.param == "sqlite":
        yield Settings(data_dir=data_dir)
        return
    base = _main_store()  # skip or fail here, not halfway through a sandbox
    yield Settings(data_dir=data_dir, database_url=f"{PG_SERVER}/{base}")
    _drop_all(base)


def run_workbench(*args: str, data: Path, lang: str = "en") -> SimpleNamespace:
    """``workbench ARGS`` run by click's runner in this process: its exit code, and what it
    printed on each stream. A command that ended in an exception of Python's (a traceback
    in a terminal) fails the test here."""
    result = CliRunner().invoke(
        main, list(args), env={"WORKBENCH_DATA_DIR": str(data), "WORKBENCH_LANG": lang}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exc_info,
    )
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)
