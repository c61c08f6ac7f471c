"""Entry validation latency at camp scale: p50 and p95 per entry kind.

Every form validates as the person types, so ``workbench.entry.validate`` must answer at
once. Measured on the camp world in the embedded SQLite database, against the floor of one
primary-key read through the same session machinery, in the same run.

Target: p95 ≤ 50 ms for every kind.

    python benchmarks/bench_entry.py --repeat 300 --out benchmarks/results/entry.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

from _latency import p95, timed
from sqlalchemy import select

import workbench
from workbench import Database, entry
from workbench.db.models import Affiliation, Assignment, Department, Doctor, Invitation, Rep
from workbench.sample import load_sample


def _samples(db: Database) -> dict[str, dict[str, Any]]:
    """A realistic entry of each kind: the shapes the forms send."""
    with db.session() as session:
        dept = session.scalars(select(Department).limit(1)).one()
        doctor = session.scalars(
            select(Doctor).join(Affiliation).where(Affiliation.department_id == dept.department_id)
        ).first()
        assert doctor is not None
        a = session.scalars(
            select(Assignment).join(Rep).where(Assignment.end_on.is_(None), Rep.left_on.is_(None))
        ).first()
        assert a is not None
        inv = session.scalars(select(Invitation)).first()
        assert inv is not None
        day = dt.date(2026, 7, 15)
        return {
            "hospital": {
                "city_id": 1,
                "name": "测试新医院",
                "name_en": "New Hospital",
                "grade": "2A",
                "beds": 300,
                "phone": "021-64370045",
            },
            "department": {
                "hospital_id": dept.hospital_id,
                "name": "疼痛科",
                "name_en": "Pain",
                "specialty": dept.specialty,
            },
            "doctor": {
                "hospital_id": dept.hospital_id,
                "department_id": dept.department_id,
                "name": doctor.name,
                "name_pinyin": doctor.name_pinyin,
                "gender": "F",
                "title": "attending",
                "specialty": dept.specialty,
                "mobile": "13812345678",
            },
            "call": {
                "rep_id": a.rep_id,
                "doctor_id": a.doctor_id,
                "call_date": day.isoformat(),
                "products": [{"product_id": 1, "key_message": "疗效数据"}],
                "next_step": "约科室会",
            },
            "plan": {
                "rep_id": a.rep_id,
                "week_start": "2026-11-30",
                "items": [{"doctor_id": a.doctor_id, "planned_on": "2026-12-01"}] * 1,
            },
            "invitation": {
                "event_id": inv.event_id,
                "doctor_id": inv.doctor_id,
                "rep_id": a.rep_id,
                "invited_on": "2026-06-20",
            },
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = workbench.connect(f"sqlite:///{Path(tmp) / 'camp.db'}")
        load_sample(db, "camp", seed=0)

        def floor() -> None:
            with db.session() as session:
                session.get(Doctor, 1)

        base = timed(floor, args.repeat)
        rows: list[dict[str, Any]] = []
        print("| kind | p50 ms | p95 ms | floor p95 ms | ratio p95 |")
        print("|---|---|---|---|---|")
        for kind, data in _samples(db).items():
            times = timed(lambda kind=kind, data=data: entry.validate(db, kind, data), args.repeat)
            row = {
                "kind": kind,
                "p50_ms": statistics.median(times),
                "p95_ms": p95(times),
                "floor_p95_ms": p95(base),
            }
            row["ratio"] = row["p95_ms"] / row["floor_p95_ms"]
            rows.append(row)
            print(
                f"| {kind} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} | "
                f"{row['floor_p95_ms']:.2f} | {row['ratio']:.1f} |"
            )
        db.close()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
