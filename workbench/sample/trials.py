"""The sample world's clinical trial: two arms at about 20 CRM hospitals, ~300 subjects.

The experimental arm (the oncology product) responds more often and progresses later than
the reference arm. Sites report assessments and adverse events after the fact: most within
days, a few sites weeks late. Reports not received by the end of the data are left out,
which is what makes them overdue. A few assessments are corrected by a second version.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.reference import ADVERSE_TERMS
from workbench.sample._context import Context, as_dates

__all__ = ["build_trial"]

SUBJECTS = 300
SITES = 20
LATE_SITES = 3
VISIT_DAYS = 42
TRIAL_MONTHS = 18

#: How often each adverse event term occurs: (experimental arm, reference arm)
ADVERSE_WEIGHT: dict[str, tuple[float, float]] = {
    "Nausea": (3.0, 4.0),
    "Diarrhoea": (5.0, 2.0),
    "Rash": (6.0, 1.0),
    "Alopecia": (0.5, 4.0),
    "Fatigue": (3.0, 4.0),
    "Neutropenia": (1.0, 5.0),
    "Alanine aminotransferase increased": (2.5, 1.0),
    "Interstitial lung disease": (0.6, 0.2),
}

#: per arm (experimental, reference): median PFS and OS in days, share responding
PFS_MEDIAN = (165.0, 105.0)
OS_MEDIAN = (420.0, 330.0)
RESPONDING = (0.38, 0.16)
AE_RATE = (3.2, 3.6)


def build_trial(ctx: Context) -> None:
    """Add the study, its arms, sites and subjects, and the reports the sites have sent."""
    rng, t = ctx.rng, ctx.tables
    end = ctx.end
    start = end - TRIAL_MONTHS * 30
    product = int(
        t["product"].loc[t["product"]["therapeutic_area"] == "oncology", "product_id"].iloc[0]
    )
    t["study"] = pd.DataFrame(
        {
            "study_id": [1],
            "code": ["RDT-301"],
            "title": ["瑞达替尼片对比多西他赛二线治疗晚期非小细胞肺癌的随机对照 III 期研究"],
            "product_id": [product],
            "confirmation_required": [True],
            "confirm_min_days": [28],
            "sd_min_days": [42],
            "teae_window_days": [30],
            "report_target_days": [7],
        }
    )
    t["arm"] = pd.DataFrame(
        {
            "arm_id": [1, 2],
            "study_id": [1, 1],
            "code": ["A", "B"],
            "name": ["瑞达替尼片 Ruidatinib", "多西他赛 Docetaxel"],
            "is_reference": [False, True],
        }
    )
    hospitals = t["hospital"].sort_values(["beds", "hospital_id"], ascending=[False, True])
    chosen = hospitals.head(SITES).sort_values("hospital_id")
    n_sites = len(chosen)
    site_ids = np.arange(1, n_sites + 1)
    activated = start + rng.integers(0, 60, n_sites)
    t["site"] = pd.DataFrame(
        {
            "site_id": site_ids,
            "study_id": 1,
            "hospital_id": chosen["hospital_id"].to_numpy(),
            "code": [f"S{i:02d}" for i in site_ids],
            "activated_on": as_dates(activated),
        }
    )
    late = set(rng.choice(site_ids, size=min(LATE_SITES, n_sites), replace=False).tolist())

    # subjects: more at larger hospitals, randomised 1:1 over the first year
    weights = np.sqrt(chosen["beds"].to_numpy(dtype=float))  # larger hospitals, not all
    site_of = rng.choice(site_ids, size=SUBJECTS, p=weights / weights.sum())
    site_of.sort(kind="stable")
    randomised = np.maximum(activated[site_of - 1] + rng.integers(0, 365, SUBJECTS), start)
    randomised = np.minimum(randomised, end - 60)
    arm = rng.integers(0, 2, SUBJECTS)  # 0 experimental (arm 1), 1 reference (arm 2)
    dosed = rng.random(SUBJECTS) > 0.03
    first_dose = randomised + rng.integers(0, 6, SUBJECTS)
    pfs = rng.exponential(np.take(PFS_MEDIAN, arm) / np.log(2)).astype(np.int64) + 1
    os_ = np.maximum(
        pfs + rng.integers(0, 60, SUBJECTS),
        rng.exponential(np.take(OS_MEDIAN, arm) / np.log(2)).astype(np.int64) + 1,
    )
    death = randomised + os_
    lost = rng.random(SUBJECTS) < 0.05  # lost to follow-up
    contact_end = np.where(lost, randomised + rng.integers(30, 300, SUBJECTS), end)
    died = (death <= np.minimum(contact_end, end)) & ~lost
    last_alive = np.where(died, death, np.minimum(contact_end, end - rng.integers(0, 20, SUBJECTS)))
    last_alive = np.maximum(last_alive, randomised)
    progression = randomised + pfs
    stop = np.minimum(np.minimum(progression, np.where(died, death, end)), last_alive)
    last_dose = np.where(dosed, np.maximum(first_dose, stop), -1)
    codes = [f"S{s:02d}-{n:04d}" for s, n in zip(site_of, _numbers(site_of), strict=True)]
    ids = np.arange(1, SUBJECTS + 1)
    t["subject"] = pd.DataFrame(
        {
            "subject_id": ids,
            "study_id": 1,
            "site_id": site_of,
            "code": codes,
            "arm_planned_id": arm + 1,
            "arm_actual_id": pd.array(
                [a + 1 if d else pd.NA for a, d in zip(arm, dosed, strict=True)], dtype="Int64"
            ),
            "consented_on": as_dates(randomised - rng.integers(1, 15, SUBJECTS)),
            "randomised_on": as_dates(randomised),
            "first_dose_on": _maybe_dates(np.where(dosed, first_dose, -1)),
            "last_dose_on": _maybe_dates(last_dose),
            "died_on": _maybe_dates(np.where(died, death, -1)),
            "last_alive_on": as_dates(last_alive),
            "age_group": np.where(rng.random(SUBJECTS) < 0.38, ">=65", "<65"),
            "sex": np.where(rng.random(SUBJECTS) < 0.62, "M", "F"),
            "ecog": rng.choice([0, 1, 2], size=SUBJECTS, p=[0.35, 0.58, 0.07]),
        }
    )

    # assessments every six weeks from the first dose, to progression, death or data end
    rows: list[tuple[int, int, int, str]] = []
    responding = rng.random(SUBJECTS) < np.take(RESPONDING, arm)
    for i in np.nonzero(dosed)[0]:
        deepest = "CR" if rng.random() < 0.15 else "PR"
        visit = 1
        when = first_dose[i] + VISIT_DAYS
        while when <= min(end, last_alive[i]) and (not died[i] or when < death[i]):
            if when >= progression[i]:
                rows.append((int(ids[i]), visit, int(when), "PD"))
                break
            if rng.random() < 0.03:
                overall = "NE"
            elif responding[i] and visit >= 1:
                overall = deepest if visit >= 2 else "PR"
            else:
                overall = "SD"
            rows.append((int(ids[i]), visit, int(when), overall))
            visit += 1
            when += VISIT_DAYS + int(rng.integers(-3, 4))
    assessments = pd.DataFrame(rows, columns=["subject_id", "visit", "assessed_on", "overall"])

    # adverse events while on treatment (and a few before the first dose: not emergent)
    ae_rows: list[tuple[int, int, int, int, bool, bool, int | None]] = []
    terms = np.arange(len(ADVERSE_TERMS))
    for i in np.nonzero(dosed)[0]:
        exposure = int(last_dose[i] - first_dose[i]) + 30
        count = rng.poisson(np.take(AE_RATE, arm[i]) * min(1.0, exposure / 180) + 0.3)
        weights = np.array([ADVERSE_WEIGHT[t.preferred_term][arm[i]] for t in ADVERSE_TERMS])
        for _ in range(count):
            term = int(rng.choice(terms, p=weights / weights.sum()))
            grade = int(rng.choice([1, 2, 3, 4, 5], p=[0.46, 0.33, 0.16, 0.04, 0.01]))
            began = int(first_dose[i] + rng.integers(-7, max(exposure, 1)))
            if began > min(end, last_alive[i]):
                continue
            ended = began + int(rng.integers(2, 40))
            ae_rows.append(
                (int(ids[i]), term, grade, began, grade >= 3 and rng.random() < 0.6,
                 bool(rng.random() < 0.55), ended if ended <= end else None)
            )  # fmt: skip
    events = pd.DataFrame(
        ae_rows,
        columns=["subject_id", "term", "grade", "start_on", "serious", "related", "end_on"],
    )

    _submissions(ctx, assessments, events, site_of, late, end)


def _numbers(site_of: np.ndarray) -> list[int]:
    """1, 2, 3 … within each site."""
    seen: dict[int, int] = {}
    out = []
    for s in site_of.tolist():
        seen[s] = seen.get(s, 0) + 1
        out.append(seen[s])
    return out


def _maybe_dates(days: np.ndarray) -> pd.Series:
    values = pd.Series(as_dates(np.where(days < 0, 0, days)))
    return values.where(days >= 0, pd.NaT)


def _submissions(
    ctx: Context,
    assessments: pd.DataFrame,
    events: pd.DataFrame,
    site_of: np.ndarray,
    late: set[int],
    end: int,
) -> None:
    """Each report's delay from the event to its receipt; late sites take weeks.

    Reports not received by the end of the data are not in the world yet.
    """
    rng, t = ctx.rng, ctx.tables

    def delays(sites: np.ndarray) -> np.ndarray:
        slow = np.isin(sites, list(late))
        median = np.where(slow, 24.0, 3.0)
        return np.round(rng.lognormal(np.log(median), 0.6)).astype(np.int64)

    a_sites = site_of[assessments["subject_id"].to_numpy() - 1]
    e_sites = site_of[events["subject_id"].to_numpy() - 1]
    a_received = assessments["assessed_on"].to_numpy() + delays(a_sites)
    e_received = events["start_on"].to_numpy() + delays(e_sites)
    keep_a, keep_e = a_received <= end, e_received <= end
    assessments, a_sites, a_received = assessments[keep_a], a_sites[keep_a], a_received[keep_a]
    events, e_sites, e_received = events[keep_e], e_sites[keep_e], e_received[keep_e]

    # a few assessments corrected by a second version, received a week or two later
    fix = rng.random(len(assessments)) < 0.03
    corrected = assessments[fix].copy()
    corrected["overall"] = np.where(corrected["overall"] == "SD", "PR", "SD")
    fixed_at = a_received[fix] + rng.integers(5, 15, fix.sum())
    keep = fixed_at <= end
    corrected, fixed_sites, fixed_at = corrected[keep], a_sites[fix][keep], fixed_at[keep]

    n_a, n_c, n_e = len(assessments), len(corrected), len(events)
    seconds = rng.integers(8 * 3600, 20 * 3600, n_a + n_c + n_e)
    received = np.concatenate([a_received, fixed_at, e_received]).astype("datetime64[D]")
    received = received.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    event_on = np.concatenate(
        [assessments["assessed_on"], corrected["assessed_on"], events["start_on"]]
    )
    t["submission"] = pd.DataFrame(
        {
            "submission_id": np.arange(1, n_a + n_c + n_e + 1),
            "site_id": np.concatenate([a_sites, fixed_sites, e_sites]),
            "subject_id": np.concatenate(
                [assessments["subject_id"], corrected["subject_id"], events["subject_id"]]
            ),
            "kind": ["assessment"] * (n_a + n_c) + ["adverse_event"] * n_e,
            "event_on": as_dates(event_on),
            "received_at": received,
            "version": np.concatenate([np.ones(n_a), np.full(n_c, 2), np.ones(n_e)]).astype(
                np.int64
            ),
        }
    )
    both = pd.concat([assessments, corrected], ignore_index=True)
    t["assessment"] = pd.DataFrame(
        {
            "assessment_id": np.arange(1, n_a + n_c + 1),
            "submission_id": np.arange(1, n_a + n_c + 1),
            "subject_id": both["subject_id"].to_numpy(),
            "visit": both["visit"].to_numpy(),
            "assessed_on": as_dates(both["assessed_on"].to_numpy()),
            "overall": both["overall"].to_numpy(),
        }
    )
    term = events["term"].to_numpy()
    t["adverse_event"] = pd.DataFrame(
        {
            "adverse_event_id": np.arange(1, n_e + 1),
            "submission_id": np.arange(n_a + n_c + 1, n_a + n_c + n_e + 1),
            "subject_id": events["subject_id"].to_numpy(),
            "verbatim": [ADVERSE_TERMS[k].verbatim for k in term],
            "preferred_term": [ADVERSE_TERMS[k].preferred_term for k in term],
            "soc": [ADVERSE_TERMS[k].soc for k in term],
            "grade": events["grade"].to_numpy(),
            "serious": events["serious"].to_numpy(dtype=bool),
            "related": events["related"].to_numpy(dtype=bool),
            "start_on": as_dates(events["start_on"].to_numpy()),
            "end_on": _maybe_dates(events["end_on"].fillna(-1).to_numpy(dtype=np.int64)),
        }
    )
