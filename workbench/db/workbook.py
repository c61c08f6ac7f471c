"""The export as one Excel workbook, for handing out: a sheet per table, in one language.

The same rows as the CSV export (:mod:`workbench.db.export`), read in one snapshot, made for
people rather than programs: every sheet and header in the chosen language, the name of each
rep, doctor, hospital, product… beside its id, coded values as their labels (``attending``
reads 主治医师), dates as dates, yes/no for booleans, and the header row frozen.

>>> export_workbook(db, "camp.xlsx", lang="en")  # doctest: +SKIP
{'regions': 1, 'cities': 2, ...}
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Connection, func, select

from workbench.db.engine import Database
from workbench.db.export import EXPORTS, Export
from workbench.db.models import Base
from workbench.errors import FileUnusable, Unsupported
from workbench.i18n import coded, text
from workbench.progress import bar, watched

__all__ = ["ROWS_PER_SHEET", "export_workbook"]

#: rows a sheet holds below its header (Excel's limit is 1,048,576 with the header)
ROWS_PER_SHEET = 1_048_575

#: id column -> the table whose name it points at
_NAMED = {
    "region_id": "region",
    "city_id": "city",
    "hospital_id": "hospital",
    "department_id": "department",
    "doctor_id": "doctor",
    "product_id": "product",
    "rep_id": "rep",
    "manager_id": "rep",
    "joint_rep_id": "rep",
    "reviewed_by": "rep",
    "event_id": "event",
    "dealer_id": "dealer",
}

#: which coded field a column's values are labelled as, where the column's name is not it
_CODES = {
    ("plans", "status"): "plan_status",
    ("weekly_plans", "status"): "plan_status",
    ("invitations", "status"): "invitation_status",
    ("submissions", "kind"): "report_kind",
    ("subjects", "sex"): "gender",
}

Names = dict[str, dict[int, str]]


def _names(conn: Connection, lang: str) -> Names:
    """Each named table's names by id, in ``lang`` (a person's pinyin, a place's English name)."""
    found: Names = {}
    for table in sorted(set(_NAMED.values())):
        t = Base.metadata.tables[table]
        key = next(iter(t.primary_key.columns))
        other = "name_en" if "name_en" in t.c else "name_pinyin" if "name_pinyin" in t.c else None
        shown = t.c[other] if lang == "en" and other is not None else t.c.name
        found[table] = {
            int(i): str(english or name)
            for i, name, english in conn.execute(select(key, t.c.name, shown))
        }
    return found


def _entity(spec: Export) -> str:
    return str(spec.columns[0].table.name)


def _layout(spec: Export, lang: str) -> tuple[list[str], list[Callable[[Any, Names], Any]]]:
    """The sheet's headers and, for each stored column, how its value is shown (with a name)."""
    sheet = spec.file.removesuffix(".csv")
    headers: list[str] = []
    shows: list[Callable[[Any, Names], Any]] = []
    for n, column in enumerate(spec.columns):
        name = column.name
        headers.append(text(f"column.{name}", lang))
        field = _CODES.get((sheet, name), name)
        shows.append(_shown(field, lang))
        own_key = n == 0 and _NAMED.get(name) == _entity(spec)
        if name in _NAMED and not own_key:
            headers.append(text(f"column.{name}.name", lang))
    return headers, shows


def _shown(field: str, lang: str) -> Callable[[Any, Names], Any]:
    yes, no = text("workbook.true", lang), text("workbook.false", lang)

    def show(value: Any, _names: Names) -> Any:
        if value is None:
            return None
        if isinstance(value, bool):
            return yes if value else no
        if isinstance(value, str):
            return coded(field, value, lang)
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        return value

    return show


def _count(conn: Connection, spec: Export) -> int:
    return int(conn.scalar(select(func.count()).select_from(spec.query().subquery())) or 0)


def export_workbook(
    db: Database,
    path: str | os.PathLike[str],
    *,
    lang: str = "zh",
    replace: bool = False,
    progress: bool | None = None,
) -> dict[str, int]:
    """Write the export into one ``.xlsx`` workbook at ``path``; returns rows per sheet.

    Parameters
    ----------
    db
        The database to export.
    path
        The workbook to write; it is written beside under a temporary name and moved into
        place when whole, so a failed export leaves no half-written file.
    lang
        The language of the sheets, headers, names and coded values ("zh" or "en").
    replace
        Write over a file already at ``path``. Without it such a file is refused, so nothing
        is overwritten by mistake.
    progress
        Show a progress bar: None where someone watches (:func:`workbench.progress.watched`).

    Returns
    -------
    dict of str to int
        The rows written (header not counted), by sheet (the CSV file's name without
        ``.csv``).

    Raises
    ------
    Unsupported
        A table has more rows than a sheet holds (a national world's calls): export CSV.
    FileUnusable
        The workbook cannot be written where asked, or a file is there (without ``replace``).
    """
    target = Path(path)
    if target.exists() and not replace:
        raise FileUnusable(key="error.workbook.exists", path=target)
    show = watched() if progress is None else progress
    with db.begin() as conn:  # one snapshot for every sheet
        counts = {spec.file: _count(conn, spec) for spec in EXPORTS}
        _refuse_too_big(counts, lang)
        tmp = _place(target)  # a place that cannot be written is found before any work
        book = Workbook(write_only=True)
        try:
            names = _names(conn, lang)
            written: dict[str, int] = {}
            with bar(sum(counts.values()), "writing the workbook", show=show) as done:
                for spec in EXPORTS:
                    done.set_postfix_str(spec.file)
                    rows = _sheet(book, conn, spec, names, lang, done)
                    written[spec.file.removesuffix(".csv")] = rows
            book.save(tmp)
            os.replace(tmp, target)
        except OSError as exc:
            _discard(book)
            raise FileUnusable(
                key="error.workbook.unwritable", path=target, reason=exc.strerror
            ) from exc
        except BaseException:
            _discard(book)
            raise
        finally:
            tmp.unlink(missing_ok=True)
    return written


def _discard(book: Workbook) -> None:
    """Close the sheets of a workbook that will not be saved, so nothing is left open."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()


def _refuse_too_big(counts: dict[str, int], lang: str) -> None:
    for file, rows in counts.items():
        if rows > ROWS_PER_SHEET:
            sheet = text(f"sheet.{file.removesuffix('.csv')}", lang)
            raise Unsupported(
                key="error.workbook.too_big", sheet=sheet, rows=rows, limit=ROWS_PER_SHEET
            )


def _place(target: Path) -> Path:
    """An empty temporary file beside ``target``, to be moved onto it when whole."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".workbook-", suffix=".xlsx", dir=target.parent)
    except OSError as exc:
        raise FileUnusable(
            key="error.workbook.unwritable", path=target, reason=exc.strerror
        ) from exc
    os.close(fd)
    return Path(tmp)


def _sheet(
    book: Workbook, conn: Connection, spec: Export, names: Names, lang: str, done: Any
) -> int:
    stem = spec.file.removesuffix(".csv")
    sheet = book.create_sheet(text(f"sheet.{stem}", lang)[:31])
    sheet.freeze_panes = "A2"
    headers, shows = _layout(spec, lang)
    for n, title in enumerate(headers, 1):  # wide enough for the header, CJK counted double
        width = sum(2 if ord(c) > 0x2E80 else 1 for c in title) + 2
        sheet.column_dimensions[get_column_letter(n)].width = max(10, width)
    bold = Font(bold=True)
    header = []
    for title in headers:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    entity = _entity(spec)
    n = 0
    result = conn.execution_options(yield_per=50_000).execute(spec.query())
    for rows in result.partitions():
        for row in rows:
            cells: list[Any] = []
            for position, (column, value, show) in enumerate(
                zip(spec.columns, row, shows, strict=True)
            ):
                cells.append(show(value, names))
                table = _NAMED.get(column.name)
                if table is not None and not (position == 0 and table == entity):
                    cells.append(None if value is None else names[table].get(int(value)))
            sheet.append(cells)
        n += len(rows)
        done.update(len(rows))
    return n
