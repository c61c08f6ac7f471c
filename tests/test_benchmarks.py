"""The benchmark scripts still run (at camp scale, on the embedded default)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_load_benchmark_runs_and_reports_a_ratio(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_load.py"),
            "--scale",
            "camp",
            "--backend",
            "sqlite",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "| camp ×1 | sqlite |" in result.stdout
    import json

    (row,) = json.loads(out.read_text())
    assert row["rows"] > 10_000
    assert row["load_s"] > 0 and row["bare_s"] > 0
    assert row["ratio"] == pytest.approx(row["load_s"] / row["bare_s"], rel=0.05)


def test_analysis_benchmark_checks_answers_and_reports_ratios(tmp_path: Path) -> None:
    import json

    out = tmp_path / "analysis.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_analysis.py"),
            "--scale",
            "camp",
            "--only",
            "concentration, sales by hospital",
            "plan conflicts",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.read_text())
    assert [r["analysis"] for r in rows] == [
        "cut (whole store → Parquet)",
        "concentration, sales by hospital",
        "plan conflicts",
    ]
    for row in rows:
        assert row["ours_s"] > 0 and row["hand_s"] > 0
        assert row["ratio"] == pytest.approx(row["ours_s"] / row["hand_s"])
    assert "| camp ×1 | plan conflicts |" in result.stdout


def test_entry_benchmark_reports_every_kind(tmp_path: Path) -> None:
    import json

    out = tmp_path / "entry.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_entry.py"),
            "--repeat",
            "20",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.read_text())
    assert [r["kind"] for r in rows] == [
        "hospital",
        "department",
        "doctor",
        "call",
        "plan",
        "invitation",
    ]
    assert all(r["p95_ms"] >= r["p50_ms"] > 0 for r in rows)
