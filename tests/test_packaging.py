"""The project's promises about itself: dependencies, settings, the two-command start."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields
from pathlib import Path

import yaml

from workbench.config import ENV_VARS, Settings
from workbench.db.models import Base

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _name(requirement: str) -> tuple[str, str]:
    """('psycopg', '>=3.1,<4') from 'psycopg[binary]>=3.1,<4'."""
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(.*)$", requirement)
    assert m, requirement
    return m.group(1).lower().replace("_", "-"), m.group(3).replace(" ", "")


# conda-forge names that differ from the PyPI name
CONDA_NAMES = {"python-duckdb": "duckdb"}


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_name(r) for r in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = dict(
        (CONDA_NAMES.get(name, name), spec)
        for name, spec in (_name(d) for d in env["dependencies"] if isinstance(d, str))
        if name not in ("python", "pip")
    )
    assert listed == wanted


def test_every_setting_has_an_environment_variable_documented_in_the_readme() -> None:
    names = {f.name for f in fields(Settings)}
    assert set(ENV_VARS) == names
    for name, var in ENV_VARS.items():
        assert f"| `{name}` | `{var}` |" in README, f"README's configuration table lacks {var}"


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\w*\n(.*?)```", section, re.S)
    assert block, "Quick start has no fenced block"
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci
    assert "8866" in section


def test_data_model_doc_names_every_table_and_column() -> None:
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    for table in Base.metadata.tables.values():
        assert f"## `{table.name}`" in doc
        section = doc.split(f"## `{table.name}`", 1)[1].split("\n## ", 1)[0]
        for column in table.columns:
            assert f"| `{column.name}` |" in section, f"{table.name}.{column.name}"


def test_notebooks_are_committed_without_outputs_except_those_nbval_checks() -> None:
    """Apps carry no outputs; analyst notebooks keep only the outputs nbval compares
    (tests/test_notebooks.py), never those it ignores."""
    import json

    for path in ROOT.glob("notebooks/**/*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        checked = path.parent == ROOT / "notebooks" / "analysis"
        for cell in code:
            ignored = "".join(cell["source"]).startswith("# NBVAL_IGNORE_OUTPUT")
            if cell.get("outputs"):
                assert checked and not ignored, path
