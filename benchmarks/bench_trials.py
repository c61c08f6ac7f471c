"""Trial derivations and analyses: time against a baseline measured in the same run.

- ``trial(cut)``, every derivation of the sample trial from a camp cut, against reading the
  same tables from the cut's Parquet files into pandas (the floor: no derivation at all);
- best overall response with confirmation for N synthetic subjects (default 30,000, eight
  visits each), against a vectorised pandas best response *without* confirmation (a lower
  bound: confirmation needs each subject's sequence);
- ``km_summary`` with R's log-transform interval against lifelines' own Kaplan–Meier fit
  and median on the same data.

Targets: trial(cut) ≤ 3 s at camp scale; BOR ≤ 30 µs per assessment; km_summary ≤ 3× lifelines.

    python benchmarks/bench_trials.py --subjects 30000 --out benchmarks/results/trials.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import workbench
from workbench.analysis import adam
from workbench.analysis import trials as tr
from workbench.analysis.survival import km_summary
from workbench.sample import load_sample


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _synthetic(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-01-01")
    subjects = pd.DataFrame(
        {
            "subject_id": np.arange(n),
            "randomised_on": start,
            "first_dose_on": start,
        }
    )
    visits = 8
    ids = np.repeat(np.arange(n), visits)
    visit = np.tile(np.arange(1, visits + 1), n)
    days = visit * 42 + rng.integers(-3, 4, n * visits)
    overall = rng.choice(
        ["CR", "PR", "SD", "PD", "NE"], size=n * visits, p=[0.1, 0.3, 0.45, 0.1, 0.05]
    )
    assessments = pd.DataFrame(
        {
            "subject_id": ids,
            "visit": visit,
            "assessed_on": start + pd.to_timedelta(days, unit="D"),
            "overall": overall,
        }
    )
    return subjects, assessments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subjects", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []

    def report(step: str, ours: float, base: float, baseline: str, **extra: Any) -> None:
        row = {"step": step, "ours_s": ours, "base_s": base, "ratio": ours / base,
               "baseline": baseline, **extra}  # fmt: skip
        rows.append(row)
        print(f"| {step} | {ours:.3f} | {base:.3f} | {ours / base:.1f} | {baseline} |")

    print("| step | ours s | baseline s | ratio | baseline |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        db = workbench.connect(f"sqlite:///{Path(tmp) / 'camp.db'}")
        load_sample(db, "camp", seed=0)
        cut = workbench.cut(db, out=Path(tmp) / "cuts")
        tables = ("study", "arm", "site", "subject", "submission", "assessment", "adverse_event")

        def bare() -> None:
            frames = {t: pd.read_parquet(cut.file(t)) for t in tables}
            frames["assessment"].merge(frames["submission"], on="submission_id")

        trial = tr.trial(cut)
        assert trial.bor["responder"].sum() > 0  # the derivation answers before it is timed
        report("trial(cut), camp", _best(lambda: tr.trial(cut), args.repeat),
               _best(bare, args.repeat), "read the trial tables from the cut")  # fmt: skip
        for name, run in (
            ("response_table", lambda: tr.response_table(trial)),
            ("survival_table PFS", lambda: tr.survival_table(trial, "PFS")),
            ("ae_table", lambda: tr.ae_table(trial)),
            ("timeliness", lambda: tr.timeliness(trial)),
        ):
            report(name, _best(run, args.repeat), _best(bare, args.repeat),
                   "read the trial tables from the cut")  # fmt: skip
        db.close()

    subjects, assessments = _synthetic(args.subjects)
    rank = {r: i for i, r in enumerate(adam.RESPONSES)}

    def vectorised() -> pd.Series:
        ranked = assessments["overall"].map(rank)
        return ranked.groupby(assessments["subject_id"]).min()

    ours = _best(lambda: adam.best_overall_response(subjects, assessments), 1)
    base = _best(vectorised, args.repeat)
    report(f"best overall response, {args.subjects:,} subjects", ours, base,
           "pandas best response without confirmation",
           us_per_assessment=1e6 * ours / len(assessments))  # fmt: skip

    rng = np.random.default_rng(1)
    survival = pd.DataFrame(
        {"days": rng.exponential(200, 5000).round() + 1, "event": rng.random(5000) < 0.7}
    )
    from lifelines import KaplanMeierFitter

    def lifelines_only() -> float:
        fitted = KaplanMeierFitter().fit(survival["days"], survival["event"])
        return float(fitted.median_survival_time_)

    report("km_summary, 5,000 subjects",
           _best(lambda: km_summary(survival, duration="days", event="event"), args.repeat),
           _best(lifelines_only, args.repeat), "lifelines fit and median")  # fmt: skip
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
