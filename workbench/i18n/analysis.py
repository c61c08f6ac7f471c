"""The analyses' words: the columns of their tables (``column.*``) and their notes (``note.*``).

A column's label is what a reader sees over it; the column keeps its name in the data. The
export workbook's columns (:mod:`workbench.i18n.workbook`) are labelled there; this part
holds the columns only analyses make.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {}
