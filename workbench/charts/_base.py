"""What every chart shares: the row limit, colours, titles, words and embedded records.

The row limit, colours, a title that names its source and period in the reader's language,
the words for entities, and records embedded in the spec. Every word a chart draws comes
from the message catalogue (:mod:`workbench.i18n.charts`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import altair as alt
import pandas as pd

from workbench.config import LANGS
from workbench.errors import AnalysisError, ConfigError
from workbench.i18n import MESSAGES, in_lang, label, text

__all__ = [
    "ACCENT",
    "BAR",
    "MAX_ROWS",
    "check_lang",
    "column_names",
    "label_column",
    "many",
    "missing_columns",
    "period_label",
    "records",
    "share_axis",
    "source_label",
    "title",
    "unique_labels",
]

#: Altair's own limit on rows embedded in one chart; charts here stay under it.
MAX_ROWS = 5000

ACCENT = "#c0392b"
BAR = "#2e86ab"


_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})\s*[–-]\s*(\d{4}-\d{2}-\d{2})(.*)")
_MONTHS = re.compile(r" \((\d+) months\)")
_DATA_TO = re.compile(r"data to (\d{4}-\d{2}-\d{2})")
_CUT = re.compile(r"cut (\d{4}-\d{2}-\d{2}[ T][\d:]+) UTC")


def check_lang(lang: str) -> None:
    """Refuse a language the catalogue does not speak.

    Raises
    ------
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    if lang not in LANGS:
        raise ConfigError(key="error.config.lang", value=lang, choices=", ".join(LANGS))


def _span(start: dt.date, end: dt.date) -> str | None:
    """A whole year, quarter or month (or a run of them) as short as it reads, else None."""
    month_end = calendar.monthrange(end.year, end.month)[1]
    if start.day != 1 or end.day != month_end:
        return None
    if (start.month, end.month) == (1, 12):
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    if start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
        return f"{start.year}Q{start.month // 3 + 1}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}"
    return f"{start:%Y-%m} – {end:%Y-%m}"


def period_label(period: str, lang: str = "en") -> str:
    """A period as short as it reads: ``2025``, ``2024–2025``, ``2025Q1``, ``2025-03``.

    ``period`` is how an analysis prints its dates (``"2025-01-01 – 2025-12-31"``); whole
    years, quarters and months are shortened. The dates read the same in every language;
    the words an analysis puts around them ("all dates", "(2 months)", "data to …") are said
    in ``lang``, and a text the analysis :func:`~workbench.i18n.said` reads in ``lang``. Any
    other text is kept as it is.

    Parameters
    ----------
    period
        The dates, as the analysis prints them.
    lang
        The reader's language, ``"zh"`` or ``"en"``.

    Returns
    -------
    str
        The period to print.

    Examples
    --------
    >>> period_label("2025-01-01 – 2025-12-31"), period_label("2025-04-01 – 2025-06-30")
    ('2025', '2025Q2')
    >>> period_label("2026-06-01 – 2026-07-31 (2 months)")
    '2026-06 – 2026-07 (2 months)'
    >>> period_label("2026-06-01 – 2026-07-31 (2 months)", "zh")
    '2026-06 – 2026-07（2 个月）'
    >>> period_label("all dates", "zh"), period_label("data to 2026-10-31", "zh")
    ('全部日期', '数据截至 2026-10-31')
    """
    shown = period.strip()
    if shown == "all dates":
        return text("chart.period.all", lang)
    if match := _DATA_TO.fullmatch(shown):
        return text("chart.period.data_to", lang, date=match[1])
    match = _SPAN.fullmatch(shown)
    if not match:
        return in_lang(period, lang)
    start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
    rest = match[3]
    short = _span(start, end)
    if short is None:
        if lang == "en" or not rest:
            return period
        short = f"{match[1]} – {match[2]}"
    if months := _MONTHS.fullmatch(rest):
        return text("chart.period.months", lang, span=short, n=int(months[1]))
    return short + rest


def source_label(source: str, lang: str = "en") -> str:
    """Where the data come from, in ``lang``: ``cut 2026-11-24 09:30:00 UTC`` is 数据截点 ….

    A cut's label and an analysed frame's ("data frame") are said in ``lang``, a text the
    analysis :func:`~workbench.i18n.said` too; any other source is kept as it is.

    Examples
    --------
    >>> source_label("cut 2026-11-24 09:30:00 UTC", "zh")
    '数据截点 2026-11-24 09:30:00 UTC'
    >>> source_label("cut 2026-11-24 09:30:00 UTC", "en")
    'cut 2026-11-24 09:30:00 UTC'
    """
    if match := _CUT.fullmatch(source.strip()):
        return text("chart.source.cut", lang, at=match[1])
    if source.strip() == "data frame":
        return text("chart.source.frame", lang)
    return in_lang(source, lang)


def title(
    heading: str, source: str, detail: str = "", period: str = "", lang: str = "en"
) -> alt.TitleParams:
    """The chart's title, with ``period`` and ``detail`` (what it shows), then ``source``.

    The period leads the first line under the title (``"2025: 200 of 3,000 carry 80%"``),
    shortened by :func:`period_label`; the source (the cut) is the second line. The period,
    the source and a :func:`~workbench.i18n.said` detail are said in ``lang``.
    """
    shown, detail = period_label(period, lang), in_lang(detail, lang)
    if shown and detail:
        first = text("chart.subtitle", lang, period=shown, detail=detail)
    else:
        first = shown or detail
    lines = [first, source_label(source, lang)]
    return alt.TitleParams(text=heading, subtitle=[s for s in lines if s], anchor="start")


def many(entity: str, lang: str) -> str:
    """How ``entity`` is counted in ``lang``: its plural in English, its measure word in Chinese.

    ``many("hospital", "en")`` is ``hospitals``, ``many("hospital", "zh")`` is 家 (330 家医院);
    an entity the catalogue does not count is its label with an ``s``, or 个.
    """
    if f"chart.many.{entity}" in MESSAGES:
        return text(f"chart.many.{entity}", lang)
    return "个" if lang == "zh" else f"{label(entity, lang)}s"


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
    for name in labels:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
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
