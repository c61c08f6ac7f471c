"""Latency sampling shared by the benchmark scripts: milliseconds per call, p95."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call of ``run``, ``repeat`` times after one warm-up call."""
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]
