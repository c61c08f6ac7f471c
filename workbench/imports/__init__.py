"""Import the company's own data: the export format's files, through guided entry's rules.

>>> import tempfile, workbench
>>> from workbench.imports import import_files
>>> from workbench.db.export import export_tables
>>> source = workbench.connect("sqlite://")
>>> from workbench.sample import load_sample
>>> _ = load_sample(source, "camp", seed=7)
>>> folder = tempfile.mkdtemp() + "/export"
>>> _ = export_tables(source, folder, progress=False)
>>> done = import_files(workbench.connect("sqlite://"), folder, progress=False)
>>> done.written, done.problems, done.inserted["doctors.csv"] > 0
(True, [], True)

Every row of every file is checked as a form checks one entry (the same problems, in
Chinese or English), its references are looked up among the rows stored or imported before
it, and a file's keys and unique names must not repeat. Then everything is written in one
transaction, or nothing is: with ``accept_good=True`` the good rows are written and the bad
ones reported (a row that refers to a bad row is bad too).

The files' own ids are the store's ids, so importing the same files again changes nothing,
and a later export of the same source updates the rows that changed (each change audited,
field by field) and adds the new ones. A store holding rows that were not imported (a sample
world) is refused: it would mix two sources' ids.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import exc as sa_exc

from workbench.db.bulk import bulk_transaction, checks_after
from workbench.db.engine import Database, translate_error
from workbench.db.models import Base
from workbench.entry.problems import Problem
from workbench.errors import FileUnusable, NotPermitted, StoreNotEmpty
from workbench.imports.reading import Input, read_chunks, usable_files
from workbench.imports.rows import Known, check_rows
from workbench.imports.specs import SOURCES, Source
from workbench.imports.writing import audit_import, imported_before, write_rows
from workbench.progress import bar, watched

__all__ = ["REPORT_COLUMNS", "SOURCES", "Imported", "Rejected", "import_files", "write_report"]


@dataclass(frozen=True)
class Rejected:
    """A value of a file that cannot go in: where it is, and what is wrong with it."""

    file: str
    line: int
    problem: Problem
    value: str

    def message(self, lang: str = "zh") -> str:
        """What is wrong and how to fix it, in ``lang``."""
        return self.problem.message(lang)


@dataclass
class Imported:
    """What an import did, or (``written`` False) would have done."""

    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    problems: list[Rejected] = field(default_factory=list)
    written: bool = False

    @property
    def rejected_rows(self) -> int:
        """How many rows have at least one problem."""
        return len({(r.file, r.line) for r in self.problems})


#: SQLite's page cache during an import: with a chunk of rows in hand, memory stays under 1 GiB
CACHE_KIB = 128 * 1024


class _Undo(Exception):
    """Leave the transaction without writing (a dry run, or problems in all-or-nothing)."""


def import_files(
    db: Database,
    path: str | os.PathLike[str],
    *,
    accept_good: bool = False,
    dry_run: bool = False,
    progress: bool | None = None,
    actor: str = "import",
) -> Imported:
    """Import the export-format files in the folder ``path`` (docs/import.md).

    Parameters
    ----------
    db
        The database to import into: empty, or filled by earlier imports of the same source.
    path
        A folder of the export format's CSV files (``doctors.csv``, ``calls.csv`` …); a
        file not there is not imported, a file of another name is not read.
    accept_good
        Write the good rows and report the bad ones; without it one bad row writes nothing.
    dry_run
        Check everything and count what would change, but write nothing.
    progress
        Show a progress bar: None where someone watches.
    actor
        The name the audit trail records the import under.

    Returns
    -------
    Imported
        Rows inserted, updated and unchanged by file, every problem found, and whether
        anything was written.

    Raises
    ------
    FileUnusable
        ``path`` is not a folder, holds none of the files, or a file cannot be read or lacks
        a column the rows need.
    StoreNotEmpty
        The database holds rows that were not imported.
    NotPermitted
        The database is open for a viewer; only its owner imports.
    StoreError
        The database cannot be written; nothing was written.
    """
    if db.scope.restricted:
        raise NotPermitted(key="error.import.owner_only", viewer=db.scope.viewer)
    files = usable_files(Path(path), SOURCES)
    show = watched() if progress is None else progress
    done = Imported()
    try:
        with bulk_transaction(db, cache_kib=CACHE_KIB) as conn:
            if not imported_before(conn):
                raise StoreNotEmpty(key="error.import.not_imported", url=db.url)
            known = Known(conn)
            total = sum(f.size for f in files.values())
            with bar(total, "importing", show=show, unit="B") as shown:
                for source in SOURCES:
                    if source.file in files:
                        _import_file(conn, source, files[source.file], known, done, accept_good)
                        shown.update(files[source.file].size)
            if dry_run or (done.problems and not accept_good):
                raise _Undo
            if any(done.inserted.values()) or any(done.updated.values()):
                audit_import(conn, actor, Path(path).name, done.inserted, done.updated)
            done.written = True
    except _Undo:
        pass
    except (sa_exc.SQLAlchemyError, db.engine.dialect.loaded_dbapi.Error) as exc:
        raise translate_error(exc, db.url) from exc
    return done


def _import_file(
    conn: Connection,
    source: Source,
    where: Input,
    known: Known,
    done: Imported,
    accept_good: bool,
) -> None:
    inserted = updated = unchanged = 0
    writing = accept_good or not done.problems
    with ExitStack() as later:
        if writing and not len(known.stored(source.table)):
            later.enter_context(checks_after(conn, Base.metadata.tables[source.table]))
        for chunk in _chunks(source, where, done):
            good, problems = check_rows(source, chunk.frame, known)
            for i, problem in problems:
                line = chunk.line(i)
                value = (
                    str(chunk.frame[problem.field].iat[i]) if problem.field in chunk.frame else ""
                )
                done.problems.append(Rejected(source.file, line, problem, value))
            writing = writing and (accept_good or not done.problems)
            if writing:
                new, changed, same = write_rows(conn, source, good, known)
            else:
                new, changed, same = known.count_new(source, good), 0, 0
            known.accept(source, good)
            inserted, updated, unchanged = inserted + new, updated + changed, unchanged + same
    done.inserted[source.file] = inserted
    done.updated[source.file] = updated
    done.unchanged[source.file] = unchanged


def _chunks(source: Source, where: Input, done: Imported) -> Iterator[Any]:
    def malformed(line: int, problem: Problem, text: str) -> None:
        done.problems.append(Rejected(source.file, line, problem, text))

    yield from read_chunks(source, where, malformed)


#: the columns of the report of rows with problems
REPORT_COLUMNS = ("file", "line", "field", "problem", "value", "message")


def write_report(problems: list[Rejected], path: str | os.PathLike[str], lang: str = "zh") -> Path:
    """Write every problem as a row of a CSV file (with a byte-order mark, for Excel).

    The columns are :data:`REPORT_COLUMNS`: the file and its line (the header is line 1),
    the column, the problem's code, the value as the file has it, and what to do, in
    ``lang``.
    """
    out = Path(path)
    try:
        with out.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(REPORT_COLUMNS)
            for r in problems:
                writer.writerow(
                    [r.file, r.line, r.problem.field, r.problem.code, r.value, r.message(lang)]
                )
    except OSError as exc:
        raise FileUnusable(key="error.export.unwritable", path=out, reason=exc.strerror) from exc
    return out
