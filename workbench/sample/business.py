"""Business: dealers, sales lines, and doctors' potential and prescribing by quarter.

Sales are shaped after the Roche case's key-customer figures: hospital value falls off with the
hospital's size rank as ``(rank + 5) ** -a``, with ``a`` solved so that the top-N hospitals
carry the target share (68% in 270 hospitals in the first year; 80% in 200 later), and the
yearly total grows by ``scale.growth``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from workbench.sample._context import Context, allocate, as_dates, day
from workbench.sample.reference import DEALER_WORDS, PRODUCTS

__all__ = ["build_business", "rank_weights"]

RANK_OFFSET = 5.0
ANNUAL_VALUE = 6.0e9  # yuan, national first year, before multiplying
ADOPTION_SHARE = np.array([0.0, 0.0, 0.05, 0.15, 0.35, 0.60])  # by stage 1-5


def build_business(ctx: Context) -> None:
    """Add the dealers, the sales lines, and the doctors' potential and prescribing."""
    _dealers(ctx)
    _sales(ctx)
    _potential(ctx)


def rank_weights(n: int, top: int, share: float) -> np.ndarray:
    """Weights by size rank 0..n-1, decreasing, whose top ``top`` sum to ``share`` of all."""
    ranks = np.arange(n) + RANK_OFFSET
    if top >= n:
        return np.ones(n) / n

    def top_share(a: float) -> float:
        w = ranks**-a
        return float(w[:top].sum() / w.sum())

    lo, hi = 0.0, 8.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if top_share(mid) < share else (lo, mid)
    w: np.ndarray = ranks ** -((lo + hi) / 2)
    return w / float(w.sum())


def _dealers(ctx: Context) -> None:
    cities = ctx.tables["city"]
    rows = []
    for city in cities.itertuples(index=False):
        n = ctx.scale.dealers_per_city * (2 if city.tier == 1 else 1)
        for k in range(n):
            word, _ = DEALER_WORDS[k % len(DEALER_WORDS)]
            branch = "" if k < len(DEALER_WORDS) else f"第{k // len(DEALER_WORDS) + 1}分公司"
            rows.append((f"{city.name}{word}医药有限公司{branch}", city.city_id))
    ctx.tables["dealer"] = pd.DataFrame(
        {
            "dealer_id": np.arange(1, len(rows) + 1),
            "name": [r[0] for r in rows],
            "city_id": [r[1] for r in rows],
        }
    )


def _sales(ctx: Context) -> None:
    rng, scale = ctx.rng, ctx.scale
    hospitals = ctx.tables["hospital"]
    dealers = ctx.tables["dealer"]
    n_h = len(hospitals)
    rank = ctx.aux["hospital_rank"]
    (k1, s1), (k2, s2) = scale.key_accounts

    # Product mix: big (grade 3) hospitals buy more specialty products, small ones more OTC.
    price = np.array([p.unit_price for p in PRODUCTS])
    base = np.array([p.weight for p in PRODUCTS])
    line = np.array([p.line for p in PRODUCTS])
    big_mix = base * np.select([line == "specialty", line == "otc"], [1.5, 0.5], 1.0)
    small_mix = base * np.select([line == "specialty", line == "otc"], [0.3, 2.0], 1.0)
    big = hospitals["grade"].str.startswith("3").to_numpy()

    dealer_city = dealers["city_id"].to_numpy()  # dealers are ordered by city
    dealer_count = np.bincount(dealer_city, minlength=int(dealer_city.max()) + 1)
    dealer_first = np.concatenate([[0], np.cumsum(dealer_count)[:-1]])
    hospital_city = hospitals["city_id"].to_numpy()

    frames = []
    for k, year in enumerate(range(scale.start.year, scale.end.year + 1)):
        ys = max(ctx.start, day(dt.date(year, 1, 1)))
        ye = min(ctx.end, day(dt.date(year, 12, 31)))
        fraction = (ye - ys + 1) / (day(dt.date(year, 12, 31)) - day(dt.date(year, 1, 1)) + 1)
        top, share = (k1, s1) if k == 0 else (k2, s2)
        w = rank_weights(n_h, top, share)[rank]
        value = ANNUAL_VALUE * scale.hospitals / 3000 * (1 + scale.growth) ** k * fraction * w
        lines = allocate(int(scale.sales_lines_per_year * fraction), w**0.6, minimum=2)
        h = np.repeat(np.arange(n_h), lines)
        target = (value / lines)[h] * rng.lognormal(-0.08, 0.4, len(h))
        product = np.where(
            big[h],
            rng.choice(len(PRODUCTS), len(h), p=big_mix / big_mix.sum()),
            rng.choice(len(PRODUCTS), len(h), p=small_mix / small_mix.sum()),
        )
        # Stochastic rounding keeps each hospital's expected value exact; a line that
        # rounds to nothing is not a sale.
        units = target / price[product]
        quantity = np.floor(units + rng.random(len(h))).astype(np.int64)
        # Each city's first dealer carries half its lines, the others share the rest.
        city = hospital_city[h]
        n_d, first_d = dealer_count[city], dealer_first[city]
        u = rng.random(len(h))
        dealer = first_d + np.where(
            (u < 0.5) | (n_d == 1), 0, 1 + ((u - 0.5) * 2 * (n_d - 1)).astype(np.int64)
        )
        frames.append(
            pd.DataFrame(
                {
                    "hospital_id": h + 1,
                    "product_id": product + 1,
                    "dealer_id": dealer + 1,
                    "day": ys + (rng.random(len(h)) * (ye - ys + 1)).astype(np.int64),
                    "quantity": quantity,
                    "amount": np.round(quantity * price[product], 2),
                    "lot": rng.integers(1, 100, len(h)),
                }
            )
        )
    sales = pd.concat(frames, ignore_index=True)
    sales = sales[sales["quantity"] > 0].sort_values(
        ["day", "hospital_id", "product_id", "dealer_id"], kind="stable", ignore_index=True
    )
    month = as_dates(sales["day"].to_numpy()).astype("datetime64[M]").astype(str)
    batch = [
        f"P{p:02d}-{m[2:4]}{m[5:7]}-{lot:02d}"
        for p, m, lot in zip(
            sales["product_id"].tolist(), month.tolist(), sales["lot"].tolist(), strict=True
        )
    ]
    ctx.tables["sale"] = pd.DataFrame(
        {
            "sale_id": np.arange(1, len(sales) + 1),
            "hospital_id": sales["hospital_id"].to_numpy(),
            "product_id": sales["product_id"].to_numpy(),
            "dealer_id": sales["dealer_id"].to_numpy(),
            "sale_date": as_dates(sales["day"].to_numpy()),
            "batch": batch,
            "quantity": sales["quantity"].to_numpy(),
            "amount": sales["amount"].to_numpy(),
        }
    )


def _potential(ctx: Context) -> None:
    """Potential, prescriptions and adoption stage per target doctor and quarter."""
    rng = ctx.rng
    tier = ctx.aux["doctor_tier"]
    covered = ctx.aux["doctor_position"] >= 0
    targets = np.flatnonzero(tier > 0)
    n = len(targets)
    score = ctx.aux["doctor_score"][targets]
    base = 10 * rng.lognormal(1.2 + 0.4 * (score - score.mean()), 0.5)
    stage_p = {
        1: [0.0, 0.1, 0.3, 0.4, 0.2],
        2: [0.1, 0.3, 0.35, 0.2, 0.05],
        3: [0.3, 0.35, 0.25, 0.08, 0.02],
    }
    stage = np.empty(n, dtype=np.int64)
    for t, p in stage_p.items():
        mask = tier[targets] == t
        stage[mask] = rng.choice(np.arange(1, 6), mask.sum(), p=p)
    quarters = pd.date_range(ctx.scale.start, ctx.scale.end, freq="QS").date
    if len(quarters) == 0 or quarters[0] > ctx.scale.start:
        quarters = [
            dt.date(ctx.scale.start.year, 3 * ((ctx.scale.start.month - 1) // 3) + 1, 1),
            *quarters,
        ]
    frames = []
    for q, start in enumerate(quarters):
        if q:
            u = rng.random(n)
            up = np.where(covered[targets], 0.12, 0.02)
            down = np.where(covered[targets], 0.03, 0.08)
            stage = np.clip(stage + (u < up) - ((u >= up) & (u < up + down)), 1, 5)
        potential = np.round(base * (1 + 0.02 * q) * rng.uniform(0.9, 1.1, n)).astype(np.int64)
        rx = np.round(potential * ADOPTION_SHARE[stage] * rng.uniform(0.8, 1.2, n))
        frames.append(
            pd.DataFrame(
                {
                    "doctor_id": targets + 1,
                    "product_id": ctx.aux["doctor_product"][targets],
                    "period_start": np.datetime64(start, "D"),
                    "potential": potential,
                    "prescriptions": rx.astype(np.int64),
                    "adoption": stage,
                }
            )
        )
    ctx.tables["potential"] = pd.concat(frames, ignore_index=True).sort_values(
        ["doctor_id", "product_id", "period_start"], kind="stable", ignore_index=True
    )
