"""The Examples in the public docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.test_public_api import _public_modules

#: every public module (the same list the public-API test checks)
MODULES = _public_modules()


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_examples_that_matter_are_run() -> None:
    ran = set()
    for name in MODULES:
        finder = doctest.DocTestFinder()
        if any(t.examples for t in finder.find(importlib.import_module(name))):
            ran.add(name)
    assert {"workbench.config", "workbench.analysis.results", "workbench.widgets"} <= ran
