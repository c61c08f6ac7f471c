"""The training journal: trainees, their attempts, scores, hints used and resets.

It lives apart from the sandboxes, so resetting or even dropping a sandbox keeps the
history: ``<data_dir>/training/journal.db`` on a laptop, ``<name>_training`` next to the
configured database on the PostgreSQL server (one journal for the whole camp).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from workbench.config import Settings
from workbench.training.sandbox import _is_postgres, _pg_admin, _pg_exists, training_dir

__all__ = [
    "AttemptRow",
    "HintRow",
    "Journal",
    "JournalBase",
    "ResetRow",
    "TraineeRow",
    "journal_url",
]


class JournalBase(DeclarativeBase):
    """The declarative base of the journal's tables, kept apart from the CRM's."""

    pass


class TraineeRow(JournalBase):
    """A trainee: the name they go by and the slug their sandbox is named after."""

    __tablename__ = "trainee"
    trainee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AttemptRow(JournalBase):
    """One check or submission of an exercise, with its score and what each check said."""

    __tablename__ = "attempt"
    attempt_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.trainee_id"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(20))
    round: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # check | submit
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    score: Mapped[float] = mapped_column(Float)  # points earned
    points: Mapped[int] = mapped_column(Integer)  # points available
    hints_used: Mapped[int] = mapped_column(Integer)
    results: Mapped[str] = mapped_column(Text)  # JSON: check id -> [score, message code]


class HintRow(JournalBase):
    """A hint shown to a trainee."""

    __tablename__ = "hint"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.trainee_id"), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class ResetRow(JournalBase):
    """An exercise started again; ``undone_through`` is the last sandbox audit id undone."""

    __tablename__ = "reset"
    reset_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.trainee_id"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(20))
    round: Mapped[int] = mapped_column(Integer)  # the round that starts
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    undone_through: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("trainee_id", "exercise_id", "round"),)


def journal_url(settings: Settings) -> str:
    """The journal's URL: ``<name>_training`` on PostgreSQL, else a file in the training folder."""
    if _is_postgres(settings):
        url = make_url(settings.resolved_database_url)
        return url.set(database=f"{url.database}_training"[:63]).render_as_string(
            hide_password=False
        )
    return f"sqlite:///{training_dir(settings) / 'journal.db'}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Journal:
    """Reads and writes the training journal."""

    def __init__(self, settings: Settings) -> None:
        url = make_url(journal_url(settings))
        if url.get_backend_name() == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
            if not _pg_exists(settings, str(url.database)):
                _pg_admin(settings, f'CREATE DATABASE "{url.database}"')
        else:
            training_dir(settings).mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url)
        JournalBase.metadata.create_all(self.engine)

    def close(self) -> None:
        """Close the journal's pooled connections."""
        self.engine.dispose()

    def trainee(self, name: str, slug: str) -> int:
        """The trainee's id, registering them on first use."""
        with self.engine.begin() as conn:
            found = conn.scalar(select(TraineeRow.trainee_id).where(TraineeRow.name == name))
            if found is not None:
                return int(found)
            return int(
                conn.execute(
                    insert(TraineeRow)
                    .values(name=name, slug=slug, created_at=_now())
                    .returning(TraineeRow.trainee_id)
                ).scalar_one()
            )

    def round(self, trainee_id: int, exercise_id: str) -> tuple[int, int]:
        """The current round of an exercise and how far its earlier rounds were undone.

        The round is 1 until the first reset; the second value is the audit id up to which
        earlier rounds were undone (0 before any reset).
        """
        with self.engine.connect() as conn:
            row = conn.execute(
                select(ResetRow.round, ResetRow.undone_through)
                .where(ResetRow.trainee_id == trainee_id, ResetRow.exercise_id == exercise_id)
                .order_by(ResetRow.round.desc())
                .limit(1)
            ).first()
        return (int(row[0]), int(row[1])) if row else (1, 0)

    def record(
        self,
        trainee_id: int,
        exercise_id: str,
        *,
        round: int,
        kind: str,
        score: float,
        points: int,
        hints_used: int,
        results: dict[str, Any],
    ) -> None:
        """Record one check or submission (``kind``) of an exercise, with its score."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(AttemptRow).values(
                    trainee_id=trainee_id,
                    exercise_id=exercise_id,
                    round=round,
                    kind=kind,
                    at=_now(),
                    score=score,
                    points=points,
                    hints_used=hints_used,
                    results=json.dumps(results, ensure_ascii=False, sort_keys=True),
                )
            )

    def attempts(self, trainee_id: int, exercise_id: str, round: int) -> int:
        """The number of checks and submissions of an exercise in a round."""
        with self.engine.connect() as conn:
            return int(
                conn.scalar(
                    select(func.count()).where(
                        AttemptRow.trainee_id == trainee_id,
                        AttemptRow.exercise_id == exercise_id,
                        AttemptRow.round == round,
                    )
                )
                or 0
            )

    def hints_used(self, trainee_id: int, exercise_id: str, round: int) -> int:
        """The number of hints shown for an exercise in a round."""
        with self.engine.connect() as conn:
            return int(
                conn.scalar(
                    select(func.count()).where(
                        HintRow.trainee_id == trainee_id,
                        HintRow.exercise_id == exercise_id,
                        HintRow.round == round,
                    )
                )
                or 0
            )

    def use_hint(self, trainee_id: int, exercise_id: str, round: int, number: int) -> None:
        """Record that hint ``number`` was shown; a hint shown again counts once."""
        with self.engine.begin() as conn:
            seen = conn.scalar(
                select(HintRow.number).where(
                    HintRow.trainee_id == trainee_id,
                    HintRow.exercise_id == exercise_id,
                    HintRow.round == round,
                    HintRow.number == number,
                )
            )
            if seen is None:
                conn.execute(
                    insert(HintRow).values(
                        trainee_id=trainee_id,
                        exercise_id=exercise_id,
                        round=round,
                        number=number,
                        at=_now(),
                    )
                )

    def reset(self, trainee_id: int, exercise_id: str, *, round: int, undone_through: int) -> None:
        """Record that the exercise starts again in ``round``, undone through an audit id."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(ResetRow).values(
                    trainee_id=trainee_id,
                    exercise_id=exercise_id,
                    round=round,
                    at=_now(),
                    undone_through=undone_through,
                )
            )

    def history(self, trainee_id: int | None = None) -> pd.DataFrame:
        """Every attempt, oldest first; with ``trainee_id``, that trainee's only.

        Its columns: trainee, exercise, round, kind, at, score, points, hints used, and
        each check's result.
        """
        query = (
            select(
                TraineeRow.name.label("trainee"),
                AttemptRow.exercise_id,
                AttemptRow.round,
                AttemptRow.kind,
                AttemptRow.at,
                AttemptRow.score,
                AttemptRow.points,
                AttemptRow.hints_used,
                AttemptRow.results,
            )
            .join(TraineeRow, TraineeRow.trainee_id == AttemptRow.trainee_id)
            .order_by(AttemptRow.attempt_id)
        )
        if trainee_id is not None:
            query = query.where(AttemptRow.trainee_id == trainee_id)
        with self.engine.connect() as conn:
            frame = pd.DataFrame(conn.execute(query).mappings().all())
        if frame.empty:
            frame = pd.DataFrame(
                columns=[
                    "trainee",
                    "exercise_id",
                    "round",
                    "kind",
                    "at",
                    "score",
                    "points",
                    "hints_used",
                    "results",
                ]
            )
        frame["results"] = frame["results"].map(json.loads)
        return frame
