"""What an analysis returns when a table alone would not be read right.

A result that carries more than a table is a frozen dataclass with the table as a field:
``Concentration``, ``CallFrequency``, ``Rate`` … and, for the many results that are one table
plus how it was made, :class:`Table`. Notes, sources and periods are fields, never
``DataFrame.attrs`` (which pandas drops on most operations).

>>> import pandas as pd
>>> t = Table(pd.DataFrame({"arm": ["A"], "n": [3]}), note="ITT population", source="cut 1")
>>> int(t.table.n.sum()), t.note
(3, 'ITT population')
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

__all__ = ["Table"]


@dataclass(frozen=True, eq=False)
class Table:
    """One analysis table and what a reader needs to read it right.

    Parameters
    ----------
    table
        The rows and columns.
    note
        The method and conventions (population, interval, censoring, threshold …), in English
        and, when :func:`~workbench.i18n.said`, in any language (:func:`~workbench.i18n.in_lang`).
    source
        Where the data came from: the cut's label, or ``"data frame"``.
    period
        The dates the table covers, when it covers a span of dates.
    """

    table: pd.DataFrame
    note: str = ""
    source: str = ""
    period: str = ""

    def __len__(self) -> int:
        return len(self.table)

    @property
    def caption(self) -> str:
        """Note, period and source on one line, as printed under the table."""
        return "; ".join(p for p in (self.note, self.period, self.source) if p)

    def _repr_html_(self) -> str:  # as stored; ``analysis.shown(table, lang)`` for a reader
        body = self.table.to_html(border=0, escape=True, na_rep="")
        return f"{body}<p><small>{html.escape(self.caption)}</small></p>"

    def __repr__(self) -> str:
        return f"{self.table!r}\n{self.caption}"
