"""Reading the export format's files a chunk at a time, every value as the text it is."""

from __future__ import annotations

import bisect
import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from workbench.entry.problems import Problem
from workbench.errors import FileUnusable
from workbench.imports.specs import Source

__all__ = ["CHUNK_BYTES", "Chunk", "read_chunks", "usable_files"]

#: how much of a file is read and checked at a time (a chunk of calls is ~500,000 rows)
CHUNK_BYTES = 1 << 25


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


def usable_files(folder: Path, sources: Sequence[Source]) -> dict[str, Path]:
    """The export files present in ``folder``, by name; refuses a folder holding none."""
    if not folder.is_dir():
        raise FileUnusable(key="error.import.not_a_folder", path=folder)
    found = {s.file: folder / s.file for s in sources if (folder / s.file).is_file()}
    if not found:
        raise FileUnusable(
            key="error.import.no_files", path=folder, files=", ".join(s.file for s in sources)
        )
    return found


def _header(source: Source, path: Path) -> list[str]:
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
    source: Source, path: Path, malformed: Callable[[int, Problem, str], None]
) -> Iterator[Chunk]:
    """The file's rows, a chunk at a time, with the source's columns as text.

    A line with more or fewer values than the header is reported to ``malformed`` and left
    out; a column the file lacks that may be empty reads as empty.
    """
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
