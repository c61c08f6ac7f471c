"""What the generator's steps share: the scale, one random generator, the tables so far.

A detail added to the world later draws from a stream of its own (:meth:`Context.stream`),
seeded from the world's seed, so the rows the main generator made stay as they were.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from workbench.sample.scales import Scale

EPOCH = dt.date(1970, 1, 1)


def day(d: dt.date) -> int:
    """Days since 1970-01-01."""
    return (d - EPOCH).days


def as_dates(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype="int64").astype("datetime64[D]")


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday 0 … Sunday 6 (1970-01-01 was a Thursday)."""
    return (np.asarray(days) + 3) % 7


def allocate(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Split ``total`` into integer parts proportional to ``weights`` (largest remainder)."""
    weights = np.asarray(weights, dtype=float)
    base = np.full(len(weights), minimum, dtype=np.int64)
    rest = total - base.sum()
    if rest <= 0:
        return base
    exact = rest * weights / weights.sum()
    parts = np.floor(exact).astype(np.int64)
    short = rest - parts.sum()
    order = np.argsort(-(exact - parts), kind="stable")
    parts[order[:short]] += 1
    result: np.ndarray = base + parts
    return result


@dataclass
class Context:
    scale: Scale
    rng: np.random.Generator
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    aux: dict[str, Any] = field(default_factory=dict)
    seed: int = 0

    def stream(self, name: str) -> np.random.Generator:
        """A random generator of its own for ``name``, seeded from the world's seed."""
        return np.random.default_rng([self.seed, zlib.crc32(name.encode("utf-8"))])

    @property
    def start(self) -> int:
        return day(self.scale.start)

    @property
    def end(self) -> int:
        return day(self.scale.end)
