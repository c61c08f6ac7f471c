"""Generating and storing the sample world: rows per second, against a bare bulk insert.

For each backend and size this measures, in one run:

- ``generate``: ``build_world`` (vectorised, in memory);
- ``load``: ``load_tables`` into a freshly migrated database: one transaction, foreign keys
  validated, indexes built, audit row written;
- ``bare``: the same rows, already in driver form, through the raw driver's bulk path
  (``executemany`` on SQLite, in rollback-journal mode with the same page cache; ``COPY``
  on PostgreSQL) into plain tables with no keys, indexes or constraints: the floor any
  loader is measured against. Only the driver calls are timed.

The ratio is load time / bare time. Target: 10M rows in at most 60 s on the embedded default.

    python benchmarks/bench_load.py --scale national --multiply 1 7 --backend sqlite postgresql
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Column, MetaData, Table

import workbench
from workbench.db.bulk import _csv_chunk, load_tables, table_rows
from workbench.db.models import TABLE_ORDER, Base
from workbench.sample import World, build_world

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _plain_metadata() -> MetaData:
    """The workbench tables with their columns only: no keys, indexes or constraints."""
    md = MetaData()
    for name in TABLE_ORDER:
        Table(name, md, *[Column(c.name, c.type) for c in Base.metadata.tables[name].columns])
    return md


def _bare_sqlite(path: Path, world: World) -> float:
    import sqlite3

    db = workbench.connect(f"sqlite:///{path}", migrate=False)
    _plain_metadata().create_all(db.engine)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")  # appended pages are written once
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-524288")
    spent = 0.0
    for name, frame in world.items():
        table = Base.metadata.tables[name]
        sql = f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in table.columns)})'
        for rows in table_rows(table, frame, "sqlite"):
            t = time.perf_counter()
            conn.executemany(sql, rows)
            spent += time.perf_counter() - t
    t = time.perf_counter()
    conn.commit()
    spent += time.perf_counter() - t
    conn.close()
    return spent


def _bare_postgres(url: str, world: World) -> float:
    db = workbench.connect(url, migrate=False)
    _plain_metadata().create_all(db.engine)
    db.close()
    spent = 0.0
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        cur = conn.cursor()
        for name, frame in world.items():
            table = Base.metadata.tables[name]
            for lo in range(0, len(frame), 100_000):
                chunk = _csv_chunk(table, frame.iloc[lo : lo + 100_000])
                t = time.perf_counter()
                with cur.copy(f'COPY "{name}" FROM STDIN (FORMAT csv)') as copy:
                    copy.write(chunk)
                spent += time.perf_counter() - t
        t = time.perf_counter()
        conn.commit()
        spent += time.perf_counter() - t
    return spent


def _new_pg_database() -> tuple[str, str]:
    name = f"wb_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, f"{PG_SERVER}/{name}"


def _drop_pg_database(name: str) -> None:
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(scale: str, multiply: int, backends: list[str], seed: int) -> list[dict[str, Any]]:
    t = time.perf_counter()
    world = build_world(scale, seed=seed, multiply=multiply)
    generate = time.perf_counter() - t
    rows = sum(len(f) for f in world.values())
    calls = len(world["call"])
    results = []
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix="wb-bench-") as tmp:
            if backend == "sqlite":
                db = workbench.connect(f"sqlite:///{Path(tmp) / 'load.db'}")
                t = time.perf_counter()
                load_tables(db, world)
                load = time.perf_counter() - t
                db.close()
                bare = _bare_sqlite(Path(tmp) / "bare.db", world)
            else:
                name, url = _new_pg_database()
                bare_name, bare_url = _new_pg_database()
                try:
                    db = workbench.connect(url)
                    t = time.perf_counter()
                    load_tables(db, world)
                    load = time.perf_counter() - t
                    db.close()
                    bare = _bare_postgres(bare_url, world)
                finally:
                    _drop_pg_database(name)
                    _drop_pg_database(bare_name)
        result = {
            "scale": scale,
            "multiply": multiply,
            "backend": backend,
            "rows": rows,
            "calls": calls,
            "generate_s": round(generate, 3),
            "load_s": round(load, 3),
            "load_rows_per_s": round(rows / load),
            "bare_s": round(bare, 3),
            "bare_rows_per_s": round(rows / bare),
            "ratio": round(load / bare, 2),
            "seconds_per_10M_rows": round(load / rows * 1e7, 1),
            "peak_rss_mib": round(_peak_rss_mib()),
        }
        print(json.dumps(result), flush=True)
        results.append(result)
    return results


def markdown(results: list[dict[str, Any]]) -> str:
    head = (
        "| scale | backend | rows | generate s | load s | load rows/s | bare s | "
        "load / bare | s per 10M rows | peak RSS MiB |\n|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [
        f"| {r['scale']} ×{r['multiply']} | {r['backend']} | {r['rows']:,} | {r['generate_s']} | "
        f"{r['load_s']} | {r['load_rows_per_s']:,} | {r['bare_s']} | {r['ratio']} | "
        f"{r['seconds_per_10M_rows']} | {r['peak_rss_mib']:,} |"
        for r in results
    ]
    return "\n".join([head, *lines])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="national", choices=["camp", "region", "national"])
    parser.add_argument("--multiply", type=int, nargs="+", default=[1])
    parser.add_argument(
        "--backend", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    results = [r for m in args.multiply for r in measure(args.scale, m, args.backend, args.seed)]
    print(markdown(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
