"""An analysis's table as its reader reads it: headers, codes, numbers and notes in one language.

The analyses return their tables with the columns and codes they store (``share``, ``abc``,
``segment`` …) and notes said in English; :func:`shown` renders one for a notebook in Chinese
or English. Headers read through :func:`~workbench.i18n.label`, coded values through
:func:`~workbench.i18n.coded`, floats are rounded, and under the table its note, period and
source are said in the same language. The data keep their names and codes: only what is
shown changes, and names (of hospitals, doctors …) stay as they are.

>>> import pandas as pd
>>> from workbench.analysis import Table
>>> from workbench.i18n import said
>>> frame = pd.DataFrame({"segment": ["grow", "defend"], "reach": [0.80488, 0.5]})
>>> table = Table(frame, note=said("note.calls.goal"), period="2026Q3")
>>> zh = shown(table, "zh")
>>> zh.frame.to_dict("list")
{'细分': ['增长', '巩固'], '覆盖率': ['0.805', '0.5']}
>>> zh.caption
'目标：该细分每月应有的拜访次数；状态为低于、达到或高于目标；期间：2026Q3'
>>> shown(table, "en", rows=1, digits=1).frame.to_dict("list")
{'segment': ['grow'], 'reach': ['0.8']}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from workbench.config import LANGS
from workbench.errors import AnalysisError, ConfigError
from workbench.i18n import MESSAGES, coded, in_lang, label, text

__all__ = ["Shown", "shown"]

#: the field whose codes a column holds, where the column is named otherwise
_FIELDS = {
    "bor": "overall",
    "before": "segment",  # a segment migration's rows and columns
    "after": "segment",
    "potential": "tier",  # a potential × adoption matrix's rows and columns
    "potential_tier": "tier",
    "adoption": "adoption_level",
    "sex": "gender",
    "worst grade": "worst_grade",
}

#: a column whose codes belong to the field another column of the same row names
_ROW_FIELDS = {"level": "subgroup"}


@dataclasses.dataclass(frozen=True, eq=False)
class Shown:
    """A table as shown in one language, with the words under it.

    Parameters
    ----------
    frame
        The cells as text, under the headers the reader reads.
    columns
        The name of each column in the data (its index levels first, when they are named).
    caption
        The note, period and source, in the reader's language.
    more
        How many rows of how many are shown, when not all are; else empty.
    lang
        The reader's language, ``"zh"`` or ``"en"``.
    numeric
        Whether each column holds numbers (shown aligned to the right).
    """

    frame: pd.DataFrame
    columns: tuple[str, ...]
    caption: str
    more: str
    lang: str
    numeric: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.frame)

    def _repr_html_(self) -> str:
        right = " style='text-align:right'"
        head = "".join(
            f"<th{right if n else ''}>{html.escape(str(h))}</th>"
            for h, n in zip(self.frame.columns, self.numeric, strict=True)
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td{right if n else ''}>{html.escape(cell)}</td>"
                for cell, n in zip(row, self.numeric, strict=True)
            )
            + "</tr>"
            for row in self.frame.itertuples(index=False, name=None)
        )
        words = "".join(
            f"<p><small>{html.escape(w)}</small></p>" for w in (self.more, self.caption) if w
        )
        lang = "zh-CN" if self.lang == "zh" else self.lang
        return (
            f"<table class='workbench-shown' lang='{lang}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>{words}"
        )

    def __repr__(self) -> str:
        table = self.frame.to_string(index=False) if len(self.frame.columns) else ""
        return "\n".join(part for part in (table, self.more, self.caption) if part)


def shown(
    what: Any, lang: str, *, rows: int | None = None, digits: int = 3, part: str = "table"
) -> Shown:
    """``what``'s table in ``lang``: labelled headers, coded values read, floats rounded.

    Parameters
    ----------
    what
        A frame (or series), a :class:`~workbench.analysis.Table`, or any analysis result
        with a frame as ``.table`` (and maybe ``.note``, ``.period`` and ``.source``).
    lang
        The reader's language, ``"zh"`` or ``"en"``.
    rows
        At most this many rows, from the top; all by default.
    digits
        The decimals floats are rounded to (trailing zeros left out).
    part
        Which of the result's frames to show, for a result with several (``"summary"`` of
        deciles, ``"reps"`` of a turnover …); its note, period and source go under it.

    Returns
    -------
    Shown
        The cells as text, and the caption; a notebook displays it as an HTML table.

    Raises
    ------
    ConfigError
        ``lang`` is not a supported language.
    AnalysisError
        ``what`` holds no table (or no ``part``), or ``rows`` is negative.
    """
    if lang not in LANGS:
        raise ConfigError(key="error.config.lang", value=lang, choices=", ".join(LANGS))
    if rows is not None and rows < 0:
        raise AnalysisError(key="error.shown.rows", rows=rows)
    frame = _frame_of(what, part)
    total = len(frame)
    axis, index = frame.columns.name, [n for n in frame.index.names if n is not None]
    frame = (frame.reset_index(level=index) if index else frame).reset_index(drop=True)
    if rows is not None:
        frame = frame.head(rows)
    value_of = getattr(what, "value", None)
    headers, cells, numeric = [], {}, []
    for i, column in enumerate(frame.columns):
        data = frame.iloc[:, i]
        numbers = pd.api.types.is_numeric_dtype(data) and not pd.api.types.is_bool_dtype(data)
        if i < len(index):  # an index level: its header, in the corner both axes' names
            header = _header(column, lang, axis=None, numbers=numbers, value_of=None)
            if i == 0 and axis is not None:
                header = text("shown.corner", lang, rows=header, columns=label(str(axis), lang))
        else:
            header = _header(column, lang, axis=axis, numbers=numbers, value_of=value_of)
        headers.append(header)
        numeric.append(numbers)
        fields = _fields(frame, column)
        cells[i] = [_cell(v, f, lang, digits) for v, f in zip(data, fields, strict=True)]
    table = pd.DataFrame(cells, dtype=object) if cells else pd.DataFrame(index=range(len(frame)))
    table.columns = headers
    more = text("shown.rows", lang, rows=len(frame), total=total) if len(frame) < total else ""
    return Shown(
        frame=table,
        columns=tuple(str(c) for c in frame.columns),
        caption=_caption(what, lang),
        more=more,
        lang=lang,
        numeric=tuple(numeric),
    )


def _frame_of(what: Any, part: str) -> pd.DataFrame:
    """The frame to show: ``what`` itself, or its ``part``."""
    if isinstance(what, pd.Series):
        return what.to_frame(name=what.name if what.name is not None else "value")
    if isinstance(what, pd.DataFrame):
        return what
    frame = getattr(what, part, None)
    if isinstance(frame, pd.Series):
        return _frame_of(frame, part)
    if isinstance(frame, pd.DataFrame):
        return frame
    parts = [
        f.name
        for f in (dataclasses.fields(what) if dataclasses.is_dataclass(what) else ())
        if isinstance(getattr(what, f.name), pd.DataFrame)
    ]
    if part != "table" or parts:
        raise AnalysisError(key="error.shown.part", part=part, parts=", ".join(parts) or "-")
    raise AnalysisError(key="error.shown.what", kind=type(what).__name__)


def _header(column: Any, lang: str, *, axis: Any, numbers: bool, value_of: Any) -> str:
    """What a reader sees over ``column``; ``axis`` names the field of headers that are codes."""
    if not isinstance(column, str):
        return str(column)
    if numbers and f"column.{column}.number" in MESSAGES:
        return text(f"column.{column}.number", lang)
    if column == "value" and isinstance(value_of, str) and f"column.{value_of}" in MESSAGES:
        return label(value_of, lang)  # a concentration's value is the measure it sums
    if f"column.{column}" in MESSAGES:
        return label(column, lang)
    if axis is not None:
        field = _FIELDS.get(str(axis), str(axis))
        if field == "arm":
            return text("shown.arm", lang, arm=column)
        if f"code.{field}.{column}" in MESSAGES:
            return coded(field, column, lang)
    if m := re.fullmatch(r"(\S+) (n|%)", column):  # an arm's count or percentage
        return text("shown.arm_n" if m[2] == "n" else "shown.arm_pct", lang, arm=m[1])
    if numbers and re.fullmatch(r"[A-Z][A-Z0-9]{0,3}", column):  # counts by arm, by its code
        return text("shown.arm", lang, arm=column)
    return column


def _fields(frame: pd.DataFrame, column: Any) -> list[list[str]]:
    """For each row, the fields whose codes ``column``'s value may be, the first one first."""
    name = str(column)
    own = [name, _FIELDS.get(name, name)]
    by = _ROW_FIELDS.get(name)
    if by is None or by not in frame.columns:
        return [own] * len(frame)
    return [[*own, _FIELDS.get(str(f), str(f))] for f in frame[by]]


def _cell(value: Any, fields: list[str], lang: str, digits: int) -> str:
    """One value as text: a code read in ``lang``, a number rounded, a day as ISO."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return text("workbook.true" if value else "workbook.false", lang)
    if isinstance(value, float | np.floating):
        return _number(float(value), digits)
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, dt.date | np.datetime64):
        return _day(pd.Timestamp(value))
    if isinstance(value, str):
        return _code(value, fields, lang)
    return str(value)


def _number(value: float, digits: int) -> str:
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    places = max(digits, 0)
    out = f"{round(value, places):.{places}f}"
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def _day(when: pd.Timestamp) -> str:
    return str(when.strftime("%Y-%m-%d" if when == when.normalize() else "%Y-%m-%d %H:%M"))


def _code(value: str, fields: list[str], lang: str) -> str:
    """``value`` as a code of the first of ``fields`` that labels it.

    A value of several codes, apart by spaces, reads each; a value no field labels (a name)
    is as it is.
    """
    for field in fields:
        if f"code.{field}.{value}" in MESSAGES:
            return coded(field, value, lang)
        codes = value.split()
        if len(codes) > 1 and all(f"code.{field}.{c}" in MESSAGES for c in codes):
            return text("said.items", lang).join(coded(field, c, lang) for c in codes)
    return value


def _caption(what: Any, lang: str) -> str:
    """The note, period and source of ``what`` in ``lang``; what the note says, once."""
    if isinstance(what, pd.DataFrame | pd.Series):
        return ""
    note = _text(getattr(what, "note", ""))
    period = _text(getattr(what, "period", ""))
    source = _text(getattr(what, "source", ""))
    parts = [in_lang(note, lang)]
    if period and str(period) not in str(note):
        parts.append(text("shown.period", lang, period=in_lang(period, lang)))
    if source and str(source) not in str(note):
        parts.append(text("shown.source", lang, source=in_lang(source, lang)))
    return text("said.clauses", lang).join(p for p in parts if p)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
