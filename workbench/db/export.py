r"""Export: one UTF-8 CSV per table, the contract spreadsheets and other tools rely on.

Each file has a header row; the contract columns come first (see docs/export.md), further
columns may be added at the end but never removed or reordered. Values are written the
same way whatever the backend, so SQLite and PostgreSQL export identical bytes:

- dates ``YYYY-MM-DD``, timestamps ``YYYY-MM-DDTHH:MM:SS`` (UTC), both ISO 8601;
- booleans ``true`` / ``false``; money with two decimals; missing values empty;
- rows ordered by their key; lines end with ``\n``.

The audit trail is not exported (it records when data was loaded, not the data).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Column, Connection, Date, DateTime, Numeric, Select, func, select

from workbench.access import OWNER, Scope
from workbench.db.engine import Database
from workbench.db.models import Base
from workbench.errors import FileUnusable
from workbench.progress import bar, watched

__all__ = ["EXPORTS", "Export", "export_tables", "formatter"]

_t = Base.metadata.tables


@dataclass(frozen=True)
class Export:
    """One exported file: its name and the columns it holds, in order."""

    file: str
    columns: Sequence[Column[Any]]
    order_by: Sequence[Column[Any]]
    from_: Any = None
    tables: tuple[str, ...] = ()

    @property
    def header(self) -> list[str]:
        """The column names, in the order of the file's header row."""
        return [c.name for c in self.columns]

    def query(self, scope: Scope = OWNER) -> Select[Any]:
        """The statement that selects the file's rows the viewer sees, in key order."""
        q = select(*self.columns)
        if self.from_ is not None:
            q = q.select_from(self.from_)
        if scope.restricted:
            q = q.where(*(scope.where(t) for t in self.tables))
        return q.order_by(*self.order_by)


def _table(file: str, table: str, first: Sequence[str]) -> Export:
    t = _t[table]
    rest = [c for c in t.columns if c.name not in first]
    return Export(
        file, [t.c[name] for name in first] + rest, list(t.primary_key.columns), tables=(table,)
    )


_plan, _item = _t["plan"], _t["plan_item"]

EXPORTS: tuple[Export, ...] = (
    _table("regions.csv", "region", ["region_id", "name"]),
    _table("cities.csv", "city", ["city_id", "region_id", "name"]),
    _table("hospitals.csv", "hospital", ["hospital_id", "city_id", "name"]),
    _table("departments.csv", "department", ["department_id", "hospital_id", "name"]),
    _table("doctors.csv", "doctor", ["doctor_id", "name"]),
    _table("affiliations.csv", "affiliation", ["doctor_id", "department_id", "is_primary"]),
    _table("products.csv", "product", ["product_id", "name"]),
    _table("reps.csv", "rep", ["rep_id", "region_id", "hired_on", "left_on"]),
    _table("assignments.csv", "assignment", ["assignment_id", "rep_id", "doctor_id"]),
    _table("calls.csv", "call", ["call_id", "rep_id", "doctor_id", "call_date"]),
    _table("call_products.csv", "call_product", ["call_id", "product_id"]),
    Export(
        "plans.csv",
        [
            _plan.c.rep_id,
            _item.c.doctor_id,
            _plan.c.week_start,
            _item.c.planned_on,
            _item.c.product_id,
            _item.c.plan_id,
            _item.c.plan_item_id,
            _plan.c.status,
        ],
        [_item.c.plan_item_id],
        from_=_item.join(_plan, _item.c.plan_id == _plan.c.plan_id),
        tables=("plan", "plan_item"),
    ),
    _table("weekly_plans.csv", "plan", ["plan_id", "rep_id", "week_start", "status"]),
    _table("events.csv", "event", ["event_id", "name"]),
    _table("invitations.csv", "invitation", ["invitation_id", "event_id", "doctor_id", "rep_id"]),
    _table("dealers.csv", "dealer", ["dealer_id", "name"]),
    _table(
        "sales.csv",
        "sale",
        ["sale_id", "hospital_id", "product_id", "dealer_id", "sale_date", "amount"],
    ),
    _table("potential.csv", "potential", ["doctor_id", "product_id", "period_start"]),
    _table("studies.csv", "study", ["study_id", "code"]),
    _table("arms.csv", "arm", ["arm_id", "study_id", "code", "is_reference"]),
    _table("sites.csv", "site", ["site_id", "study_id", "hospital_id", "code"]),
    _table("subjects.csv", "subject", ["subject_id", "study_id", "site_id", "code"]),
    _table("submissions.csv", "submission", ["submission_id", "site_id", "subject_id", "kind"]),
    _table("assessments.csv", "assessment", ["assessment_id", "submission_id", "subject_id"]),
    _table(
        "adverse_events.csv", "adverse_event", ["adverse_event_id", "submission_id", "subject_id"]
    ),
)


def formatter(column: Column[Any]) -> Callable[[Any], str]:
    """How the export writes a value of ``column``: the text of the format's contract."""
    kind = column.type
    if isinstance(kind, Boolean):
        return lambda v: "" if v is None else ("true" if v else "false")
    if isinstance(kind, DateTime):
        return lambda v: "" if v is None else _as_datetime(v).isoformat(timespec="seconds")
    if isinstance(kind, Date):
        return lambda v: "" if v is None else _as_date(v).isoformat()
    if isinstance(kind, Numeric) and kind.scale:
        places = kind.scale
        return lambda v: "" if v is None else f"{float(v):.{places}f}"
    return lambda v: "" if v is None else str(v)


def _as_date(v: Any) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])


def _as_datetime(v: Any) -> dt.datetime:
    return v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(str(v))


def export_tables(
    db: Database,
    directory: str | os.PathLike[str],
    *,
    excel: bool = False,
    replace: bool = False,
    progress: bool | None = None,
) -> dict[str, int]:
    """Write every export file into ``directory``; returns rows written per file.

    The files are written from one snapshot into a temporary folder beside ``directory``
    and moved into place only when all are whole: a failure (a full disk, say) leaves
    ``directory`` as it was. A progress bar counts the rows written, file by file, where
    someone watches.

    Parameters
    ----------
    db
        The database to export.
    directory
        The folder to write into; it is created when missing.
    excel
        Start each file with a byte-order mark, so that Excel opens the Chinese text
        correctly; leave it off for other tools.
    replace
        Write into a folder that already holds files, replacing those of the same names.
        Without it such a folder is refused, so nothing is overwritten by mistake.
    progress
        Show a progress bar: None where someone watches (:func:`workbench.progress.watched`).

    Returns
    -------
    dict of str to int
        The number of data rows written (header not counted), by file name.

    Raises
    ------
    FileUnusable
        ``directory`` holds files (without ``replace``), is a file, or cannot be written.
    """
    out = Path(directory)
    if out.exists() and not out.is_dir():
        raise FileUnusable(key="error.export.not_a_folder", path=out)
    if out.is_dir() and any(out.iterdir()) and not replace:
        raise FileUnusable(key="error.export.not_empty", path=out)
    show = watched() if progress is None else progress
    staging = _staging(out)
    try:
        with db.begin() as conn:  # one snapshot for every file
            total = sum(_count(conn, spec, db.scope) for spec in EXPORTS) if show else None
            with bar(total, "exporting", show=show) as done:
                written = _write_files(conn, staging, excel, done, db.scope)
        _move_into_place(staging, out)
    except OSError as exc:
        raise FileUnusable(key="error.export.unwritable", path=out, reason=exc.strerror) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _staging(out: Path) -> Path:
    """An empty temporary folder beside ``out`` (on the same disk, so a move is a rename)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise FileUnusable(key="error.export.unwritable", path=out, reason=exc.strerror) from exc


def _move_into_place(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    for written in staging.iterdir():
        written.replace(out / written.name)


def _write_files(
    conn: Connection, out: Path, excel: bool, done: Any, scope: Scope
) -> dict[str, int]:
    written: dict[str, int] = {}
    for spec in EXPORTS:
        done.set_postfix_str(spec.file)
        formats = [formatter(c) for c in spec.columns]
        n = 0
        with (out / spec.file).open(
            "w", encoding="utf-8-sig" if excel else "utf-8", newline=""
        ) as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(spec.header)
            result = conn.execution_options(yield_per=50_000).execute(spec.query(scope))
            for rows in result.partitions():
                writer.writerows(
                    [fmt(v) for fmt, v in zip(formats, row, strict=True)] for row in rows
                )
                n += len(rows)
                done.update(len(rows))
        written[spec.file] = n
    return written


def _count(conn: Connection, spec: Export, scope: Scope) -> int:
    query = spec.query(scope).subquery()
    return int(conn.scalar(select(func.count()).select_from(query)) or 0)
