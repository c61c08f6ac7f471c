"""A question to a camp's help desk, checked like every entry before it is kept."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.gradebook import Camp, HelpRequest, Trainee
from workbench.entry._rules import Checker

__all__ = ["CATEGORIES", "CHANNELS", "help_request", "moment"]

CHANNELS = ("phone", "wechat", "email", "visit")
CATEGORIES = ("login", "master_data", "calls", "plans", "events", "quality", "other")


def moment(c: Checker, field: str, *, required: bool) -> dt.datetime | None:
    """A time of day on a day (``2026-12-08 09:15``, ISO text or a datetime), to the second."""
    value = c.data.get(field)
    if value in (None, ""):
        if required:
            c.add(field, "required")
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    try:
        return dt.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None, microsecond=0)
    except ValueError:
        c.add(field, "help_not_a_time", value=value)
        return None


def help_request(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A rep's question: the camp, who asks (their employee id on its roster), how, what.

    ``received_at`` defaults to now; ``category`` to ``other``.
    """
    c = Checker(data)
    code = c.text("camp", max_length=40)
    employee_id = c.text("employee_id", max_length=40)
    question = c.text("question", max_length=500)
    if question is not None and len(question) < 5:
        c.add("question", "help_too_short", value=question)
    channel = c.choice("channel", CHANNELS)
    category = c.choice("category", CATEGORIES, required=False) or "other"
    now = dt.datetime.now().replace(microsecond=0)
    received = moment(c, "received_at", required=False) or now
    if received > now + dt.timedelta(minutes=5):
        c.add("received_at", "in_future", value=received.isoformat(sep=" "))
    camp_id = trainee_id = None
    if code is not None:
        camp_id = session.scalar(select(Camp.camp_id).where(Camp.code == code))
        if camp_id is None:
            c.add("camp", "help_unknown_camp", value=code)
    if camp_id is not None and employee_id is not None:
        trainee_id = session.scalar(
            select(Trainee.trainee_id).where(
                Trainee.camp_id == camp_id, Trainee.employee_id == employee_id
            )
        )
        if trainee_id is None:
            c.add("employee_id", "help_not_on_roster", value=employee_id, camp=code)
    row = HelpRequest(
        uuid=str(uuid.uuid4()),
        camp_id=camp_id,
        trainee_id=trainee_id,
        received_at=received,
        channel=channel,
        question=question,
        category=category,
        resolved=False,
    )
    return c, [row]
