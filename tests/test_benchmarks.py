"""The benchmark scripts still run (at camp scale, on the embedded default)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, tmp_path: Path, *args: str) -> tuple[str, Any]:
    """Run ``benchmarks/<script>`` with ``--out``; its printed table and its JSON rows."""
    out = tmp_path / f"{script}.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, json.loads(out.read_text())


def test_load_benchmark_runs_and_reports_a_ratio(tmp_path: Path) -> None:
    printed, rows = _run("bench_load.py", tmp_path, "--scale", "camp", "--backend", "sqlite")
    assert "| camp ×1 | sqlite |" in printed
    (row,) = rows
    assert row["rows"] > 10_000
    assert row["load_s"] > 0 and row["bare_s"] > 0
    assert row["ratio"] == pytest.approx(row["load_s"] / row["bare_s"], rel=0.05)


@pytest.mark.slow
def test_analysis_benchmark_checks_answers_and_reports_ratios(tmp_path: Path) -> None:
    printed, rows = _run(
        "bench_analysis.py",
        tmp_path,
        "--scale",
        "camp",
        "--only",
        "concentration, sales by hospital",
        "plan conflicts",
    )
    assert [r["analysis"] for r in rows] == [
        "cut (whole store → Parquet)",
        "concentration, sales by hospital",
        "plan conflicts",
    ]
    for row in rows:
        assert row["ours_s"] > 0 and row["hand_s"] > 0
        assert row["ratio"] == pytest.approx(row["ours_s"] / row["hand_s"])
    assert "| camp ×1 | plan conflicts |" in printed


def test_entry_benchmark_reports_every_kind(tmp_path: Path) -> None:
    _printed, rows = _run("bench_entry.py", tmp_path, "--repeat", "20")
    assert [r["kind"] for r in rows] == [
        "hospital",
        "department",
        "doctor",
        "call",
        "plan",
        "invitation",
    ]
    assert all(r["p95_ms"] >= r["p50_ms"] > 0 for r in rows)


def test_training_benchmark_grades_each_solved_exercise(tmp_path: Path) -> None:
    printed, rows = _run("bench_training.py", tmp_path, "--repeat", "5")
    sandbox, *graded = rows
    assert sandbox["step"] == "sandbox" and sandbox["ours_s"] > 0 and sandbox["bare_s"] > 0
    from workbench.training import EXERCISES

    assert [r["exercise"] for r in graded] == list(EXERCISES)
    assert all(r["p95_ms"] >= r["p50_ms"] > 0 for r in graded)
    assert "| new trainee's sandbox |" in printed


def test_trials_benchmark_times_each_step_against_its_baseline(tmp_path: Path) -> None:
    printed, rows = _run("bench_trials.py", tmp_path, "--subjects", "500", "--repeat", "1")
    steps = [r["step"] for r in rows]
    assert steps[0] == "trial(cut), camp" and "best overall response, 500 subjects" in steps
    for row in rows:
        assert row["ours_s"] > 0 and row["base_s"] > 0
        assert row["ratio"] == pytest.approx(row["ours_s"] / row["base_s"])
    assert "| km_summary, 5,000 subjects |" in printed


def _check_camp_rows(rows: list[dict[str, Any]], backend: str, processes: int) -> None:
    many, alone, grading = rows
    assert [r["backend"] for r in rows] == [backend] * 3
    assert (many["processes"], many["calls"]) == (processes, processes * 10)
    assert (alone["processes"], alone["calls"]) == (1, 10)
    for row in (many, alone):
        assert row["p99_ms"] >= row["p95_ms"] >= row["p50_ms"] > 0
        assert row["bare_p99_ms"] >= row["bare_p95_ms"] >= row["bare_p50_ms"] > 0
        assert row["ratio"] == pytest.approx(row["p95_ms"] / row["bare_p95_ms"])
    assert grading["step"].startswith("grading alone") and grading["p50_ms"] > 0


def test_camp_benchmark_times_concurrent_records_against_a_bare_insert(tmp_path: Path) -> None:
    printed, rows = _run("bench_camp.py", tmp_path, "--processes", "4", "--repeat", "10")
    _check_camp_rows(rows, "sqlite", 4)
    assert "| sqlite | 4 | record (attempt + 5 checks) |" in printed


@pytest.mark.slow
@pytest.mark.postgres
def test_camp_benchmark_runs_on_postgresql(tmp_path: Path, make_pg_url: Callable[[], str]) -> None:
    printed, rows = _run(
        "bench_camp.py", tmp_path, "--processes", "4", "--repeat", "10", "--database-url",
        make_pg_url(),
    )  # fmt: skip
    _check_camp_rows(rows, "postgresql", 4)
    assert "| postgresql | 4 | record (attempt + 5 checks) |" in printed


def _check_saves(rows: list[dict[str, Any]], store: str) -> None:
    (row,) = rows
    assert row["store"] == store and row["workers"] == 20
    assert (row["lost"], row["doubled"], row["other"]) == (0, 0, 0), row.get("first_other")
    # the eighth save of each is the invitation all twenty race for: one is written
    assert row["refused_as"] == {"invited_twice": 19}
    assert row["saved"] == 20 * 8 - 19
    for timed in ("save_ms", "bare_ms"):
        ms = row[timed]
        assert ms["max"] >= ms["p99"] >= ms["p95"] >= ms["p50"] > 0
    assert row["ratio"]["p95"] == pytest.approx(row["save_ms"]["p95"] / row["bare_ms"]["p95"])


def test_saves_benchmark_loses_and_doubles_nothing_under_twenty_writers(tmp_path: Path) -> None:
    printed, rows = _run("bench_saves.py", tmp_path, "--processes", "20", "--saves", "8")
    _check_saves(rows, "sqlite")
    assert "| sqlite | 20 × 8 | 0 | 0 | 19 | 0 |" in printed


@pytest.mark.postgres
def test_saves_benchmark_runs_on_postgresql(tmp_path: Path, make_pg_url: Callable[[], str]) -> None:
    printed, rows = _run(
        "bench_saves.py", tmp_path, "--processes", "20", "--saves", "8", "--database-url",
        make_pg_url(),
    )  # fmt: skip
    _check_saves(rows, "postgresql")
    assert "| postgresql | 20 × 8 | 0 | 0 | 19 | 0 |" in printed


def test_access_benchmark_times_each_read_as_each_viewer(tmp_path: Path) -> None:
    printed, rows = _run("bench_access.py", tmp_path, "--scale", "camp", "--repeat", "1")
    seen = {(r["viewer"], r["read"]): r for r in rows}
    assert set(seen) == {
        *((v, read) for v in ("owner", "analyst", "manager", "rep") for read in ("cut", "counts")),
        ("owner", "review"),
        ("manager", "review"),
    }
    owner, rep = seen[("owner", "cut")], seen[("rep", "cut")]
    assert owner["ratio"] == 1.0 and seen[("analyst", "cut")]["rows"] == owner["rows"]
    assert 0 < rep["rows"] < owner["rows"]  # a rep sees their territory only
    assert rep["ratio"] == pytest.approx(rep["seconds"] / owner["seconds"], abs=0.01)
    assert "| sqlite | camp | rep | cut |" in printed


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.xdist_group("apps-browser")
def test_apps_paint_benchmark_reports_cold_and_warm_ratios(tmp_path: Path) -> None:
    from tests.apps.test_browser import CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}")  # the browser tests fail for it in CI
    printed, rows = _run(
        "bench_apps.py", tmp_path, "--apps", "plan-review", "--rounds", "1", "--cold-rounds", "1"
    )
    assert [r["page"] for r in rows] == ["bare", "plan-review"]
    bare, app = rows
    assert bare["cold_ratio"] == bare["warm_ratio"] == 1.0
    assert 0 < app["cold_ms"] <= app["cold_ready_ms"] and 0 < app["warm_ms"] <= app["warm_ready_ms"]
    assert app["warm_ratio"] == pytest.approx(app["warm_ms"] / bare["warm_ms"], abs=0.01)
    assert "| plan-review |" in printed


def test_import_benchmark_checks_the_round_trip_and_reports_a_ratio(tmp_path: Path) -> None:
    printed, rows = _run(
        "bench_import.py", tmp_path, "--scale", "camp", "--backend", "sqlite", "--reimport"
    )
    assert "| camp | sqlite |" in printed
    (row,) = rows
    assert row["round_trip"] == "identical" and row["reimport_s"] > 0
    assert row["ratio"] == pytest.approx(row["import_s"] / row["load_s"], rel=0.05)
    assert 0 < row["import_peak_rss_mib"] < 1024
