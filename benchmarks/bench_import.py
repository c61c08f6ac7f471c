"""Importing the export format's files, against the sample world's own bulk load.

For each backend this measures, in one run, on the same world:

- ``load`` (the baseline): ``load_tables`` of the world's frames into a freshly migrated
  database, the path ``workbench sample`` takes (one transaction, foreign keys validated,
  indexes built);
- ``import``: ``workbench.imports.import_files`` of the same world's export (one CSV per
  table) into another empty database: every value checked as guided entry checks it,
  references and unique names looked up, all in one transaction. It runs in a process of
  its own, whose peak memory is reported; the target is under 1 GiB, reading a file a chunk
  at a time;
- ``reimport`` (with ``--reimport``): the same files again, which must change nothing.

The import's files are exported again afterwards and must be byte-identical to the files
imported (the round trip), before any figure is reported. Target: import / load ≤ 2.

    python benchmarks/bench_import.py --scale national --backend sqlite postgresql
"""

from __future__ import annotations

import argparse
import filecmp
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg

import workbench
from workbench.db.bulk import load_tables
from workbench.db.export import EXPORTS, export_tables
from workbench.sample import build_world

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


def _child_import(url: str, folder: str) -> None:
    """In this process only: import ``folder`` into ``url``; print seconds and peak RSS."""
    from workbench.imports import import_files

    db = workbench.connect(url)
    t = time.perf_counter()
    done = import_files(db, folder, progress=False)
    seconds = time.perf_counter() - t
    db.close()
    print(json.dumps({
        "seconds": seconds,
        "written": done.written,
        "problems": len(done.problems),
        "inserted": sum(done.inserted.values()),
        "updated": sum(done.updated.values()),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))  # fmt: skip


def _import(url: str, folder: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--child-import", url, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    measured: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def _database(backend: str, tmp: Path, made: list[str]) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'{uuid.uuid4().hex[:8]}.db'}"
    name = f"wb_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    made.append(name)
    return f"{PG_SERVER}/{name}"


def measure(scale: str, backends: list[str], seed: int, reimport: bool) -> list[dict[str, Any]]:
    world = build_world(scale, seed=seed)
    rows = sum(len(f) for f in world.values())
    results = []
    for backend in backends:
        made: list[str] = []
        with tempfile.TemporaryDirectory(prefix="wb-bench-") as name:
            tmp = Path(name)
            try:
                source = workbench.connect(_database(backend, tmp, made))
                t = time.perf_counter()
                load_tables(source, world)
                load = time.perf_counter() - t
                files = tmp / "files"
                export_tables(source, files, progress=False)
                source.close()
                target = _database(backend, tmp, made)
                imported = _import(target, files)
                assert imported["written"] and not imported["problems"], imported
                again = tmp / "again"
                export_tables(workbench.connect(target), again, progress=False)
                for spec in EXPORTS:
                    same = filecmp.cmp(files / spec.file, again / spec.file, shallow=False)
                    assert same, f"{spec.file} differs after the round trip"
                second = _import(target, files) if reimport else None
                if second is not None:
                    assert second["inserted"] == 0 and second["updated"] == 0, second
            finally:
                for db_name in made:
                    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                        admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        result = {
            "scale": scale,
            "backend": backend,
            "rows": rows,
            "load_s": round(load, 2),
            "import_s": round(imported["seconds"], 2),
            "ratio": round(imported["seconds"] / load, 2),
            "import_rows_per_s": round(rows / imported["seconds"]),
            "import_peak_rss_mib": round(imported["peak_rss_mib"]),
            "reimport_s": None if second is None else round(second["seconds"], 2),
            "round_trip": "identical",
        }
        print(json.dumps(result), flush=True)
        results.append(result)
    return results


def markdown(results: list[dict[str, Any]]) -> str:
    head = (
        "| scale | backend | rows | load s | import s | import / load | import rows/s | "
        "import peak RSS MiB | re-import s | round trip |\n" + "|---" * 10 + "|"
    )
    lines = [
        f"| {r['scale']} | {r['backend']} | {r['rows']:,} | {r['load_s']} | {r['import_s']} | "
        f"{r['ratio']} | {r['import_rows_per_s']:,} | {r['import_peak_rss_mib']:,} | "
        f"{r['reimport_s'] if r['reimport_s'] is not None else '—'} | {r['round_trip']} |"
        for r in results
    ]
    return "\n".join([head, *lines])


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child-import":
        _child_import(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="national", choices=["camp", "region", "national"])
    parser.add_argument(
        "--backend", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reimport", action="store_true", help="import the files twice")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    results = measure(args.scale, args.backend, args.seed, args.reimport)
    print(markdown(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
