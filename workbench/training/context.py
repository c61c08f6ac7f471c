"""What an exercise's functions see: the trainee's sandbox, who they play, what they entered."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench import entry
from workbench.db.engine import Database
from workbench.db.models import Assignment, Audit, Rep
from workbench.errors import MissingEntry

__all__ = ["Context", "persona"]

M = TypeVar("M")


def persona(db: Database) -> int:
    """The rep a trainee plays in the camp world: the serving rep with the most doctors."""
    with db.session() as session:
        rep_id = session.scalar(
            select(Rep.rep_id)
            .join(Assignment, Assignment.rep_id == Rep.rep_id)
            .where(Rep.role == "rep", Rep.left_on.is_(None), Assignment.end_on.is_(None))
            .group_by(Rep.rep_id)
            .order_by(func.count().desc(), Rep.rep_id)
            .limit(1)
        )
    if rep_id is None:
        raise MissingEntry(key="error.sandbox.no_rep")
    return int(rep_id)


class Context:
    """One trainee's sandbox, seen from one exercise.

    ``save`` enters data as the trainee does (their entries are audited under ``actor``,
    which is how ``reset`` finds and undoes them); ``entered`` returns the rows of a table
    the trainee added in this exercise and that still exist.
    """

    def __init__(self, db: Database, *, exercise_id: str, trainee: str, rep_id: int) -> None:
        self.db = db
        self.exercise_id = exercise_id
        self.rep_id = rep_id
        self.actor = f"trainee:{trainee}:{exercise_id}"
        self.setup_actor = f"setup:{exercise_id}"
        #: the scenario's people and places in this world (the exercise's ``facts``)
        self.facts: dict[str, Any] = {}

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read-only look at the sandbox (nothing done in it is kept)."""
        with self.db.session() as session:
            try:
                yield session
            finally:
                session.rollback()

    def save(self, kind: str, data: Mapping[str, Any], *, accept_warnings: bool = False) -> int:
        """Enter data as the trainee."""
        return entry.save(self.db, kind, data, actor=self.actor, accept_warnings=accept_warnings)

    def plant(self, kind: str, data: Mapping[str, Any]) -> int:
        """Enter what the scenario starts from (kept by ``reset``)."""
        return entry.save(self.db, kind, data, actor=self.setup_actor, accept_warnings=True)

    @contextmanager
    def setting_up(self) -> Iterator[Session]:
        """A unit of work for the exercise's set-up (its rows are kept by ``reset``)."""
        with self.db.session(actor=self.setup_actor) as session:
            yield session

    def is_set_up(self) -> bool:
        """Whether the exercise's set-up has already run in this sandbox."""
        with self.db.session() as session:
            return (
                session.scalar(
                    select(Audit.audit_id).where(Audit.actor == self.setup_actor).limit(1)
                )
                is not None
            )

    def entered(self, session: Session, model: type[M], *, by: str | None = None) -> list[M]:
        """Rows of ``model``'s table that the trainee (or ``by``) inserted in this exercise."""
        mapper = model.__mapper__  # type: ignore[attr-defined]
        table = mapper.local_table.name
        keys = session.scalars(
            select(Audit.row_key)
            .where(
                Audit.actor == (by or self.actor),
                Audit.action == "insert",
                Audit.table_name == table,
            )
            .order_by(Audit.audit_id)
        ).all()
        rows = []
        for key in dict.fromkeys(keys):
            if key is None:
                continue
            parts = [int(p) for p in key.split("|")]
            row = session.get(model, parts[0] if len(parts) == 1 else tuple(parts))
            if row is not None:
                rows.append(row)
        return rows
