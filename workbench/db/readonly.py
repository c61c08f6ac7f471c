"""An embedded store this user may read but not write: opened read-only, never migrated.

A SQLite file, or its folder, that the user running the workbench may read but not write (a
store shared from another account, a copy on a read-only disk) is opened with SQLite's
``mode=ro``: reading works, and SQLite refuses every write, which the engine says in one line
(``error.store.read_only``). A store in WAL mode is read through its ``-wal`` and ``-shm``
files; when there are none (its last writer closed it cleanly, so the file holds every
change) it is opened ``immutable=1`` instead, so that reading never makes files in a folder
that is not the reader's, nor fails in a folder it may not write. (Such a reader takes no
lock: a write its owner makes while it reads may be seen in part, or refused as damage; read
again.) Its schema is not migrated: one that is not at this workbench's newest revision is
refused by :func:`workbench.db.migrate.verify`, telling whoever may write it to run
``workbench init``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, event

__all__ = ["open_read_only", "read_only_uri"]

#: the bytes of a SQLite file's header that say its journal mode: 2 and 2 in WAL mode
_WAL_HEADER = b"\x02\x02"


def read_only_uri(path: Path) -> str | None:
    """The SQLite URI that opens ``path`` read-only, or ``None`` when it is opened as usual.

    Parameters
    ----------
    path
        The SQLite file.

    Returns
    -------
    str or None
        ``file:…?mode=ro`` (with ``&immutable=1`` for a WAL-mode file with no ``-wal`` beside
        it) when this user may read the file but not write it or its folder; ``None`` when the
        file does not exist (it is made as asked), cannot be read (opening it says so), or
        may be written.
    """
    if not path.is_file() or not os.access(path, os.R_OK):
        return None
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return None
    query = "mode=ro"
    if _in_wal_mode(path) and not path.with_name(f"{path.name}-wal").exists():
        query += "&immutable=1"
    return f"{path.resolve().as_uri()}?{query}"


def open_read_only(engine: Engine, uri: str) -> None:
    """Make every connection of the SQLite ``engine`` open ``uri`` and refuse to write.

    The engine keeps its URL (what messages name and :attr:`Database.path` reads); only the
    file name its driver is given changes. Connections are ``query_only`` as well, so even a
    statement SQLite would let through ``mode=ro`` writes nothing.
    """

    def use_uri(
        _dialect: object, _record: object, cargs: list[object], cparams: dict[str, object]
    ) -> None:
        cargs[:] = [uri]
        cparams["uri"] = True

    event.listen(engine, "do_connect", use_uri)
    event.listen(engine, "connect", _read_only_pragmas)


def _read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _in_wal_mode(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            header = file.read(20)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\x00") and header[18:20] == _WAL_HEADER
