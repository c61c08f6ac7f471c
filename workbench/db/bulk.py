"""Bulk loading of whole tables: all or nothing, as fast as each backend allows.

SQLite gets ``executemany`` on the raw driver connection, PostgreSQL gets ``COPY`` fed with
CSV written by pyarrow; any other backend falls back to SQLAlchemy Core inserts. Everything
happens in one transaction: an error or an interrupt leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Table,
    insert,
    select,
    text,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.schema import AddConstraint, DropConstraint
from tqdm import tqdm

from workbench.db.engine import Database, translate_error
from workbench.db.models import TABLE_ORDER, Audit, Base
from workbench.errors import ConfigError, MissingEntry, RuleViolation, StoreNotEmpty

__all__ = [
    "bare_insert",
    "bulk_transaction",
    "checks_after",
    "insert_frame",
    "load_tables",
    "loaded_since",
    "table_rows",
]

CHUNK = 100_000
SQLITE_LOAD_CACHE_KIB = 512 * 1024


def load_tables(
    db: Database,
    tables: Mapping[str, pd.DataFrame],
    *,
    replace: bool = False,
    progress: bool = False,
    note: str = "bulk load",
    actor: str = "workbench",
) -> dict[str, int]:
    """Write whole tables (frames with the model's columns) in one transaction.

    Refuses a database that holds data unless ``replace=True``, in which case every
    workbench table is emptied first, in the same transaction.

    Parameters
    ----------
    db
        The database to write to.
    tables
        A frame for each table to load, by table name; each frame has every column of the
        table. Tables are loaded in dependency order, whatever the mapping's order.
    replace
        Empty every workbench table first instead of refusing a database that holds data.
    progress
        Show a progress bar while loading.
    note
        What the load was, recorded with the row counts in the audit trail.
    actor
        The name the audit trail records the load under.

    Returns
    -------
    dict of str to int
        The rows written, by table name.

    Raises
    ------
    MissingEntry
        A name in ``tables`` is not a workbench table.
    ConfigError
        A frame lacks columns of its table.
    StoreNotEmpty
        The database already holds data and ``replace`` is off.
    RuleViolation
        The rows break a rule of the database (a foreign key, a unique value); nothing
        was loaded.
    StoreRefused
        The database refused the rows: it is read-only, or this user may not write it, or
        its disk is full; nothing was loaded.
    """
    unknown = set(tables) - set(TABLE_ORDER)
    if unknown:
        raise MissingEntry(
            key="error.load.unknown_tables",
            tables=", ".join(sorted(unknown)),
            choices=", ".join(TABLE_ORDER),
        )
    total = sum(len(f) for f in tables.values())
    written: dict[str, int] = {}
    try:
        with (
            db.engine.connect() as conn,
            _sqlite_load_mode(conn),
            conn.begin(),
            tqdm(
                total=total, unit="rows", unit_scale=True, disable=not progress, desc="loading"
            ) as bar,
        ):
            if not replace and not _is_empty(conn):
                raise StoreNotEmpty(key="error.load.not_empty", url=db.url)
            if replace:
                _empty_all(conn)
            with _bulk_settings(conn):
                for name in TABLE_ORDER:
                    if name not in tables:
                        continue
                    frame = tables[name]
                    table = Base.metadata.tables[name]
                    bar.set_postfix_str(name)
                    # Into an empty table, building indexes (and, on PostgreSQL, checking
                    # foreign keys) once after the rows is several times faster than row by
                    # row. Re-adding a foreign key validates every row it covers.
                    foreign_keys = _foreign_keys_to_defer(conn, table)
                    for fk in foreign_keys:
                        conn.execute(DropConstraint(fk))
                    for index in table.indexes:
                        index.drop(conn)
                    for n in _insert(conn, table, frame):
                        bar.update(n)
                    for index in table.indexes:
                        index.create(conn)
                    for fk in foreign_keys:
                        conn.execute(AddConstraint(fk))
                    written[name] = len(frame)
            _reset_sequences(conn)
            conn.execute(
                insert(Audit),
                {
                    "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    "actor": actor,
                    "action": "load",
                    "table_name": "*",
                    "row_key": None,
                    "detail": json.dumps({"note": note, "rows": written}, ensure_ascii=False),
                },
            )
    except (sa_exc.SQLAlchemyError, db.engine.dialect.loaded_dbapi.Error) as exc:
        # the rows go in through the driver's own cursor, whose errors are the driver's
        raise translate_error(exc, db.url) from exc
    return written


@contextmanager
def bulk_transaction(
    db: Database, *, cache_kib: int = SQLITE_LOAD_CACHE_KIB
) -> Iterator[Connection]:
    """One transaction for writing many rows, set up as :func:`load_tables` sets it up.

    On SQLite, foreign keys are checked once when the rows are in (a violation fails the
    whole transaction) and the journal is the rollback journal; PostgreSQL's sequences
    continue after the largest id written. Leaving with an error rolls everything back;
    the caller may also roll back itself (a dry run). ``cache_kib`` is SQLite's page cache
    for the transaction: more is faster for building indexes, and takes that much memory.
    """
    with db.engine.connect() as conn, _sqlite_load_mode(conn), conn.begin():
        with _bulk_settings(conn, cache_kib):
            yield conn
        if conn.in_transaction():
            _reset_sequences(conn)


@contextmanager
def checks_after(conn: Connection, table: Table) -> Iterator[None]:
    """Into an empty table: its indexes (and PostgreSQL's foreign keys) made after the rows.

    As :func:`load_tables` does: building an index once is several times faster than row by
    row, and re-adding a foreign key validates every row it covers.
    """
    foreign_keys = _foreign_keys_to_defer(conn, table)
    for fk in foreign_keys:
        conn.execute(DropConstraint(fk))
    for index in table.indexes:
        index.drop(conn)
    yield
    for index in table.indexes:
        index.create(conn)
    for fk in foreign_keys:
        conn.execute(AddConstraint(fk))


def insert_frame(conn: Connection, table: Table, frame: pd.DataFrame) -> int:
    """Append the frame's rows (every column of ``table``) by the backend's bulk path."""
    return sum(_insert(conn, table, frame))


def loaded_since(db: Database, since: dt.datetime) -> dict[str, int] | None:
    """The rows of the last load committed at or after ``since`` (naive UTC), else ``None``.

    A load is one transaction that records itself in the audit trail, so this says whether
    an interrupted load had already finished: its rows by table, or ``None`` when nothing was
    loaded.
    """
    query = (
        select(Audit.detail)
        .where(Audit.action == "load", Audit.at >= since)
        .order_by(Audit.audit_id.desc())
        .limit(1)
    )
    with db.session() as session:
        detail = session.scalar(query)
    return None if detail is None else dict(json.loads(detail)["rows"])


@contextmanager
def _bulk_settings(conn: Connection, cache_kib: int = SQLITE_LOAD_CACHE_KIB) -> Iterator[None]:
    """SQLite: a larger page cache, and foreign keys checked in one pass at the end.

    The default 2 MB cache thrashes on index pages. ``PRAGMA foreign_keys`` only changes
    outside a transaction, so it is set before the first write; ``foreign_key_check``
    then validates every row loaded, and any violation fails the whole load.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{cache_kib}")
    conn.exec_driver_sql(f"PRAGMA threads={os.cpu_count() or 1}")  # sorts for CREATE INDEX
    try:
        yield
        bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchmany(5)
        if bad:
            where = ", ".join(f"{t} row {r} → {parent}" for t, r, parent, _ in bad)
            raise RuleViolation(key="error.load.foreign_keys", rows=where)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


@contextmanager
def _sqlite_load_mode(conn: Connection) -> Iterator[None]:
    """SQLite only: connection settings for a bulk load, set outside its transaction.

    Foreign keys go off (one ``foreign_key_check`` pass validates the rows instead), and
    the journal leaves WAL for the rollback journal: pages appended to a database need no
    journal, so the rows are written once instead of twice (WAL, then checkpoint), and the
    transaction stays all or nothing. If another connection holds the database, the switch
    is refused and the load runs in WAL mode. Everything is restored afterwards.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    journal = str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())
    try:
        switched = conn.exec_driver_sql("PRAGMA journal_mode=DELETE").scalar() == "delete"
    except sa_exc.OperationalError:
        switched = False
    conn.commit()
    try:
        yield
    finally:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        if switched:
            conn.exec_driver_sql(f"PRAGMA journal_mode={journal}")
        conn.commit()


def _foreign_keys_to_defer(conn: Connection, table: Table) -> list[ForeignKeyConstraint]:
    if conn.dialect.name != "postgresql":
        return []  # SQLite cannot drop a constraint; it checks each row as it goes
    return sorted(table.foreign_key_constraints, key=lambda fk: str(fk.name))


def _is_empty(conn: Connection) -> bool:
    for name in TABLE_ORDER:
        if name == "audit":
            continue
        table = Base.metadata.tables[name]
        if conn.execute(table.select().limit(1)).first() is not None:
            return False
    return True


def _empty_all(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        names = ", ".join(f'"{n}"' for n in TABLE_ORDER)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    for name in reversed(TABLE_ORDER):
        conn.execute(Base.metadata.tables[name].delete())


def _reset_sequences(conn: Connection) -> None:
    """After explicit ids, PostgreSQL's sequences must continue after the largest id."""
    if conn.dialect.name != "postgresql":
        return
    for name in TABLE_ORDER:
        pk = list(Base.metadata.tables[name].primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement:
            continue
        col = pk[0].name
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{col}'), "
                f'COALESCE(MAX("{col}"), 0) + 1, false) FROM "{name}"'
            )
        )


def table_rows(
    table: Table, frame: pd.DataFrame, dialect: str, chunk: int = CHUNK
) -> Iterator[list[tuple[Any, ...]]]:
    """The frame's rows as driver-ready tuples, ``chunk`` at a time, in the table's column order."""
    columns = [c.name for c in table.columns]
    missing = set(columns) - set(frame.columns)
    if missing:
        raise ConfigError(
            key="error.load.columns",
            table=table.name,
            missing=", ".join(sorted(missing)),
            columns=", ".join(columns),
        )
    for lo in range(0, len(frame), chunk):
        part = frame.iloc[lo : lo + chunk]
        values = [_column_values(part[c], table.columns[c].type, dialect) for c in columns]
        yield list(zip(*values, strict=True))


def _column_values(series: pd.Series, sa_type: Any, dialect: str) -> list[Any]:
    if isinstance(sa_type, DateTime | Date):
        if isinstance(sa_type, DateTime):
            arr = series.to_numpy(dtype="datetime64[us]")
            iso = np.char.replace(np.datetime_as_string(arr, unit="us"), "T", " ")
        else:
            arr = series.to_numpy(dtype="datetime64[D]")
            iso = np.datetime_as_string(arr, unit="D")
        values: list[Any] = iso.tolist()
        if np.isnat(arr).any():
            return [None if v in ("NaT", "Na ") else v for v in values]
        return values
    if isinstance(sa_type, Boolean):
        flags = series.to_numpy(dtype=bool)
        out: list[Any] = flags.astype(int).tolist() if dialect == "sqlite" else flags.tolist()
        return out
    if series.dtype == object or isinstance(series.dtype, pd.StringDtype) or series.hasnans:
        missing = series.isna().to_numpy()
        values = series.astype(object).tolist()
        if missing.any():
            for i in np.flatnonzero(missing).tolist():
                values[i] = None
        return values
    return series.to_numpy().tolist()  # type: ignore[no-any-return]


def _insert(conn: Connection, table: Table, frame: pd.DataFrame) -> Iterator[int]:
    dialect = conn.dialect.name
    columns = [c.name for c in table.columns]
    if dialect == "sqlite":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        sql = (
            f'INSERT INTO "{table.name}" ({", ".join(columns)}) '
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        for rows in table_rows(table, frame, dialect):
            cursor.executemany(sql, rows)
            yield len(rows)
        cursor.close()
    elif dialect == "postgresql":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        quoted = ", ".join(f'"{c}"' for c in columns)
        with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN (FORMAT csv)') as copy:
            for lo in range(0, len(frame), CHUNK):
                part = frame.iloc[lo : lo + CHUNK]
                copy.write(_csv_chunk(table, part))
                yield len(part)
    else:
        for rows in table_rows(table, frame, dialect):
            conn.execute(table.insert(), [dict(zip(columns, r, strict=True)) for r in rows])
            yield len(rows)


def _csv_chunk(table: Table, frame: pd.DataFrame) -> bytes:
    """Rows as CSV for PostgreSQL's COPY: NULL unquoted and empty, empty strings quoted."""
    arrays = []
    for column in table.columns:
        series = frame[column.name]
        if isinstance(column.type, DateTime):
            arrays.append(pa.array(series.to_numpy(dtype="datetime64[us]")))
        elif isinstance(column.type, Date):
            arrays.append(pa.array(series.to_numpy(dtype="datetime64[D]")))
        else:
            arrays.append(pa.array(series, from_pandas=True))
    sink = io.BytesIO()
    pa_csv.write_csv(
        pa.Table.from_arrays(arrays, names=[c.name for c in table.columns]),
        sink,
        write_options=pa_csv.WriteOptions(include_header=False),
    )
    return sink.getvalue()


def bare_insert(db: Database, tables: Mapping[str, pd.DataFrame]) -> int:
    """The same rows through the backend's plainest bulk path, no checks, no audit.

    The baseline the benchmarks measure ``load_tables`` against; returns rows written.
    """
    n = 0
    with db.engine.begin() as conn:
        for name in TABLE_ORDER:
            if name in tables:
                for k in _insert(conn, Base.metadata.tables[name], tables[name]):
                    n += k
    return n
