"""The data steward's log: each merge of two doctors, with what undoing it needs.

A merge re-points the merged doctor's calls, affiliations, assignments, plans, invitations
and potential to the doctor kept, fills the kept doctor's empty fields, and deletes the
merged doctor; the row here keeps every value and key that changed, so that undoing the
merge restores exactly what was there.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.models import Base

__all__ = ["STEWARDSHIP_TABLES", "DoctorMerge"]

#: Tables of the data steward's work on the customer master.
STEWARDSHIP_TABLES: tuple[str, ...] = ("doctor_merge",)


class DoctorMerge(Base):
    """One merge of a doctor into another; ``undone_at`` once it has been undone."""

    __tablename__ = "doctor_merge"
    merge_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kept_id: Mapped[int] = mapped_column(Integer, index=True)
    merged_id: Mapped[int] = mapped_column(Integer)
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(80))
    reasons: Mapped[str | None] = mapped_column(String(200))
    undo: Mapped[str] = mapped_column(Text)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(80))
