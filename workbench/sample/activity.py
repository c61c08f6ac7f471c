"""Field activity: calls with products discussed, weekly plans, academic events, invitations.

Calls follow each doctor's key-customer tier (A about twice a month, C every other month);
a few rep-doctor pairs are over-visited (more than 8 a month). Plans are what reps planned
each week: the calls they made, plus calls planned and not made, plus each week a handful
of doctors that a second rep also planned (the conflicts a manager finds on Monday).

Each call has the time its report was entered: most reps enter their calls the same day or
the next, a few are habitually late (a week or more). The entry times come from a random
stream of their own, so adding them changed nothing else in the world.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.sample._context import Context, as_dates, weekday
from workbench.sample.reference import (
    EVENT_KINDS,
    NEXT_STEPS,
    PRODUCTS,
    RETURN_COMMENTS,
    TIER_WEIGHT,
)

__all__ = ["build_activity"]

CALL_RATE = {1: 1.8, 2: 1.0, 3: 0.45}  # calls a month by tier
OVER_VISIT_SHARE = 0.008
OVER_VISIT_RATE = 10.0
JOINT_SHARE = 0.04
SECOND_PRODUCT_SHARE = 0.35
UNREALISED_PLAN_SHARE = 0.08
LATE_REP_SHARE = 0.15  # reps who habitually enter their calls a week or more late
ON_TIME_LAG = (0.55, 0.30, 0.10, 0.03, 0.02)  # chance of entering 0, 1, 2, 3, 4 days later


def build_activity(ctx: Context) -> None:
    """Add the calls and their products, plans and their items, events and invitations."""
    _calls(ctx)
    _plans(ctx)
    _events(ctx)


def _month_start(days: np.ndarray) -> np.ndarray:
    return as_dates(days).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _calls(ctx: Context) -> None:
    rng = ctx.rng
    a = ctx.aux["assignment_days"]
    tier = ctx.aux["doctor_tier"][a["doctor_id"].to_numpy() - 1]
    rate = np.vectorize(CALL_RATE.get)(tier).astype(float)
    over = (tier <= 2) & (rng.random(len(a)) < OVER_VISIT_SHARE)
    rate[over] = OVER_VISIT_RATE

    start = a["start_on"].to_numpy()
    end = a["end_on"].to_numpy()
    m0 = as_dates(start).astype("datetime64[M]").astype(np.int64)
    m1 = as_dates(end).astype("datetime64[M]").astype(np.int64)
    months = m1 - m0 + 1
    row = np.repeat(np.arange(len(a)), months)
    month = m0[row] + (np.arange(len(row)) - np.repeat(np.cumsum(months) - months, months))
    ms = month.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    me = (month + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - 1
    lo = np.maximum(start[row], ms)
    hi = np.minimum(end[row], me)
    n = rng.poisson(rate[row] * (hi - lo + 1) / (me - ms + 1))

    call_row = np.repeat(row, n)
    clo, chi = np.repeat(lo, n), np.repeat(hi, n)
    d = clo + (rng.random(len(call_row)) * (chi - clo + 1)).astype(np.int64)
    wd = weekday(d)
    d = np.where(wd == 5, np.where(d - 1 >= clo, d - 1, d + 2), d)
    d = np.where(wd == 6, np.where(d + 1 <= chi, d + 1, d - 2), d)
    keep = (d >= clo) & (d <= chi) & (weekday(d) < 5)
    calls = pd.DataFrame(
        {
            "rep_id": a["rep_id"].to_numpy()[call_row[keep]],
            "doctor_id": a["doctor_id"].to_numpy()[call_row[keep]],
            "day": d[keep],
        }
    )
    calls = calls.drop_duplicates().sort_values(["day", "rep_id", "doctor_id"], kind="stable")
    calls = calls.reset_index(drop=True)
    n_calls = len(calls)

    managers = ctx.tables["rep"].set_index("rep_id")["manager_id"]
    joint = rng.random(n_calls) < JOINT_SHARE
    joint_rep = managers.reindex(calls["rep_id"]).to_numpy()
    steps = np.array(NEXT_STEPS, dtype=object)[rng.integers(0, len(NEXT_STEPS), n_calls)]
    steps[rng.random(n_calls) < 0.3] = None
    ctx.tables["call"] = pd.DataFrame(
        {
            "call_id": np.arange(1, n_calls + 1),
            "rep_id": calls["rep_id"].to_numpy(),
            "doctor_id": calls["doctor_id"].to_numpy(),
            "call_date": as_dates(calls["day"].to_numpy()),
            "joint_visit": joint,
            "joint_rep_id": pd.array(np.where(joint, joint_rep, pd.NA), dtype="Int64"),
            "next_step": steps,
            "entered_at": _entered_at(ctx, calls["rep_id"].to_numpy(), calls["day"].to_numpy()),
        }
    )

    doctor = calls["doctor_id"].to_numpy() - 1
    first = ctx.aux["doctor_product"][doctor]
    second = ctx.aux["doctor_second_product"][doctor]
    with_second = (second > 0) & (rng.random(n_calls) < SECOND_PRODUCT_SHARE)
    call_id = np.concatenate([np.arange(1, n_calls + 1), np.flatnonzero(with_second) + 1])
    product = np.concatenate([first, second[with_second]])
    order = np.lexsort((product, call_id))
    call_id, product = call_id[order], product[order]
    messages = np.array([m for p in PRODUCTS for m in p.messages], dtype=object)
    pick = rng.integers(0, 3, len(call_id))
    ctx.tables["call_product"] = pd.DataFrame(
        {
            "call_id": call_id,
            "product_id": product,
            "key_message": messages[(product - 1) * 3 + pick],
        }
    )
    ctx.aux["call_days"] = calls["day"].to_numpy()


def _entered_at(ctx: Context, rep: np.ndarray, day: np.ndarray) -> np.ndarray:
    """When each call was entered (UTC): days after the call, in the (Beijing) evening.

    Drawn from the ``call entry`` stream, never from the world's main generator. A late rep
    enters most calls 7 to 14 days after the visit; the others within a few days. No call is
    entered after its rep left.
    """
    rng = ctx.stream("call entry")
    reps = ctx.tables["rep"]
    late_rep = rng.random(int(reps["rep_id"].max()) + 1) < LATE_REP_SHARE
    n = len(day)
    lag = rng.choice(len(ON_TIME_LAG), size=n, p=ON_TIME_LAG)
    late = late_rep[rep] & (rng.random(n) < 0.85)
    lag = np.where(late, rng.integers(7, 15, n), lag)
    left = reps.set_index("rep_id")["left_on"].reindex(rep).to_numpy()
    left_day = np.where(pd.isna(left), np.iinfo(np.int64).max, _days(left))
    entered_day = np.maximum(day, np.minimum(day + lag, left_day))
    minute = rng.integers(9 * 60, 15 * 60, n)  # 17:00-22:59 in Beijing
    entered: np.ndarray = (
        as_dates(entered_day).astype("datetime64[m]") + minute.astype("timedelta64[m]")
    ).astype("datetime64[us]")
    return entered


def _days(values: np.ndarray) -> np.ndarray:
    """Dates (``NaT`` allowed) as days since 1970-01-01; ``NaT`` becomes 0."""
    dates = pd.to_datetime(pd.Series(values)).dt.normalize()
    days: np.ndarray = (dates - pd.Timestamp(0)).dt.days.fillna(0).to_numpy(dtype=np.int64)
    return days


def _plans(ctx: Context) -> None:
    rng, scale = ctx.rng, ctx.scale
    calls = ctx.tables["call"]
    reps = ctx.tables["rep"]
    day = ctx.aux["call_days"]
    rep = calls["rep_id"].to_numpy()
    doctor = calls["doctor_id"].to_numpy()

    # Planned and made, plus planned again the week after and not made.
    again = np.flatnonzero(rng.random(len(day)) < UNREALISED_PLAN_SHARE)
    left = reps.set_index("rep_id")["left_on"].reindex(rep[again]).to_numpy()
    left_day = np.where(pd.isna(left), ctx.end, left.astype("datetime64[D]").astype(np.int64))
    ok = day[again] + 7 <= np.minimum(left_day, ctx.end)
    items = pd.DataFrame(
        {
            "rep_id": np.concatenate([rep, rep[again][ok]]),
            "doctor_id": np.concatenate([doctor, doctor[again][ok]]),
            "day": np.concatenate([day, day[again][ok] + 7]),
        }
    )
    items["week"] = items["day"] - weekday(items["day"].to_numpy())

    # Conflicts: each week a handful of doctors also planned by another rep of the city.
    rep_city = reps.set_index("rep_id")["city_id"]
    items["city"] = rep_city.reindex(items["rep_id"]).to_numpy()
    extra = []
    for week, group in items.groupby("week", sort=True):
        k = max(1, int(rng.poisson(scale.conflicts_per_week)))
        plans_this_week = group.drop_duplicates("rep_id")[["rep_id", "city"]]
        picks = group.iloc[rng.choice(len(group), size=min(k, len(group)), replace=False)]
        for item in picks.itertuples(index=False):
            others = plans_this_week["rep_id"].to_numpy()[
                (plans_this_week["city"].to_numpy() == item.city)
                & (plans_this_week["rep_id"].to_numpy() != item.rep_id)
            ]
            if len(others):
                extra.append((int(rng.choice(others)), item.doctor_id, item.day, week, item.city))
    if extra:
        items = pd.concat([items, pd.DataFrame(extra, columns=items.columns)], ignore_index=True)
    items = items.drop_duplicates(["rep_id", "doctor_id", "day"])

    managers = ctx.tables["rep"].set_index("rep_id")["manager_id"]
    plans = items[["rep_id", "week"]].drop_duplicates().sort_values(["week", "rep_id"])
    plans = plans.reset_index(drop=True)
    plans["plan_id"] = np.arange(1, len(plans) + 1)
    n = len(plans)
    week = plans["week"].to_numpy()
    closed = week <= ctx.end - 7
    u = rng.random(n)
    status = np.where(
        closed,
        np.where(u < 0.88, "approved", np.where(u < 0.95, "returned", "submitted")),
        np.where(u < 0.6, "submitted", "draft"),
    )
    minute = 60_000_000  # microseconds
    submitted = (week - 3).astype("datetime64[D]").astype("datetime64[us]") + (
        (16 * 60 + rng.integers(0, 180, n)) * minute
    ).astype("timedelta64[us]")
    reviewed = week.astype("datetime64[D]").astype("datetime64[us]") + (
        (8 * 60 + 30 + rng.integers(0, 210, n)) * minute
    ).astype("timedelta64[us]")
    comment = np.array(RETURN_COMMENTS, dtype=object)[rng.integers(0, len(RETURN_COMMENTS), n)]
    comment[status != "returned"] = None
    ctx.tables["plan"] = pd.DataFrame(
        {
            "plan_id": plans["plan_id"].to_numpy(),
            "rep_id": plans["rep_id"].to_numpy(),
            "week_start": as_dates(week),
            "status": status,
            "submitted_at": np.where(status == "draft", np.datetime64("NaT"), submitted),
            "reviewed_at": np.where(
                np.isin(status, ["approved", "returned"]), reviewed, np.datetime64("NaT")
            ).astype("datetime64[us]"),
            "manager_comment": comment,
            # the rep's manager decided (no random draw: the rest of the world is unchanged)
            "reviewed_by": pd.array(
                np.where(
                    np.isin(status, ["approved", "returned"]),
                    managers.reindex(plans["rep_id"]).to_numpy(dtype=float, na_value=np.nan),
                    np.nan,
                ),
                dtype="Int64",
            ),
        }
    )

    items = items.merge(plans, on=["rep_id", "week"]).sort_values(
        ["plan_id", "day", "doctor_id"], kind="stable"
    )
    ctx.tables["plan_item"] = pd.DataFrame(
        {
            "plan_item_id": np.arange(1, len(items) + 1),
            "plan_id": items["plan_id"].to_numpy(),
            "doctor_id": items["doctor_id"].to_numpy(),
            "planned_on": as_dates(items["day"].to_numpy()),
            "product_id": ctx.aux["doctor_product"][items["doctor_id"].to_numpy() - 1],
        }
    )


def _events(ctx: Context) -> None:
    rng, scale = ctx.rng, ctx.scale
    cities = ctx.tables["city"]
    a = ctx.aux["assignment_days"]
    doctor_city = ctx.tables["hospital"]["city_id"].to_numpy()[ctx.aux["doctor_hospital"] - 1]
    a = a.assign(city=doctor_city[a["doctor_id"].to_numpy() - 1])
    a_by_city = dict(tuple(a.groupby("city")))
    specialty = ctx.tables["doctor"]["specialty"].to_numpy()
    product_weight = np.array([p.weight for p in PRODUCTS])

    months = np.arange(
        np.datetime64(scale.start, "M").astype(np.int64),
        np.datetime64(scale.end, "M").astype(np.int64) + 1,
    )
    events: list[tuple[int, str, int, int, int, int]] = []
    invitations: list[tuple[int, int, int, int, int]] = []
    for _region_id, region_cities in cities.groupby("region_id", sort=True):
        w = region_cities["tier"].map(TIER_WEIGHT).to_numpy()
        for m in months:
            ms = np.datetime64(int(m), "M").astype("datetime64[D]").astype(np.int64)
            me = np.datetime64(int(m) + 1, "M").astype("datetime64[D]").astype(np.int64) - 1
            for _ in range(int(rng.poisson(scale.events_per_region_month))):
                city = int(region_cities["city_id"].to_numpy()[rng.choice(len(w), p=w / w.sum())])
                product = int(rng.choice(len(PRODUCTS), p=product_weight / product_weight.sum()))
                kind = EVENT_KINDS[int(rng.integers(0, len(EVENT_KINDS)))]
                held = int(rng.integers(ms, me + 1))
                capacity = int(rng.choice([30, 50, 80, 120, 200]))
                event_id = len(events) + 1
                city_name = cities["name"].to_numpy()[city - 1]
                events.append(
                    (
                        event_id,
                        f"{city_name}{PRODUCTS[product].name}{kind[0]}",
                        city,
                        product + 1,
                        held,
                        capacity,
                    )
                )
                invitations += _invite(
                    ctx, a_by_city.get(city), specialty, event_id, product, held, capacity
                )
    ev = pd.DataFrame(
        events, columns=["event_id", "name", "city_id", "product_id", "held", "capacity"]
    )
    ctx.tables["event"] = pd.DataFrame(
        {
            "event_id": ev["event_id"].to_numpy(),
            "name": ev["name"].to_numpy(),
            "city_id": ev["city_id"].to_numpy(),
            "product_id": ev["product_id"].to_numpy(),
            "held_on": as_dates(ev["held"].to_numpy()),
            "capacity": ev["capacity"].to_numpy(),
        }
    )
    inv = pd.DataFrame(invitations, columns=["event_id", "doctor_id", "rep_id", "day", "held"])
    inv = inv.sort_values(["day", "event_id", "doctor_id", "rep_id"], kind="stable")
    inv = inv.reset_index(drop=True)
    u = rng.random(len(inv))
    past = inv["held"].to_numpy() < ctx.end
    status = np.where(
        past,
        np.select([u < 0.55, u < 0.70, u < 0.80], ["attended", "declined", "accepted"], "invited"),
        np.select([u < 0.35, u < 0.50], ["accepted", "declined"], "invited"),
    )
    ctx.tables["invitation"] = pd.DataFrame(
        {
            "invitation_id": np.arange(1, len(inv) + 1),
            "event_id": inv["event_id"].to_numpy(),
            "doctor_id": inv["doctor_id"].to_numpy(),
            "rep_id": inv["rep_id"].to_numpy(),
            "invited_on": as_dates(inv["day"].to_numpy()),
            "status": status,
        }
    )


def _invite(
    ctx: Context,
    owners: pd.DataFrame | None,
    specialty: np.ndarray,
    event_id: int,
    product: int,
    held: int,
    capacity: int,
) -> list[tuple[int, int, int, int, int]]:
    """Invitations by the doctors' owners on the day they invite; some doctors twice."""
    if owners is None:
        return []
    rng = ctx.rng
    invited_on = held - int(rng.integers(7, 22))
    active = owners[(owners["start_on"] <= invited_on) & (owners["end_on"] >= invited_on)]
    relevant = np.isin(specialty[active["doctor_id"].to_numpy() - 1], PRODUCTS[product].specialties)
    pool = active[relevant] if relevant.sum() >= 10 else active
    if pool.empty:
        return []
    k = min(len(pool), int(capacity * rng.uniform(0.6, 1.0)))
    chosen = pool.iloc[rng.choice(len(pool), size=k, replace=False)]
    rows = [
        (event_id, int(d), int(r), invited_on, held)
        for d, r in zip(chosen["doctor_id"], chosen["rep_id"], strict=True)
    ]
    reps = chosen["rep_id"].unique()
    if len(reps) > 1:
        for j in np.flatnonzero(rng.random(k) < 0.03).tolist():
            other = reps[reps != rows[j][2]]
            rows.append(
                (
                    event_id,
                    rows[j][1],
                    int(rng.choice(other)),
                    invited_on + int(rng.integers(0, 4)),
                    held,
                )
            )
    return rows
