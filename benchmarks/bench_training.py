"""Exercise grading and sandbox set-up at camp scale.

A trainee sees their score after every save, so grading must feel instant: each
exercise's full submission (every check, gradebook write included) is timed after its
reference solution is entered, against the floor of one primary-key read through the same
session machinery in the same run. A sandbox is the camp world loaded for one trainee;
its set-up is timed against loading the same world into a bare database file.

Targets: submission p95 ≤ 200 ms for every exercise; a new trainee's sandbox ≤ 1.5× the
bare load.

    python benchmarks/bench_training.py --repeat 50 --out benchmarks/results/training.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _latency import p95, timed

import workbench
from workbench import Settings
from workbench.db.models import Doctor
from workbench.sample import load_sample
from workbench.training import EXERCISES, open_trainee


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        started = time.perf_counter()
        bare = workbench.connect(f"sqlite:///{Path(tmp) / 'bare.db'}")
        load_sample(bare, "camp", seed=0)
        bare_s = time.perf_counter() - started
        bare.close()
        started = time.perf_counter()
        trainee = open_trainee("benchmark", settings=settings)
        sandbox_s = time.perf_counter() - started
        print("| step | ours | baseline | ratio |")
        print("|---|---|---|---|")
        print(
            f"| new trainee's sandbox | {sandbox_s:.2f} s | {bare_s:.2f} s | "
            f"{sandbox_s / bare_s:.2f} |"
        )
        rows.append(
            {"step": "sandbox", "ours_s": sandbox_s, "bare_s": bare_s, "ratio": sandbox_s / bare_s}
        )

        def floor() -> None:
            with trainee.db.session() as session:
                session.get(Doctor, 1)

        base = p95(timed(floor, args.repeat))
        print()
        print("| exercise | checks | p50 ms | p95 ms | floor p95 ms | ratio p95 |")
        print("|---|---|---|---|---|---|")
        for exercise_id, exercise in EXERCISES.items():
            practice = trainee.exercise(exercise_id)
            exercise.solve(practice.ctx)
            assert practice.submit().ok, exercise_id  # the answer is right before it is timed
            times = timed(practice.submit, args.repeat)
            row = {
                "exercise": exercise_id,
                "checks": len(exercise.checks),
                "p50_ms": statistics.median(times),
                "p95_ms": p95(times),
                "floor_p95_ms": base,
            }
            row["ratio"] = row["p95_ms"] / base
            rows.append(row)
            print(
                f"| {exercise_id} | {row['checks']} | {row['p50_ms']:.1f} | "
                f"{row['p95_ms']:.1f} | {base:.2f} | {row['ratio']:.0f} |"
            )
        trainee.close()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
