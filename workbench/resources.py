"""The notebooks the package ships: the Voila apps, the analyst notebooks, the training modules.

They are package data (``workbench/notebooks/``, ``workbench/training/modules/``), so an
installed wheel finds them as a source checkout does; the checkout's top-level
``notebooks/`` and ``training_modules/`` are links to the same folders.

>>> app_notebook("home").name
'home.ipynb'
>>> list(APPS)[0], APPS["trial-monitor"]
('home', 'trial_monitor.ipynb')
>>> [p.name for p in module_notebooks()][:2]
['00_index.ipynb', '01_workbench_tour.ipynb']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from workbench.errors import ConfigError

__all__ = [
    "APPS",
    "analysis_notebooks",
    "app_notebook",
    "apps_dir",
    "module_dir",
    "module_notebooks",
]


def _package_dir(*parts: str) -> Path:
    folder = files("workbench").joinpath(*parts)
    if not isinstance(folder, Path):
        # Voila and JupyterLab open files by path: the package must be installed unzipped
        raise ConfigError(key="error.resource.not_files", what="/".join(parts), where=folder)
    return folder


def apps_dir() -> Path:
    """The folder of the Voila apps' notebooks, which ``workbench start`` serves whole."""
    return _package_dir("notebooks", "apps")


def _apps() -> dict[str, str]:
    found = sorted(p.name for p in apps_dir().glob("*.ipynb"))
    named = {n.removesuffix(".ipynb").replace("_", "-"): n for n in found}
    return {"home": named.pop("home"), **named}


#: app name (``trial-monitor``) -> its notebook in ``notebooks/apps/`` (``trial_monitor.ipynb``),
#: the home app first: every notebook in that folder is an app
APPS = _apps()


def app_notebook(name: str) -> Path:
    """The notebook of the Voila app ``name`` (one of ``APPS``)."""
    if name not in APPS:
        raise ConfigError(key="error.app.unknown", name=name, apps=", ".join(APPS))
    return apps_dir() / APPS[name]


def analysis_notebooks() -> list[Path]:
    """The analyst notebooks, by name."""
    return sorted(_package_dir("notebooks", "analysis").glob("*.ipynb"))


def module_dir() -> Path:
    """The folder of the training modules' starter notebooks (never edited)."""
    return _package_dir("training", "modules")


def module_notebooks() -> list[Path]:
    """The training modules' starter notebooks in order, ``00_index.ipynb`` first."""
    return sorted(module_dir().glob("*.ipynb"))
