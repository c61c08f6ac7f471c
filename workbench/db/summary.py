"""A short description of what a database holds: counts and the period its activity covers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from workbench.db.engine import Database
from workbench.db.models import TABLE_ORDER, Call

__all__ = ["Summary", "summarise"]


@dataclass(frozen=True)
class Summary:
    """Where a database is, the rows in each table, and the dates of its first and last call."""

    where: str
    counts: dict[str, int]
    first_call: dt.date | None
    last_call: dt.date | None


def summarise(db: Database, tables: Iterable[str] = TABLE_ORDER) -> Summary:
    """Describe ``db`` as its viewer sees it: its file or URL, its rows, its calls' period.

    Rows are counted in each of ``tables`` only (counting is most of the time it takes).
    """
    with db.engine.connect() as conn:
        first, last = conn.execute(
            select(func.min(Call.call_date), func.max(Call.call_date)).where(db.scope.where("call"))
        ).one()
    return Summary(
        where=str(db.path or db.url),
        counts=db.counts(tables),
        first_call=_as_date(first),
        last_call=_as_date(last),
    )


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
