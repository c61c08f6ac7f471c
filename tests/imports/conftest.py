"""The camp world's export, the files every import test starts from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench import Database
from workbench.db.export import export_tables


@pytest.fixture(scope="session")
def exported(camp_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The camp world (seed 0) exported once: read it, never change it."""
    out = tmp_path_factory.mktemp("import-source") / "export"
    export_tables(camp_db, out, progress=False)
    return out


@pytest.fixture
def files(exported: Path, tmp_path: Path) -> Path:
    """A copy of the export for one test to edit."""
    return Path(shutil.copytree(exported, tmp_path / "files"))
