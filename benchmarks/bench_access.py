"""What keeping each viewer to their part costs: the same reads as the owner and as a viewer.

For a sample world in one store, each read is timed as the owner (no condition at all) and
as an analyst, a manager (the region with the most calls) and a rep (the rep with the most
calls), in the same run:

- **cut**: a whole data cut (every table, through the layer's conditions and, on
  PostgreSQL, the row-level security policies of the viewer's own role);
- **counts**: the rows of every table (``Database.counts``);
- **review**: the Monday review of the manager's region for its latest week (ORM queries
  with the layer's criteria), as the owner and as that manager.

The ratio is the viewer's time over the owner's for the same read (median of ``--repeat``).
A manager's or rep's read returns fewer rows than the owner's, so a ratio under 1 is
expected there; the analyst reads everything, so the analyst's ratio is what the conditions
and policies themselves cost. Target: every ratio ≤ 1.5.

    python benchmarks/bench_access.py --scale camp
    python benchmarks/bench_access.py --scale national \\
        --database-url postgresql://postgres@127.0.0.1:5432/EMPTY_DB
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

from sqlalchemy import func, select

import workbench
from workbench.db.models import Call, Plan, Rep
from workbench.sample import load_sample
from workbench.weekly import review_week, weeks


def _median_s(read: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _viewers(db: workbench.Database) -> tuple[str, str, int]:
    """A manager of the region with the most calls, the rep with the most calls, the region."""
    with db.session() as session:
        region = session.execute(
            select(Rep.region_id, func.count())
            .join(Call, Call.rep_id == Rep.rep_id)
            .group_by(Rep.region_id)
            .order_by(func.count().desc(), Rep.region_id)
        ).first()
        assert region is not None, "the world has no calls"
        manager = session.scalar(
            select(Rep.employee_id)
            .where(Rep.region_id == region[0], Rep.role == "manager")
            .order_by(Rep.rep_id)
        )
        rep = session.execute(
            select(Rep.employee_id, func.count())
            .join(Call, Call.rep_id == Rep.rep_id)
            .where(Rep.role != "manager")
            .group_by(Rep.employee_id)
            .order_by(func.count().desc(), Rep.employee_id)
        ).first()
    assert manager is not None and rep is not None
    return f"manager:{manager}", f"rep:{rep[0]}", int(region[0])


def run(url: str, scale: str, repeat: int, folder: Path) -> list[dict[str, Any]]:
    """Load ``scale`` into ``url`` (when empty) and time each read as each viewer."""
    owner = workbench.connect(url)
    if owner.is_empty():
        load_sample(owner, scale, seed=0)
    manager, rep, region = _viewers(owner)
    with owner.session() as session:
        latest = session.scalar(
            select(func.max(Plan.week_start))
            .join(Rep, Rep.rep_id == Plan.rep_id)
            .where(Rep.region_id == region)
        )
    assert latest is not None and weeks(owner, region)
    rows: list[dict[str, Any]] = []
    baseline: dict[str, float] = {}
    for viewer in ("owner", "analyst", manager, rep):
        db = owner if viewer == "owner" else workbench.connect(url, viewer=viewer)
        reads: dict[str, Callable[[], object]] = {
            "cut": lambda db=db: workbench.cut(db, out=folder / "cuts", progress=False),
            "counts": db.counts,
        }
        if viewer in ("owner", manager):
            reads["review"] = lambda db=db: review_week(db, region, latest)
        for read, call in reads.items():
            call()  # warm: the first read also opens the connection and the role
            seconds = _median_s(call, repeat)
            if viewer == "owner":
                baseline[read] = seconds
            rows.append(
                {
                    "store": owner.dialect,
                    "scale": scale,
                    "viewer": viewer.split(":")[0],
                    "read": read,
                    "seconds": round(seconds, 4),
                    "owner_seconds": round(baseline[read], 4),
                    "ratio": round(seconds / baseline[read], 2),
                    "rows": sum(db.counts().values()),
                }
            )
        if db is not owner:
            db.close()
    owner.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="camp", help="the sample world (camp, national)")
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    parser.add_argument("--repeat", type=int, default=3, help="timed reads of each (median)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'access.db'}"
        rows = run(url, args.scale, args.repeat, Path(tmp))
    print("| store | scale | viewer | read | rows seen | s | owner s | ratio |")
    print("|---|---|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['store']} | {r['scale']} | {r['viewer']} | {r['read']} | {r['rows']:,} | "
            f"{r['seconds']:.3f} | {r['owner_seconds']:.3f} | {r['ratio']:.2f} |"
        )
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
