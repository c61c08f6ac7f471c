"""The analyst notebooks run top to bottom on the camp world, and their kept numbers hold."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from workbench import Database

ROOT = Path(__file__).resolve().parents[1]
ANALYSIS = ROOT / "notebooks" / "analysis"
NOTEBOOKS = sorted(ANALYSIS.glob("*.ipynb"))


def _env(db: Database, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(WORKBENCH_DATABASE_URL=db.url, WORKBENCH_DATA_DIR=str(data_dir))
    return env


def test_there_are_five_analyst_notebooks() -> None:
    assert [p.stem for p in NOTEBOOKS] == [
        "call_activity",
        "key_accounts",
        "segments_and_targeting",
        "trial_response",
        "turnover_and_handover",
    ]


def test_every_kept_output_is_checked_and_charts_keep_none() -> None:
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            ignored = cell.source.startswith("# NBVAL_IGNORE_OUTPUT")
            if "charts." in cell.source or "workbench.cut(" in cell.source:
                assert ignored, f"{path.name}: a chart or cut label would be compared"
            assert bool(cell.outputs) != ignored or "parameters" in cell.metadata.get("tags", []), (
                f"{path.name}: {cell.source.splitlines()[0]}"
            )


@pytest.mark.slow
def test_notebooks_reproduce_their_kept_outputs(camp_db: Database, tmp_path: Path) -> None:
    """nbval re-runs each notebook on the camp world and compares every kept output."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-sanitize-with",
            str(ROOT / "tests" / "nbval_sanitize.cfg"),  # a cut's time is when it was taken
            "-p",
            "no:cacheprovider",
            "-q",
            *map(str, NOTEBOOKS),
        ],
        cwd=ROOT,
        env=_env(camp_db, tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "failed" not in result.stdout.splitlines()[-1]


@pytest.mark.national
def test_key_accounts_tells_the_seeds_story_on_the_national_world(
    national_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the national parameters: 68% in 270 hospitals, then +18% and 80% in about 200."""
    nb = nbformat.read(ANALYSIS / "key_accounts.ipynb", as_version=4)
    (params,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    params.source = f"DATABASE_URL = {national_db.url!r}\nBEFORE, AFTER, TOP = 2024, 2025, 270"
    for name, value in _env(national_db, tmp_path).items():
        monkeypatch.setenv(name, value)
    NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(tmp_path)}}).execute()
    cells = {c.id: c for c in nb.cells}

    def result(cell_id: str) -> tuple[float, ...]:
        value = ast.literal_eval(cells[cell_id].outputs[-1]["data"]["text/plain"])
        assert isinstance(value, tuple)
        return value

    assert "share_of_top(TOP)" in cells["key-06"].source
    share, n80, _gini = result("key-06")
    assert "second.total / first.total" in cells["key-10"].source
    grew, n80_next = result("key-10")
    assert share == pytest.approx(0.68, abs=0.02)
    assert grew == pytest.approx(0.18, abs=0.02)
    assert n80_next == pytest.approx(200, abs=15)
    assert n80 > n80_next
