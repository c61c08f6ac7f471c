"""What a camp's trainees do at work in the six weeks after it: a deterministic story.

The reps of a camp's roster join the sample world the week of the camp (each with their
employee id, in the world's first city, under one of its managers, with a territory of
doctors), then enter their calls week after week. Most are on track (calls entered within a
day or two, complete); some enter late (three to six days after the visit); some leave key
fields empty; one stops after the second week. Each call is entered as the entry layer
would: with its row in the audit trail at the moment it was entered, which is how the
follow-up measures the days from visit to entry. The same roster, start and seed always
give the same story.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import numpy as np
from pypinyin import lazy_pinyin
from sqlalchemy import insert, select

from workbench.db.engine import Database
from workbench.db.models import (
    Assignment,
    Audit,
    Call,
    CallProduct,
    City,
    Doctor,
    Product,
    Rep,
)
from workbench.errors import MissingEntry, StoreNotEmpty

__all__ = ["PROFILES", "load_camp_story"]

#: how each trainee behaves, by their place on the roster (the rest are on track)
PROFILES = {1: "late", 3: "incomplete", 5: "stops", 8: "late"}

_MESSAGES = ("疗效数据", "安全性", "用法用量", "医保政策", "患者教育")
_STEPS = ("下周送资料", "约科室会", "跟进处方反馈", "邀请参加学术会议")


def _pinyin(name: str) -> str:
    syllables = lazy_pinyin(name)
    surname, given = syllables[0], "".join(syllables[1:])
    return f"{surname.capitalize()} {given.capitalize()}".strip()


def load_camp_story(
    db: Database,
    trainees: Sequence[tuple[str, str]],
    *,
    starts_on: dt.date,
    weeks: int = 6,
    seed: int = 0,
) -> dict[str, str]:
    """Add the camp's trainees to the world in ``db`` and their first ``weeks`` weeks.

    Parameters
    ----------
    db
        The store holding the sample world (the reps' production store).
    trainees
        ``(employee_id, name)`` of each trainee, in roster order.
    starts_on
        The first day at work after the camp (week 1 starts then).
    weeks, seed
        How long the story runs, and which story it is.

    Returns
    -------
    dict
        Each employee id's profile: ``on track``, ``late``, ``incomplete`` or ``stops``.

    Raises
    ------
    StoreNotEmpty
        A rep with one of these employee ids is already in the store.
    MissingEntry
        The store holds no sample world (no city, manager, doctor or product).
    """
    rng = np.random.default_rng(seed)
    profiles: dict[str, str] = {}
    with db.begin() as conn:
        taken = {
            str(e)
            for e in conn.scalars(
                select(Rep.employee_id).where(Rep.employee_id.in_([e for e, _ in trainees]))
            )
        }
        if taken:
            raise StoreNotEmpty(key="error.sample.story_told", reps=", ".join(sorted(taken)))
        city = conn.execute(select(City.city_id, City.region_id).order_by(City.city_id)).first()
        manager = conn.scalar(
            select(Rep.rep_id).where(Rep.role == "manager").order_by(Rep.rep_id).limit(1)
        )
        doctors = [
            int(d) for d in conn.scalars(select(Doctor.doctor_id).order_by(Doctor.doctor_id))
        ]
        products = [
            int(p) for p in conn.scalars(select(Product.product_id).order_by(Product.product_id))
        ]
        if city is None or manager is None or not doctors or not products:
            raise MissingEntry(key="error.sample.none")
        for place, (employee_id, name) in enumerate(trainees):
            profile = PROFILES.get(place, "on track")
            profiles[employee_id] = profile
            rep_id = conn.execute(
                insert(Rep)
                .values(
                    name=name,
                    name_pinyin=_pinyin(name),
                    role="rep",
                    region_id=city.region_id,
                    city_id=city.city_id,
                    manager_id=manager,
                    hired_on=starts_on - dt.timedelta(days=7),
                    employee_id=employee_id,
                )
                .returning(Rep.rep_id)
            ).scalar_one()
            mine = sorted(rng.choice(doctors, size=min(25, len(doctors)), replace=False).tolist())
            conn.execute(
                insert(Assignment),
                [{"rep_id": rep_id, "doctor_id": d, "start_on": starts_on} for d in mine],
            )
            _calls(conn, rng, rep_id, employee_id, profile, mine, products, starts_on, weeks)
    return profiles


def _calls(
    conn: object,
    rng: np.random.Generator,
    rep_id: int,
    employee_id: str,
    profile: str,
    doctors: list[int],
    products: list[int],
    starts_on: dt.date,
    weeks: int,
) -> None:
    from sqlalchemy.engine import Connection

    assert isinstance(conn, Connection)
    for week in range(weeks):
        if profile == "stops" and week >= 2:
            break
        wanted = int(rng.integers(12, 17)) if week == 0 else int(rng.integers(21, 27))
        for _ in range(wanted):
            day = starts_on + dt.timedelta(days=7 * week + int(rng.integers(0, 5)))
            lag = int(rng.integers(3, 7)) if profile == "late" else int(rng.integers(0, 2))
            entered = dt.datetime.combine(
                day + dt.timedelta(days=lag),
                dt.time(int(rng.integers(17, 22)), int(rng.integers(0, 60))),
            )
            blank = profile == "incomplete" and rng.random() < 0.4
            step = None if blank else str(rng.choice(_STEPS))
            call_id = conn.execute(
                insert(Call)
                .values(
                    rep_id=rep_id,
                    doctor_id=int(rng.choice(doctors)),
                    call_date=day,
                    joint_visit=False,
                    next_step=step,
                    entered_at=entered,
                )
                .returning(Call.call_id)
            ).scalar_one()
            product = int(rng.choice(products))
            message = "" if blank else str(rng.choice(_MESSAGES))
            conn.execute(
                insert(CallProduct).values(call_id=call_id, product_id=product, key_message=message)
            )
            detail = {"call_date": day.isoformat(), "rep_id": rep_id, "next_step": step}
            conn.execute(
                insert(Audit).values(
                    at=entered,
                    actor=f"rep:{employee_id}",
                    action="insert",
                    table_name="call",
                    row_key=str(call_id),
                    detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
                )
            )
