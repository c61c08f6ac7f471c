"""Writing checked rows: new ones in bulk, changed ones updated and audited field by field."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, DateTime, Table, and_, bindparam, insert, select

from workbench.db.bulk import insert_frame
from workbench.db.export import formatter
from workbench.db.models import TABLE_ORDER, Audit, Base
from workbench.imports.rows import Known, key_codes
from workbench.imports.specs import Source

__all__ = ["IMPORT_NOTE", "audit_import", "imported_before", "write_rows"]

#: how an import's audit row begins its note
IMPORT_NOTE = "import"
_BATCH = 5_000


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


def _update(conn: Connection, source: Source, table: Table, rows: pd.DataFrame) -> int:
    """Update the rows whose stored values differ; one audit row for each, as any change."""
    columns = [c for c in source.columns if c not in source.key]
    formats = {c: _text_of(table.c[c]) for c in source.columns}
    first = table.c[source.key[0]]
    changed = 0
    for lo in range(0, len(rows), _BATCH):
        part = rows.iloc[lo : lo + _BATCH]
        ids = sorted({int(v) for v in part[source.key[0]]})
        query = select(*(table.c[c] for c in source.columns)).where(first.in_(ids))
        before_text = {
            tuple(
                formats[k](v) for k, v in zip(source.key, row[: len(source.key)], strict=True)
            ): tuple(row)
            for row in conn.execute(query)
        }
        updates, audits = [], []
        for row in part.itertuples(index=False, name=None):
            values = dict(zip(source.columns, row, strict=True))
            key = tuple(formats[k](values[k]) for k in source.key)
            old = dict(zip(source.columns, before_text[key], strict=True))
            diff = {
                c: [formats[c](old[c]) or None, formats[c](values[c]) or None]
                for c in columns
                if formats[c](old[c]) != formats[c](values[c])
            }
            if not diff:
                continue
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
