"""Only the leaves of the exception tree are raised, every leaf is raised somewhere, and bad
input to the public calls ends in a leaf, never in a builtin exception."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench import Database, Settings, entry, errors
from workbench.analysis import period_of
from workbench.db import bulk
from workbench.forms import call_form
from workbench.forms.pickers import CustomerPicker
from workbench.i18n import MESSAGES
from workbench.training import open_trainee

PACKAGE = Path(workbench.__file__).resolve().parent

#: the exception tree, by name
TREE: dict[str, type[errors.WorkbenchError]] = {
    name: cls
    for name, cls in vars(errors).items()
    if isinstance(cls, type) and issubclass(cls, errors.WorkbenchError)
}

#: caught, never raised: they only group the leaves
CATCH_ALLS = {"WorkbenchError", "StoreError", "DataError"}

BUILTINS = {
    "Exception",
    "ValueError",
    "TypeError",
    "LookupError",
    "KeyError",
    "IndexError",
    "RuntimeError",
    "AttributeError",
}

#: contract checks on exercise specs, which are written in the package (never from user
#: input): a broken spec is a programming error and fails at import with a traceback
CONTRACTS = {("training/spec.py", "ValueError")}


@dataclass(frozen=True)
class Made:
    """One ``raise X`` / ``raise X(...)``, or one ``X(...)`` of a class in the tree."""

    where: str
    line: int
    name: str
    raised: bool
    in_getattr: bool
    key: str | None = None  # the catalogue key of its message, when given as a constant
    keyed: bool = False  # given ``key=`` (or, for ``InvalidEntry``, its problems)

    def __str__(self) -> str:
        verb = "raises" if self.raised else "makes"
        return f"workbench/{self.where}:{self.line} {verb} {self.name}"


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _key(node: ast.expr) -> tuple[str | None, bool]:
    call = node if isinstance(node, ast.Call) else None
    if call is None:
        return None, False
    for keyword in call.keywords:
        if keyword.arg == "key":
            value = keyword.value
            constant = isinstance(value, ast.Constant) and isinstance(value.value, str)
            return (value.value if constant else None), True  # type: ignore[union-attr]
    return None, _name(call) == "InvalidEntry"


def _made() -> Iterator[Made]:
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        getattr_nodes = {
            id(node)
            for top in module.body
            if isinstance(top, ast.FunctionDef) and top.name == "__getattr__"
            for node in ast.walk(top)
        }
        raised = {id(n.exc) for n in ast.walk(module) if isinstance(n, ast.Raise)}
        for node in ast.walk(module):
            if isinstance(node, ast.Raise) and node.exc is not None:
                name = _name(node.exc)
                if name in BUILTINS or name in TREE:
                    yield Made(
                        where, node.lineno, name, True, id(node) in getattr_nodes, *_key(node.exc)
                    )
            elif isinstance(node, ast.Call) and id(node) not in raised and _name(node.func) in TREE:
                # translate_error builds the exception its callers raise
                yield Made(where, node.lineno, str(_name(node.func)), False, False, *_key(node))


MADE = list(_made())


def _allowed_builtin(made: Made) -> bool:
    if made.name == "AttributeError" and made.in_getattr:
        return True
    return (made.where, made.name) in CONTRACTS


def test_no_builtin_exception_is_raised() -> None:
    offenders = [str(m) for m in MADE if m.name in BUILTINS and not _allowed_builtin(m)]
    assert not offenders, "raise a leaf of workbench.errors instead:\n" + "\n".join(offenders)


def test_the_catch_alls_are_never_raised() -> None:
    offenders = [str(m) for m in MADE if m.name in CATCH_ALLS]
    assert not offenders, "raise the leaf that says what happened:\n" + "\n".join(offenders)


def test_every_raised_class_is_a_leaf() -> None:
    offenders = [str(m) for m in MADE if m.name in TREE and TREE[m.name].__subclasses__()]
    assert not offenders, "\n".join(offenders)
    assert set(TREE) - CATCH_ALLS == {n for n, c in TREE.items() if not c.__subclasses__()}


def test_every_leaf_is_raised_somewhere() -> None:
    made = {m.name for m in MADE}
    assert set(TREE) - CATCH_ALLS - made == set()


def test_every_error_is_said_in_both_languages() -> None:
    unsaid = [str(m) for m in MADE if m.name in TREE and not m.keyed]
    where = "raise it with key= (a message of workbench/locale/workbench.pot):\n"
    assert not unsaid, where + "\n".join(unsaid)
    unknown = [f"{m} {m.key!r}" for m in MADE if m.keyed and m.key not in (None, *MESSAGES)]
    assert not unknown, "\n".join(unknown)
    dynamic = [str(m) for m in MADE if m.keyed and m.key is None and m.name != "InvalidEntry"]
    assert not dynamic, "name the key as a constant:\n" + "\n".join(dynamic)
    assert all(m.key.startswith("error.") for m in MADE if m.key is not None)


def test_an_error_reads_in_each_language_with_english_as_its_text() -> None:
    error = errors.ConfigError(key="error.config.lang", value="fr", choices="zh, en")
    assert str(error) == error.message("en") and "fr" in str(error)
    assert error.message("zh") != error.message("en") and "fr" in error.message("zh")
    assert errors.StoreLocked("driver words").message("zh") == "driver words"


def test_the_contracts_allowed_a_builtin_still_raise_it() -> None:
    assert {(m.where, m.name) for m in MADE if m.name in BUILTINS} >= CONTRACTS


def test_the_tree_in_the_docstring_names_every_class() -> None:
    drawn = errors.__doc__ or ""
    assert [n for n in TREE if n not in drawn] == []
    assert sorted(errors.__all__) == sorted(TREE) == sorted(set(workbench.__all__) & set(TREE))


# --- bad input ends in a leaf ------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = workbench.connect(f"sqlite:///{tmp_path_factory.mktemp('errors') / 'errors.db'}")
    yield db
    db.close()


def _exercise_that_does_not_exist(_db: Database, tmp_path: Path) -> None:
    trainee = open_trainee("找练习 lookup", settings=Settings(data_dir=tmp_path / "data"))
    try:
        trainee.exercise("9.9")
    finally:
        trainee.close()


def _cut_into_a_file(db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    workbench.cut(db, out=blocker)


def _open_a_file_as_a_cut(_db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    workbench.open_cut(blocker)


def _damaged_cut(_db: Database, tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"source": "x"}')
    workbench.open_cut(tmp_path)


BAD_CALLS: dict[str, tuple[Callable[[Database, Path], object], type[errors.WorkbenchError]]] = {
    "validate an unknown kind": (
        lambda db, _: entry.validate(db, "pharmacy", {}),
        errors.MissingEntry,
    ),
    "save an unknown kind": (lambda db, _: entry.save(db, "pharmacy", {}), errors.MissingEntry),
    "duplicates of an unknown kind": (
        lambda db, _: entry.duplicates(db, "pharmacy", {}),
        errors.MissingEntry,
    ),
    "duplicates of calls": (lambda db, _: entry.duplicates(db, "call", {}), errors.Unsupported),
    "an exercise that does not exist": (_exercise_that_does_not_exist, errors.MissingEntry),
    "a language that is not offered": (lambda *_: Settings(lang="fr"), errors.ConfigError),
    "a port out of range": (lambda *_: Settings(port=70000), errors.ConfigError),
    "a malformed database URL": (lambda *_: workbench.connect("::not a url::"), errors.ConfigError),
    "a database URL of no known backend": (
        lambda *_: workbench.connect("nonsense://x"),
        errors.ConfigError,
    ),
    "a period that is not one": (lambda *_: period_of("garbage"), errors.AnalysisError),
    "correcting with a form that cannot": (
        lambda db, _: call_form(db).edit(1),
        errors.Unsupported,
    ),
    "a picker level out of order": (
        lambda db, _: CustomerPicker(db, levels=("city", "hospital")),
        errors.ConfigError,
    ),
    "bulk load of unknown tables": (
        lambda db, _: bulk.load_tables(db, {"pharmacy": pd.DataFrame()}),
        errors.MissingEntry,
    ),
    "a cut into a folder that is a file": (_cut_into_a_file, errors.FileUnusable),
    "a file opened as a cut": (_open_a_file_as_a_cut, errors.FileUnusable),
    "a cut with a damaged manifest": (_damaged_cut, errors.FileUnusable),
}


@pytest.mark.parametrize("call", BAD_CALLS.values(), ids=BAD_CALLS.keys())
def test_bad_input_raises_a_leaf(
    call: tuple[Callable[[Database, Path], object], type[errors.WorkbenchError]],
    db: Database,
    tmp_path: Path,
) -> None:
    do, expected = call
    with pytest.raises(Exception) as info:  # the class is what is checked
        do(db, tmp_path)
    exc = info.value
    assert isinstance(exc, errors.WorkbenchError), f"{type(exc).__name__}: {exc}"
    assert type(exc).__subclasses__() == []
    assert type(exc) is expected, f"{type(exc).__name__}: {exc}"
    assert "\n" not in str(exc)
    zh = exc.message("zh")  # in the reader's language too, naming what the English names
    assert re.search(r"[\u4e00-\u9fff]", zh) and "\n" not in zh, zh
