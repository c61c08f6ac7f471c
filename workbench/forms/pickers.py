"""Pickers: cascading region → city → hospital → department → doctor, and one's own entries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
from sqlalchemy import select

from workbench.db.engine import Database
from workbench.db.models import Affiliation, Audit, Base, City, Department, Doctor, Hospital, Region
from workbench.errors import ConfigError
from workbench.i18n import text

__all__ = ["LEVELS", "CustomerPicker", "own_entries"]

LEVELS = ("region", "city", "hospital", "department", "doctor")
_KEYS = {level: f"{level}_id" for level in LEVELS}


class CustomerPicker:
    """Dropdowns where each choice narrows the next.

    ``value`` maps ``<level>_id`` to the chosen id (or ``None``). ``levels`` is a prefix of
    :data:`LEVELS`. A dropdown with a single choice selects it.

    Parameters
    ----------
    db
        The database the choices are read from.
    levels
        The dropdowns shown, from ``"region"`` down.
    lang
        ``"zh"`` or ``"en"``, for the labels.

    Raises
    ------
    ConfigError
        ``levels`` does not start at region and follow :data:`LEVELS`.
    """

    def __init__(self, db: Database, *, levels: Sequence[str] = LEVELS, lang: str = "zh") -> None:
        self.db = db
        self.levels = tuple(levels)
        if self.levels != LEVELS[: len(self.levels)]:
            raise ConfigError(key="error.form.picker_levels", levels=self.levels, order=LEVELS)
        self.dropdowns = {
            level: widgets.Dropdown(options=[], value=None, description="") for level in self.levels
        }
        self.widget = widgets.VBox(list(self.dropdowns.values()))
        self.relabel(lang)
        self._fill(0)
        for i, level in enumerate(self.levels[:-1]):
            self.dropdowns[level].observe(lambda _change, i=i: self._fill(i + 1), "value")

    @property
    def value(self) -> dict[str, int | None]:
        """The chosen id at each level, keyed ``<level>_id`` (``None`` where none is chosen)."""
        return {_KEYS[level]: self.dropdowns[level].value for level in self.levels}

    def relabel(self, lang: str) -> None:
        """Label the dropdowns in ``lang``."""
        for level, dropdown in self.dropdowns.items():
            dropdown.description = text(f"pick.{level}", lang)

    def select(self, **ids: int) -> None:
        """Choose by id, top down: ``picker.select(city_id=1, hospital_id=3)``."""
        for level in self.levels:
            key = _KEYS[level]
            if key in ids:
                self.dropdowns[level].value = ids[key]

    def clear(self) -> None:
        """Back to no choice (a dropdown with a single choice still selects it)."""
        self._fill(0)

    def _options(self, level: str) -> list[tuple[str, int]]:
        parent = self.levels[self.levels.index(level) - 1] if level != "region" else None
        parent_id = self.dropdowns[parent].value if parent else None
        if parent and parent_id is None:
            return []
        queries: dict[str, Any] = {
            "region": select(Region.name, Region.region_id).order_by(Region.region_id),
            "city": select(City.name, City.city_id).where(City.region_id == parent_id),
            "hospital": select(Hospital.name, Hospital.hospital_id).where(
                Hospital.city_id == parent_id
            ),
            "department": select(Department.name, Department.department_id).where(
                Department.hospital_id == parent_id
            ),
            "doctor": select(Doctor.name, Doctor.doctor_id)
            .join(Affiliation, Affiliation.doctor_id == Doctor.doctor_id)
            .where(Affiliation.department_id == parent_id),
        }
        with self.db.session() as session:
            rows = session.execute(queries[level].order_by(queries[level].selected_columns[1]))
            return [(f"{name}（{key}）", key) for name, key in rows]

    def _fill(self, start: int) -> None:
        for level in self.levels[start:]:
            dropdown = self.dropdowns[level]
            options = self._options(level)
            dropdown.options = options
            dropdown.value = options[0][1] if len(options) == 1 else None


def own_entries(db: Database, kind: str, *, actor: str) -> list[tuple[str, int]]:
    """The records of ``kind`` that ``actor`` entered or corrected and that are still there.

    The one saved last comes first. Read from the database's audit trail, so the list is the
    same after a kernel restart or in a reopened notebook. Each choice is labelled with the
    record's name (when its table has one) and its id.

    Parameters
    ----------
    db
        The database the records are in.
    kind
        The entry kind, which is also its table's name (``"doctor"``, ``"hospital"`` …).
    actor
        Who saved them: the form's ``actor``.

    Returns
    -------
    list of (str, int)
        ``("王静（812）", 812)``-like choices for a dropdown.

    Examples
    --------
    >>> import workbench
    >>> own_entries(workbench.connect("sqlite://"), "doctor", actor="form")
    []
    """
    table = Base.metadata.tables[kind]
    key = table.c[f"{kind}_id"]
    name = table.c.get("name", key)
    with db.session() as session:
        keys = session.scalars(
            select(Audit.row_key)
            .where(
                Audit.actor == actor,
                Audit.action.in_(("insert", "update")),
                Audit.table_name == kind,
            )
            .order_by(Audit.audit_id.desc())
        ).all()
        ids = [int(k) for k in dict.fromkeys(keys) if k is not None and k.isdigit()]
        if not ids:
            return []
        names = {row[0]: row[1] for row in session.execute(select(key, name).where(key.in_(ids)))}
    return [(f"{names[i]}（{i}）", i) for i in ids if i in names]
