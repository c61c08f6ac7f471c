"""Reading the export format's files a chunk at a time, every value as the text it is."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from workbench.entry.problems import Problem
from workbench.errors import FileUnusable
from workbench.imports.specs import Source

__all__ = ["CHUNK_BYTES", "SHEET_ROWS", "Chunk", "Input", "read_chunks", "usable_files"]

#: how much of a file is read and checked at a time (a chunk of calls is ~150,000 rows)
CHUNK_BYTES = 1 << 24


@dataclass(frozen=True)
class Chunk:
    """Rows of a file, as text, and where in the file they are."""

    frame: pd.DataFrame
    first: int  # rows of the file read before this chunk
    skipped: Sequence[int]  # the file's malformed lines so far, in order

    def line(self, i: int) -> int:
        """The file line of the chunk's row ``i`` (the header is line 1)."""
        line = self.first + i + 2
        for bad in self.skipped:  # in order: each malformed line before it moves it down
            if bad <= line:
                line += 1
        return line


@dataclass(frozen=True)
class Input:
    """Where a file's rows are: a CSV file, or a sheet of an Excel workbook."""

    path: Path
    sheet: str | None = None
    share: float = 1.0  # of the workbook's bytes, for the progress bar

    @property
    def size(self) -> int:
        """Its bytes on disk (a sheet: its share of the workbook's)."""
        return int(self.path.stat().st_size * self.share)


def usable_files(path: Path, sources: Sequence[Source]) -> dict[str, Input]:
    """The export files present, by name: in a folder (CSV, else .xlsx), or a workbook's sheets.

    A workbook's sheet is named as the file, with or without ``.csv`` (``doctors``); a folder
    or workbook holding none of them is refused.
    """
    names = ", ".join(s.file for s in sources)
    found: dict[str, Input] = {}
    if path.is_file() and path.suffix.lower() == ".xlsx":
        sheets = _sheets(path)
        wanted = [s.file for s in sources if s.file.removesuffix(".csv") in sheets]
        for file in wanted:
            found[file] = Input(path, sheets[file.removesuffix(".csv")], 1 / len(wanted))
    elif path.is_dir():
        for s in sources:
            stem = s.file.removesuffix(".csv")
            if (path / s.file).is_file():
                found[s.file] = Input(path / s.file)
            elif (path / f"{stem}.xlsx").is_file():
                sheets = _sheets(path / f"{stem}.xlsx")
                found[s.file] = Input(
                    path / f"{stem}.xlsx", sheets.get(stem) or next(iter(sheets.values()))
                )
    else:
        raise FileUnusable(key="error.import.not_a_folder", path=path)
    if not found:
        raise FileUnusable(key="error.import.no_files", path=path, files=names)
    return found


def _sheets(path: Path) -> dict[str, str]:
    """A workbook's sheet names, by the name they are matched on (lower case, no ``.csv``)."""
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise FileUnusable(key="error.import.unreadable", path=path, reason=str(exc)) from exc
    try:
        return {name.strip().lower().removesuffix(".csv"): name for name in book.sheetnames}
    finally:
        book.close()


def _header(source: Source, path: Path, header: list[str] | None = None) -> list[str]:
    if header is None:
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                header = next(csv.reader(f), [])
        except (OSError, UnicodeDecodeError) as exc:
            raise FileUnusable(key="error.import.unreadable", path=path, reason=str(exc)) from exc
    stripped = [h.strip() for h in header]
    missing = [f.name for f in source.fields if f.required and f.name not in stripped]
    twice = sorted({h for h in stripped if stripped.count(h) > 1})
    if missing or twice:
        raise FileUnusable(
            key="error.import.columns",
            path=path,
            missing=", ".join(missing) or "—",
            twice=", ".join(twice) or "—",
            columns=", ".join(source.columns),
        )
    return stripped


def read_chunks(
    source: Source, where: Input, malformed: Callable[[int, Problem, str], None]
) -> Iterator[Chunk]:
    """The file's rows, a chunk at a time, with the source's columns as text.

    A line with more or fewer values than the header is reported to ``malformed`` and left
    out; a column the file lacks that may be empty reads as empty.
    """
    if where.sheet is not None:
        yield from _sheet_chunks(source, where.path, where.sheet)
        return
    path = where.path
    header = _header(source, path)
    skipped: list[int] = []

    def bad_row(row: pa_csv.InvalidRow) -> str:
        line = int(row.number) if row.number is not None else 0
        bisect.insort(skipped, line)
        problem = Problem(
            "data", "row_shape", {"found": row.actual_columns, "expected": row.expected_columns}
        )
        malformed(line, problem, str(row.text)[:200])
        return "skip"

    try:
        reader = pa_csv.open_csv(
            path,
            read_options=pa_csv.ReadOptions(
                column_names=header, skip_rows=1, block_size=CHUNK_BYTES, use_threads=False
            ),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=bad_row),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                include_columns=[c for c in source.columns if c in header],
                strings_can_be_null=False,
            ),
        )
        first = 0
        for batch in reader:
            frame = batch.to_pandas()
            for column in source.columns:
                if column not in frame:
                    frame[column] = ""
            yield Chunk(frame[list(source.columns)], first, tuple(skipped))
            first += len(frame)
    except (OSError, pa.ArrowInvalid) as exc:
        raise FileUnusable(key="error.import.unreadable", path=path, reason=str(exc)) from exc


#: rows of a sheet read at a time
SHEET_ROWS = 100_000


def _cell(value: object) -> str:
    """A cell as the export would write it: a day 2026-06-01, a whole number without .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_chunks(source: Source, path: Path, sheet: str) -> Iterator[Chunk]:
    """A workbook's sheet, as :func:`read_chunks` gives a CSV file (a row is a line)."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book[sheet].iter_rows(values_only=True)
        header = _header(source, path, [_cell(v) for v in next(rows, ())])
        wanted = [(i, c) for i, c in enumerate(header) if c in source.columns]
        first = 0
        while True:
            block = [row for _n, row in zip(range(SHEET_ROWS), rows, strict=False)]
            if not block:
                return
            columns = {c: [_cell(r[i]) if i < len(r) else "" for r in block] for i, c in wanted}
            frame = pd.DataFrame({c: columns.get(c, [""] * len(block)) for c in source.columns})
            yield Chunk(frame, first, ())
            first += len(block)
    finally:
        book.close()
