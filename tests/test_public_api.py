"""Every public module says what it offers in ``__all__``, and means it.

A public module is one whose own name and whose packages' names do not start with ``_``.
Its ``__all__`` lists names that exist, and every function or class it defines without a
leading underscore is listed (so a newcomer reading ``__all__`` sees the whole module).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import workbench


def _public_modules() -> list[str]:
    names = ["workbench"]
    for info in pkgutil.walk_packages(workbench.__path__, "workbench."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        if ".db.migrations" in info.name or info.name.startswith("workbench.training.exercises.m"):
            continue  # Alembic's scripts and the exercise specs are data, not API
        names.append(info.name)
    return names


MODULES = _public_modules()


def _defined_here(module: ModuleType) -> set[str]:
    source = module.__loader__.get_source(module.__name__)  # type: ignore[union-attr]
    tree = ast.parse(source or "")
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("name", MODULES)
def test_each_public_module_lists_what_it_offers(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(module, n)]
    assert missing == [], f"{name}.__all__ names what it lacks: {missing}"
    unlisted = sorted(_defined_here(module) - set(exported))
    assert unlisted == [], f"{name} defines public names not in __all__: {unlisted}"


def test_the_modules_found_include_every_layer() -> None:
    for layer in ("config", "errors", "cuts", "analysis.results", "charts", "entry", "forms"):
        assert f"workbench.{layer}" in MODULES


# --- conventions a scan can keep ----------------------------------------------------------------

PACKAGE = Path(workbench.__file__).resolve().parent
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_no_result_travels_in_dataframe_attrs() -> None:
    """Notes, sources and periods are dataclass fields; pandas drops ``.attrs`` on most
    operations (a merge once lost the response table's note that way)."""
    pattern = re.compile(r"\.attrs\s*(\[|\|=|\.get\(|\.update\()")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in SOURCES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "state.attrs[" not in line  # SQLAlchemy's, not pandas'
    ]
    assert offenders == []


def test_one_language_switch_for_every_screen() -> None:
    built = [
        path.relative_to(PACKAGE).as_posix()
        for path in SOURCES
        if '"中文"' in path.read_text(encoding="utf-8")
    ]
    assert built == ["widgets.py"], built


def test_modules_are_split_before_600_lines() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): n
        for path in SOURCES
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}, f"split these by noun: {long}"
