"""What every workbench table shares: the base, its naming convention, repeated constraints."""

from __future__ import annotations

import enum

from sqlalchemy import CheckConstraint, Index, MetaData, text
from sqlalchemy.orm import DeclarativeBase

__all__ = ["NAMING", "Base", "allowed_values", "unique_where"]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base of every workbench table, with the constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING)


def allowed_values(name: str, column: str, values: type[enum.StrEnum]) -> CheckConstraint:
    """A check that ``column`` holds one of the enum's ``values``."""
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name)


def unique_where(name: str, where: str, *columns: str) -> Index:
    """A unique index over the rows ``where`` holds (on SQLite and PostgreSQL alike)."""
    return Index(
        name, *columns, unique=True, sqlite_where=text(where), postgresql_where=text(where)
    )
