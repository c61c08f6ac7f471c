"""Geography and customers: regions, cities, hospitals, departments, doctors, products."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.reference import DEPARTMENTS, GRADES, TITLES
from workbench.sample._context import Context, allocate
from workbench.sample.people import make_names
from workbench.sample.reference import (
    DEPARTMENT_WEIGHT,
    DISTRICTS,
    NUMERALS,
    PRODUCTS,
    REGIONS,
    SPECIAL_HOSPITALS,
    TIER_WEIGHT,
    TITLE_SHARE,
)

__all__ = ["build_customers"]

#: Share of hospitals of each grade.
GRADE_SHARE: dict[str, float] = {
    "3A": 0.12,
    "3B": 0.10,
    "3C": 0.05,
    "2A": 0.20,
    "2B": 0.15,
    "2C": 0.08,
    "1": 0.30,
}


def build_customers(ctx: Context) -> None:
    """Add the regions, cities, hospitals, departments, doctors, affiliations and products."""
    _geography(ctx)
    _hospitals(ctx)
    _departments(ctx)
    _doctors(ctx)
    _affiliations(ctx)
    _products(ctx)


def _geography(ctx: Context) -> None:
    chosen = [r for r in REGIONS if r.code in ctx.scale.regions]
    ctx.tables["region"] = pd.DataFrame(
        {
            "region_id": np.arange(1, len(chosen) + 1),
            "name": [r.name for r in chosen],
            "name_en": [r.name_en for r in chosen],
        }
    )
    rows = [
        (rid, c.name, c.name_en, c.tier, c.area_code)
        for rid, r in enumerate(chosen, start=1)
        for c in r.cities[: ctx.scale.cities_per_region]
    ]
    cities = pd.DataFrame(rows, columns=["region_id", "name", "name_en", "tier", "area_code"])
    cities.insert(0, "city_id", np.arange(1, len(cities) + 1))
    ctx.aux["area_code"] = cities["area_code"].to_numpy()
    ctx.tables["city"] = cities.drop(columns="area_code")


def _hospital_names(city: str, city_en: str, n: int) -> tuple[list[str], list[str]]:
    """``n`` distinct hospital names for a city, the largest hospitals first."""
    names: list[str] = []
    english: list[str] = []
    for i in range(min(n, len(NUMERALS))):
        names.append(f"{city}市第{NUMERALS[i]}人民医院")
        english.append(f"{city_en} No.{i + 1} People's Hospital")
    for zh, en in SPECIAL_HOSPITALS:
        names.append(f"{city}市{zh}")
        english.append(f"{city_en} {en}")
    for zh, en in DISTRICTS:
        names.append(f"{city}市{zh}区人民医院")
        english.append(f"{city_en} {en} District People's Hospital")
    for zh, en in DISTRICTS:
        names.append(f"{city}市{zh}区中医医院")
        english.append(f"{city_en} {en} District TCM Hospital")
    k = 1
    while len(names) < n:
        names.append(f"{city}市第{k}社区卫生服务中心")
        english.append(f"{city_en} Community Health Centre No.{k}")
        k += 1
    return names[:n], english[:n]


def _hospitals(ctx: Context) -> None:
    rng, scale = ctx.rng, ctx.scale
    cities = ctx.tables["city"]
    city_weight = cities["tier"].map(TIER_WEIGHT).to_numpy()
    per_city = allocate(scale.hospitals, city_weight, minimum=1)
    city_of = np.repeat(cities["city_id"].to_numpy(), per_city)

    # Latent size: heavy-tailed; the biggest go to hospitals in the biggest markets.
    sizes = np.sort(rng.pareto(1.1, scale.hospitals) + 1.0)[::-1]
    key = city_weight[city_of - 1] * rng.lognormal(0.0, 0.6, scale.hospitals)
    size = np.empty(scale.hospitals)
    size[np.argsort(-key, kind="stable")] = sizes
    # Order hospitals by city, then by size within the city; ids follow that order.
    order = np.lexsort((-size, city_of))
    city_of, size = city_of[order], size[order]

    names: list[str] = []
    english: list[str] = []
    for cid, n in zip(cities["city_id"], per_city, strict=True):
        row = cities.iloc[cid - 1]
        zh, en = _hospital_names(row["name"], row["name_en"], int(n))
        names += zh
        english += en

    rank = np.empty(scale.hospitals, dtype=np.int64)  # 0 = largest
    rank[np.argsort(-size, kind="stable")] = np.arange(scale.hospitals)
    cuts = np.cumsum([GRADE_SHARE[g] for g in GRADES]) * scale.hospitals
    grade = np.array(GRADES)[np.searchsorted(cuts, rank, side="right")]
    beds = (np.clip(40 * size**0.8, 20, 5000) / 10).round().astype(np.int64) * 10
    area = ctx.aux["area_code"][city_of - 1]
    digits = rng.integers(10_000_000, 100_000_000, scale.hospitals)
    phone = [f"{a}-{d}" for a, d in zip(area.tolist(), digits.tolist(), strict=True)]

    ctx.tables["hospital"] = pd.DataFrame(
        {
            "hospital_id": np.arange(1, scale.hospitals + 1),
            "city_id": city_of,
            "name": names,
            "name_en": english,
            "grade": grade,
            "beds": beds,
            "phone": phone,
        }
    )
    ctx.aux["hospital_size"] = size
    ctx.aux["hospital_rank"] = rank
    ctx.aux["doctors_per_hospital"] = allocate(scale.doctors, size**0.7, minimum=3)


def _departments(ctx: Context) -> None:
    rng = ctx.rng
    n_h = ctx.scale.hospitals
    per_hospital = np.clip(np.round(ctx.aux["doctors_per_hospital"] / 2.7), 3, len(DEPARTMENTS))
    per_hospital = np.minimum(per_hospital, ctx.aux["doctors_per_hospital"]).astype(np.int64)
    weights = np.array([DEPARTMENT_WEIGHT[d.name] for d in DEPARTMENTS])
    # Gumbel top-k: each hospital draws its departments without replacement, by weight.
    keys = np.log(weights)[None, :] + rng.gumbel(size=(n_h, len(DEPARTMENTS)))
    ranked = np.argsort(-keys, axis=1, kind="stable")
    take = np.arange(len(DEPARTMENTS))[None, :] < per_hospital[:, None]
    hospital = np.repeat(np.arange(1, n_h + 1), per_hospital)
    ref = ranked[take]
    ref = ref[np.lexsort((ref, hospital))]  # reference order within each hospital
    ctx.tables["department"] = pd.DataFrame(
        {
            "department_id": np.arange(1, len(ref) + 1),
            "hospital_id": hospital,
            "name": [DEPARTMENTS[i].name for i in ref],
            "name_en": [DEPARTMENTS[i].name_en for i in ref],
            "specialty": [DEPARTMENTS[i].specialty for i in ref],
        }
    )
    ctx.aux["department_weight"] = weights[ref]


def _doctors(ctx: Context) -> None:
    rng = ctx.rng
    departments = ctx.tables["department"]
    per_hospital = ctx.aux["doctors_per_hospital"]
    n = int(per_hospital.sum())
    hospital_idx = np.repeat(np.arange(len(per_hospital)), per_hospital)

    # Pick each doctor's department within their hospital, by department weight: the
    # cumulative weights of hospital h span [h, h + 1).
    dept_h = departments["hospital_id"].to_numpy() - 1
    w = ctx.aux["department_weight"]
    totals = np.bincount(dept_h, weights=w)
    within = np.cumsum(w) - np.concatenate([[0.0], np.cumsum(totals)])[dept_h]
    edges = dept_h + within / totals[dept_h]
    dept_idx = np.searchsorted(edges, hospital_idx + rng.random(n) * (1 - 1e-12), side="right")

    genders = np.where(rng.random(n) < 0.55, "F", "M")
    names, pinyin = make_names(rng, genders)
    title_p = np.array([TITLE_SHARE[t] for t in TITLES])
    title = np.array(TITLES)[rng.choice(len(TITLES), n, p=title_p / title_p.sum())]
    mobile_digits = rng.integers(0, 10**9, n)
    prefix = rng.choice(np.array(["13", "15", "17", "18", "19"]), n)
    has_mobile = rng.random(n) < 0.8
    mobile = [
        f"{p}{d:09d}" if m else None
        for p, d, m in zip(
            prefix.tolist(), mobile_digits.tolist(), has_mobile.tolist(), strict=True
        )
    ]
    ctx.tables["doctor"] = pd.DataFrame(
        {
            "doctor_id": np.arange(1, n + 1),
            "name": names,
            "name_pinyin": pinyin,
            "gender": genders,
            "title": title,
            "specialty": departments["specialty"].to_numpy()[dept_idx],
            "mobile": mobile,
        }
    )
    ctx.aux["doctor_hospital"] = hospital_idx + 1
    ctx.aux["doctor_department"] = dept_idx + 1


def _affiliations(ctx: Context) -> None:
    """Primary affiliations, plus a second hospital in the same city for some doctors."""
    rng = ctx.rng
    departments = ctx.tables["department"]
    hospitals = ctx.tables["hospital"]
    doctor_dept = ctx.aux["doctor_department"]
    n = len(doctor_dept)
    dept_city = hospitals["city_id"].to_numpy()[departments["hospital_id"].to_numpy() - 1]
    dept_spec = departments["specialty"].to_numpy()

    second = np.flatnonzero(rng.random(n) < 0.08)
    groups = pd.Series(np.arange(len(departments))).groupby([dept_city, dept_spec]).indices
    chosen = np.full(len(second), -1)
    own = doctor_dept[second] - 1
    u = rng.random(len(second))
    for j, (d, r) in enumerate(zip(own.tolist(), u.tolist(), strict=True)):
        pool = groups[(dept_city[d], dept_spec[d])]
        if len(pool) > 1:
            pick = pool[int(r * (len(pool) - 1))]
            chosen[j] = pick if pick != d else pool[-1]
    ok = (chosen >= 0) & (
        departments["hospital_id"].to_numpy()[np.maximum(chosen, 0)]
        != departments["hospital_id"].to_numpy()[own]
    )
    doctors = np.concatenate([np.arange(1, n + 1), second[ok] + 1])
    depts = np.concatenate([doctor_dept, chosen[ok] + 1])
    primary = np.concatenate([np.ones(n, bool), np.zeros(ok.sum(), bool)])
    order = np.lexsort((depts, doctors))
    ctx.tables["affiliation"] = pd.DataFrame(
        {"doctor_id": doctors[order], "department_id": depts[order], "is_primary": primary[order]}
    )


def _products(ctx: Context) -> None:
    ctx.tables["product"] = pd.DataFrame(
        {
            "product_id": np.arange(1, len(PRODUCTS) + 1),
            "name": [p.name for p in PRODUCTS],
            "name_en": [p.name_en for p in PRODUCTS],
            "line": [p.line for p in PRODUCTS],
            "therapeutic_area": [p.therapeutic_area for p in PRODUCTS],
            "unit_price": [p.unit_price for p in PRODUCTS],
        }
    )
    # The products a doctor's specialty is promoted for, the first one primary.
    by_specialty: dict[str, list[int]] = {}
    for pid, p in enumerate(PRODUCTS, start=1):
        for s in p.specialties:
            by_specialty.setdefault(s, []).append(pid)
    spec = ctx.tables["doctor"]["specialty"].to_numpy()
    ctx.aux["products_by_specialty"] = by_specialty
    ctx.aux["doctor_product"] = np.array([by_specialty.get(s, [0])[0] for s in spec])
    ctx.aux["doctor_second_product"] = np.array(
        [([*by_specialty.get(s, [0, 0]), 0])[1] for s in spec]
    )
