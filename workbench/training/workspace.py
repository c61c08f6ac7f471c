"""A trainee's own copies of the module notebooks, and putting an exercise's cells back.

The starters in ``workbench/training/modules/`` are never edited: ``workbench train``
copies them into ``<data_dir>/training/<slug>/notebooks/`` and opens JupyterLab there. An
exercise's cells carry the tag ``exercise-<id>``; ``restore_cells`` replaces them with the
starter's.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.config import Settings
from workbench.resources import module_dir, module_notebooks
from workbench.training.exercises import MODULES
from workbench.training.sandbox import training_dir

if TYPE_CHECKING:
    import nbformat

    from workbench.training.spec import Exercise

__all__ = [
    "prepare_workspace",
    "restore_cells",
    "starter_dir",
    "workspace_dir",
    "workspace_notebook",
]


def starter_dir() -> Path:
    """The module notebooks shipped in the package (``workbench/training/modules/``)."""
    return module_dir()


def workspace_dir(settings: Settings, who: str) -> Path:
    """The folder of trainee ``who``'s (a slug) own copies of the module notebooks."""
    return training_dir(settings) / who / "notebooks"


def prepare_workspace(settings: Settings, who: str) -> Path:
    """Copy the module notebooks the trainee does not have yet; return their folder."""
    target = workspace_dir(settings, who)
    target.mkdir(parents=True, exist_ok=True)
    for starter in module_notebooks():
        if not (target / starter.name).exists():
            shutil.copyfile(starter, target / starter.name)
    return target


def workspace_notebook(settings: Settings, who: str, exercise: Exercise) -> Path | None:
    """The trainee's copy of the exercise's module notebook, if they have one."""
    _title, filename = MODULES[exercise.module]
    path = workspace_dir(settings, who) / filename
    return path if path.exists() else None


def _tagged(cell: nbformat.NotebookNode, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def restore_cells(notebook: Path, exercise_id: str) -> bool:
    """Put the starter's ``exercise-<id>`` cells back in ``notebook``, outputs cleared.

    The trainee's other cells are kept. Returns whether anything was restored.

    Parameters
    ----------
    notebook
        The trainee's copy of a module notebook.
    exercise_id
        The exercise whose tagged cells are put back, e.g. ``"02.1"``.

    Returns
    -------
    bool
        ``False`` when the starter has no cells tagged for the exercise.
    """
    import nbformat  # its schema validator is slow to import; only a reset needs it

    tag = f"exercise-{exercise_id}"
    starter = nbformat.read(starter_dir() / notebook.name, as_version=4)  # type: ignore[no-untyped-call]
    fresh = [cell for cell in starter.cells if _tagged(cell, tag)]
    if not fresh:
        return False
    mine = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    cells, placed = [], False
    for cell in mine.cells:
        if _tagged(cell, tag):
            if not placed:
                cells.extend(fresh)
                placed = True
            continue
        cells.append(cell)
    if not placed:
        cells.extend(fresh)
    mine.cells = cells
    nbformat.write(mine, notebook)  # type: ignore[no-untyped-call]
    return True
