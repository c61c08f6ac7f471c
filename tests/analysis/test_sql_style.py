"""One SQL style in the analysis library: values are parameters, never pasted into the SQL.

An f-string may write identifiers from the workbench's own lists (a table, a column, a
filter built from parameters) into SQL; it may not write a value where the SQL compares,
lists or limits one. Flipping one query back to ``WHERE rep_id = {rep_id}`` fails this test.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import workbench

PACKAGE = Path(workbench.__file__).resolve().parent
MODULES = [*sorted((PACKAGE / "analysis").glob("*.py")), PACKAGE / "cuts.py"]

SQL = re.compile(r"\b(SELECT|WHERE|FROM|JOIN)\b")
#: what comes right before a pasted value: a comparison, a list, a range, a literal's quote
VALUE_SLOT = re.compile(r"(=|<|>|\bIN\s*\(|\bBETWEEN|\bAND|\bLIMIT|\bOFFSET|'|::)\s*$", re.I)


def _pasted_values(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        text = "".join(p.value for p in node.values if isinstance(p, ast.Constant))
        if not SQL.search(str(text)):
            continue
        before = ""
        for part in node.values:
            if isinstance(part, ast.Constant):
                before += str(part.value)
            elif isinstance(part, ast.FormattedValue):
                if VALUE_SLOT.search(before):
                    found.append((node.lineno, ast.unparse(part.value)))
                before += "{}"
    return found


def test_no_value_is_pasted_into_sql() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {{{expr}}}"
        for path in MODULES
        for line, expr in _pasted_values(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "values belong in parameters: " + "; ".join(offenders)


def test_the_check_catches_a_pasted_value() -> None:
    bad = 'rep_id = 3\nsql = f"SELECT * FROM call WHERE rep_id = {rep_id}"\n'
    worse = 'd = 1\nsql = f"SELECT * FROM call WHERE call_date >= DATE \'{d}\'"\n'
    fine = 'where = "TRUE"\nsql = f"SELECT * FROM call WHERE {where}"\n'
    assert _pasted_values(bad) == [(2, "rep_id")]
    assert _pasted_values(worse) == [(2, "d")]
    assert _pasted_values(fine) == []
