"""Data cuts: frozen, timestamped Parquet snapshots of the store, queried with DuckDB.

Analysis never pulls whole fact tables through ``pandas.read_sql``. A cut copies every
operational table (not the audit trail) into one Parquet file per table, read in one
consistent snapshot of the database; analyses run as SQL on DuckDB over the files and hand
only small results to pandas. Each cut is a folder ``cut-YYYYMMDDTHHMMSSZ`` holding the
files and a ``manifest.json`` (when, from where, schema version, rows per table). The folder
appears whole or not at all: it is written under a temporary name and renamed at the end.

>>> import workbench
>>> db = workbench.connect("sqlite://")
>>> c = workbench.cut(db, out="cuts")
>>> c.rows["doctor"], int(c.sql("SELECT count(*) AS n FROM doctor").n[0])
(0, 0)
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import pickle
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, Table

from workbench._version import __version__
from workbench.config import Settings
from workbench.db.engine import Database, translate_error
from workbench.db.models import TABLE_ORDER, Base
from workbench.errors import AnalysisError, FileUnusable
from workbench.i18n import said
from workbench.progress import bar, watched

__all__ = [
    "CUT_TABLES",
    "DUCKDB_MEMORY_LIMIT",
    "Cut",
    "cut",
    "cuts_dir",
    "latest_cut",
    "list_cuts",
    "open_cut",
]

#: The tables a cut holds: every operational table, in dependency order.
CUT_TABLES: tuple[str, ...] = tuple(t for t in TABLE_ORDER if t != "audit")

#: DuckDB's memory budget per cut; larger joins and aggregations spill to a temporary folder
#: instead, so that an analysis of the ×7 national world stays under 1 GB on a laptop.
DUCKDB_MEMORY_LIMIT = "512MB"

T = TypeVar("T")

_MANIFEST = "manifest.json"
_BATCH_ROWS = 250_000
_NAME = re.compile(r"^cut-(\d{8}T\d{6}Z)(-\d+)?$")


class Cut:
    """One data cut on disk: its manifest, and a DuckDB connection over its Parquet files.

    Each table of the cut is a DuckDB view of the same name (``doctor``, ``call``, ...), so
    ``cut.sql("SELECT ... FROM call JOIN doctor USING (doctor_id)")`` works as written;
    values go in as parameters (``cut.sql("... WHERE call_date >= $d", {"d": day})``). The
    analyses name the cut (``cut.label``) in their results. DuckDB works within
    ``memory_limit`` and spills to a temporary folder beyond it.
    """

    def __init__(self, path: Path | str, *, memory_limit: str = DUCKDB_MEMORY_LIMIT) -> None:
        self.path = Path(path)
        self.memory_limit = memory_limit
        manifest = self.path / _MANIFEST
        try:
            raw = manifest.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            raise FileUnusable(
                key="error.cut.not_a_cut", path=self.path, manifest=_MANIFEST
            ) from None
        except OSError as exc:
            raise FileUnusable(
                key="error.cut.unreadable", path=manifest, reason=exc.strerror
            ) from exc
        try:
            meta = json.loads(raw)
            self.created_at = dt.datetime.fromisoformat(meta["created_at"])
            self.source: str = meta["source"]
            #: the id of the database the cut was taken from (``None``: an older cut's)
            self.store_id: str | None = meta.get("store_id")
            #: who the cut was taken for (a cut from before viewers was the owner's)
            self.viewer: str = meta.get("viewer", "owner")
            self.schema_version: str | None = meta["schema_version"]
            self.rows: dict[str, int] = dict(meta["rows"])
            self.seconds: float = float(meta.get("seconds", 0.0))
        except (KeyError, TypeError, ValueError) as exc:
            raise FileUnusable(key="error.cut.damaged", path=manifest, detail=exc) from exc

    def __repr__(self) -> str:
        return f"<Cut {self.id} of {self.source}: {sum(self.rows.values()):,} rows>"

    @property
    def id(self) -> str:
        """The cut's name, ``cut-YYYYMMDDTHHMMSSZ``."""
        return self.path.name

    @property
    def label(self) -> str:
        """What every result and chart prints as its source, e.g. ``cut 2026-11-24 09:30 UTC``.

        It is :func:`~workbench.i18n.said`: English as text, 数据截点 … in Chinese.
        """
        return said("source.cut", created=f"{self.created_at:%Y-%m-%d %H:%M:%S}")

    def file(self, table: str) -> Path:
        """The Parquet file of one table."""
        if table not in self.rows:
            raise AnalysisError(key="error.cut.no_table", table=table, tables=", ".join(self.rows))
        return self.path / f"{table}.parquet"

    @cached_property
    def con(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with one view per table of the cut."""
        spill = Path(tempfile.gettempdir()) / "workbench-duckdb"
        con = duckdb.connect(
            ":memory:",
            config={"memory_limit": self.memory_limit, "temp_directory": str(spill)},
        )
        for table in self.rows:
            con.read_parquet(str(self.file(table))).create_view(table)
        return con

    def sql(self, query: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run SQL on DuckDB over the cut; a small result comes back as a DataFrame."""
        try:
            frame = self.con.execute(query, dict(params or {})).df()
        except duckdb.Error as exc:
            raise AnalysisError(key="error.cut.query", cut=self.label, detail=str(exc)) from exc
        return frame

    def kept(self, name: str, derive: Callable[[], T]) -> T:
        """What ``derive`` makes of this cut, made once and kept with the cut.

        A cut never changes, so a result derived from it stays true: the first call stores
        it in ``<cut>/derived/<name>-<workbench version>.pickle`` and later calls (another
        kernel, another day) read it back. The apps keep their derived tables this way, so
        a page never computes them on load. The files are the workbench's own, in the data
        folder; a file that cannot be read is derived again.
        """
        target = self.path / "derived" / f"{name}-{__version__}.pickle"
        try:
            with target.open("rb") as stored:
                return pickle.load(stored)  # type: ignore[no-any-return]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
        made = derive()
        try:
            target.parent.mkdir(exist_ok=True)
            partial = target.with_name(f"{target.name}.{os.getpid()}.part")
            partial.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, target)  # whole or not at all, whoever writes last
        except OSError:
            pass  # a read-only cut is still read; it is derived each time
        return made

    def __getstate__(self) -> dict[str, Any]:
        """A cut travels (in a kept result) without its DuckDB connection."""
        state = dict(self.__dict__)
        state.pop("con", None)
        return state

    def close(self) -> None:
        """Close the DuckDB connection (it reopens on the next query)."""
        con = self.__dict__.pop("con", None)
        if con is not None:
            con.close()


def cut(
    db: Database,
    *,
    out: Path | str | None = None,
    settings: Settings | None = None,
    progress: bool | None = None,
) -> Cut:
    """Write a data cut of ``db`` into ``out`` and open it.

    ``out`` defaults to ``cuts/`` in the settings' data folder. A progress bar counts the rows
    written, table by table, where someone watches (a terminal, a notebook).

    Every table is read in one snapshot (a read transaction on SQLite, ``REPEATABLE READ``
    on PostgreSQL), so the cut is consistent even while others keep writing.

    Parameters
    ----------
    db
        The database to cut.
    out
        The folder cuts are kept in.
    settings
        Where the default folder comes from (the data folder).
    progress
        Show a progress bar: None where someone watches (:func:`workbench.progress.watched`).

    Returns
    -------
    Cut
        The new cut, open for queries.

    Raises
    ------
    FileUnusable
        The folder cannot be made or written (nothing is kept of a failed cut).
    StoreError
        The database cannot be read (one of its subclasses, e.g. ``StoreLocked``).
    """
    root = Path(out) if out is not None else cuts_dir(settings)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".cut-", dir=root))
    except OSError as exc:
        raise FileUnusable(key="error.cut.unwritable", folder=root, reason=exc.strerror) from exc
    started = time.perf_counter()
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        rows = _write_tables(db, tmp, progress)
        manifest = {
            "created_at": created.isoformat(),
            "source": db.url,
            "store_id": db.identity,
            "viewer": str(db.scope.viewer),
            "schema_version": db.schema_version(),
            "workbench": __version__,
            "rows": rows,
            "seconds": round(time.perf_counter() - started, 3),
        }
        (tmp / _MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        final = _settle(tmp, root, f"cut-{created:%Y%m%dT%H%M%SZ}")
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise FileUnusable(key="error.cut.write_failed", folder=root, reason=exc.strerror) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Cut(final)


def list_cuts(
    root: Path | str | None = None,
    *,
    settings: Settings | None = None,
    of: Database | None = None,
) -> list[Cut]:
    """The cuts in ``root`` (default: ``cuts/`` in the settings' data folder), oldest first.

    With ``of``, only the cuts taken from that database (by its identity, not its URL)
    for the viewer it was opened for (:mod:`workbench.access`): a folder may hold cuts of
    several databases, and a manager's cut holds their region only.
    """
    root = Path(root) if root is not None else cuts_dir(settings)
    if not root.is_dir():
        return []
    found = [p for p in root.iterdir() if _NAME.match(p.name) and (p / _MANIFEST).is_file()]
    cuts = [Cut(p) for p in found]
    if of is not None:
        mine, viewer = of.identity, str(of.scope.viewer)
        cuts = [
            c for c in cuts if c.store_id is not None and c.store_id == mine and c.viewer == viewer
        ]
    return sorted(cuts, key=lambda c: (c.created_at, c.id))


def latest_cut(
    root: Path | str | None = None,
    *,
    settings: Settings | None = None,
    of: Database | None = None,
) -> Cut:
    """The newest cut (of database ``of``, when given).

    Raises
    ------
    AnalysisError
        There is no cut yet; the message says how to make one.
    """
    cuts = list_cuts(root, settings=settings, of=of)
    if not cuts:
        raise AnalysisError(key="error.cut.none")
    return cuts[-1]


def open_cut(path: Path | str) -> Cut:
    """Open the cut in folder ``path``."""
    return Cut(path)


def cuts_dir(settings: Settings | None = None) -> Path:
    """Where cuts are kept unless told otherwise: ``cuts/`` in the data folder."""
    return (settings if settings is not None else Settings()).data_dir / "cuts"


# --- writing ------------------------------------------------------------------------------


def _settle(tmp: Path, root: Path, name: str) -> Path:
    """Rename the finished cut to a free name.

    Two cuts made in the same second (two apps at once) each get a name of their own.
    """
    for _ in range(1000):
        final = _free_name(root, name)
        try:
            os.rename(tmp, final)  # refused if another cut took the name in the meantime
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            continue
        return final
    raise FileUnusable(key="error.cut.no_name", folder=root)


def _free_name(root: Path, name: str) -> Path:
    candidate, n = root / name, 1
    while candidate.exists():
        n += 1
        candidate = root / f"{name}-{n}"
    return candidate


def _arrow_type(column: Any) -> pa.DataType:
    kind = column.type
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, DateTime):
        return pa.timestamp("us")
    if isinstance(kind, Date):
        return pa.date32()
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return pa.float64()
    if isinstance(kind, Integer):
        return pa.int64()
    return pa.string()


def _schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, _arrow_type(c), nullable=True) for c in table.columns])


def _select(table: Table, where: str) -> str:
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    keys = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    return f'SELECT {columns} FROM "{table.name}" WHERE {where} ORDER BY {keys}'


def _counted(cursor: Any, show: bool, where: dict[str, str]) -> int | None:
    """The rows the cut will write, read in its snapshot, when a bar shows them."""
    if not show:
        return None
    counts = " + ".join(
        f'(SELECT count(*) FROM "{name}" WHERE {where[name]})' for name in CUT_TABLES
    )
    cursor.execute(f"SELECT {counts}")
    return int(cursor.fetchone()[0])


def _write_tables(db: Database, folder: Path, progress: bool | None) -> dict[str, int]:
    tables = Base.metadata.tables
    show = watched() if progress is None else progress
    # the viewer's part of each table (the server's policies keep the same on PostgreSQL)
    where = {name: db.scope.sql(name, db.engine.dialect) for name in CUT_TABLES}
    raw = db.engine.raw_connection()
    try:
        driver = raw.driver_connection
        rows: dict[str, int] = {}
        if db.dialect == "postgresql":
            import psycopg

            assert isinstance(driver, psycopg.Connection)
            driver.rollback()
            driver.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            driver.read_only = True
            try:
                with driver.cursor() as counting:
                    total = _counted(counting, show, where)
                with bar(total, "cutting", show=show) as done:
                    for name in CUT_TABLES:
                        done.set_postfix_str(name)
                        rows[name] = _write_postgresql(
                            driver, tables[name], where[name], folder, done
                        )
            finally:
                driver.rollback()
                driver.read_only = False
                driver.isolation_level = None
        else:
            cursor = raw.cursor()
            cursor.execute("BEGIN")
            try:
                total = _counted(cursor, show, where)
                with bar(total, "cutting", show=show) as done:
                    for name in CUT_TABLES:
                        done.set_postfix_str(name)
                        rows[name] = _write_sqlite(cursor, tables[name], where[name], folder, done)
            finally:
                cursor.execute("ROLLBACK")
                cursor.close()
        return rows
    except (AnalysisError, OSError):
        raise
    except Exception as exc:
        raise translate_error(exc, db.url) from exc
    finally:
        raw.close()


def _write_sqlite(cursor: Any, table: Table, where: str, folder: Path, done: Any) -> int:
    schema = _schema(table)
    cursor.execute(_select(table, where))
    total = 0
    with pq.ParquetWriter(folder / f"{table.name}.parquet", schema) as writer:
        for batch in _sqlite_batches(cursor, schema):
            writer.write_batch(batch)
            total += batch.num_rows
            done.update(batch.num_rows)
        if total == 0:
            writer.write_table(schema.empty_table())
    return total


def _sqlite_batches(cursor: Any, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    while rows := cursor.fetchmany(_BATCH_ROWS):
        columns = list(zip(*rows, strict=True))
        arrays = [_sqlite_array(values, f.type) for values, f in zip(columns, schema, strict=True)]
        yield pa.RecordBatch.from_arrays(arrays, schema=schema)


def _sqlite_array(values: tuple[Any, ...], kind: pa.DataType) -> pa.Array:
    # SQLite keeps dates and timestamps as ISO text and booleans as 0/1
    if pa.types.is_date32(kind) or pa.types.is_timestamp(kind):
        return pa.array(values, pa.string()).cast(kind)
    if pa.types.is_boolean(kind):
        return pa.array(values, pa.int8()).cast(kind)
    return pa.array(values, kind)


def _write_postgresql(driver: Any, table: Table, where: str, folder: Path, done: Any) -> int:
    schema = _schema(table)
    options = pacsv.ConvertOptions(
        column_types=schema,
        true_values=["t"],
        false_values=["f"],
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    read = pacsv.ReadOptions(column_names=schema.names, block_size=16 << 20)
    parse = pacsv.ParseOptions(newlines_in_values=True)
    with tempfile.TemporaryFile(dir=folder) as spool:
        query = f"COPY ({_select(table, where)}) TO STDOUT (FORMAT csv)"
        with driver.cursor() as cursor, cursor.copy(query) as copy:
            for chunk in copy:
                spool.write(chunk)
        empty = spool.tell() == 0
        spool.seek(0)
        total = 0
        with pq.ParquetWriter(folder / f"{table.name}.parquet", schema) as writer:
            if empty:
                writer.write_table(schema.empty_table())
                return 0
            reader = pacsv.open_csv(
                spool, read_options=read, parse_options=parse, convert_options=options
            )
            for batch in reader:
                writer.write_batch(batch)
                total += batch.num_rows
                done.update(batch.num_rows)
    return total
