"""The help desk's form: a rep's question to a camp's help desk, kept as it is typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets
from sqlalchemy import select

from workbench.db.engine import Database
from workbench.db.gradebook import Camp, Trainee
from workbench.entry.helpdesk import CATEGORIES, CHANNELS
from workbench.forms.base import EntryForm

__all__ = ["help_request_form"]


def help_request_form(
    db: Database, *, camp: str | None = None, lang: str = "zh", **options: Any
) -> EntryForm:
    """A question to the help desk: the camp, who asks (from its roster), how and what.

    The time it came in starts at now; the desk may change it to when the call came.
    """
    with db.begin() as conn:
        camps = list(conn.scalars(select(Camp.code).order_by(Camp.created_at)))
        roster = conn.execute(
            select(Camp.code, Trainee.employee_id, Trainee.name)
            .join(Trainee, Trainee.camp_id == Camp.camp_id)
            .order_by(Trainee.employee_id)
        ).all()
    chosen = camp if camp in camps else (camps[-1] if camps else None)
    fields: dict[str, widgets.ValueWidget] = {
        "camp": widgets.Dropdown(options=camps, value=chosen),
        "employee_id": widgets.Dropdown(options=[("—", None)], value=None),
        "channel": widgets.Dropdown(options=list(CHANNELS), value="phone"),
        "category": widgets.Dropdown(options=list(CATEGORIES), value="other"),
        "question": widgets.Textarea(placeholder="周计划提交后还能改吗？"),
        "received_at": widgets.Text(value=f"{dt.datetime.now():%Y-%m-%d %H:%M}"),
    }

    def who(_change: object = None) -> None:
        people = [(f"{n}（{e}）", e) for c, e, n in roster if c == fields["camp"].value]
        fields["employee_id"].options = [("—", None), *people]

    fields["camp"].observe(who, "value")
    who()
    return EntryForm(db, "help_request", fields, lang=lang, **options)
