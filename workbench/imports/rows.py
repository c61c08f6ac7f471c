"""A chunk of a file checked row by row: fields, keys, unique names, days in order, references."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Column, Connection, Date, DateTime, Integer, select

from workbench.db.models import Base
from workbench.entry.problems import Problem
from workbench.imports.checks import check_column
from workbench.imports.specs import Source

__all__ = ["Known", "check_rows", "key_codes"]

_EMPTY = np.array([], dtype=np.int64)


def _normal(values: pd.Series, column: Column[Any]) -> list[Any]:
    """A column's values as plain Python for comparing: ids as int, days as their ordinal."""
    if isinstance(column.type, Date) and not isinstance(column.type, DateTime):
        days = pd.to_datetime(values).to_numpy(dtype="datetime64[D]").view(np.int64)
        return list(days.tolist())
    if isinstance(column.type, Integer):
        return list(pd.array(values, dtype="Int64").to_numpy(dtype=object, na_value=None).tolist())
    return [None if v is None or v is pd.NA else str(v) for v in values.tolist()]


def key_codes(frame: pd.DataFrame, table: str, columns: tuple[str, ...]) -> np.ndarray:
    """One int64 for each row's key: the id itself, or a hash of a key of several columns."""
    if len(columns) == 1:
        codes: np.ndarray = frame[columns[0]].astype("int64").to_numpy()
        return codes
    t = Base.metadata.tables[table]
    parts = pd.DataFrame({c: _integers(frame[c], t.c[c]) for c in columns})
    hashed: np.ndarray = pd.util.hash_pandas_object(parts, index=False).to_numpy()
    return hashed.view(np.int64)


def _integers(values: pd.Series, column: Column[Any]) -> np.ndarray:
    """A key column's values as int64: ids as they are, days as their number since 1970."""
    if isinstance(column.type, Date):
        days: np.ndarray = pd.to_datetime(values).to_numpy(dtype="datetime64[D]").view(np.int64)
        return days
    ids: np.ndarray = values.astype("int64").to_numpy()
    return ids


class Known:
    """The keys and unique names rows may refer to or must not repeat: stored, or imported."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._keys: dict[str, np.ndarray] = {}
        self._stored: dict[str, np.ndarray] = {}
        self._names: dict[tuple[str, tuple[str, ...]], dict[tuple[Any, ...], int]] = {}
        self._file: dict[str, list[np.ndarray]] = {}

    def stored(self, table: str) -> np.ndarray:
        """The keys ``table`` held before the import, sorted."""
        if table not in self._stored:
            t = Base.metadata.tables[table]
            columns = tuple(c.name for c in t.primary_key.columns)
            rows = pd.DataFrame(
                self.conn.execute(select(*t.primary_key.columns)).all(), columns=list(columns)
            )
            codes = key_codes(rows, table, columns) if len(rows) else _EMPTY
            self._stored[table] = np.unique(codes)
        return self._stored[table]

    def keys(self, table: str) -> np.ndarray:
        """The keys rows may refer to: stored, or accepted earlier in this import."""
        if table not in self._keys:
            self._keys[table] = self.stored(table)
        return self._keys[table]

    def this_file(self, table: str) -> np.ndarray:
        """The keys accepted from the file being imported so far, sorted."""
        parts = self._file.get(table, [])
        if len(parts) > 1:
            self._file[table] = parts = [np.sort(np.concatenate(parts))]
        return parts[0] if parts else _EMPTY

    def names(self, table: str, columns: tuple[str, ...]) -> dict[tuple[Any, ...], int]:
        """Each stored or accepted value of a unique set of columns, with the key holding it."""
        if (table, columns) not in self._names:
            t = Base.metadata.tables[table]
            key = next(iter(t.primary_key.columns))
            rows = pd.DataFrame(
                self.conn.execute(select(key, *(t.c[c] for c in columns))).all(),
                columns=[key.name, *columns],
            )
            values = zip(*(_normal(rows[c], t.c[c]) for c in columns), strict=True)
            self._names[(table, columns)] = dict(zip(values, rows[key.name].tolist(), strict=True))
        return self._names[(table, columns)]

    def count_new(self, source: Source, good: pd.DataFrame) -> int:
        """How many of the rows are not stored yet."""
        codes = key_codes(good, source.table, source.key) if len(good) else _EMPTY
        return int((~np.isin(codes, self.stored(source.table))).sum())

    def accept(self, source: Source, good: pd.DataFrame) -> None:
        """The rows are in: later rows may refer to them and must not repeat them."""
        if not len(good):
            return
        codes = key_codes(good, source.table, source.key)
        if len(source.key) == 1:  # only a single key is referred to
            self._keys[source.table] = np.union1d(self.keys(source.table), codes)
        self._file.setdefault(source.table, []).append(codes)
        t = Base.metadata.tables[source.table]
        holders = good[source.key[0]].astype("int64").tolist()
        for columns in source.unique:
            values = zip(*(_normal(good[c], t.c[c]) for c in columns), strict=True)
            names = self.names(source.table, columns)
            names.update((v, h) for v, h in zip(values, holders, strict=True) if None not in v)


def check_rows(
    source: Source, frame: pd.DataFrame, known: Known
) -> tuple[pd.DataFrame, list[tuple[int, Problem]]]:
    """The chunk's good rows, typed, and each problem of the others by row position."""
    problems: list[tuple[int, Problem]] = []
    clean: dict[str, pd.Series] = {}
    for rule in source.fields:
        checked = check_column(rule, frame[rule.name].reset_index(drop=True))
        clean[rule.name] = checked.values
        problems.extend(checked.problems.items())
    typed = pd.DataFrame(clean)
    bad = np.zeros(len(typed), dtype=bool)
    for i, _problem in problems:
        bad[i] = True
    problems += _row_rules(source, typed, bad)
    bad[[i for i, _p in problems]] = True
    problems += _keys_once(source, typed, bad, known)
    bad[[i for i, _p in problems]] = True
    problems += _references(source, typed, bad, known)
    bad[[i for i, _p in problems]] = True
    problems.sort(key=lambda p: p[0])
    return typed[~bad], problems


def _row_rules(source: Source, typed: pd.DataFrame, bad: np.ndarray) -> list[tuple[int, Problem]]:
    """Days in order, and a call's joint visit (the store keeps these too)."""
    found = []
    for earlier, later in source.order:
        first, then = typed[earlier], typed[later]
        both = first.notna() & then.notna()
        for i in np.flatnonzero(both.to_numpy() & ~bad).tolist():
            if then.iat[i] < first.iat[i]:
                found.append(
                    (
                        i,
                        Problem(
                            later,
                            "ends_before_start",
                            {"value": _shown(then.iat[i]), "start": _shown(first.iat[i])},
                        ),
                    )
                )
    if source.table == "call":
        joint_rep = typed["joint_rep_id"].notna().to_numpy()
        joint = (typed["joint_visit"] == True).to_numpy(dtype=bool)  # noqa: E712 (missing: no)
        same = (typed["joint_rep_id"] == typed["rep_id"]).fillna(False).to_numpy(dtype=bool)
        for i in np.flatnonzero(joint_rep & ~joint & ~bad).tolist():
            found.append((i, Problem("joint_rep_id", "joint_rep_without_joint_visit")))
        for i in np.flatnonzero(same & joint & ~bad).tolist():
            found.append((i, Problem("joint_rep_id", "joint_rep_is_rep")))
    return found


def _keys_once(
    source: Source, typed: pd.DataFrame, bad: np.ndarray, known: Known
) -> list[tuple[int, Problem]]:
    """A key or a unique name only once in the file, and a name not taken by another key."""
    found: list[tuple[int, Problem]] = []
    rows = np.flatnonzero(~bad)
    if not len(rows):
        return found
    ok = typed.iloc[rows]
    codes = key_codes(ok, source.table, source.key)
    field = source.key[-1] if len(source.key) == 1 else "data"
    again = pd.Series(codes).duplicated().to_numpy() | np.isin(codes, known.this_file(source.table))
    shown = " / ".join(source.key)
    for i in rows[again].tolist():
        value = " / ".join(_shown(typed[k].iat[i]) for k in source.key)
        found.append((i, Problem(field, "key_twice", {"value": value, "key": shown})))
    taken = set(rows[again].tolist())
    t = Base.metadata.tables[source.table]
    mine = ok[source.key[0]].astype("int64").tolist()
    for columns in source.unique:
        names = known.names(source.table, columns)
        values = list(zip(*(_normal(ok[c], t.c[c]) for c in columns), strict=True))
        seen: dict[tuple[Any, ...], int] = {}
        for i, name, key in zip(rows.tolist(), values, mine, strict=True):
            if i in taken or None in name:  # an empty value repeats no one's
                continue
            holder = seen.get(name, names.get(name, key))
            if holder != key:
                shown_name = " / ".join(_shown(typed[c].iat[i]) for c in columns)
                found.append(
                    (i, Problem(columns[-1], "taken", {"value": shown_name, "holder": holder}))
                )
                taken.add(i)
            else:
                seen[name] = key
    return found


def _shown(value: Any) -> str:
    """A value as the file writes it: a day as 2026-06-01."""
    if isinstance(value, pd.Timestamp):
        return str(value.date().isoformat() if value == value.normalize() else value.isoformat())
    return "" if value is None or pd.isna(value) else str(value)


def _references(
    source: Source, typed: pd.DataFrame, bad: np.ndarray, known: Known
) -> list[tuple[int, Problem]]:
    """Each reference to a row stored or imported; a row referring to a bad row is bad too.

    A table referring to itself (a rep's manager) may refer to rows of the same chunk, so
    the check is repeated until no more rows fall out.
    """
    found: list[tuple[int, Problem]] = []
    out = bad.copy()
    while True:
        fell = []
        own = typed[source.key[0]].to_numpy()[~out] if len(source.key) == 1 else _EMPTY
        for rule in source.fields:
            if rule.refers is None:
                continue
            values = typed[rule.name]
            present = values.notna().to_numpy() & ~out
            if not present.any():
                continue
            codes = values[present].astype("int64").to_numpy()
            targets = known.keys(rule.refers)
            if rule.refers == source.table:
                targets = np.union1d(targets, own.astype("int64"))
            missing = ~np.isin(codes, targets)
            for i in np.flatnonzero(present)[missing].tolist():
                fell.append((i, Problem(rule.name, "unknown", {"value": int(values.iat[i])})))
        if not fell:
            return found
        found += fell
        out[[i for i, _p in fell]] = True
