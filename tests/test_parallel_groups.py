"""The suite's parallel run keeps its groups: tests marked with one ``xdist_group`` run on one
worker, so the national world is built once and the browser tests take turns."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from dev import PARALLEL


def test_a_group_runs_on_one_worker(tmp_path: Path) -> None:
    (tmp_path / "test_grouped.py").write_text(
        textwrap.dedent(
            """
            import os
            import pytest

            @pytest.mark.xdist_group("together")
            @pytest.mark.parametrize("i", range(6))
            def test_grouped(i):
                print(os.environ["PYTEST_XDIST_WORKER"])
            """
        )
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v", *PARALLEL[2:], "-n", "2",
         "test_grouped.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    workers = {line.split()[0] for line in run.stdout.splitlines() if "PASSED" in line}
    assert len(workers) == 1, run.stdout
