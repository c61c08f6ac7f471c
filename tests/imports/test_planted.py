"""A few hundred planted faults of each kind: every one found at its line, and nothing else.

The faults are planted in a copy of the camp world's export, one to a row. A row that
refers to a faulty row is refused too; which rows those are is worked out here again, from
the files alone, and the import must report exactly the planted faults and those.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import func, select

import workbench
from workbench.db.models import TABLE_ORDER, Base
from workbench.imports import SOURCES, import_files

PER_KIND = 150
Row = dict[str, str]
Fault = tuple[str, int, str, str]  # file, line, column, problem
_rng = np.random.default_rng(15)


@dataclass(frozen=True)
class Plant:
    """A kind of fault: where it may go, and how a row is spoiled."""

    code: str
    targets: tuple[tuple[str, str], ...]  # (file, column)
    spoil: Callable[[Row, str, list[Row], int], str | None]  # the new value; None: not here


def _set(value: str) -> Callable[[Row, str, list[Row], int], str]:
    return lambda row, column, rows, i: value


def _earlier_key(row: Row, column: str, rows: list[Row], i: int) -> str | None:
    return rows[i - 1][column] if i > 0 else None


#: the column a unique value is unique within, by file
WITHIN = {"departments.csv": "hospital_id", "weekly_plans.csv": "rep_id"}


def _sibling_value(row: Row, column: str, rows: list[Row], i: int) -> str | None:
    """The value an earlier row of the same hospital (or rep) holds already."""
    within = WITHIN[next(f for f, c in TAKEN if c == column)]
    same = [r for r in rows[:i] if r[within] == row[within]]
    return same[0][column] if same else None


def _before_start(row: Row, column: str, rows: list[Row], i: int) -> str | None:
    start = dt.date.fromisoformat(row["start_on"])
    return (start - dt.timedelta(days=1)).isoformat()


def _lone_joint(row: Row, column: str, rows: list[Row], i: int) -> str | None:
    row["joint_visit"] = "false"
    return "1" if row["rep_id"] != "1" else "2"


TAKEN = (("departments.csv", "name"), ("weekly_plans.csv", "week_start"))
TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()
PLANTS = (
    Plant("not_integer", (("calls.csv", "rep_id"), ("sales.csv", "quantity")), _set("十")),
    Plant("out_of_range", (("sales.csv", "quantity"), ("potential.csv", "adoption")), _set("0")),
    Plant("required", (("plans.csv", "planned_on"), ("invitations.csv", "invited_on")), _set("")),
    Plant("not_chinese", (("doctors.csv", "name"),), _set("Wang Jing")),
    Plant("not_pinyin", (("doctors.csv", "name_pinyin"),), _set("王静")),
    Plant(
        "not_a_choice",
        (("invitations.csv", "status"), ("weekly_plans.csv", "status")),
        _set("professor"),
    ),
    Plant("bad_mobile", (("doctors.csv", "mobile"),), _set("12345")),
    Plant("unsafe_text", (("calls.csv", "next_step"),), _set("call back\u200b")),
    Plant("too_long", (("call_products.csv", "key_message"),), _set("很" * 201)),
    Plant(
        "not_a_date", (("sales.csv", "sale_date"), ("plans.csv", "planned_on")), _set("2026-02-30")
    ),
    Plant("in_future", (("sales.csv", "sale_date"), ("calls.csv", "call_date")), _set(TOMORROW)),
    Plant(
        "unknown",
        (("calls.csv", "doctor_id"), ("plans.csv", "doctor_id"), ("potential.csv", "product_id")),
        _set("999999"),
    ),
    Plant(
        "key_twice", (("sales.csv", "sale_id"), ("submissions.csv", "submission_id")), _earlier_key
    ),
    Plant("taken", TAKEN, _sibling_value),
    Plant("ends_before_start", (("assignments.csv", "end_on"),), _before_start),
    Plant(
        "not_a_time",
        (("calls.csv", "entered_at"), ("submissions.csv", "received_at")),
        _set("yesterday 9am"),
    ),
    Plant("not_an_amount", (("sales.csv", "amount"),), _set("12.345")),
    Plant(
        "not_yes_no",
        (("calls.csv", "joint_visit"), ("affiliations.csv", "is_primary")),
        _set("maybe"),
    ),
    Plant("joint_rep_without_joint_visit", (("calls.csv", "joint_rep_id"),), _lone_joint),
)
SHAPED = ("potential.csv", 150)  # lines given one value too many


def _read(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _plant(files: Path) -> set[Fault]:
    """Spoil the files; every fault planted, as (file, line, column, code)."""
    tables = {s.file: _read(files / s.file) for s in SOURCES}
    used: set[tuple[str, int]] = set()  # rows spoiled
    leaned_on: set[tuple[str, int]] = set()  # clean rows whose value a spoiled row repeats
    planted = set()
    for plant in PLANTS:
        placed = tries = 0
        while placed < PER_KIND:
            tries += 1
            assert tries < 100 * PER_KIND, f"no room left for {plant.code}"
            file, column = plant.targets[int(_rng.integers(len(plant.targets)))]
            rows = tables[file]
            i = int(_rng.integers(len(rows)))
            if (file, i) in used | leaned_on:
                continue
            row = dict(rows[i])
            value = plant.spoil(row, column, rows, i)
            if value is None or value == rows[i][column]:
                continue
            within = WITHIN.get(file) if plant.code == "taken" else None
            leans_on = {
                (file, j)
                for j, r in enumerate(rows)
                if (file, j) not in used
                and r[column] == value
                and (within is None or r[within] == row[within])
            }
            if plant.code in ("key_twice", "taken") and not leans_on:
                continue
            row[column] = value
            rows[i] = row
            used.add((file, i))
            if plant.code in ("key_twice", "taken"):
                leaned_on |= leans_on
            planted.add((file, i + 2, column, plant.code))
            placed += 1
    for file, rows in tables.items():
        with (files / file).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    file, n = SHAPED
    lines = (files / file).read_text(encoding="utf-8").split("\n")
    free = [i for i in range(len(tables[file])) if (file, i) not in used | leaned_on]
    for i in sorted(_rng.choice(free, n, replace=False).tolist()):
        lines[i + 1] += ",extra"
        planted.add((file, i + 2, "data", "row_shape"))
        used.add((file, i))
    (files / file).write_text("\n".join(lines), encoding="utf-8")
    return planted


def _cascade(files: Path, planted: set[Fault], original: Path) -> set[Fault]:
    """The rows refused only because they refer to a refused row, worked out from the files."""
    bad_lines = {(f, line) for f, line, _c, _code in planted}
    # a spoiled reference is checked with the row's other references, in one pass
    checked_with = {(f, line): c for f, line, c, code in planted if code == "unknown"}
    refused: dict[str, set[str]] = {}  # by table: the refused rows' keys, as first written
    found = set()
    for source in SOURCES:
        rows = _read(original / source.file)
        now = _read(files / source.file)
        gone = refused.setdefault(source.table, set())
        for i, (row, was) in enumerate(zip(now, rows, strict=True)):
            line = i + 2
            spoiled = checked_with.get((source.file, line))
            unknown = [
                rule.name
                for rule in source.fields
                if rule.refers
                and rule.name != spoiled
                and row[rule.name] in refused.get(rule.refers, ())
            ]
            if (source.file, line) in bad_lines and spoiled is None:
                unknown = []
            found |= {(source.file, line, name, "unknown") for name in unknown}
            if unknown or (source.file, line) in bad_lines:
                gone.add("|".join(was[k] for k in source.key))
    return found


def test_every_planted_fault_is_found_at_its_line_and_nothing_else(
    exported: Path, files: Path
) -> None:
    planted = _plant(files)
    assert len({(f, line) for f, line, _c, _k in planted}) == len(planted)
    expected = planted | _cascade(files, planted, exported)
    db = workbench.connect("sqlite://")
    done = import_files(db, files, progress=False)
    found = {(r.file, r.line, r.problem.field, r.problem.code) for r in done.problems}
    assert not done.written
    assert planted - found == set()  # every planted fault, at its line
    assert found - expected == set()  # and nothing that is not one, or refers to one
    assert found == expected
    with db.session() as s:  # all or nothing
        for name in TABLE_ORDER:  # the audit trail too
            table = Base.metadata.tables[name]
            assert s.scalar(select(func.count()).select_from(table)) == 0, name


def test_with_accept_good_exactly_the_good_rows_are_written(exported: Path, files: Path) -> None:
    planted = _plant(files)
    expected = planted | _cascade(files, planted, exported)
    refused = {(f, line) for f, line, _c, _k in expected}
    dry = import_files(
        workbench.connect("sqlite://"), files, accept_good=True, dry_run=True, progress=False
    )
    db = workbench.connect("sqlite://")
    done = import_files(db, files, accept_good=True, progress=False)
    assert done.written and not dry.written
    assert dry.inserted == done.inserted
    assert done.rejected_rows == len(refused)
    with db.session() as s:
        for source in SOURCES:
            rows = len(_read(exported / source.file))
            bad = sum(1 for f, _line in refused if f == source.file)
            table = Base.metadata.tables[source.table]
            assert done.inserted[source.file] == rows - bad, source.file
            if source.file != "plans.csv" and source.file != "weekly_plans.csv":
                assert s.scalar(select(func.count()).select_from(table)) == rows - bad
