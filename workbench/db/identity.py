"""Which database this is: an id made once, when the store is created, and never changed.

A data cut records the id of the database it came from, so listing, opening and comparing
cuts only ever uses cuts of the database being served, even when cuts of several databases
share one data folder. The id is kept in the store itself, not taken from its URL: the same
URL may name a database that was dropped and made again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.models import Base

__all__ = ["META_TABLES", "StoreIdentity"]

#: Tables about the store itself, neither CRM data nor gradebook.
META_TABLES: tuple[str, ...] = ("store_identity",)


class StoreIdentity(Base):
    """The store's own id: one row, written when the store's schema is first made."""

    __tablename__ = "store_identity"
    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
