"""Growth of a value between two periods, by any dimension.

Year over year by region, city or hospital, as the key-account review asks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.analysis._source import PeriodLike, Source, aggregate, label_of, names, period_of
from workbench.cuts import Cut
from workbench.errors import AnalysisError
from workbench.i18n import said, said_code

__all__ = ["Growth", "growth"]


@dataclass(frozen=True, eq=False)
class Growth:
    """``value`` by ``by`` in two periods, and the growth between them.

    ``table`` has the key (and name), ``before``, ``after``, ``growth`` (after / before − 1;
    empty where before is 0) and ``share`` (of the later total), largest first.
    """

    table: pd.DataFrame
    value: str
    by: str
    before: str
    after: str
    source: str

    @property
    def total_growth(self) -> float:
        """Growth of the total: sum after / sum before − 1."""
        before = float(self.table["before"].sum())
        return float(self.table["after"].sum()) / before - 1 if before else float("nan")

    @property
    def note(self) -> str:
        """The measure, periods and conventions, as printed under the table."""
        return said(
            "note.growth",
            value=said_code("measure", self.value),
            by=said_code("dimension", self.by),
            before=self.before,
            after=self.after,
            source=self.source,
        )


def growth(
    source: Source,
    *,
    by: str,
    before: PeriodLike,
    after: PeriodLike,
    value: str = "amount",
) -> Growth:
    """``value`` by ``by`` in two periods, the growth between them and shares of the later total.

    Largest first; year over year with ``before=2024, after=2025``.

    Parameters
    ----------
    source
        A data cut (a frame has no periods to compare).
    by
        The dimension, one of :data:`~workbench.analysis.DIMENSIONS`.
    before, after
        The two periods (see :func:`~workbench.analysis.period_of`).
    value
        The measure, one of :data:`~workbench.analysis.MEASURES`.

    Returns
    -------
    Growth
        The table, with each key's name where the dimension has names.

    Raises
    ------
    AnalysisError
        ``source`` is not a data cut, ``by`` or ``value`` is not known, the measure cannot be
        broken down by ``by``, or a period is not understood.
    """
    if not isinstance(source, Cut):
        raise AnalysisError(key="error.growth.needs_cut")
    frames = []
    for label, period in (("before", before), ("after", after)):
        query = aggregate(source, value=value, by=by, period=period)
        part = query.df().rename(columns={"value": label}).set_index(query.key)
        frames.append(part)
    table = pd.concat(frames, axis=1).fillna(0.0).astype(float)
    table["growth"] = (table["after"] / table["before"] - 1).where(table["before"] > 0)
    total = table["after"].sum()
    table["share"] = table["after"] / total if total else np.nan
    table = table.sort_values(["after", "before"], ascending=False).reset_index()
    labels = names(source, by)
    if labels is not None:
        key = table.columns[0]
        table = table.merge(labels, on=key, how="left")
        table = table[[key, "name", "before", "after", "growth", "share"]]
    return Growth(
        table=table,
        value=value,
        by=by,
        before=str(period_of(before)),
        after=str(period_of(after)),
        source=label_of(source),
    )
