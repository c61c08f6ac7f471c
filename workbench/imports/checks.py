"""Each column of a file checked as a form checks one field, fast enough for millions of rows.

Text, codes, phone numbers and days go through guided entry's own :class:`Checker`, once for
each distinct value of the column (a column of a million calls holds a few thousand days),
so a row of a file gets exactly the problem the form would give. Whole numbers are checked
for the whole column at once, and only a bad one is handed to the :class:`Checker` for its
problem; the tests hold the two to the same answer. Times, amounts and yes-or-no, which no
form types as text, have their rules here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.entry._rules import _UNSAFE, INTEGER_HIGH, INTEGER_LOW, Checker
from workbench.entry.problems import Problem
from workbench.imports.specs import Field

__all__ = ["Checked", "check_column"]

_DIGITS = r"-?[0-9]+"
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?")
_AMOUNT = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,2})?")
_YES = {
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "yes": True,
    "no": False,
    "是": True,
    "否": False,
}


@dataclass
class Checked:
    """A column read: its clean values (missing where bad or empty) and each bad row's problem."""

    values: pd.Series
    problems: dict[int, Problem]  # by position in the column


def check_column(rule: Field, raw: pd.Series) -> Checked:
    """Check every value of ``raw`` (text as read from the file) against ``rule``."""
    text = raw.astype(object).where(raw.notna(), "")
    if rule.kind == "integer":
        return _integers(rule, text)
    by_kind: dict[str, Callable[[Field, Any], tuple[Any, Problem | None]]] = {
        "text": _entry,
        "choice": _entry,
        "phone": _entry,
        "date": _entry,
        "time": _time,
        "amount": _amount,
        "flag": _flag,
    }
    one = by_kind[rule.kind]
    distinct = pd.unique(text.to_numpy())
    results = {value: one(rule, value) for value in distinct}
    clean = text.map(lambda v: results[v][0])
    problems = {}
    bad_values = {v for v, (_clean, problem) in results.items() if problem is not None}
    if bad_values:
        where = np.flatnonzero(text.isin(bad_values).to_numpy())
        for i in where.tolist():
            problem = results[text.iat[i]][1]
            assert problem is not None
            problems[i] = problem
    return Checked(clean, problems)


def _entry(rule: Field, value: Any) -> tuple[Any, Problem | None]:
    """The value and its problem exactly as guided entry's form gives them."""
    c = Checker({rule.name: value})
    clean: Any
    if rule.kind == "text":
        clean = c.text(
            rule.name,
            max_length=rule.max_length or 10**6,
            script=rule.script,
            required=rule.required,
        )
    elif rule.kind == "choice":
        clean = c.choice(rule.name, rule.choices, required=rule.required)
    elif rule.kind == "phone":
        clean = c.phone(rule.name, mobile_only=rule.mobile_only, required=rule.required)
    else:
        clean = c.date(rule.name, required=rule.required, future=rule.future)
    return clean, (c.problems[0] if c.problems else None)


def _integers(rule: Field, text: pd.Series) -> Checked:
    """Whole numbers, the whole column at once; a bad one's problem from the :class:`Checker`."""
    stripped = text.str.strip()
    empty = (stripped == "").to_numpy()
    digits = stripped.str.fullmatch(_DIGITS).to_numpy(dtype=bool, na_value=False)
    short = (stripped.str.lstrip("-").str.len() <= len(str(INTEGER_HIGH))).to_numpy(dtype=bool)
    ok = digits & short
    numbers = np.zeros(len(text), dtype=np.int64)
    if ok.any():
        numbers[ok] = stripped[ok].astype(np.int64).to_numpy()
    low = INTEGER_LOW if rule.low is None else max(rule.low, INTEGER_LOW)
    high = INTEGER_HIGH if rule.high is None else min(rule.high, INTEGER_HIGH)
    ok &= (numbers >= low) & (numbers <= high)
    bad = ~ok & ~(empty & ~np.array(rule.required))
    unsafe = text.str.contains(_UNSAFE).to_numpy(dtype=bool, na_value=False)
    bad |= unsafe
    problems: dict[int, Problem] = {}
    for i in np.flatnonzero(bad).tolist():
        c = Checker({rule.name: text.iat[i]})
        c.integer(rule.name, required=rule.required, low=rule.low, high=rule.high)
        problems[i] = c.problems[0]
    values = pd.Series(numbers, index=text.index, dtype="Int64").where(ok & ~unsafe)
    return Checked(values, problems)


def _plain(rule: Field, value: Any) -> tuple[str | None, Problem | None]:
    """The stripped text, or the problem guided entry gives an empty or unsafe value."""
    c = Checker({rule.name: value})
    raw = c._raw(rule.name, rule.required)
    if c.problems:
        return None, c.problems[0]
    return (None if raw is None else str(raw)), None


def _time(rule: Field, value: Any) -> tuple[dt.datetime | None, Problem | None]:
    """A time as the export writes it (2026-06-01T09:15:00, UTC)."""
    raw, problem = _plain(rule, value)
    if raw is None:
        return None, problem
    if _TIME.fullmatch(raw):
        try:
            return dt.datetime.fromisoformat(raw), None
        except ValueError:  # 2026-02-30T09:00:00
            pass
    return None, Problem(rule.name, "not_a_time", {"value": raw})


def _amount(rule: Field, value: Any) -> tuple[float | None, Problem | None]:
    """An amount of yuan with at most two decimals (1234.50)."""
    raw, problem = _plain(rule, value)
    if raw is None:
        return None, problem
    if not _AMOUNT.fullmatch(raw):
        return None, Problem(rule.name, "not_an_amount", {"value": raw})
    number = float(raw)
    if rule.low is not None and number < rule.low:
        return None, Problem(
            rule.name, "out_of_range", {"value": raw, "low": rule.low, "high": "…"}
        )
    return number, None


def _flag(rule: Field, value: Any) -> tuple[bool | None, Problem | None]:
    """Yes or no: ``true`` / ``false`` as the export writes them (1/0, yes/no, 是/否 too)."""
    raw, problem = _plain(rule, value)
    if raw is None:
        return (None if rule.required else False), problem
    flag = _YES.get(raw.lower())
    if flag is None:
        return None, Problem(rule.name, "not_yes_no", {"value": raw})
    return flag, None
