"""What every chart shares: the row limit, colours, titles and embedded records.

The row limit, colours, a title that names its source, and records embedded in the spec.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import altair as alt
import pandas as pd

from workbench.errors import AnalysisError

__all__ = [
    "ACCENT",
    "BAR",
    "MAX_ROWS",
    "column_names",
    "label_column",
    "missing_columns",
    "period_label",
    "records",
    "share_axis",
    "title",
    "unique_labels",
]

#: Altair's own limit on rows embedded in one chart; charts here stay under it.
MAX_ROWS = 5000

ACCENT = "#c0392b"
BAR = "#2e86ab"


_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})\s*[–-]\s*(\d{4}-\d{2}-\d{2})(.*)")


def period_label(period: str) -> str:
    """A period as short as it reads: ``2025``, ``2024–2025``, ``2025Q1``, ``2025-03``.

    ``period`` is how an analysis prints its dates (``"2025-01-01 – 2025-12-31"``); whole
    years, quarters and months are shortened, any other text is kept as it is.

    Examples
    --------
    >>> period_label("2025-01-01 – 2025-12-31"), period_label("2025-04-01 – 2025-06-30")
    ('2025', '2025Q2')
    >>> period_label("2026-06-01 – 2026-07-31 (2 months)")
    '2026-06 – 2026-07 (2 months)'
    """
    match = _SPAN.fullmatch(period.strip())
    if not match:
        return period
    start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
    rest = match[3]
    month_end = calendar.monthrange(end.year, end.month)[1]
    if start.day != 1 or end.day != month_end:
        return period
    if (start.month, end.month) == (1, 12):
        years = f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
        return years + rest
    if start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
        return f"{start.year}Q{start.month // 3 + 1}{rest}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}{rest}"
    return f"{start:%Y-%m} – {end:%Y-%m}{rest}"


def title(text: str, source: str, detail: str = "", period: str = "") -> alt.TitleParams:
    """The chart's title, with ``period`` and ``detail`` (what it shows), then ``source``.

    The period leads the first line under the title (``"2025: 200 of 3,000 carry 80%"``),
    shortened by :func:`period_label`; the source (the cut) is the second line.
    """
    shown = period_label(period)
    first = f"{shown}: {detail}" if shown and detail else shown or detail
    return alt.TitleParams(text=text, subtitle=[s for s in (first, source) if s], anchor="start")


def share_axis(*, count: int = 5) -> alt.Axis:
    """An axis of shares from 0% to 100%, ``count`` + 1 labels that never run together."""
    step = 1 / count
    return alt.Axis(
        format=".0%",
        values=[round(i * step, 6) for i in range(count + 1)],
        labelOverlap="greedy",
        labelSeparation=4,
        labelFlush=True,
    )


def unique_labels(labels: list[str]) -> list[str]:
    """``labels`` made unique: a repeated one gets `` (2)``, `` (3)`` … after its first."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def records(frame: pd.DataFrame) -> alt.Data:
    """The frame as inline records (dates as ISO text, missing values as null).

    Raises
    ------
    AnalysisError
        The frame has more than :data:`MAX_ROWS` rows.
    """
    if len(frame) > MAX_ROWS:
        raise AnalysisError(key="error.chart.rows", rows=len(frame))
    clean = frame.copy()
    for column in clean.columns:
        if pd.api.types.is_datetime64_any_dtype(clean[column]):
            clean[column] = clean[column].dt.strftime("%Y-%m-%d")
    clean = clean.astype(object).where(clean.notna(), None)
    return alt.Data(values=clean.to_dict(orient="records"))


def label_column(table: pd.DataFrame) -> pd.Series:
    """How each row is named on an axis: its ``name``, else its key (the first column)."""
    key = table.columns[0]
    if "name" in table.columns:
        return table["name"].fillna(table[key].astype(str)).astype(str)
    return table[key].astype(str)


def missing_columns(frame: pd.DataFrame, *columns: str) -> str:
    """Which of ``columns`` the frame lacks, comma-separated; empty when it has them all.

    A chart refuses a frame that lacks a column it draws from, with its own message naming
    these and the ones the frame has (:func:`column_names`).
    """
    return ", ".join(c for c in columns if c not in frame.columns)


def column_names(frame: pd.DataFrame) -> str:
    """The frame's columns, comma-separated, for a message saying which ones it has."""
    return ", ".join(map(str, frame.columns))
