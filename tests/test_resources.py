"""The shipped notebooks are found through the package, and the checkout's top-level
``notebooks/`` and ``training_modules/`` are links to the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench
from workbench.cli import start
from workbench.errors import ConfigError
from workbench.resources import (
    APPS,
    analysis_notebooks,
    app_notebook,
    apps_dir,
    module_dir,
    module_notebooks,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(workbench.__file__).parent


def test_every_app_has_its_notebook_in_the_package() -> None:
    for name in APPS:
        notebook = app_notebook(name)
        assert notebook.is_file() and notebook.parent == PACKAGE / "notebooks" / "apps"
    shipped = {p.name for p in (PACKAGE / "notebooks" / "apps").glob("*.ipynb")}
    assert shipped == set(APPS.values())


def test_every_notebook_in_the_apps_folder_is_an_app_the_home_app_first() -> None:
    assert next(iter(APPS)) == "home"
    assert {n.removesuffix(".ipynb").replace("_", "-") for n in APPS.values()} == set(APPS)


def test_start_serves_the_whole_apps_folder_and_prints_each_apps_address() -> None:
    from workbench.apps.serve import serve_command

    assert not [p for p in start.params if p.name == "app"]
    command, _env = serve_command(workbench.Settings())
    assert str(apps_dir()) in command


def test_an_unknown_app_names_the_apps_in_one_line() -> None:
    with pytest.raises(ConfigError) as info:
        app_notebook("nowhere")
    message = str(info.value)
    assert "'nowhere'" in message and "home, " in message and "trial-monitor" in message
    assert "\n" not in message


def test_the_notebook_lists_are_the_package_folders() -> None:
    assert [p.stem for p in analysis_notebooks()] == [
        "call_activity",
        "key_accounts",
        "segments_and_targeting",
        "trial_response",
        "turnover_and_handover",
    ]
    names = [p.name for p in module_notebooks()]
    assert names[0] == "00_index.ipynb" and len(names) == 8
    assert all(p.parent == module_dir() for p in module_notebooks())


def test_the_top_level_folders_link_into_the_package() -> None:
    for link, target in (
        (ROOT / "notebooks", ROOT / "workbench" / "notebooks"),
        (ROOT / "training_modules", ROOT / "workbench" / "training" / "modules"),
    ):
        assert link.is_symlink() and not Path(link.readlink()).is_absolute()
        assert link.resolve() == target.resolve()
