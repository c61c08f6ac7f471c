"""The field force: managers, reps with turnover, and territory history (assignments).

Each rep fills a position in a city; the position owns a set of doctors. When a rep leaves,
the position stays vacant for a while (their doctors orphaned), then a new rep is hired and
takes over most of the doctors; a few are never reassigned (customer information lost).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from workbench.sample._context import Context, allocate, as_dates, day
from workbench.sample.people import make_names

__all__ = ["build_field_force"]

TIER_SHARES = (0.15, 0.30)  # A and B; the rest are C
TITLE_BONUS = {"chief": 1.0, "associate_chief": 0.6, "attending": 0.2, "resident": -0.3}
LOST_AT_HANDOVER = 0.05
REPS_PER_MANAGER = 8


def build_field_force(ctx: Context) -> None:
    """Add the reps and managers and the territory history (assignments)."""
    _tiers(ctx)
    positions = _positions(ctx)
    _reps(ctx, positions)
    _assignments(ctx)


def _tiers(ctx: Context) -> None:
    """Key-customer tiers of the target doctors: 1 = A, 2 = B, 3 = C, 0 = not a target."""
    rng = ctx.rng
    doctors = ctx.tables["doctor"]
    size = ctx.aux["hospital_size"][ctx.aux["doctor_hospital"] - 1]
    score = (
        0.8 * np.log(size)
        + doctors["title"].map(TITLE_BONUS).to_numpy()
        + rng.normal(0, 0.5, len(doctors))
    )
    target = ctx.aux["doctor_product"] > 0
    tier = np.zeros(len(doctors), dtype=np.int64)
    order = np.flatnonzero(target)[np.argsort(-score[target], kind="stable")]
    a, b = (round(s * len(order)) for s in TIER_SHARES)
    tier[order[:a]] = 1
    tier[order[a : a + b]] = 2
    tier[order[a + b :]] = 3
    ctx.aux["doctor_tier"] = tier
    ctx.aux["doctor_score"] = score


def _positions(ctx: Context) -> pd.DataFrame:
    rng, scale = ctx.rng, ctx.scale
    cities = ctx.tables["city"]
    hospital_city = ctx.tables["hospital"]["city_id"].to_numpy()
    doctor_city = hospital_city[ctx.aux["doctor_hospital"] - 1]
    target = ctx.aux["doctor_tier"] > 0
    per_city_targets = np.bincount(doctor_city[target], minlength=len(cities) + 1)[1:]
    per_city = allocate(scale.reps, per_city_targets.astype(float), minimum=1)
    positions = pd.DataFrame({"city_id": np.repeat(cities["city_id"].to_numpy(), per_city)})
    positions["region_id"] = cities["region_id"].to_numpy()[positions["city_id"] - 1]

    # Covered target doctors go to a random position in their city.
    covered = target & (rng.random(len(target)) < scale.coverage)
    first = np.concatenate([[0], np.cumsum(per_city)])  # first position of each city
    c = doctor_city - 1
    owner = np.full(len(target), -1)
    owner[covered] = first[c[covered]] + (rng.random(covered.sum()) * per_city[c[covered]]).astype(
        np.int64
    )
    ctx.aux["doctor_position"] = owner
    return positions


def _reps(ctx: Context, positions: pd.DataFrame) -> None:
    rng, scale = ctx.rng, ctx.scale
    n_pos = len(positions)
    start, end = ctx.start, ctx.end

    # First-line managers: one per REPS_PER_MANAGER positions in a region; they stay.
    region_pos = positions.groupby("region_id").indices
    manager_rows = []
    pos_manager = np.zeros(n_pos, dtype=np.int64)
    for region_id, idx in sorted(region_pos.items()):
        k = max(1, -(-len(idx) // REPS_PER_MANAGER))
        for j in range(k):
            manager_rows.append((region_id, int(positions["city_id"].iloc[idx[j * len(idx) // k]])))
        pos_manager[idx] = len(manager_rows) - k + (np.arange(len(idx)) * k // len(idx)) + 1
    n_mgr = len(manager_rows)

    # Tenures: (position, hired, left); leavers drawn per calendar year at the yearly rate.
    hired = start - rng.integers(60, 2500, n_pos)
    current: list[int | None] = list(range(n_pos))  # index into tenures
    tenures: list[list[int | None]] = [[p, int(h), None] for p, h in enumerate(hired)]
    year = scale.start.year
    while day(dt.date(year, 1, 1)) <= end:
        ys = max(start, day(dt.date(year, 1, 1)))
        ye = min(end, day(dt.date(year, 12, 31)))
        leavers = round(scale.attrition * n_pos * (ye - ys + 1) / 365)
        for p in rng.choice(n_pos, size=min(leavers, n_pos), replace=False).tolist():
            t = current[p]
            if t is None:
                continue
            lo = max(ys, int(tenures[t][1]) + 60)
            if lo > ye:
                continue
            left = int(rng.integers(lo, ye + 1))
            tenures[t][2] = left
            new_hire = left + int(rng.integers(scale.vacancy_days[0], scale.vacancy_days[1] + 1))
            if new_hire <= end:
                tenures.append([p, new_hire, None])
                current[p] = len(tenures) - 1
            else:
                current[p] = None
        year += 1

    t = pd.DataFrame(tenures, columns=["position", "hired", "left"])
    t = t.sort_values(["hired", "position"], kind="stable").reset_index(drop=True)
    t["rep_id"] = np.arange(n_mgr + 1, n_mgr + len(t) + 1)

    genders = np.where(rng.random(n_mgr + len(t)) < 0.5, "F", "M")
    names, pinyin = make_names(rng, genders)
    mgr_hired = start - rng.integers(1500, 5000, n_mgr)
    pos = t["position"].to_numpy()
    left = t["left"].to_numpy(dtype=float)
    reps = pd.DataFrame(
        {
            "rep_id": np.arange(1, n_mgr + len(t) + 1),
            "name": names,
            "name_pinyin": pinyin,
            "role": ["manager"] * n_mgr + ["rep"] * len(t),
            "region_id": np.concatenate(
                [[r for r, _ in manager_rows], positions["region_id"].to_numpy()[pos]]
            ),
            "city_id": np.concatenate(
                [[c for _, c in manager_rows], positions["city_id"].to_numpy()[pos]]
            ),
            "manager_id": pd.array([None] * n_mgr + pos_manager[pos].tolist(), dtype="Int64"),
            "hired_on": as_dates(np.concatenate([mgr_hired, t["hired"].to_numpy()])),
            "left_on": np.concatenate(
                [
                    np.full(n_mgr, np.datetime64("NaT"), dtype="datetime64[D]"),
                    np.where(
                        np.isnan(left),
                        np.datetime64("NaT"),
                        as_dates(np.nan_to_num(left).astype(np.int64)),
                    ),
                ]
            ).astype("datetime64[D]"),
        }
    )
    # the company's employee ids: R and the rep's number, as an HR system would issue them
    reps["employee_id"] = [f"R{n:05d}" for n in reps["rep_id"]]
    ctx.tables["rep"] = reps
    ctx.aux["tenures"] = t
    ctx.aux["position_manager"] = pos_manager


def _assignments(ctx: Context) -> None:
    rng = ctx.rng
    end = ctx.end
    owner = ctx.aux["doctor_position"]
    by_position = (
        pd.Series(np.flatnonzero(owner >= 0) + 1)
        .groupby(owner[owner >= 0])
        .apply(lambda s: s.to_numpy())
    )
    rep_ids, doctor_ids, starts, ends = [], [], [], []
    for p, tenures in ctx.aux["tenures"].groupby("position", sort=True):
        doctors = by_position.get(p, np.array([], dtype=np.int64))
        for k, row in enumerate(tenures.itertuples(index=False)):
            if k > 0 and len(doctors):
                doctors = doctors[rng.random(len(doctors)) >= LOST_AT_HANDOVER]
            s = max(int(row.hired), ctx.start)
            e = -1 if pd.isna(row.left) else int(row.left)
            n = len(doctors)
            rep_ids.append(np.full(n, row.rep_id))
            doctor_ids.append(doctors)
            starts.append(np.full(n, s))
            ends.append(np.full(n, e))
    a = pd.DataFrame(
        {
            "rep_id": np.concatenate(rep_ids),
            "doctor_id": np.concatenate(doctor_ids),
            "start_on": np.concatenate(starts),
            "end_on": np.concatenate(ends),
        }
    ).sort_values(["start_on", "rep_id", "doctor_id"], kind="stable", ignore_index=True)
    ctx.aux["assignment_days"] = a.assign(end_on=np.where(a["end_on"] < 0, end, a["end_on"]))
    ended = a["end_on"].to_numpy() >= 0
    ctx.tables["assignment"] = pd.DataFrame(
        {
            "assignment_id": np.arange(1, len(a) + 1),
            "rep_id": a["rep_id"].to_numpy(),
            "doctor_id": a["doctor_id"].to_numpy(),
            "start_on": as_dates(a["start_on"].to_numpy()),
            "end_on": np.where(
                ended, as_dates(np.maximum(a["end_on"].to_numpy(), 0)), np.datetime64("NaT")
            ).astype("datetime64[D]"),
        }
    )
