"""The domain's reference lists stand alone: entry rules and forms never reach into the sample
world, and the sample world draws every item of the lists and nothing else."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import workbench
from workbench import reference
from workbench.sample import customers, trials
from workbench.sample import reference as sample_reference

PACKAGE = Path(workbench.__file__).resolve().parent


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, at any depth (imports inside functions count)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


@pytest.mark.parametrize("layer", ["entry", "forms"])
def test_entry_and_forms_do_not_import_the_sample_world(layer: str) -> None:
    offenders = [
        f"workbench/{path.relative_to(PACKAGE).as_posix()}:{line} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for line, name in _imports(path)
        if name == "workbench.sample" or name.startswith("workbench.sample.")
    ]
    assert not offenders, "take the list from workbench.reference:\n" + "\n".join(offenders)


def test_the_reference_lists_depend_on_nothing_in_the_workbench() -> None:
    names = [name for _, name in _imports(PACKAGE / "reference.py")]
    assert [n for n in names if n.split(".")[0] == "workbench"] == []


def test_the_sample_world_weighs_every_item_of_the_lists_and_nothing_else() -> None:
    assert list(sample_reference.DEPARTMENT_WEIGHT) == [d.name for d in reference.DEPARTMENTS]
    assert list(sample_reference.TITLE_SHARE) == list(reference.TITLES)
    assert list(customers.GRADE_SHARE) == list(reference.GRADES)
    assert list(trials.ADVERSE_WEIGHT) == [t.preferred_term for t in reference.ADVERSE_TERMS]


def test_the_lists_hold_no_duplicates() -> None:
    for values in (
        reference.GRADES,
        reference.TITLES,
        reference.GENDERS,
        reference.SPECIALTIES,
        tuple(d.name for d in reference.DEPARTMENTS),
        tuple(t.preferred_term for t in reference.ADVERSE_TERMS),
    ):
        assert len(set(values)) == len(values)
