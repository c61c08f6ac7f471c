"""Which database this is, and who its viewers are on a server.

The store's id is made once, when the store is created, and never changed.

A data cut records the id of the database it came from, so listing, opening and comparing
cuts only ever uses cuts of the database being served, even when cuts of several databases
share one data folder. The id is kept in the store itself, not taken from its URL: the same
URL may name a database that was dropped and made again.

On PostgreSQL each viewer (:mod:`workbench.access`) runs as a server role of their own;
``access_grant`` says whose ids that role stands for, and the row-level security policies
read it. Only the owner writes it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.models import Base

__all__ = ["META_TABLES", "AccessGrant", "StoreIdentity"]

#: Tables about the store itself, neither CRM data nor gradebook.
META_TABLES: tuple[str, ...] = ("store_identity", "access_grant")


class StoreIdentity(Base):
    """The store's own id: one row, written when the store's schema is first made."""

    __tablename__ = "store_identity"
    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AccessGrant(Base):
    """A viewer's server role and the ids it stands for (one row per role)."""

    __tablename__ = "access_grant"
    role_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    rep_id: Mapped[int | None] = mapped_column(Integer)
    region_id: Mapped[int | None] = mapped_column(Integer)
    trainee_id: Mapped[int | None] = mapped_column(Integer)
    trainer: Mapped[str | None] = mapped_column(String(80))
