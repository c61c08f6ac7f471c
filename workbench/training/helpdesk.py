"""The help desk after a camp: reps' questions, their answers, and what they add up to.

After a camp a small help desk answers reps' questions 7 days a week, 8:30–22:00, for about
six weeks. Every question is kept (who, when, how it came in, what, its category) with its
answer (by whom, when, resolved or not). :func:`summarise` says when questions come in
(by hour and weekday across the service window), how long they wait for an answer, which
are still open, and which categories come up most: candidates for a new training module.

Questions go in through the entry kind ``help_request`` (:func:`ask`, the CLI, the form)
and answers through :func:`answer`, checked like every entry: every problem is named in
Chinese and English and nothing is written until all is right.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid as uuidlib
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import insert, select, update

from workbench import entry
from workbench.db.engine import Database
from workbench.db.gradebook import HelpRequest, Trainee
from workbench.entry._rules import Checker
from workbench.entry.helpdesk import CATEGORIES, CHANNELS, moment
from workbench.errors import InvalidEntry, MissingEntry
from workbench.training.gradebook import camp_id as find_camp

__all__ = [
    "CATEGORIES",
    "CHANNELS",
    "CLOSES",
    "OPENS",
    "HelpSummary",
    "answer",
    "ask",
    "requests",
    "sample_help_desk",
    "summarise",
]

#: The service window, every day of the week.
OPENS, CLOSES = dt.time(8, 30), dt.time(22, 0)




def ask(db: Database, camp: str, data: Mapping[str, Any], *, actor: str = "helpdesk") -> int:
    """Keep a rep's question (the entry kind ``help_request``); its id.

    ``data``: ``employee_id`` (on the camp's roster), ``question`` (5 to 500 characters),
    ``channel`` (one of :data:`CHANNELS`), ``category`` (one of :data:`CATEGORIES`;
    default ``other``) and ``received_at`` (default now).

    Raises
    ------
    InvalidEntry
        Every problem with ``data`` (an unknown camp included); nothing was written.
    """
    return entry.save(db, "help_request", {**data, "camp": camp}, actor=actor)


def answer(db: Database, request_id: int, data: Mapping[str, Any]) -> None:
    """Record the answer to question ``request_id``.

    ``data``: ``answered_by`` (who answered), ``answered_at`` (default now; not before the
    question came in) and ``resolved`` (default true).

    Raises
    ------
    InvalidEntry
        Every problem with ``data``; nothing was written.
    MissingEntry
        There is no such question.
    """
    c = Checker(data)
    by = c.text("answered_by", max_length=80)
    at = moment(c, "answered_at", required=False) or dt.datetime.now().replace(microsecond=0)
    resolved = c.flag("resolved") if "resolved" in data else True
    with db.begin() as conn:
        received = conn.scalar(
            select(HelpRequest.received_at).where(HelpRequest.request_id == request_id)
        )
        if received is None:
            raise MissingEntry(key="error.helpdesk.missing", request_id=request_id)
        if at < received:
            c.add("answered_at", "help_before_question", value=at.isoformat(sep=" "),
                  received=received.isoformat(sep=" "))  # fmt: skip
        if c.problems:
            raise InvalidEntry(c.problems)
        conn.execute(
            update(HelpRequest)
            .where(HelpRequest.request_id == request_id)
            .values(answered_by=by, answered_at=at, resolved=resolved)
        )


def requests(db: Database, camp: str) -> pd.DataFrame:
    """Every question of the camp, oldest first, with who asked and the answer."""
    with db.begin() as conn:
        camp_id = find_camp(conn, camp)
        rows = conn.execute(
            select(
                HelpRequest.request_id,
                Trainee.employee_id,
                Trainee.name,
                HelpRequest.received_at,
                HelpRequest.channel,
                HelpRequest.category,
                HelpRequest.question,
                HelpRequest.answered_by,
                HelpRequest.answered_at,
                HelpRequest.resolved,
            )
            .join(Trainee, Trainee.trainee_id == HelpRequest.trainee_id)
            .where(HelpRequest.camp_id == camp_id)
            .order_by(HelpRequest.received_at, HelpRequest.request_id)
        ).all()
    columns = [
        "request_id", "employee_id", "name", "received_at", "channel", "category", "question",
        "answered_by", "answered_at", "resolved",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["received_at"] = pd.to_datetime(frame["received_at"])
    frame["answered_at"] = pd.to_datetime(frame["answered_at"])
    return frame


@dataclasses.dataclass(frozen=True, eq=False)
class HelpSummary:
    """What a camp's help desk heard.

    ``by_hour``: questions per weekday (rows, Mon = 0) and hour (columns) of the service
    window. ``categories``: per category, questions, share and how many are open, most
    first. ``open``: the questions not yet resolved. ``median_minutes``: the median wait from
    question to answer (answered ones). ``outside_window``: questions that came in while the
    desk was closed.
    """

    camp: str
    total: int
    by_hour: pd.DataFrame
    categories: pd.DataFrame
    open: pd.DataFrame
    median_minutes: float
    outside_window: int

    @property
    def note(self) -> str:
        """How the summary counts."""
        return (
            f"service window {OPENS:%H:%M}–{CLOSES:%H:%M} every day; wait = answered − "
            f"received, median over answered questions; open = not resolved; camp {self.camp}"
        )


def summarise(db: Database, camp: str) -> HelpSummary:
    """Volume by hour and weekday, time to answer, open questions and top categories.

    Raises
    ------
    MissingEntry
        There is no such camp.
    """
    frame = requests(db, camp)
    hours = list(range(OPENS.hour, CLOSES.hour))
    received = frame["received_at"]
    inside = (received.dt.time >= OPENS) & (received.dt.time < CLOSES)
    by_hour = (
        pd.crosstab(received[inside].dt.weekday, received[inside].dt.hour)
        .reindex(index=range(7), columns=hours, fill_value=0)
        .rename_axis(index="weekday", columns="hour")
    )
    answered = frame[frame["answered_at"].notna()]
    waits = (answered["answered_at"] - answered["received_at"]).dt.total_seconds() / 60
    total = len(frame)
    counts = frame.groupby("category").agg(
        questions=("request_id", "size"), open=("resolved", lambda r: int((~r.astype(bool)).sum()))
    )
    counts["share"] = counts["questions"] / total if total else np.nan
    counts = counts.sort_values(["questions", "open"], ascending=False).reset_index()
    return HelpSummary(
        camp=camp,
        total=total,
        by_hour=by_hour,
        categories=counts[["category", "questions", "share", "open"]],
        open=frame[~frame["resolved"].astype(bool)].reset_index(drop=True),
        median_minutes=float(waits.median()) if len(waits) else float("nan"),
        outside_window=int((~inside).sum()),
    )


# --- a deterministic history for a camp's first six weeks --------------------------------------

_QUESTIONS: dict[str, tuple[str, ...]] = {
    "login": ("登录时提示密码过期，怎么重置？", "笔记本连不上公司网络，能离线录入吗？"),
    "master_data": (
        "医生换了科室，要新建还是更正原来的记录？",
        "系统提示医生可能重复，名字只差一个字，要保存吗？",
        "医院改名了，怎么更新医院名称？",
    ),
    "calls": (
        "昨天的拜访忘了录，现在补录日期填哪天？",
        "协访的同事在系统里找不到，怎么选？",
        "拜访里要选几个产品？关键信息写什么？",
    ),
    "plans": ("周计划提交后还能改吗？", "周计划被经理退回了，在哪里看意见？"),
    "events": ("同一位医生别的代表已经邀请了，我还能邀请吗？",),
    "quality": ("医生手机号不知道，可以空着吗？",),
    "other": ("报销单在哪里填？",),
}
_CATEGORY_WEIGHT = {"login": 1.0, "master_data": 3.0, "calls": 4.0, "plans": 2.0,
                    "events": 1.0, "quality": 1.5, "other": 0.5}  # fmt: skip
#: when in the day questions come in: before the day's calls, and in the evening at home
_HOUR_WEIGHT = {8: 1.0, 9: 3.0, 10: 2.0, 11: 1.5, 12: 1.0, 13: 1.0, 14: 1.0, 15: 1.0,
                16: 1.0, 17: 1.5, 18: 2.0, 19: 3.0, 20: 3.0, 21: 2.0}  # fmt: skip


def sample_help_desk(
    db: Database, camp: str, *, starts_on: dt.date, seed: int = 0, weeks: int = 6
) -> int:
    """Fill the help desk of ``camp`` with a deterministic history of ``weeks`` weeks.

    Questions are many in the first week after the camp and fewer each week after; most
    come before the day's calls and in the evening; calls and customer master data lead the
    categories; most are answered within the hour, a few the next day, and a few stay open.
    Returns how many questions were written.
    """
    rng = np.random.default_rng(seed)
    with db.begin() as conn:
        camp_id = find_camp(conn, camp)
        trainees = [
            int(t)
            for t in conn.scalars(
                select(Trainee.trainee_id)
                .where(Trainee.camp_id == camp_id)
                .order_by(Trainee.employee_id)
            )
        ]
        if not trainees:
            raise MissingEntry(key="error.helpdesk.no_trainees", camp=camp)
        categories = list(_CATEGORY_WEIGHT)
        weights = np.array([_CATEGORY_WEIGHT[k] for k in categories])
        hours = list(_HOUR_WEIGHT)
        hour_weights = np.array([_HOUR_WEIGHT[h] for h in hours])
        rows: list[dict[str, object]] = []
        for day in range(weeks * 7):
            expected = max(0.5, 2.2 * len(trainees) / 10 * 0.7 ** (day // 7))
            for _ in range(int(rng.poisson(expected))):
                hour = int(rng.choice(hours, p=hour_weights / hour_weights.sum()))
                minute = int(rng.integers(30 if hour == 8 else 0, 60))
                received = dt.datetime.combine(
                    starts_on + dt.timedelta(days=day), dt.time(hour, minute)
                )
                category = str(rng.choice(categories, p=weights / weights.sum()))
                texts = _QUESTIONS[category]
                wait = float(rng.lognormal(np.log(20), 0.9))  # minutes; median about 20
                answered_at = received + dt.timedelta(minutes=round(wait))
                still_open = rng.random() < 0.04
                closes = dt.datetime.combine(received.date(), CLOSES)
                if answered_at > closes:  # the desk has closed: the answer comes next morning
                    answered_at = dt.datetime.combine(
                        received.date() + dt.timedelta(days=1), OPENS
                    ) + dt.timedelta(minutes=int(rng.integers(0, 90)))
                rows.append(
                    {
                        "uuid": str(
                            uuidlib.UUID(int=int(rng.integers(0, 2**63)) << 64 | len(rows))
                        ),
                        "camp_id": camp_id,
                        "trainee_id": trainees[int(rng.integers(0, len(trainees)))],
                        "received_at": received,
                        "channel": str(rng.choice(CHANNELS, p=[0.5, 0.35, 0.1, 0.05])),
                        "question": texts[int(rng.integers(0, len(texts)))],
                        "category": category,
                        "answered_by": None if still_open else "帮助台 Help desk",
                        "answered_at": None if still_open else answered_at,
                        "resolved": not still_open,
                    }
                )
        if rows:
            conn.execute(insert(HelpRequest), rows)
    return len(rows)
