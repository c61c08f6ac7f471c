"""What each file of the export format holds, as rules for its columns.

The rules come from two places. The store's own model gives each column its kind (a whole
number, a day, a time, yes or no, an amount, text of so many characters), whether it may
be empty, and what it refers to. Guided entry adds what the model does not say: a name in
Chinese characters, a name in pinyin, a code from its list, a mobile number, a number in
its range. The one set of rules is then kept for each row of a file exactly as a form keeps
it for one entry (:mod:`workbench.imports.checks`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, String, Table, UniqueConstraint

from workbench.db.export import EXPORTS
from workbench.db.models import (
    Base,
    InvitationStatus,
    PlanStatus,
    ProductLine,
    RepRole,
)
from workbench.entry.trials import RESPONSES
from workbench.reference import GENDERS, GRADES, SPECIALTIES, TITLES

__all__ = ["SOURCES", "Field", "Source"]


@dataclass(frozen=True)
class Field:
    """One column's rule.

    ``kind`` is ``integer``, ``text``, ``choice``, ``date``, ``time``, ``flag``, ``amount``
    or ``phone``; the other attributes narrow it as their names say. ``refers`` names the
    table whose key the value must be, among the rows already stored or imported before it.
    """

    name: str
    kind: str
    required: bool = True
    low: int | None = None
    high: int | None = None
    max_length: int | None = None
    script: str | None = None
    choices: tuple[str, ...] = ()
    refers: str | None = None
    future: bool = True
    mobile_only: bool = False


@dataclass(frozen=True)
class Source:
    """One file of the export format, the table it fills and the rules of its rows."""

    file: str
    table: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    unique: tuple[tuple[str, ...], ...] = ()
    #: (earlier day, later day): the later may not come before the earlier
    order: tuple[tuple[str, str], ...] = ()
    #: columns of the file that are read from another file (plans.csv repeats its plan's)
    ignored: tuple[str, ...] = field(default=())

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns the file must have, in the export's order."""
        return tuple(f.name for f in self.fields)

    def rule(self, name: str) -> Field:
        """The rule of the column ``name``."""
        return next(f for f in self.fields if f.name == name)


#: guided entry's rules that the model does not carry, by table and column
_ENTRY: Mapping[tuple[str, str], Mapping[str, Any]] = {
    ("region", "name"): {"script": "zh"},
    ("region", "name_en"): {"script": "latin"},
    ("city", "name"): {"script": "zh"},
    ("city", "name_en"): {"script": "latin"},
    ("city", "tier"): {"low": 1, "high": 4},
    ("hospital", "name"): {"script": "zh"},
    ("hospital", "name_en"): {"script": "latin"},
    ("hospital", "grade"): {"kind": "choice", "choices": GRADES},
    ("hospital", "beds"): {"low": 0, "high": 20_000},
    ("hospital", "phone"): {"kind": "phone"},
    ("department", "name"): {"script": "zh"},
    ("department", "name_en"): {"script": "latin"},
    ("department", "specialty"): {"kind": "choice", "choices": SPECIALTIES},
    ("doctor", "name"): {"script": "zh"},
    ("doctor", "name_pinyin"): {"script": "pinyin"},
    ("doctor", "gender"): {"kind": "choice", "choices": GENDERS},
    ("doctor", "title"): {"kind": "choice", "choices": TITLES},
    ("doctor", "specialty"): {"kind": "choice", "choices": SPECIALTIES},
    ("doctor", "mobile"): {"kind": "phone", "mobile_only": True},
    ("product", "line"): {"kind": "choice", "choices": tuple(ProductLine)},
    ("product", "unit_price"): {"low": 0},
    ("rep", "name"): {"script": "zh"},
    ("rep", "name_pinyin"): {"script": "pinyin"},
    ("rep", "role"): {"kind": "choice", "choices": tuple(RepRole)},
    ("call", "call_date"): {"future": False},
    ("call", "entered_at"): {"future": False},
    ("plan", "status"): {"kind": "choice", "choices": tuple(PlanStatus)},
    ("event", "capacity"): {"low": 0},
    ("invitation", "status"): {"kind": "choice", "choices": tuple(InvitationStatus)},
    ("sale", "quantity"): {"low": 1},
    ("sale", "sale_date"): {"future": False},
    ("potential", "adoption"): {"low": 1, "high": 5},
    ("potential", "potential"): {"low": 0},
    ("potential", "prescriptions"): {"low": 0},
    ("study", "confirm_min_days"): {"low": 1},
    ("study", "sd_min_days"): {"low": 1},
    ("study", "teae_window_days"): {"low": 0},
    ("study", "report_target_days"): {"low": 1},
    ("subject", "sex"): {"kind": "choice", "choices": GENDERS},
    ("subject", "age_group"): {"kind": "choice", "choices": ("<65", ">=65")},
    ("subject", "ecog"): {"low": 0, "high": 2},
    ("submission", "kind"): {"kind": "choice", "choices": ("assessment", "adverse_event")},
    ("submission", "version"): {"low": 1},
    ("assessment", "overall"): {"kind": "choice", "choices": RESPONSES},
    ("adverse_event", "grade"): {"low": 1, "high": 5},
}

#: the days of a row that may not run backwards (the store's own checks say the same)
_ORDER: Mapping[str, tuple[tuple[str, str], ...]] = {
    "rep": (("hired_on", "left_on"),),
    "assignment": (("start_on", "end_on"),),
    "subject": (
        ("consented_on", "randomised_on"),
        ("randomised_on", "first_dose_on"),
        ("first_dose_on", "last_dose_on"),
    ),
    "adverse_event": (("start_on", "end_on"),),
}


def _field(table: Table, name: str) -> Field:
    column = table.c[name]
    kind_of = column.type
    rule: dict[str, Any] = {"name": name, "required": not column.nullable}
    if column.foreign_keys:
        (fk,) = column.foreign_keys
        rule |= {"kind": "integer", "low": 1, "refers": fk.column.table.name}
    elif isinstance(kind_of, Boolean):
        rule |= {"kind": "flag", "required": False}
    elif isinstance(kind_of, DateTime):
        rule |= {"kind": "time"}
    elif isinstance(kind_of, Date):
        rule |= {"kind": "date"}
    elif isinstance(kind_of, Numeric):
        rule |= {"kind": "amount"}
    elif isinstance(kind_of, Integer):
        rule |= {"kind": "integer", "low": 1 if column.primary_key else None}
    elif isinstance(kind_of, String):
        rule |= {"kind": "text", "max_length": kind_of.length}
    rule |= _ENTRY.get((table.name, name), {})
    return Field(**rule)


def _unique(table: Table) -> tuple[tuple[str, ...], ...]:
    sets = [
        tuple(c.name for c in con.columns)
        for con in table.constraints
        if isinstance(con, UniqueConstraint)
    ]
    sets += [(c.name,) for c in table.columns if c.unique]
    sets += [  # a unique index the store keeps for every row (not a partial one)
        tuple(c.name for c in index.columns)
        for index in table.indexes
        if index.unique and index.dialect_options["sqlite"].get("where") is None
    ]
    return tuple(dict.fromkeys(sets))


def _source(file: str, table_name: str, columns: list[str]) -> Source:
    table = Base.metadata.tables[table_name]
    wanted = [c for c in columns if c in table.c]
    return Source(
        file=file,
        table=table_name,
        fields=tuple(_field(table, c) for c in wanted),
        key=tuple(c.name for c in table.primary_key.columns),
        unique=_unique(table),
        order=_ORDER.get(table_name, ()),
        ignored=tuple(c for c in columns if c not in table.c),
    )


def _sources() -> tuple[Source, ...]:
    made = []
    for spec in EXPORTS:
        if spec.file == "plans.csv":  # a plan's items; the plan itself is in weekly_plans.csv
            columns = ["plan_item_id", "plan_id", "doctor_id", "planned_on", "product_id"]
            source = _source(spec.file, "plan_item", columns)
            ignored = tuple(c for c in spec.header if c not in columns)
            made.append(Source(**{**source.__dict__, "ignored": ignored}))
            continue
        (table,) = spec.tables
        made.append(_source(spec.file, table, spec.header))
    # a plan before its items
    plans = next(i for i, s in enumerate(made) if s.file == "plans.csv")
    weekly = next(i for i, s in enumerate(made) if s.file == "weekly_plans.csv")
    made.insert(plans, made.pop(weekly))
    return tuple(made)


#: every file of the export format, in the order they are imported (a row's references first)
SOURCES: tuple[Source, ...] = _sources()
