"""What every chart shares: the row limit, colours, titles and embedded records.

The row limit, colours, a title that names its source, and records embedded in the spec.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.errors import AnalysisError

__all__ = ["ACCENT", "BAR", "MAX_ROWS", "label_column", "records", "require_columns", "title"]

#: Altair's own limit on rows embedded in one chart; charts here stay under it.
MAX_ROWS = 5000

ACCENT = "#c0392b"
BAR = "#2e86ab"


def title(text: str, source: str, detail: str = "") -> alt.TitleParams:
    """The chart's title, with ``detail`` (what it shows) and ``source`` (the cut) under it."""
    subtitle = [detail, source] if detail else [source]
    return alt.TitleParams(text=text, subtitle=[s for s in subtitle if s], anchor="start")


def records(frame: pd.DataFrame) -> alt.Data:
    """The frame as inline records (dates as ISO text, missing values as null).

    Raises
    ------
    AnalysisError
        The frame has more than :data:`MAX_ROWS` rows.
    """
    if len(frame) > MAX_ROWS:
        raise AnalysisError(f"{len(frame):,} rows are too many for one chart; aggregate first")
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


def require_columns(frame: pd.DataFrame, what: str, *columns: str) -> None:
    """Refuse a frame that lacks a column ``what`` (a chart's name) draws from.

    Raises
    ------
    AnalysisError
        Naming the missing columns and the ones the frame has.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisError(
            f"{what} needs column(s) {', '.join(missing)}; give it the analysis' table "
            f"(it has {', '.join(map(str, frame.columns))})"
        )
