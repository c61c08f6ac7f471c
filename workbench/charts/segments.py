"""Segments: doctors on the potential × adoption matrix.

Every word is the catalogue's, in the reader's ``lang``; the tiers, levels and segments are
drawn as their codes read in it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.charts._base import check_lang, column_names, missing_columns, records, title
from workbench.errors import AnalysisError
from workbench.i18n import coded, label, text

__all__ = ["ADOPTION_LEVELS", "POTENTIAL_TIERS", "segments_chart"]

#: The matrix's rows (highest first) and columns (lowest first), as the analysis names them.
POTENTIAL_TIERS = ("high", "medium", "low")
ADOPTION_LEVELS = ("low", "mid", "high")


def segments_chart(
    cells: pd.DataFrame, *, quarter: str = "", source: str = "", lang: str = "en"
) -> alt.TopLevelMixin:
    """Doctors on potential (rows) × adoption (columns), each cell with its count and segment.

    Parameters
    ----------
    cells
        :attr:`~workbench.analysis.PotentialAdoption.cells`: ``potential``, ``adoption``,
        ``doctors`` and ``segment``, one row per cell.
    quarter
        The quarter segmented, printed under the title.
    source
        The data's source (the cut's label), printed under the title.
    lang
        The reader's language, ``"zh"`` or ``"en"``: every word drawn is in it, the
        potential tiers (``code.tier``), adoption levels (``code.adoption_level``) and
        segments (``code.segment``) as their codes read.

    Returns
    -------
    altair.TopLevelMixin
        The heat map with counts.

    Raises
    ------
    AnalysisError
        The frame has more than :data:`~workbench.charts.MAX_ROWS` rows.
    ConfigError
        ``lang`` is not ``"zh"`` or ``"en"``.
    """
    check_lang(lang)
    if missing := missing_columns(cells, "potential", "adoption", "doctors", "segment"):
        raise AnalysisError(
            key="error.chart.segments_columns", missing=missing, has=column_names(cells)
        )
    shown = cells[["potential", "adoption", "doctors", "segment"]].assign(
        potential=[coded("tier", t, lang) for t in cells["potential"]],
        adoption=[coded("adoption_level", a, lang) for a in cells["adoption"]],
        segment=[coded("segment", s, lang) for s in cells["segment"]],
    )
    base = alt.Chart(records(shown)).encode(
        x=alt.X(
            "adoption:N",
            sort=[coded("adoption_level", a, lang) for a in ADOPTION_LEVELS],
            title=label("adoption", lang),
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y(
            "potential:N",
            sort=[coded("tier", t, lang) for t in POTENTIAL_TIERS],
            title=label("potential", lang),
        ),
    )
    fill = base.mark_rect().encode(
        color=alt.Color("doctors:Q", scale=alt.Scale(scheme="blues"), title=label("doctors", lang)),
        tooltip=[
            alt.Tooltip("potential:N", title=label("potential", lang)),
            alt.Tooltip("adoption:N", title=label("adoption", lang)),
            alt.Tooltip("segment:N", title=label("segment", lang)),
            alt.Tooltip("doctors:Q", format=",", title=label("doctors", lang)),
        ],
    )
    counts = base.mark_text(baseline="middle").encode(
        text=alt.Text("doctors:Q", format=","), color=alt.value("black")
    )
    return alt.layer(fill, counts).properties(
        title=title(text("chart.segments.title", lang), source, "", quarter, lang),
        width=300,
        height=240,
    )
