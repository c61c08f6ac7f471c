"""The training modules: starters are clean, every exercise has its cells, and each module
runs top to bottom in solution mode, leaving every one of its exercises passing."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from workbench import Settings
from workbench.training import EXERCISES, MODULES, open_trainee, prepare_workspace
from workbench.training.workspace import starter_dir

ROOT = Path(__file__).resolve().parents[2]
MODULE_DIR = ROOT / "training_modules"


def _cells(path: Path) -> list[nbformat.NotebookNode]:
    return list(nbformat.read(path, as_version=4).cells)


def test_there_is_an_index_and_a_notebook_per_module() -> None:
    assert starter_dir().resolve() == MODULE_DIR.resolve()  # training_modules/ is a link
    names = sorted(p.name for p in MODULE_DIR.glob("*.ipynb"))
    assert names == ["00_index.ipynb", *sorted(f for _t, f in MODULES.values())]


def test_starters_are_committed_without_outputs() -> None:
    for path in MODULE_DIR.glob("*.ipynb"):
        for cell in _cells(path):
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_every_module_has_objectives_explanation_example_and_its_exercises() -> None:
    for module, (_title, filename) in MODULES.items():
        cells = _cells(MODULE_DIR / filename)
        text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
        for heading in ("学习目标", "Objectives", "讲解", "Explanation", "示例", "Worked example"):
            assert heading in text, f"{filename} lacks {heading}"
        tagged = {
            tag.removeprefix("exercise-")
            for c in cells
            for tag in c.metadata.get("tags", [])
            if tag.startswith("exercise-")
        }
        assert tagged == {e for e in EXERCISES if e.startswith(module + ".")}, filename
        opened = [c.source for c in cells if "me.exercise(" in c.source]
        assert len(opened) == len(tagged)


#: The harness's switch, run right after a module's first cell has opened the trainee: every
#: exercise opened from then on enters its reference solution.
SOLUTIONS = "me.solutions = True"


def _run_all(folder: Path, env: dict[str, str]) -> None:
    """Run every notebook in ``folder`` top to bottom in one kernel, in solution mode; each
    starts with an empty namespace (``%reset``), so a notebook cannot lean on another's
    names."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="python3")
    km.start_kernel(env={**os.environ, **env}, cwd=str(folder))
    kc = km.client()
    kc.start_channels()
    try:
        for path in sorted(folder.glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
            assert "me = training.open_trainee(" in nb.cells[first].source, path.name
            nb.cells.insert(first + 1, nbformat.v4.new_code_cell(SOLUTIONS))
            nb.cells.insert(0, nbformat.v4.new_code_cell("%reset -f"))
            client = NotebookClient(nb, km=km, timeout=300)
            client.kc = kc
            client.execute()
            nb.cells.pop(first + 2)
            nb.cells.pop(0)
            nbformat.write(nb, path)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_modules_run_top_to_bottom_in_solution_mode(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    env = {
        "WORKBENCH_DATA_DIR": str(settings.data_dir),
        "WORKBENCH_TRAINEE": "模块测试",
        "WORKBENCH_LANG": "en",
    }
    if backend == "postgresql":
        settings = request.getfixturevalue("pg_training_settings")
        env["WORKBENCH_DATA_DIR"] = str(settings.data_dir)
        env["WORKBENCH_DATABASE_URL"] = str(settings.database_url)
    trainee = open_trainee("模块测试", settings=settings)
    folder = prepare_workspace(settings, trainee.sandbox)
    _run_all(folder, env)
    for path in sorted(folder.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", f"{path.name}: {output}"
    progress = trainee.progress()
    assert progress["attempts"].eq(0).all()  # running the modules is not an attempt
    for exercise_id in EXERCISES:
        feedback = trainee.exercise(exercise_id).submit()
        assert feedback.ok, f"{exercise_id}: {feedback.text('en')}"
    assert trainee.progress()["done"].all()
    index = nbformat.read(folder / "00_index.ipynb", as_version=4)
    shown = "".join(
        str(o.get("data", {}).get("text/html", ""))
        for c in index.cells
        for o in c.get("outputs", [])
    )
    assert "progress" in shown
    trainee.close()
