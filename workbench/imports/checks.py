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
import pyarrow as pa
import pyarrow.compute as pc

from workbench.entry._rules import INTEGER_HIGH, INTEGER_LOW, Checker
from workbench.entry.problems import Problem
from workbench.imports.specs import Field

__all__ = ["Checked", "check_column"]

#: digits alone, few enough for any id: read without Python
_PLAIN_DIGITS = r"^[0-9]{1,9}$"
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


#: how a clean value of each kind is held in a column (a day as numpy's datetime64)
_HELD = {"date": "datetime64[D]", "time": "datetime64[us]", "amount": "float64"}
#: the text the export writes for a time, read by Arrow without Python
_EXPORT_TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$"


def _strings(raw: pd.Series | pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(raw, pa.ChunkedArray):
        raw = raw.combine_chunks()
    if not isinstance(raw, pa.Array):
        raw = pa.array(raw.astype(object), type=pa.string(), from_pandas=True)
    return pc.fill_null(raw.cast(pa.string()), "")


def check_column(rule: Field, raw: pd.Series | pa.Array | pa.ChunkedArray) -> Checked:
    """Check every value of ``raw`` (text as read from the file) against ``rule``."""
    text = _strings(raw)
    if rule.kind == "integer":
        return _integers(rule, text)
    if rule.kind == "time":
        return _times(rule, text)
    return _by_value(rule, text)


def _by_value(rule: Field, text: pa.Array) -> Checked:
    """Each distinct value checked once, the answers spread to its rows."""
    one: Callable[[Field, Any], tuple[Any, Problem | None]] = {
        "text": _entry, "choice": _entry, "phone": _entry, "date": _entry,
        "time": _time, "amount": _amount, "flag": _flag,
    }[rule.kind]  # fmt: skip
    encoded = pc.dictionary_encode(text)
    distinct = encoded.dictionary.to_pylist()
    results = [one(rule, value) for value in distinct]
    held = _HELD.get(rule.kind, object)
    clean = np.array([_held(v) for v, _p in results], dtype=held)
    rows = encoded.indices.to_numpy(zero_copy_only=False)
    values = pd.Series(clean[rows])
    problems: dict[int, Problem] = {}
    bad = np.array([p is not None for _v, p in results], dtype=bool)
    if bad.any():
        for i in np.flatnonzero(bad[rows]).tolist():
            problem = results[rows[i]][1]
            assert problem is not None
            problems[i] = problem
    return Checked(values, problems)


def _held(value: Any) -> Any:
    """A clean value as a numpy array holds it: a day or time as datetime64, missing as NaT."""
    if isinstance(value, dt.datetime):
        return np.datetime64(value, "us")
    if isinstance(value, dt.date):
        return np.datetime64(value, "D")
    return value


def _times(rule: Field, text: pa.Array) -> Checked:
    """Times as the export writes them read by Arrow; anything else checked one by one."""
    fast = pc.match_substring_regex(text, _EXPORT_TIME)
    parsed = pc.strptime(
        pc.if_else(fast, text, pa.scalar(None, pa.string())),
        format="%Y-%m-%dT%H:%M:%S", unit="us", error_is_null=True,
    )  # fmt: skip
    values = parsed.to_numpy(zero_copy_only=False).astype("datetime64[us]")
    slow = np.flatnonzero(pc.is_null(parsed).to_numpy(zero_copy_only=False))
    problems: dict[int, Problem] = {}
    if len(slow):
        checked = _by_value(rule, text.take(pa.array(slow)))
        values[slow] = checked.values.to_numpy(dtype="datetime64[us]")
        problems = {int(slow[i]): p for i, p in checked.problems.items()}
    return Checked(pd.Series(values), problems)


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


def _integers(rule: Field, text: pa.Array) -> Checked:
    """Whole numbers: plain digits read by Arrow; anything else through the :class:`Checker`."""
    low = INTEGER_LOW if rule.low is None else max(rule.low, INTEGER_LOW)
    high = INTEGER_HIGH if rule.high is None else min(rule.high, INTEGER_HIGH)
    fast = pc.match_substring_regex(text, _PLAIN_DIGITS)
    numbers = pc.cast(pc.if_else(fast, text, pa.scalar(None, pa.string())), pa.int64())
    held = pc.and_kleene(pc.greater_equal(numbers, low), pc.less_equal(numbers, high))
    ok = pc.fill_null(held, False).to_numpy(zero_copy_only=False).astype(bool)
    values = pd.Series(numbers.to_numpy(zero_copy_only=False), dtype="Int64").where(ok)
    if not rule.required:  # an empty value is no value, as the form takes it
        ok |= pc.equal(text, "").to_numpy(zero_copy_only=False).astype(bool)
    problems: dict[int, Problem] = {}
    for i in np.flatnonzero(~ok).tolist():  # empty, signed, spaced, long, or out of range
        value = text[i].as_py()
        c = Checker({rule.name: value})
        number = c.integer(rule.name, required=rule.required, low=rule.low, high=rule.high)
        if c.problems:
            problems[i] = c.problems[0]
        elif number is not None:
            values.iat[i] = number
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
