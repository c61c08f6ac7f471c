"""Segments: doctors on the potential × adoption matrix."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.charts._base import column_names, missing_columns, records, title
from workbench.errors import AnalysisError

__all__ = ["ADOPTION_LEVELS", "POTENTIAL_TIERS", "segments_chart"]

#: The matrix's rows (highest first) and columns (lowest first), as the analysis names them.
POTENTIAL_TIERS = ("high", "medium", "low")
ADOPTION_LEVELS = ("low", "mid", "high")


def segments_chart(
    cells: pd.DataFrame, *, quarter: str = "", source: str = ""
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

    Returns
    -------
    altair.TopLevelMixin
        The heat map with counts.

    Raises
    ------
    AnalysisError
        The frame has more than :data:`~workbench.charts.MAX_ROWS` rows.
    """
    if missing := missing_columns(cells, "potential", "adoption", "doctors", "segment"):
        raise AnalysisError(
            key="error.chart.segments_columns", missing=missing, has=column_names(cells)
        )
    base = alt.Chart(records(cells)).encode(
        x=alt.X(
            "adoption:N", sort=list(ADOPTION_LEVELS), title="adoption", axis=alt.Axis(labelAngle=0)
        ),
        y=alt.Y("potential:N", sort=list(POTENTIAL_TIERS), title="potential"),
    )
    fill = base.mark_rect().encode(
        color=alt.Color("doctors:Q", scale=alt.Scale(scheme="blues"), title="doctors"),
        tooltip=["potential:N", "adoption:N", "segment:N", alt.Tooltip("doctors:Q", format=",")],
    )
    counts = base.mark_text(baseline="middle").encode(
        text=alt.Text("doctors:Q", format=","), color=alt.value("black")
    )
    return alt.layer(fill, counts).properties(
        title=title("Potential × adoption", source, "", quarter), width=300, height=240
    )
