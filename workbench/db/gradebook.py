"""The camp gradebook: camps, their trainees, and every attempt, hint and reset.

It lives in the main store beside the CRM tables, created and upgraded by the same Alembic
revisions, but it is not part of the CRM world: a data cut, an export or a sample load
never reads, writes or replaces it (:data:`GRADEBOOK_TABLES`). Every row carries a natural
key, so the results of laptops that had no network merge into the trainer's gradebook:
a camp by its ``code``, a trainee by camp and ``employee_id``, an attempt by its ``uuid``,
a hint by trainee, exercise, round and number, a reset by trainee, exercise and round.

::

    camp ─< trainee ─< attempt                      (with each check's outcome and message)
       │            ├─< hint_shown
       │            └─< exercise_reset
       └─< help_request >─ trainee                  (the help desk's questions and answers)
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.models import Base

#: the longest name a trainee may have (the column's length)
TRAINEE_NAME_LENGTH = 80

__all__ = [
    "GRADEBOOK_TABLES",
    "TRAINEE_NAME_LENGTH",
    "Attempt",
    "Camp",
    "ExerciseReset",
    "HelpRequest",
    "HintShown",
    "Trainee",
]

#: The gradebook's tables, parents first.
GRADEBOOK_TABLES: tuple[str, ...] = (
    "camp",
    "trainee",
    "attempt",
    "hint_shown",
    "exercise_reset",
    "help_request",
)


class Camp(Base):
    """A training camp: a trainer, a region, a start day, and whether it is still open."""

    __tablename__ = "camp"
    camp_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    region: Mapped[str | None] = mapped_column(String(40))
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    trainer: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (CheckConstraint("status IN ('open', 'closed')", name="status"),)


class Trainee(Base):
    """A new rep in a camp: who they are, how to reach them, and their sandbox's name."""

    __tablename__ = "trainee"
    trainee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camp_id: Mapped[int] = mapped_column(ForeignKey("camp.camp_id"), index=True)
    employee_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(TRAINEE_NAME_LENGTH))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(120))
    sandbox: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("camp_id", "employee_id"),
        UniqueConstraint("camp_id", "sandbox"),
    )


class Attempt(Base):
    """One check or submission of an exercise: its score, and what each of its checks said.

    ``checks`` is a JSON list, one object per check that ran: ``check`` (its id), ``score``
    (0 to 1), ``code`` (the message's code: the same for every trainee with the same
    mistake), ``zh`` and ``en`` (the message). One row per attempt keeps a submission to one
    insert while twenty trainees submit at once.
    """

    __tablename__ = "attempt"
    attempt_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.trainee_id"))
    exercise_id: Mapped[str] = mapped_column(String(20))
    round: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    score: Mapped[float] = mapped_column(Float)
    points: Mapped[int] = mapped_column(Integer)
    hints_used: Mapped[int] = mapped_column(Integer)
    checks: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint("kind IN ('check', 'submit')", name="kind"),
        CheckConstraint("points > 0 AND score >= 0 AND score <= points", name="score"),
        CheckConstraint("round >= 1 AND hints_used >= 0", name="counts"),
        Index("ix_attempt_trainee_id_exercise_id", "trainee_id", "exercise_id"),
    )


class HintShown(Base):
    """A hint shown to a trainee, once per exercise, round and hint number."""

    __tablename__ = "hint_shown"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.trainee_id"), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class ExerciseReset(Base):
    """An exercise started again: the round that starts and the sandbox audit id undone."""

    __tablename__ = "exercise_reset"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.trainee_id"), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    undone_through: Mapped[int] = mapped_column(Integer)


class HelpRequest(Base):
    """A question to the help desk: who asked, when and how, what, and its answer."""

    __tablename__ = "help_request"
    request_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    camp_id: Mapped[int] = mapped_column(ForeignKey("camp.camp_id"), index=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.trainee_id"))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(10))
    question: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    answered_by: Mapped[str | None] = mapped_column(String(80))
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved: Mapped[bool] = mapped_column(default=False)
    __table_args__ = (
        CheckConstraint("channel IN ('phone', 'wechat', 'email', 'visit')", name="channel"),
        CheckConstraint(
            "category IN ('login', 'master_data', 'calls', 'plans', 'events', 'quality', "
            "'other')",
            name="category",
        ),
        CheckConstraint(
            "answered_at IS NULL OR (answered_at >= received_at AND answered_by IS NOT NULL)",
            name="answer",
        ),
        CheckConstraint("NOT resolved OR answered_at IS NOT NULL", name="resolved"),
    )
