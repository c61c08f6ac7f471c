"""Writing checked rows: new ones in bulk, changed ones updated and audited field by field."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    Numeric,
    Table,
    and_,
    bindparam,
    insert,
    select,
)

from workbench.db.bulk import insert_frame
from workbench.db.export import formatter
from workbench.db.models import TABLE_ORDER, Audit, Base
from workbench.imports.rows import Known, key_codes
from workbench.imports.specs import Source

__all__ = ["IMPORT_NOTE", "audit_import", "imported_before", "write_rows"]

#: how an import's audit row begins its note
IMPORT_NOTE = "import"
_BATCH = 100_000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def imported_before(conn: Connection) -> bool:
    """Whether the store may take an import: it is empty, or its rows came from imports."""
    for name in TABLE_ORDER:
        if name != "audit" and conn.execute(Base.metadata.tables[name].select().limit(1)).first():
            break
    else:
        return True
    loads = conn.execute(select(Audit.detail).where(Audit.action == "load")).scalars()
    return all(json.loads(d or "{}").get("note", "").startswith(IMPORT_NOTE) for d in loads)


def write_rows(
    conn: Connection, source: Source, good: pd.DataFrame, known: Known
) -> tuple[int, int, int]:
    """Insert the new rows, update the stored ones that changed: (new, changed, unchanged)."""
    if not len(good):
        return 0, 0, 0
    table = Base.metadata.tables[source.table]
    stored = np.isin(key_codes(good, source.table, source.key), known.stored(source.table))
    new = good[~stored]
    if len(new):
        whole = new.reindex(columns=[c.name for c in table.columns])
        empty = {c: object for c in whole.columns if whole[c].isna().all()}
        insert_frame(conn, table, whole.astype(empty))
    changed = _update(conn, source, table, good[stored]) if stored.any() else 0
    return len(new), changed, int(stored.sum()) - changed


def _comparable(values: pd.Series, column: Any) -> pd.Series:
    """Values as the export would tell them apart: days, times to the second, cents."""
    kind = column.type
    if isinstance(kind, DateTime):
        return pd.to_datetime(values, format="ISO8601").dt.floor("s")
    if isinstance(kind, Date):
        return pd.to_datetime(values, format="ISO8601").dt.normalize()
    if isinstance(kind, Boolean):
        return values.astype("boolean")
    if isinstance(kind, Numeric):
        return pd.to_numeric(values).astype(float).round(kind.scale or 0)
    if isinstance(kind, Integer):
        return pd.to_numeric(values).astype("Int64")
    return values.astype(object).where(values.notna(), None)


def _differs(new: pd.Series, old: pd.Series, column: Any) -> np.ndarray:
    a, b = _comparable(new, column), _comparable(old, column)
    same: np.ndarray = (a == b).fillna(False).to_numpy(dtype=bool) | (
        a.isna() & b.isna()
    ).to_numpy()
    return ~same


def _update(conn: Connection, source: Source, table: Table, rows: pd.DataFrame) -> int:
    """Update the rows whose stored values differ; one audit row for each, as any change.

    The stored rows of the chunk's range of keys are read at once and compared column by
    column; only a row that changed is looked at one by one.
    """
    columns = [c for c in source.columns if c not in source.key]
    formats = {c: _text_of(table.c[c]) for c in source.columns}
    first = table.c[source.key[0]]
    changed = 0
    for lo in range(0, len(rows), _BATCH):
        part = rows.iloc[lo : lo + _BATCH].reset_index(drop=True)
        low, high = int(part[first.name].min()), int(part[first.name].max())
        query = select(*(table.c[c] for c in source.columns)).where(first.between(low, high))
        stored = pd.DataFrame(conn.execute(query).all(), columns=list(source.columns))
        codes = key_codes(stored, table.name, source.key)
        before = stored.set_index(codes).reindex(key_codes(part, table.name, source.key))
        before = before.reset_index(drop=True)
        diffs = {c: _differs(part[c], before[c], table.c[c]) for c in columns}
        touched: list[int] = (
            np.flatnonzero(np.logical_or.reduce(list(diffs.values()))).tolist() if diffs else []
        )
        updates, audits = [], []
        for i in touched:
            values = part.iloc[i].to_dict()
            key = tuple(formats[k](values[k]) for k in source.key)
            diff = {
                c: [formats[c](before[c].iat[i]) or None, formats[c](values[c]) or None]
                for c in columns
                if diffs[c][i]
            }
            updates.append(
                {
                    **{f"_{k}": _plain(values[k], table.c[k]) for k in source.key},
                    **{c: _plain(values[c], table.c[c]) for c in diff},
                }
            )
            audits.append(
                {
                    "at": _now(),
                    "actor": "import",
                    "action": "update",
                    "table_name": table.name,
                    "row_key": "|".join(key),
                    "detail": json.dumps(diff, ensure_ascii=False, sort_keys=True),
                }
            )
        by_columns: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for u in updates:
            by_columns.setdefault(tuple(sorted(u)), []).append(u)
        where = and_(*(table.c[k] == bindparam(f"_{k}") for k in source.key))
        for names, group in by_columns.items():
            values_of: dict[str, Any] = {n: bindparam(n) for n in names if not n.startswith("_")}
            conn.execute(table.update().where(where).values(values_of), group)
        if audits:
            conn.execute(insert(Audit), audits)
        changed += len(updates)
    return changed


def _missing(value: object) -> bool:
    return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _plain(value: object, column: Any) -> object:
    """A frame's value as the driver and the export's formatter take it."""
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        moment = value.to_pydatetime()
        return moment if isinstance(column.type, DateTime) else moment.date()
    if isinstance(value, np.generic):  # the driver binds Python values only
        return value.item()
    return value


def _text_of(column: Any) -> Callable[[object], str]:
    """The export's text of a value, whatever missing marker the frame holds."""
    written = formatter(column)
    return lambda v: written(_plain(v, column))


def audit_import(
    conn: Connection,
    actor: str,
    source: str,
    inserted: Mapping[str, int],
    updated: Mapping[str, int],
) -> None:
    """One audit row for the import: its source and the rows it added and changed."""
    conn.execute(
        insert(Audit),
        {
            "at": _now(),
            "actor": actor,
            "action": "load",
            "table_name": "*",
            "row_key": None,
            "detail": json.dumps(
                {
                    "note": f"{IMPORT_NOTE} {source}",
                    "rows": dict(inserted),
                    "updated": dict(updated),
                },
                ensure_ascii=False,
            ),
        },
    )
