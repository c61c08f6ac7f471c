"""The Examples in the public docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "workbench",
    "workbench.db.engine",
    "workbench.sample",
    "workbench.cuts",
    "workbench.analysis.segments",
    "workbench.analysis.trials",
    "workbench.entry",
    "workbench.forms",
    "workbench.training",
    "workbench.training.sandbox",
    "workbench.resources",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
